import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { ChartFigure, type ChartFigureProps } from './ChartFigure.tsx';
import type { Insights } from './types.ts';

// Colours of styles.css, dark enough to read on white; the series also differ by kind (bar, dashed line).
const accent = '#1d5fa8';
const bad = '#a11a1a';
const warn = '#8a4b00';
const muted = '#4a5563';

const shorten = (text: string, max = 18) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** The most recent items a bar chart still shows legibly; the table below it has them all. */
const chartLimit = 30;

/** Days late per invoice with its trend, response time per request, approval rounds per deliverable. */
export function Charts({ insights, feedbackDays }: { readonly insights: Insights; readonly feedbackDays: number | null }) {
  const { t, number, date } = useI18n();

  const lateness = useMemo<ChartFigureProps | null>(() => {
    const invoices = insights.invoices;
    if (!invoices.some((i) => i.daysLate !== null)) return null;
    // Every invoice, even in a long history: the trend is over all of them, and x is their position.
    const trend = insights.daysLateTrend;
    const trendAt = (x: number) => (trend ? Math.round((trend.intercept + trend.slope * x) * 10) / 10 : null);
    const slope = trend?.slope ?? 0;
    const direction = !trend ? t('client.chart.late.noTrend')
      : slope > 0.5 ? t('client.chart.late.worse', { days: number(slope, 1) })
      : slope < -0.5 ? t('client.chart.late.better', { days: number(-slope, 1) })
      : t('client.chart.late.steady');
    return {
      title: t('client.chart.late.title'),
      caption: direction,
      labels: invoices.map((i) => i.number),
      yTitle: t('client.chart.late.axis'),
      series: [
        { label: t('client.chart.late.series'), type: 'bar', data: invoices.map((i) => i.daysLate), color: accent },
        ...(trend ? [{ label: t('client.chart.late.trend'), type: 'line' as const, data: invoices.map((_, x) => trendAt(x)), color: bad, dashed: true }] : []),
      ],
      table: {
        head: [t('client.invoices.number'), t('client.invoices.due'), t('client.chart.late.series'), ...(trend ? [t('client.chart.late.trend')] : [])],
        rows: invoices.map((i, x) => [
          i.number, date(i.dueDate),
          i.daysLate === null ? t('client.chart.late.notDue') : `${number(i.daysLate)}${i.paidDate === null ? ` (${t('client.chart.late.unpaid')})` : ''}`,
          ...(trend ? [number(trendAt(x) ?? 0, 1)] : []),
        ]),
      },
    };
  }, [insights, t, number, date]);

  const responses = useMemo<ChartFigureProps | null>(() => {
    const all = insights.requests;
    if (all.length === 0) return null;
    const requests = all.slice(-chartLimit);
    const answered = all.filter((r) => r.responseBusinessDays !== null);
    const average = answered.length ? answered.reduce((s, r) => s + (r.responseBusinessDays ?? 0), 0) / answered.length : null;
    const waiting = all.filter((r) => r.waitingBusinessDays !== null).length;
    return {
      title: t('client.chart.response.title'),
      caption: [
        average === null ? t('client.chart.response.noneAnswered') : t('client.chart.response.average', { days: number(average, 1) }),
        waiting ? t('client.chart.response.waiting', { count: waiting }) : '',
        feedbackDays !== null ? t('client.chart.response.deadline', { count: feedbackDays }) : '',
        all.length > requests.length ? t('client.chart.latest', { count: requests.length }) : '',
      ].filter(Boolean).join(' '),
      labels: requests.map((r) => date(r.sentAt)),
      tooltipTitles: requests.map((r) => r.subject),
      yTitle: t('client.chart.businessDays'),
      series: [
        { label: t('client.chart.response.answered'), type: 'bar', data: requests.map((r) => r.responseBusinessDays), color: accent, stack: 'days' },
        { label: t('client.chart.response.open'), type: 'bar', data: requests.map((r) => r.waitingBusinessDays), color: warn, stack: 'days' },
        ...(feedbackDays !== null ? [{ label: t('client.chart.response.deadlineSeries'), type: 'line' as const, data: requests.map(() => feedbackDays), color: muted, dashed: true }] : []),
      ],
      table: {
        head: [t('client.requests.subject'), t('client.requests.due'), t('client.chart.response.answered'), t('client.chart.response.open')],
        rows: all.map((r) => [
          r.subject, date(r.dueDate),
          r.responseBusinessDays === null ? '—' : number(r.responseBusinessDays),
          r.waitingBusinessDays === null ? '—' : number(r.waitingBusinessDays),
        ]),
      },
    };
  }, [insights, feedbackDays, t, number, date]);

  // A string: no deliverable was revised, so there is a sentence to say and nothing to draw.
  const rounds = useMemo<ChartFigureProps | string | null>(() => {
    const all = insights.deliverables;
    if (all.length === 0) return null;
    const revised = all.filter((d) => d.rounds > 0);
    const deliverables = revised.slice(-chartLimit);
    const clientRounds = all.reduce((s, d) => s + d.clientRounds, 0);
    const caption = [
      t('client.chart.rounds.caption', { rounds: clientRounds, count: all.length, average: number(clientRounds / all.length, 1) }),
      revised.length === 0 ? t('client.chart.rounds.noneRevised') : t('client.chart.rounds.onlyRevised', { count: deliverables.length }),
    ].join(' ');
    if (revised.length === 0) return caption;
    return {
      title: t('client.chart.rounds.title'),
      caption,
      labels: deliverables.map((d) => shorten(d.title)),
      tooltipTitles: deliverables.map((d) => d.title),
      yTitle: t('client.chart.rounds.axis'),
      stacked: true,
      series: [
        { label: t('client.chart.rounds.client'), type: 'bar', data: deliverables.map((d) => d.clientRounds), color: bad },
        { label: t('client.chart.rounds.us'), type: 'bar', data: deliverables.map((d) => Math.max(0, d.rounds - d.clientRounds)), color: accent },
      ],
      table: {
        head: [t('client.chart.rounds.deliverable'), t('client.chart.rounds.client'), t('client.chart.rounds.us'), t('client.chart.rounds.total')],
        rows: revised.map((d) => [d.title, number(d.clientRounds), number(Math.max(0, d.rounds - d.clientRounds)), number(d.rounds)]),
      },
    };
  }, [insights, t, number, date]);

  if (!lateness && !responses && !rounds) return <p className="muted">{t('client.chart.none')}</p>;
  return (
    <div className="chart-grid">
      {lateness ? <ChartFigure {...lateness} /> : null}
      {responses ? <ChartFigure {...responses} /> : null}
      {typeof rounds === 'string' ? (
        <div className="card chart-figure">
          <h3>{t('client.chart.rounds.title')}</h3>
          <p>{rounds}</p>
        </div>
      ) : rounds ? <ChartFigure {...rounds} /> : null}
    </div>
  );
}
