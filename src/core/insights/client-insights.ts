import type { ClientAssessment } from '../assess/assess-client.ts';
import type { AsOf, ClientHistory } from '../assess/replay.ts';
import type { BusinessCalendar } from '../calendar/business-days.ts';
import type { IsoDate } from '../dates.ts';
import { parseMoney, type CurrencyCode, type Money } from '../money.ts';
import type { AccessGrantView, AmendedTerms, ContractAmendmentView, ContractView, DeliverableView } from '../ledger/read-model.ts';
import { amendmentsOf, contractTermsOn } from '../ledger/contract-terms.ts';
import type { RulesOverride } from '../ledger/rules-wire.ts';
import type { Locale } from '../ledger/wire.ts';
import { timeKinds, type EventData } from '../ledger/events.ts';
import { daysLateTrend, invoiceHistory, type InvoiceHistoryLine } from './invoice-history.ts';
import { requestTimes, type RequestTimes } from './request-times.ts';
import type { TrendLine } from './trend.ts';

type TimeKind = (typeof timeKinds)[number];
type ContractData = EventData<'contract.signed'>;

type Approval = { readonly mode: ContractView['approvalMode']; readonly windowDays: number | null; readonly deemedApproval: boolean };
type LateInterest = 'statutory' | 'none' | { readonly ratePct: string };

/** The terms one amendment changed, in the shape of `ContractTerms`: only those it named. */
export interface TermChanges {
  readonly networks?: readonly string[];
  readonly fee?: Money & { readonly cycle: ContractView['feeCycle'] };
  readonly paymentTerms?: ContractData['paymentTerms'];
  readonly feedbackDays?: number;
  readonly approval?: Approval;
  readonly stopWorkAfterDays?: number;
  readonly lateInterest?: LateInterest;
  readonly reminderFees?: boolean;
  /** The contract's own assessment thresholds, replaced. */
  readonly rules?: RulesOverride;
}

/** One `contract.amended`: from which day, what it changed, and why. */
export interface AmendmentLine {
  readonly effectiveDate: IsoDate;
  readonly changes: TermChanges;
  readonly note: string | null;
}

/**
 * A contract in the terms in force on the day (LEDGER.md `contract.signed`, with the
 * amendments effective by then applied), with its end and every amendment, in the order they apply.
 */
export interface ContractTerms {
  readonly contractId: string;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate | null;
  readonly networks: readonly string[];
  readonly fee: Money & { readonly cycle: ContractView['feeCycle'] };
  readonly paymentTerms: ContractData['paymentTerms'];
  readonly feedbackDays: number;
  /** Always all three fields, unlike the ledger's optional ones: absent there reads as null and false. */
  readonly approval: Approval;
  readonly stopWorkAfterDays: number;
  readonly lateInterest: LateInterest;
  /** Whether reminder fees may be charged. */
  readonly reminderFees: boolean;
  /** Every amendment, also those taking effect after the day. */
  readonly amendments: readonly AmendmentLine[];
}

export interface AccessLine {
  readonly network: string;
  readonly account: string;
  readonly level: AccessGrantView['level'];
  readonly status: 'granted' | 'revoked' | 'handedOver';
}

export interface DeliverableLine {
  readonly deliverableId: string;
  readonly title: string;
  readonly network: string | null;
  readonly rounds: number;
  readonly clientRounds: number;
  readonly published: boolean;
}

/** Where the client's effective hourly rate comes from, over the assessment's window. */
export interface EconomicsBreakdown {
  readonly window: { readonly from: IsoDate; readonly to: IsoDate };
  readonly minutesByKind: Readonly<Record<TimeKind, number>>;
  /** Invoiced net of credits, by issue date in the window, per currency. */
  readonly invoiced: readonly Money[];
  /** Payments dated in the window, per currency. */
  readonly paid: readonly Money[];
  readonly effectiveHourlyRate: Money | null;
  readonly targetHourlyRate: Money | null;
  readonly worthIt: boolean | null;
}

/** Everything the client page charts and lists, as of the end of a day. */
export interface ClientInsights {
  readonly clientId: string;
  readonly name: string;
  readonly locale: Locale;
  readonly at: IsoDate;
  readonly invoices: readonly InvoiceHistoryLine[];
  readonly daysLateTrend: TrendLine | null;
  readonly requests: readonly RequestTimes[];
  readonly deliverables: readonly DeliverableLine[];
  readonly economics: EconomicsBreakdown;
  readonly contracts: readonly ContractTerms[];
  readonly access: readonly AccessLine[];
  readonly workPaused: boolean;
  /** When a request sent on `at` falls due: the contract's feedback days, in the client's business days; null without a contract. */
  readonly answerDueIfAskedToday: IsoDate | null;
}

