import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate } from '../dates.ts';
import { addDays } from '../dates.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { asOf, localDate, replayClient } from '../assess/replay.ts';
import { contractInForce } from '../assess/assess-client.ts';
import { buildStatement, type Statement } from './statement.ts';
import { dkk, ev } from '../../../test/support/ledger-events.ts';

const client = (jurisdiction = 'DK') => ev('client.added', '2025-01-02T09:00:00Z', { clientId: 'c1', name: 'Client', locale: 'en', jurisdiction, contacts: [] });
const contract = (lateInterest: unknown) => ev('contract.signed', '2025-01-02T10:00:00Z', {
  contractId: 'k1', clientId: 'c1', startDate: '2025-01-05', networks: ['instagram'], fee: { amount: '1000.00', currency: 'DKK', cycle: 'monthly' },
  paymentTerms: { netDays: 14 }, feedbackDays: 3, approval: { mode: 'none' }, stopWorkAfterDays: 14, lateInterest,
});
const invoice = (id: string, issued: string, due: string, total: string, currency = 'DKK') =>
  ev('invoice.issued', `${issued}T09:00:00Z`, { invoiceId: id, clientId: 'c1', number: id.toUpperCase(), issueDate: issued, dueDate: due, total: { amount: total, currency } });
const payment = (id: string, date: string, amount: string, invoiceIds?: string[], currency = 'DKK') =>
  ev('payment.received', `${date}T10:00:00Z`, { paymentId: id, clientId: 'c1', date, amount: { amount, currency }, ...(invoiceIds ? { invoiceIds } : {}) });
const credit = (invoiceId: string, date: string, amount: string) => ev('invoice.credited', `${date}T11:00:00Z`, { invoiceId, amount: dkk(amount) });

function statementOf(events: readonly LedgerEvent[], at: string, jurisdiction: 'DK' | 'GB' | 'NONE' = 'DK'): Statement {
  const when = asOf(at as IsoDate, 'UTC');
  const { state } = replayClient('c1' as ClientId, events, when);
  return buildStatement({
    at: when.date, invoices: state.all('invoice'), credits: state.all('credit'), payments: state.all('payment'), allocations: state.all('allocation'),
    contract: contractInForce(state.all('contract'), state.all('contractAmendment'), when.date), jurisdiction, creditDate: (c) => localDate(c.at, 'UTC'),
  });
}

