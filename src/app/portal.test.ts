import { describe, expect, it } from 'vitest';
import type { StatementInvoice } from '../core/accounts/statement.ts';
import type { IsoDate } from '../core/dates.ts';
import type { CurrencyCode } from '../core/money.ts';
import { invoiceStatus } from './portal.ts';

const dkk = (minor: number) => ({ minor, currency: 'DKK' as CurrencyCode });
const invoice = (over: { total?: number; credited?: number; paid?: number; dueDate?: string }): StatementInvoice => {
  const total = over.total ?? 1000;
  const credited = over.credited ?? 0;
  const paid = over.paid ?? 0;
  return {
    invoiceId: 'i1', number: 'N-1', issueDate: '2026-11-01' as IsoDate, dueDate: (over.dueDate ?? '2026-11-15') as IsoDate,
    total: dkk(total), credited: dkk(credited), paid: dkk(paid), open: dkk(total - credited - paid), settledOn: null, daysLate: 0, late: null,
  };
};

describe('an invoice as the portal shows it', () => {
  it.each([
    ['open until its due date', {}, '2026-11-15', 'open'],
    ['overdue from the day after', {}, '2026-11-16', 'overdue'],
    ['overdue while partly paid', { paid: 400 }, '2026-11-20', 'overdue'],
    ['paid once nothing is left, even with a credit note', { paid: 700, credited: 300 }, '2026-11-20', 'paid'],
    ['credited when a credit note cleared it without payment', { credited: 1000 }, '2026-11-20', 'credited'],
  ] as const)('is %s', (_name, over, today, status) => {
    expect(invoiceStatus(invoice(over), today as IsoDate)).toBe(status);
  });
});
