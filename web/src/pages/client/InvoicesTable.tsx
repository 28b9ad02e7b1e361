import { useState } from 'react';
import type { Invoice, Payment } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { isZero } from '../dashboard/format.ts';
import { TableWrap } from '../dashboard/TableWrap.tsx';

const collapsedCount = 12;

/** Invoices newest first with what is still open on each, and payments not yet matched to one. */
export function InvoicesTable({ invoices, payments, today }: { readonly invoices: readonly Invoice[]; readonly payments: readonly Payment[]; readonly today: string }) {
  const { t, money, date } = useI18n();
  const [showAll, setShowAll] = useState(false);
  if (invoices.length === 0) return <p className="muted">{t('client.invoices.none')}</p>;
  const sorted = [...invoices].sort((a, b) => b.dueDate.localeCompare(a.dueDate) || b.issueDate.localeCompare(a.issueDate));
  const shown = showAll ? sorted : sorted.filter((i, n) => n < collapsedCount || !isZero(i.open.amount));
  const unallocated = payments.filter((p) => !isZero(p.unallocated.amount));

  const status = (i: Invoice) => {
    if (isZero(i.open.amount)) {
      return isZero(i.paid.amount) && !isZero(i.credited.amount)
        ? <span className="badge badge-muted">{t('client.invoices.credited')}</span>
        : <span className="badge badge-ok">{i.settledOn ? t('client.invoices.paidOn', { date: date(i.settledOn) }) : t('client.invoices.paid')}</span>;
    }
    return i.dueDate < today
      ? <span className="badge badge-bad">{t('client.invoices.overdue')}</span>
      : <span className="badge badge-warn">{t('client.invoices.open')}</span>;
  };

  return (
    <>
      <TableWrap label={t('client.invoices.title')}>
        <table className="stack">
          <caption className="visually-hidden">{t('client.invoices.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('client.invoices.number')}</th>
              <th scope="col">{t('client.invoices.issued')}</th>
              <th scope="col">{t('client.invoices.due')}</th>
              <th scope="col" className="num">{t('client.invoices.total')}</th>
              <th scope="col" className="num">{t('client.invoices.paidAmount')}</th>
              <th scope="col" className="num">{t('client.invoices.openAmount')}</th>
              <th scope="col">{t('client.invoices.status')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.invoiceId}>
                <td data-label={t('client.invoices.number')}>{i.number}</td>
                <td data-label={t('client.invoices.issued')}>{date(i.issueDate)}</td>
                <td data-label={t('client.invoices.due')}>{date(i.dueDate)}</td>
                <td data-label={t('client.invoices.total')} className="num">
                  {money(i.total)}
                  {!isZero(i.credited.amount) ? <span className="muted small block">{t('client.invoices.creditedAmount', { amount: money(i.credited) })}</span> : null}
                </td>
                <td data-label={t('client.invoices.paidAmount')} className="num">{money(i.paid)}</td>
                <td data-label={t('client.invoices.openAmount')} className="num"><strong>{money(i.open)}</strong></td>
                <td data-label={t('client.invoices.status')}>{status(i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {shown.length < sorted.length || showAll ? (
        <button type="button" className="button-secondary show-more" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll}>
          {showAll ? t('client.list.fewer') : t('client.invoices.all', { count: sorted.length })}
        </button>
      ) : null}
      {unallocated.length > 0 ? (
        <p className="muted">
          {t('client.invoices.unallocated', { amounts: unallocated.map((p) => money(p.unallocated)).join(', ') })}
        </p>
      ) : null}
    </>
  );
}
