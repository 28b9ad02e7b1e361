import { Fragment } from 'react';
import type { Contract, Money } from '../../api/types.ts';
import { useI18n, type Translate } from '../../i18n/i18n.tsx';
import { closedLabel } from './summarise-event.ts';
import type { InsightContract } from './types.ts';

/** Terms as the insights give them; each optional, for what an amendment changed. */
interface Terms {
  readonly networks?: readonly string[];
  readonly fee?: Money & { readonly cycle: string };
  readonly paymentTerms?: { readonly dueDayOfMonth: number } | { readonly netDays: number };
  readonly feedbackDays?: number;
  readonly approval?: { readonly mode: string; readonly windowDays: number | null; readonly deemedApproval: boolean };
  readonly stopWorkAfterDays?: number;
  readonly lateInterest?: 'statutory' | 'none' | { readonly ratePct: string };
  readonly reminderFees?: boolean;
  readonly rules?: unknown;
}

/** The signed terms in the insights' shape, for before the insights have come (or a contract they lack). */
function signedTerms(c: Contract): Terms {
  return {
    networks: [...c.networks],
    fee: { ...c.fee, cycle: c.feeCycle },
    paymentTerms: c.dueDayOfMonth !== null ? { dueDayOfMonth: c.dueDayOfMonth } : { netDays: c.netDays ?? 0 },
    feedbackDays: c.feedbackDays,
    approval: { mode: c.approvalMode, windowDays: c.approvalWindowDays, deemedApproval: c.deemedApproval },
    stopWorkAfterDays: c.stopWorkAfterDays,
    lateInterest: c.lateInterestRatePct ? { ratePct: c.lateInterestRatePct } : c.lateInterest === 'none' ? 'none' : 'statutory',
  };
}

/** [label, value] for each term present: the whole contract, or what one amendment changed. */
function termLines(terms: Terms, t: Translate, money: (m: Money) => string): [string, string][] {
  const lines: [string, string][] = [];
  if (terms.networks) lines.push([t('client.contract.networks'), terms.networks.length ? terms.networks.join(', ') : t('common.none')]);
  if (terms.fee) lines.push([t('client.contract.fee'), `${money(terms.fee)} ${closedLabel(t, 'client.cycle', terms.fee.cycle)}`]);
  if (terms.paymentTerms) {
    lines.push([t('client.contract.paymentTerms'), 'dueDayOfMonth' in terms.paymentTerms
      ? t('client.contract.dueDay', { day: terms.paymentTerms.dueDayOfMonth }) : t('client.contract.netDays', { count: terms.paymentTerms.netDays })]);
  }
  if (terms.feedbackDays !== undefined) lines.push([t('client.contract.feedback'), t('client.contract.businessDays', { count: terms.feedbackDays })]);
  if (terms.approval) {
    const a = terms.approval;
    lines.push([t('client.contract.approval'), closedLabel(t, 'client.approvalMode', a.mode)
      + (a.windowDays !== null ? `, ${t('client.contract.window', { count: a.windowDays })}` : '')
      + (a.deemedApproval ? `, ${t('client.contract.deemed')}` : '')]);
  }
  if (terms.stopWorkAfterDays !== undefined) lines.push([t('client.contract.stopWork'), t('client.contract.stopWorkAfter', { count: terms.stopWorkAfterDays })]);
  if (terms.lateInterest !== undefined) {
    lines.push([t('client.contract.lateInterest'), typeof terms.lateInterest === 'object'
      ? t('client.contract.ratePct', { rate: terms.lateInterest.ratePct }) : closedLabel(t, 'client.lateInterest', terms.lateInterest)]);
  }
  if (terms.reminderFees !== undefined) lines.push([t('client.contract.reminderFees'), t(terms.reminderFees ? 'client.contract.reminderFeesYes' : 'client.contract.reminderFeesNo')]);
  if (terms.rules !== undefined) lines.push([t('client.contract.rulesChanged'), '✓']);
  return lines;
}

/**
 * Each contract, newest first, in the terms in force today (the insights' terms, amendments
 * applied; the signed ones until they have come), with its amendments and the day each applies from.
 */
export function ContractTerms({ contracts, current = null }: { readonly contracts: readonly Contract[]; readonly current?: readonly InsightContract[] | null }) {
  const { t, money, date } = useI18n();
  if (contracts.length === 0) return <p className="muted">{t('client.contract.none')}</p>;
  const sorted = [...contracts].sort((a, b) => b.startDate.localeCompare(a.startDate));
  return (
    <div className="grid">
      {sorted.map((c) => {
        const now = current?.find((k) => k.contractId === c.contractId);
        return (
          <div key={c.contractId} className="card">
            <dl className="facts">
              <dt>{t('client.contract.period')}</dt>
              <dd>
                {c.endDate ? t('client.contract.fromTo', { from: date(c.startDate), to: date(c.endDate) }) : t('client.contract.from', { from: date(c.startDate) })}
                {c.endReason ? <span className="muted"> — {c.endReason}</span> : null}
              </dd>
              {termLines(now ?? signedTerms(c), t, money).map(([label, value]) => (
                <Fragment key={label}><dt>{label}</dt><dd>{value}</dd></Fragment>
              ))}
            </dl>
            {now && now.amendments.length > 0 ? (
              <>
                <h3 className="small">{t('client.contract.amendments')}</h3>
                <ul className="small">
                  {now.amendments.map((a, i) => (
                    <li key={`${a.effectiveDate}-${i}`}>
                      {t('client.contract.amendedFrom', { date: date(a.effectiveDate) })}{' '}
                      {termLines(a.changes, t, money).map(([label, value]) => `${label}: ${value}`).join('; ')}
                      {a.note ? <span className="muted"> — {a.note}</span> : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p className="muted small">{t('client.contract.id', { id: c.contractId })}</p>
          </div>
        );
      })}
    </div>
  );
}
