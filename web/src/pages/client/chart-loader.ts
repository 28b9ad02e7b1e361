import type { Chart as ChartClass } from 'chart.js';

let loading: Promise<typeof ChartClass> | null = null;

/**
 * chart.js, fetched the first time a chart is drawn and registered with only the pieces our
 * bar and line charts use, so neither the dashboard nor the other pages carry it.
 */
export function loadChart(): Promise<typeof ChartClass> {
  loading ??= import('chart.js').then((m) => {
    m.Chart.register(m.BarController, m.LineController, m.BarElement, m.LineElement, m.PointElement,
      m.CategoryScale, m.LinearScale, m.Tooltip, m.Legend);
    return m.Chart;
  }).catch((error: unknown) => {
    loading = null; // a failed chunk load (offline) may succeed on the next try
    throw error;
  });
  return loading;
}
