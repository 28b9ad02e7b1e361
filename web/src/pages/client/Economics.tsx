import { Fragment } from 'react';
import type { ClientAssessment, Money } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { RateVsTarget } from '../dashboard/RateVsTarget.tsx';
import { duration } from './summarise-event.ts';
import { timeKinds, type Insights } from './types.ts';

/** Where the client's effective hourly rate comes from: time by kind, money in, against the target. */
export function Economics({ insights, assessment }: { readonly insights: Insights | null; readonly assessment: ClientAssessment | null }) {
  const { t, money, date, number } = useI18n();
  const economics = insights?.economics;
  const list = (items: readonly Money[]) => (items.length === 0 ? t('client.economics.nothing') : items.map((m) => money(m)).join(', '));
  const rate = economics?.effectiveHourlyRate ?? assessment?.economics.effectiveHourlyRate ?? null;
  const worthIt = economics ? economics.worthIt : assessment?.economics.worthIt ?? null;
  const total = economics ? timeKinds.reduce((s, k) => s + economics.minutesByKind[k], 0) : 0;
  const overhead = economics ? economics.minutesByKind.chasing + economics.minutesByKind.approvals : 0;

  return (
    <div className="card">
      {economics?.window ? <p className="muted">{t('client.economics.window', { from: date(economics.window.from), to: date(economics.window.to) })}</p> : null}
      <dl className="facts">
        <dt>{t('client.economics.rate')}</dt>
        <dd><RateVsTarget rate={rate} target={economics?.targetHourlyRate ?? null} worthIt={worthIt} /></dd>
        {economics ? (
          <>
            {timeKinds.map((kind) => (
              <Fragment key={kind}>
                <dt>{t(`client.economics.minutes.${kind}`)}</dt>
                <dd>{duration(economics.minutesByKind[kind], t)}</dd>
              </Fragment>
            ))}
            {total > 0 ? (
              <>
                <dt>{t('client.economics.overhead')}</dt>
                <dd>{t('client.economics.overheadValue', { pct: number((overhead / total) * 100), time: duration(overhead, t) })}</dd>
              </>
            ) : null}
            <dt>{t('client.economics.invoiced')}</dt>
            <dd>{list(economics.invoiced)}</dd>
            <dt>{t('client.economics.paid')}</dt>
            <dd>{list(economics.paid)}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
