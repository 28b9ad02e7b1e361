import { formatDecimal, type Money } from '../money.ts';
import type { Statement } from './statement.ts';

const money = (m: Money) => ({ amount: formatDecimal(m), currency: m.currency });
const maybe = (m: Money | null) => (m === null ? null : money(m));

/** The statement on the wire (CLI `--json`, API): amounts as decimal strings with their currency. */
export function statementJson(client: { clientId: string; name: string }, statement: Statement) {
  return {
    clientId: client.clientId,
    name: client.name,
    at: statement.at,
    lateCharges: statement.lateCharges,
    balances: statement.balances.map((b) => ({
      currency: b.currency, invoiced: money(b.invoiced), credited: money(b.credited), paid: money(b.paid), balance: money(b.balance),
      onAccount: money(b.onAccount), overdue: money(b.overdue), interest: money(b.interest), interestIncomplete: b.interestIncomplete,
    })),
    compensation: statement.compensation.map(money),
    invoices: statement.invoices.map((i) => ({
      invoiceId: i.invoiceId, number: i.number, issueDate: i.issueDate, dueDate: i.dueDate,
      total: money(i.total), credited: money(i.credited), paid: money(i.paid), open: money(i.open), settledOn: i.settledOn, daysLate: i.daysLate,
      late: i.late === null ? null : {
        interest: maybe(i.late.interest), missingRate: i.late.missingRate, compensation: maybe(i.late.compensation), compensationReason: i.late.compensationReason, rule: i.late.rule,
        stretches: i.late.stretches.map((s) => ({ since: s.since, until: s.until, principal: money(s.principal), interest: money(s.interest) })),
      },
    })),
    lines: statement.lines.map((l) => ({ date: l.date, kind: l.kind, reference: l.reference, invoiceId: l.invoiceId, amount: money(l.amount), balance: money(l.balance) })),
  };
}