function sumByCurrency(items: readonly { minor: number; currency: CurrencyCode }[]): Money[] {
  const sums = new Map<CurrencyCode, number>();
  for (const { minor, currency } of items) sums.set(currency, (sums.get(currency) ?? 0) + minor);
  return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => ({ minor, currency }));
}

/** What an amendment changed, in the shape of the terms (money parsed, approval in full). */
function termChanges(terms: AmendedTerms): TermChanges {
  const { fee, approval, ...rest } = terms;
  return {
    ...rest,
    ...(fee ? { fee: { ...parseMoney(fee.amount, fee.currency), cycle: fee.cycle } } : {}),
    ...(approval ? { approval: { mode: approval.mode, windowDays: approval.windowDays ?? null, deemedApproval: approval.deemedApproval ?? false } } : {}),
  };
}

/** The contract in the terms in force on `date` (as signed before its first amendment takes effect), with its amendments. */
export function contractTerms(signed: ContractView, amendments: readonly ContractAmendmentView[], date: IsoDate): ContractTerms {
  const c = contractTermsOn(signed, amendments, date);
  return {
    contractId: c.contractId, startDate: c.startDate, endDate: c.endDate, networks: c.networks,
    fee: { minor: c.feeMinor, currency: c.feeCurrency, cycle: c.feeCycle },
    paymentTerms: c.dueDayOfMonth !== null ? { dueDayOfMonth: c.dueDayOfMonth } : { netDays: c.netDays ?? 0 },
    feedbackDays: c.feedbackDays,
    approval: { mode: c.approvalMode, windowDays: c.approvalWindowDays, deemedApproval: c.deemedApproval },
    stopWorkAfterDays: c.stopWorkAfterDays,
    lateInterest: c.lateInterest === 'contractual' ? { ratePct: c.lateInterestRatePct ?? '0' } : c.lateInterest,
    reminderFees: c.reminderFees,
    amendments: amendmentsOf(signed, amendments).map((a) => ({ effectiveDate: a.effectiveDate, changes: termChanges(a.terms), note: a.note })),
  };
}

// A hand-over ends our access for good, so it wins over a revocation recorded before it.
const accessStatus = (g: AccessGrantView): AccessLine['status'] => (g.handedOverAt !== null ? 'handedOver' : g.revokedAt !== null ? 'revoked' : 'granted');

const deliverableLine = (d: DeliverableView): DeliverableLine => ({
  deliverableId: d.deliverableId, title: d.title, network: d.network, rounds: d.revisions, clientRounds: d.clientRevisions, published: d.publishedAt !== null,
});

/** The client's page from its replayed history and its assessment on the same day. */
export function clientInsights(history: ClientHistory, assessment: ClientAssessment, calendar: BusinessCalendar, when: AsOf): ClientInsights {
  const { state } = history;
  const client = state.get('client', history.clientId);
  const invoices = invoiceHistory(state.all('invoice'), when.date);
  const { window, target, worthIt } = assessment.economics;
  const inWindow = (date: IsoDate) => date >= window.from && date <= window.to;
  const minutesByKind = Object.fromEntries(timeKinds.map((kind) => [kind, 0])) as Record<TimeKind, number>;
  for (const entry of state.all('timeEntry')) if (inWindow(entry.date)) minutesByKind[entry.kind] += entry.minutes;
  return {
    clientId: assessment.clientId,
    name: assessment.name,
    locale: assessment.locale,
    at: when.date,
    invoices,
    daysLateTrend: daysLateTrend(invoices),
    requests: requestTimes(state.all('request'), calendar, when),
    deliverables: state.all('deliverable').sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.deliverableId.localeCompare(b.deliverableId)).map(deliverableLine),
    economics: {
      window: { from: window.from, to: window.to },
      minutesByKind,
      invoiced: sumByCurrency(state.all('invoice').filter((i) => inWindow(i.issueDate)).map((i) => ({ minor: i.totalMinor - i.creditedMinor, currency: i.currency }))),
      paid: sumByCurrency(state.all('payment').filter((p) => inWindow(p.date)).map((p) => ({ minor: p.amountMinor, currency: p.currency }))),
      effectiveHourlyRate: window.hourlyRate,
      targetHourlyRate: target,
      worthIt,
    },
    contracts: state.all('contract').sort((a, b) => a.startDate.localeCompare(b.startDate) || a.contractId.localeCompare(b.contractId))
      .map((c) => contractTerms(c, state.all('contractAmendment'), when.date)),
    access: state.all('accessGrant').sort((a, b) => a.network.localeCompare(b.network) || a.account.localeCompare(b.account))
      .map((g) => ({ network: g.network, account: g.account, level: g.level, status: accessStatus(g) })),
    workPaused: client?.paused ?? false,
    answerDueIfAskedToday: assessment.contract ? calendar.addBusinessDays(when.date, assessment.contract.feedbackDays) : null,
  };
}
