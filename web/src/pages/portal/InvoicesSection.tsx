import { useI18n } from '../../i18n/i18n.tsx';
import type { Money } from '../../api/types.ts';
import type { PortalInvoice, PortalInvoiceStatus } from './types.ts';

const tone: Record<PortalInvoiceStatus, string> = { open: 'badge-muted', overdue: 'badge-warn', paid: 'badge-ok', credited: 'badge-muted' };

/** The client's invoices with what is still open on each, and the balance per currency. */
export function InvoicesSection({ invoices, balance }: { readonly invoices: readonly PortalInvoice[]; readonly balance: readonly Money[] }) {
  const { t, money, date } = useI18n();
  const owing = balance.filter((m) => Number(m.amount) !== 0);
  const sorted = [...invoices].sort((a, b) => b.issueDate.localeCompare(a.issueDate));
  return (
    <section aria-labelledby="portal-invoices">
      <h2 id="portal-invoices">{t('portal.invoices.title')}</h2>
      {sorted.length === 0 ? <p className="muted">{t('portal.invoices.none')}</p> : (
        <div className="table-wrap">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t('portal.invoices.number')}</th>
                <th scope="col">{t('portal.invoices.issued')}</th>
                <th scope="col">{t('portal.invoices.due')}</th>
                <th scope="col" className="num">{t('portal.invoices.total')}</th>
                <th scope="col" className="num">{t('portal.invoices.outstanding')}</th>
                <th scope="col">{t('portal.invoices.status')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((i) => (
                <tr key={i.invoiceId}>
                  <td data-label={t('portal.invoices.number')}>{i.number}</td>
                  <td data-label={t('portal.invoices.issued')}>{date(i.issueDate)}</td>
                  <td data-label={t('portal.invoices.due')}>{date(i.dueDate)}</td>
                  <td data-label={t('portal.invoices.total')} className="num">{money(i.total)}</td>
                  <td data-label={t('portal.invoices.outstanding')} className="num">{money(i.outstanding)}</td>
                  <td data-label={t('portal.invoices.status')}><span className={`badge ${tone[i.status]}`}>{t(`portal.invoice.${i.status}`)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="portal-balance">
        {owing.length === 0 ? t('portal.balance.none') : t('portal.balance', { amount: owing.map((m) => money(m)).join(' + ') })}
      </p>
    </section>
  );
}
