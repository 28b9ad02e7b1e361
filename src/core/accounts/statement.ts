import type { IsoDate } from '../dates.ts';
import { FirmlyError } from '../errors.ts';
import type { CurrencyCode, Money } from '../money.ts';
import type { AllocationView, ContractView, CreditView, InvoiceView, PaymentView } from '../ledger/read-model.ts';
import type { Jurisdiction, Locale } from '../ledger/wire.ts';
import type { DayCount } from '../law/day-count.ts';
import { fixedCompensation, lateInterest } from '../law/late-interest.ts';

/** One movement on the account, in the order it happened. */
export interface StatementLine {
  readonly date: IsoDate;
  readonly kind: 'invoice' | 'credit' | 'payment';
  /** The invoice number, or the payment id. */
  readonly reference: string;
  readonly invoiceId: string | null;
  /** Positive: the client owes more (an invoice); negative: less (a credit note or a payment). */
  readonly amount: Money;
  /** The balance in this currency after the line. */
  readonly balance: Money;
}

/** Interest and compensation one invoice has earned by being late. */
export interface LateCharge {
  /** Null when a rate the law needs is not in the rate table: see `missingRate`. */
  readonly interest: Money | null;
  /** Why the interest could not be worked out (the rate table lacks a half-year's rate); null when it was. */
  readonly missingRate: string | null;
  /** Once per late invoice, in the law's currency; null where none applies. */
  readonly compensation: Money | null;
  /** Why there is no compensation, where there is none (`not_late`, `consumer`, `no_statute`, …). */
  readonly compensationReason: string;
  /** The rule sentence of the law module: statute, rates and day count. */
  readonly rule: string;
  /** The stretches of unpaid principal the interest ran on: part payments and credits end one. */
  readonly stretches: readonly { readonly since: IsoDate; readonly until: IsoDate; readonly principal: Money; readonly interest: Money }[];
}

export interface StatementInvoice {
  readonly invoiceId: string;
  readonly number: string;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly total: Money;
  readonly credited: Money;
  readonly paid: Money;
  /** total − credited − paid; negative when more came in than was owed. */
  readonly open: Money;
  /** When it was settled in full, if it was by the statement date. */
  readonly settledOn: IsoDate | null;
  /** Days from the due date to payment in full, or to the statement date while open; 0 when not late. */
  readonly daysLate: number;
  readonly late: LateCharge | null;
}

export interface CurrencyBalance {
  readonly currency: CurrencyCode;
  readonly invoiced: Money;
  readonly credited: Money;
  readonly paid: Money;
  /** invoiced − credited − paid: what the client owes (negative: what we owe them). */
  readonly balance: Money;
  /** Payments no invoice took: money on account, already in the balance. */
  readonly onAccount: Money;
  /** Open amounts of invoices past their due date. */
  readonly overdue: Money;
  /** Interest of the late invoices whose interest could be worked out. */
  readonly interest: Money;
  /** Whether some late invoice's interest is missing from `interest` (its rate is not known yet). */
  readonly interestIncomplete: boolean;
}

export interface Statement {
  readonly at: IsoDate;
  readonly lines: readonly StatementLine[];
  readonly invoices: readonly StatementInvoice[];
  readonly balances: readonly CurrencyBalance[];
  /** Fixed compensation per currency of the law it comes from. */
  readonly compensation: readonly Money[];
  /** How late charges were worked out: `statutory` (the law of `jurisdiction`), `contractual` or `none`. */
  readonly lateCharges: { readonly basis: 'statutory' | 'contractual' | 'none'; readonly jurisdiction: Jurisdiction; readonly ratePct: string | null; readonly dayCount: DayCount };
}

export interface StatementInputs {
  readonly at: IsoDate;
  readonly invoices: readonly InvoiceView[];
  readonly credits: readonly CreditView[];
  readonly payments: readonly PaymentView[];
  readonly allocations: readonly AllocationView[];
  /** The contract in force: its `lateInterest` decides the basis; none in force means statutory. */
  readonly contract: ContractView | undefined;
  readonly jurisdiction: Jurisdiction;
  /** The date a credit note counts from (its event's local date). */
  readonly creditDate: (credit: CreditView) => IsoDate;
  readonly dayCount?: DayCount;
  readonly locale?: Locale;
}

