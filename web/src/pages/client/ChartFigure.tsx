import { useEffect, useRef, useState } from 'react';
import type { Chart } from 'chart.js';
import { useI18n } from '../../i18n/i18n.tsx';
import { loadChart } from './chart-loader.ts';
import { TableWrap } from '../dashboard/TableWrap.tsx';

export interface Series {
  readonly label: string;
  readonly type: 'bar' | 'line';
  readonly data: readonly (number | null)[];
  readonly color: string;
  readonly dashed?: boolean;
  readonly stack?: string;
}

export interface ChartFigureProps {
  /** The figure's heading (an h3) and the canvas's accessible name. */
  readonly title: string;
  /** What the chart shows, in a sentence: the caption under it. */
  readonly caption: string;
  readonly labels: readonly string[];
  /** What a bar's tooltip calls it, when the axis label is a shortened form. */
  readonly tooltipTitles?: readonly string[];
  readonly series: readonly Series[];
  readonly yTitle: string;
  readonly stacked?: boolean;
  /** The text alternative: a table of the same numbers (first column = the labels). */
  readonly table: { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };
}

const reducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/** A chart drawn by chart.js (loaded on first use) with its caption and a data table as its text alternative. */
export function ChartFigure({ title, caption, labels, tooltipTitles, series, yTitle, stacked = false, table }: ChartFigureProps) {
  const { t, locale } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  // The table is made only when asked for: closed, it would still be in the document and repeat
  // every row of the lists below (a request's subject, say) for anyone searching the page.
  const [tableOpen, setTableOpen] = useState(false);

  useEffect(() => {
    let chart: Chart | undefined;
    let cancelled = false;
    loadChart().then((ChartJs) => {
      if (cancelled || !canvas.current) return;
      chart = new ChartJs(canvas.current, {
        type: 'bar',
        data: {
          labels: [...labels],
          datasets: series.map((s) => ({
            type: s.type,
            label: s.label,
            data: [...s.data],
            backgroundColor: s.type === 'bar' ? s.color : 'transparent',
            borderColor: s.color,
            borderWidth: s.type === 'line' ? 2 : 0,
            borderDash: s.dashed ? [6, 4] : [],
            pointRadius: s.type === 'line' ? 0 : undefined,
            stack: s.stack,
            skipNull: true,
          })),
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: reducedMotion() ? false : undefined,
          locale: locale === 'da' ? 'da-DK' : 'en-GB',
          scales: {
            x: { stacked, ticks: { autoSkip: true, maxRotation: 60 } },
            y: { stacked, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: yTitle } },
          },
          plugins: {
            legend: { display: series.length > 1, position: 'bottom' },
            tooltip: { callbacks: { title: (items) => (tooltipTitles && items[0] ? tooltipTitles[items[0].dataIndex] ?? '' : items[0]?.label ?? '') } },
          },
        },
      });
    }, () => setFailed(true));
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [labels, tooltipTitles, series, yTitle, stacked, locale]);

  return (
    <figure className="card chart-figure">
      <h3>{title}</h3>
      {failed ? <p className="notice notice-info">{t('client.chart.failed')}</p> : (
        <div className="chart-box">
          <canvas ref={canvas} role="img" aria-label={`${title}. ${caption}`} />
        </div>
      )}
      <figcaption>{caption}</figcaption>
      <details onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>{t('client.chart.showData')}</summary>
        {tableOpen ? <TableWrap label={title}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead><tr>{table.head.map((h, i) => <th key={i} scope="col" className={i > 0 ? 'num' : undefined}>{h}</th>)}</tr></thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (c === 0 ? <th key={c} scope="row">{cell}</th> : <td key={c} className="num">{cell}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap> : null}
      </details>
    </figure>
  );
}
