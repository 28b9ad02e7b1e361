import type { Money } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** The effective hourly rate with a worded verdict against the target (never colour alone); the target itself when given. */
export function RateVsTarget({ rate, target, worthIt }: { readonly rate: Money | null; readonly target: Money | null; readonly worthIt: boolean | null }) {
  const { t, money } = useI18n();
  if (!rate) return <span className="muted">{t('dashboard.rate.unknown')}</span>;
  return (
    <span>
      {money(rate)}
      {worthIt === null ? null : (
        <>
          {' '}
          <span className={worthIt ? 'good rate-verdict' : 'bad rate-verdict'}>
            <span aria-hidden="true">{worthIt ? '▲ ' : '▼ '}</span>
            {worthIt ? t('dashboard.rate.good') : t('dashboard.rate.bad')}
          </span>
        </>
      )}
      {target && target.currency === rate.currency
        ? <span className="muted rate-target"> {t('dashboard.rate.target', { target: money(target) })}</span> : null}
    </span>
  );
}