const zero = (currency: CurrencyCode): Money => ({ minor: 0, currency });
const plus = (a: Money, minor: number): Money => ({ minor: a.minor + minor, currency: a.currency });
const daysBetween = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * The client's statement of account as of the end of `at`: every invoice, credit note and
 * payment on record by the end of that day, with running balances per currency, and for each
 * late invoice the interest and fixed compensation earned so far. The inputs are the read
 * models replayed to that day (nothing recorded later appears); pure.
 */
export function buildStatement(inputs: StatementInputs): Statement {
  const { at } = inputs;
  const dayCount = inputs.dayCount ?? 'act365';
  const basis = inputs.contract?.lateInterest ?? 'statutory';
  const ratePct = basis === 'contractual' ? inputs.contract?.lateInterestRatePct ?? null : null;
  if (basis === 'contractual' && ratePct === null) throw new FirmlyError('internal', 'a contractual late-interest rate without its rate');
  const paymentsById = new Map(inputs.payments.map((p) => [p.paymentId, p]));
  const invoices = [...inputs.invoices].sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.invoiceId.localeCompare(b.invoiceId));

  const statementInvoices = invoices.map((invoice): StatementInvoice => {
    const credits = inputs.credits.filter((c) => c.invoiceId === invoice.invoiceId);
    const allocations = inputs.allocations.filter((a) => a.invoiceId === invoice.invoiceId);
    const settledOn = invoice.openMinor <= 0 ? invoice.settledOn : null;
    const daysLate = Math.max(0, daysBetween(invoice.dueDate, settledOn ?? at));
    const changes = [
      ...credits.map((c) => ({ date: inputs.creditDate(c), minor: c.amountMinor })),
      ...allocations.map((a) => ({ date: (paymentsById.get(a.paymentId) as PaymentView).date, minor: a.amountMinor })),
    ];
    const late = daysLate > 0 && basis !== 'none' ? lateCharge(invoice, changes, { ...inputs, dayCount, ratePct }, settledOn ?? at) : null;
    return {
      invoiceId: invoice.invoiceId, number: invoice.number, issueDate: invoice.issueDate, dueDate: invoice.dueDate,
      total: { minor: invoice.totalMinor, currency: invoice.currency },
      credited: { minor: invoice.creditedMinor, currency: invoice.currency },
      paid: { minor: invoice.paidMinor, currency: invoice.currency },
      open: { minor: invoice.openMinor, currency: invoice.currency },
      settledOn, daysLate, late,
    };
  });

  const lines = statementLines(invoices, inputs);
  const currencies = [...new Set([...invoices.map((i) => i.currency), ...inputs.payments.map((p) => p.currency)])].sort();
  const balances = currencies.map((currency): CurrencyBalance => {
    const sum = (values: readonly number[]) => ({ minor: values.reduce((n, v) => n + v, 0), currency });
    const own = statementInvoices.filter((i) => i.total.currency === currency);
    const payments = inputs.payments.filter((p) => p.currency === currency);
    const invoiced = sum(own.map((i) => i.total.minor));
    const credited = sum(own.map((i) => i.credited.minor));
    const paid = sum(payments.map((p) => p.amountMinor));
    return {
      currency, invoiced, credited, paid,
      balance: { minor: invoiced.minor - credited.minor - paid.minor, currency },
      onAccount: sum(payments.map((p) => p.unallocatedMinor)),
      overdue: sum(own.filter((i) => i.dueDate < at && i.open.minor > 0).map((i) => i.open.minor)),
      interest: sum(own.map((i) => i.late?.interest?.minor ?? 0)),
      interestIncomplete: own.some((i) => i.late?.missingRate),
    };
  });
  const compensation = new Map<CurrencyCode, Money>();
  for (const late of statementInvoices.flatMap((i) => (i.late?.compensation ? [i.late.compensation] : []))) {
    compensation.set(late.currency, plus(compensation.get(late.currency) ?? zero(late.currency), late.minor));
  }
  return {
    at, lines, invoices: statementInvoices, balances,
    compensation: [...compensation.values()].filter((m) => m.minor > 0).sort((a, b) => a.currency.localeCompare(b.currency)),
    lateCharges: { basis, jurisdiction: inputs.jurisdiction, ratePct, dayCount },
  };
}

/**
 * Interest on what stayed unpaid, stretch by stretch: from the due date, each payment or
 * credit note lowers the principal from its date on. The rate is always the claim's (for
 * GB, fixed when interest started), whichever stretch is counted.
 */