describe('a statement of account', () => {
  it('charges statutory interest per half-year and the fixed compensation on a late invoice (the issue\'s DK example)', () => {
    const s = statementOf([client(), contract('statutory'), invoice('i1', '2025-05-01', '2025-05-31', '25000.00'), payment('p1', '2025-08-29', '25000.00')], '2025-09-30');
    const late = s.invoices[0]?.late;
    expect(s.invoices[0]).toMatchObject({ daysLate: 90, settledOn: '2025-08-29' });
    expect(late?.interest).toEqual({ minor: 621_58, currency: 'DKK' });
    expect(late?.compensation).toEqual({ minor: 310_00, currency: 'DKK' });
    expect(s.balances).toMatchObject([{ currency: 'DKK', balance: { minor: 0 }, interest: { minor: 621_58 }, interestIncomplete: false }]);
    expect(s.compensation).toEqual([{ minor: 310_00, currency: 'DKK' }]);
  });

  it('runs interest on what stays unpaid: a part payment ends one stretch and starts a smaller one', () => {
    const events = [client(), contract('statutory'), invoice('i1', '2025-05-01', '2025-05-31', '25000.00'), payment('p1', '2025-07-15', '10000.00'), payment('p2', '2025-08-29', '15000.00')];
    const late = statementOf(events, '2025-09-30').invoices[0]?.late;
    expect(late?.stretches.map((x) => [x.since, x.until, x.principal.minor])).toEqual([['2025-05-31', '2025-07-15', 25_000_00], ['2025-07-15', '2025-08-29', 15_000_00]]);
    // 30 days at 10.75 % and 15 at 9.75 % on 25,000; then 45 days at 9.75 % on 15,000.
    const expected = Math.round((25_000_00 * (30 * 0.1075 + 15 * 0.0975)) / 365) + Math.round((15_000_00 * 45 * 0.0975) / 365);
    expect(late?.interest?.minor).toBe(expected);
  });

  it('counts an open invoice\'s interest to the statement date, and nothing for one paid on time', () => {
    const s = statementOf([client(), contract('statutory'), invoice('i1', '2025-05-01', '2025-05-31', '1000.00'), invoice('i2', '2025-06-01', '2025-06-30', '1000.00'), payment('p1', '2025-06-30', '1000.00', ['i2'])], '2025-06-30');
    expect(s.invoices.map((i) => [i.invoiceId, i.daysLate, i.late?.interest?.minor ?? null])).toEqual([['i1', 30, Math.round((1000_00 * 30 * 0.1075) / 365)], ['i2', 0, null]]);
    expect(s.balances[0]).toMatchObject({ balance: { minor: 1000_00 }, overdue: { minor: 1000_00 } });
  });

  it('charges nothing where the contract says none, and the contract\'s rate where it names one', () => {
    const events = (lateInterest: unknown) => [client(), contract(lateInterest), invoice('i1', '2025-05-01', '2025-05-31', '36500.00'), payment('p1', '2025-06-30', '36500.00')];
    expect(statementOf(events('none'), '2025-07-01').invoices[0]?.late).toBeNull();
    const contractual = statementOf(events({ ratePct: '10.00' }), '2025-07-01');
    expect(contractual.invoices[0]?.late?.interest).toEqual({ minor: 300_00, currency: 'DKK' });
    expect(contractual.lateCharges).toEqual({ basis: 'contractual', jurisdiction: 'DK', ratePct: '10.00', dayCount: 'act365' });
  });

  it('reports a rate the table lacks on the invoice it concerns, and keeps the rest of the statement', () => {
    const s = statementOf([client(), contract('statutory'), invoice('i1', '2026-07-01', '2026-07-31', '1000.00')], '2026-09-30');
    expect(s.invoices[0]?.late).toMatchObject({ interest: null, missingRate: expect.stringContaining('2026-07-01') });
    expect(s.balances[0]).toMatchObject({ balance: { minor: 1000_00 }, interestIncomplete: true });
  });

  it('keeps money on account and credit notes in the balance, and lines running to it', () => {
    const s = statementOf([client('NONE'), contract('statutory'), invoice('i1', '2025-05-01', '2025-05-31', '1000.00'), credit('i1', '2025-05-10', '200.00'), payment('p1', '2025-05-20', '1000.00')], '2025-06-30', 'NONE');
    expect(s.balances[0]).toMatchObject({ invoiced: { minor: 1000_00 }, credited: { minor: 200_00 }, paid: { minor: 1000_00 }, balance: { minor: -200_00 }, onAccount: { minor: 200_00 } });
    expect(s.lines.map((l) => [l.kind, l.amount.minor, l.balance.minor])).toEqual([['invoice', 1000_00, 1000_00], ['credit', -200_00, 800_00], ['payment', -1000_00, -200_00]]);
  });

  it('always balances: invoices − credits − payments, the last line, and open items less money on account agree', () => {
    const day = fc.integer({ min: 0, max: 120 }).map((n) => addDays('2025-01-10' as IsoDate, n));
    const item = fc.oneof(
      fc.record({ kind: fc.constant('invoice' as const), day, minor: fc.integer({ min: 1, max: 5_000_00 }), currency: fc.constantFrom('DKK', 'EUR'), net: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant('payment' as const), day, minor: fc.integer({ min: 1, max: 5_000_00 }), currency: fc.constantFrom('DKK', 'EUR'), names: fc.boolean() }),
      fc.record({ kind: fc.constant('credit' as const), day, minor: fc.integer({ min: 1, max: 1_000_00 }), target: fc.nat() }),
    );
    fc.assert(fc.property(fc.array(item, { maxLength: 25 }), (items) => {
      const events: LedgerEvent[] = [client('NONE'), contract('none')];
      const invoices: string[] = [];
      items.sort((a, b) => a.day.localeCompare(b.day)).forEach((it, i) => {
        const amount = `${Math.floor(it.minor / 100)}.${String(it.minor % 100).padStart(2, '0')}`;
        if (it.kind === 'invoice') {
          invoices.push(`i${i}:${it.currency}`);
          events.push(invoice(`i${i}`, it.day, addDays(it.day, it.net), amount, it.currency));
        } else if (it.kind === 'payment') {
          const named = invoices.filter((x) => x.endsWith(it.currency)).map((x) => x.split(':')[0] as string).slice(-1);
          events.push(payment(`p${i}`, it.day, amount, it.names && named.length > 0 ? named : undefined, it.currency));
        } else if (invoices.length > 0) {
          const [id, currency] = (invoices[it.target % invoices.length] as string).split(':') as [string, string];
          events.push(ev('invoice.credited', `${it.day}T11:00:00Z`, { invoiceId: id, amount: { amount, currency } }));
        }
      });
      const s = statementOf(events, '2025-12-31', 'NONE');
      for (const b of s.balances) {
        expect(b.balance.minor).toBe(b.invoiced.minor - b.credited.minor - b.paid.minor);
        const lastLine = s.lines.filter((l) => l.amount.currency === b.currency).at(-1);
        expect(lastLine?.balance.minor ?? 0).toBe(b.balance.minor);
        const open = s.invoices.filter((i) => i.open.currency === b.currency).reduce((n, i) => n + i.open.minor, 0);
        expect(open - b.onAccount.minor).toBe(b.balance.minor);
      }
    }), { numRuns: 200 });
  });
});
