import type { Contract } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { closedLabel } from './summarise-event.ts';

/** The terms each contract was signed on, newest first. */
export function ContractTerms({ contracts }: { readonly contracts: readonly Contract[] }) {
  const { t, money, date } = useI18n();
  if (contracts.length === 0) return <p className="muted">{t('client.contract.none')}</p>;
  const sorted = [...contracts].sort((a, b) => b.startDate.localeCompare(a.startDate));
  return (
    <div className="grid">
      {sorted.map((c) => (
        <div key={c.contractId} className="card">
          <dl className="facts">
            <dt>{t('client.contract.period')}</dt>
            <dd>
              {c.endDate ? t('client.contract.fromTo', { from: date(c.startDate), to: date(c.endDate) }) : t('client.contract.from', { from: date(c.startDate) })}
              {c.endReason ? <span className="muted"> — {c.endReason}</span> : null}
            </dd>
            <dt>{t('client.contract.networks')}</dt>
            <dd>{c.networks.length ? c.networks.join(', ') : t('common.none')}</dd>
            <dt>{t('client.contract.fee')}</dt>
            <dd>{money(c.fee)} {closedLabel(t, 'client.cycle', c.feeCycle)}</dd>
            <dt>{t('client.contract.paymentTerms')}</dt>
            <dd>
              {c.dueDayOfMonth !== null ? t('client.contract.dueDay', { day: c.dueDayOfMonth })
                : c.netDays !== null ? t('client.contract.netDays', { count: c.netDays }) : '—'}
            </dd>
            <dt>{t('client.contract.feedback')}</dt>
            <dd>{t('client.contract.businessDays', { count: c.feedbackDays })}</dd>
            <dt>{t('client.contract.approval')}</dt>
            <dd>
              {closedLabel(t, 'client.approvalMode', c.approvalMode)}
              {c.approvalWindowDays !== null ? `, ${t('client.contract.window', { count: c.approvalWindowDays })}` : ''}
              {c.deemedApproval ? `, ${t('client.contract.deemed')}` : ''}
            </dd>
            <dt>{t('client.contract.stopWork')}</dt>
            <dd>{t('client.contract.stopWorkAfter', { count: c.stopWorkAfterDays })}</dd>
            <dt>{t('client.contract.lateInterest')}</dt>
            <dd>{c.lateInterestRatePct ? t('client.contract.ratePct', { rate: c.lateInterestRatePct }) : closedLabel(t, 'client.lateInterest', c.lateInterest)}</dd>
          </dl>
          <p className="muted small">{t('client.contract.id', { id: c.contractId })}</p>
        </div>
      ))}
    </div>
  );
}