function lateCharge(invoice: InvoiceView, changes: readonly { date: IsoDate; minor: number }[], options: StatementInputs & { dayCount: DayCount; ratePct: string | null }, until: IsoDate): LateCharge {
  const currency = invoice.currency;
  const contractual = options.ratePct === null ? {} : { contractualRatePct: options.ratePct };
  const common = { jurisdiction: options.jurisdiction, dueDate: invoice.dueDate, dayCount: options.dayCount, claimArose: invoice.issueDate < invoice.dueDate ? invoice.issueDate : invoice.dueDate, locale: options.locale ?? 'en', ...contractual };
  let principal = invoice.totalMinor - changes.filter((c) => c.date <= invoice.dueDate).reduce((n, c) => n + c.minor, 0);
  const owedAtDue = principal;
  const later = changes.filter((c) => c.date > invoice.dueDate && c.date <= until).sort((a, b) => a.date.localeCompare(b.date));
  const stretches: { since: IsoDate; until: IsoDate; principal: Money; interest: Money }[] = [];
  let since = invoice.dueDate;
  let rule: string | undefined;
  const accrue = (to: IsoDate) => {
    if (principal <= 0 || to <= since) return;
    const result = lateInterest({ ...common, principal: { minor: principal, currency }, since, paidDate: to });
    rule ??= result.rule;
    stretches.push({ since, until: to, principal: { minor: principal, currency }, interest: result.interest });
  };
  const compensation = fixedCompensationOf(invoice, owedAtDue, until, common);
  try {
    for (const change of later) {
      accrue(change.date);
      since = change.date > since ? change.date : since;
      principal -= change.minor;
    }
    accrue(until);
    rule ??= lateInterest({ ...common, principal: { minor: Math.max(0, owedAtDue), currency }, paidDate: until }).rule;
  } catch (error) {
    // A half-year the rate table does not know: the law module asks for the rate rather than
    // guess. The rest of the statement still stands; this invoice's interest says what is missing.
    if (!(error instanceof FirmlyError && error.code === 'law.rate_unknown')) throw error;
    return { interest: null, missingRate: error.message, compensation: compensation.amount, compensationReason: compensation.reason, rule: '', stretches: [] };
  }
  return {
    interest: { minor: stretches.reduce((n, s) => n + s.interest.minor, 0), currency },
    missingRate: null,
    compensation: compensation.amount,
    compensationReason: compensation.reason,
    rule,
    stretches,
  };
}

function fixedCompensationOf(invoice: InvoiceView, owedAtDue: number, until: IsoDate, common: { jurisdiction: Jurisdiction; dueDate: IsoDate; claimArose: IsoDate; contractualRatePct?: string }): { amount: Money | null; reason: string } {
  if (owedAtDue <= 0) return { amount: null, reason: 'not_late' };
  try {
    const result = fixedCompensation({ ...common, principal: { minor: owedAtDue, currency: invoice.currency }, paidDate: until, contractual: common.contractualRatePct !== undefined });
    return { amount: result.amount.minor > 0 ? result.amount : null, reason: result.reason };
  } catch (error) {
    // The GB sum depends on the size of the debt in pounds: another currency cannot be banded
    // without an exchange rate we do not have. Say so rather than guess.
    if (error instanceof FirmlyError && error.details['field'] === 'currency') return { amount: null, reason: 'needs_conversion' };
    throw error;
  }
}

function statementLines(invoices: readonly InvoiceView[], inputs: StatementInputs): StatementLine[] {
  const numbers = new Map(invoices.map((i) => [i.invoiceId, i.number]));
  const movements = [
    ...invoices.map((i) => ({ date: i.issueDate, order: 0, kind: 'invoice' as const, reference: i.number, invoiceId: i.invoiceId as string | null, minor: i.totalMinor, currency: i.currency })),
    ...inputs.credits.map((c) => ({
      date: inputs.creditDate(c), order: 1, kind: 'credit' as const, reference: numbers.get(c.invoiceId) ?? c.invoiceId, invoiceId: c.invoiceId as string | null, minor: -c.amountMinor, currency: c.currency,
    })),
    ...inputs.payments.map((p) => ({ date: p.date, order: 2, kind: 'payment' as const, reference: p.paymentId, invoiceId: null, minor: -p.amountMinor, currency: p.currency })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order || a.reference.localeCompare(b.reference));
  const running = new Map<CurrencyCode, number>();
  return movements.map((m) => {
    const balance = (running.get(m.currency) ?? 0) + m.minor;
    running.set(m.currency, balance);
    return { date: m.date, kind: m.kind, reference: m.reference, invoiceId: m.invoiceId, amount: { minor: m.minor, currency: m.currency }, balance: { minor: balance, currency: m.currency } };
  });
}
