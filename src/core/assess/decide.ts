import type { Locale } from '../ledger/wire.ts';
import type { ControlSignals } from './control.ts';
import type { PaymentSignals } from './payment.ts';
import type { Responsiveness } from './responsiveness.ts';
import type { Rules } from './rules.ts';
import { clamp } from './stats.ts';

export const archetypes = ['unresponsive', 'controlling', 'latePayer'] as const;
export type Archetype = (typeof archetypes)[number];

/** One archetype's verdict: a score 0–100, the decision, what it rests on, and why in words. */
export interface Decision {
  readonly score: number;
  readonly flagged: boolean;
  readonly evidence: readonly string[];
  readonly explanation: Readonly<Record<Locale, string>>;
}

const percent = (share: number) => Math.round(100 * clamp(share, 0, 1));

// Every score below is a weighted mean of per-item terms that only grow with the item's
// lateness or load, over a set chosen by due dates or creation dates — never by the
// behaviour being scored. That is what makes "answering earlier never raises the score"
// and its siblings hold (property tests in decide.test.ts).

/** Requests answered late or left open past their due date, weighed over the latest ones. */
export function decideUnresponsive(signals: Responsiveness, rules: Rules['unresponsive']): Decision {
  const recent = signals.considered.slice(-rules.recentRequests);
  const score = recent.length === 0 ? 0
    : percent(recent.reduce((sum, r) => sum + Math.min(1, r.businessDaysLate / rules.fullyLateBusinessDays), 0) / recent.length);
  const late = recent.filter((r) => r.businessDaysLate >= rules.lateBusinessDays);
  const flagged = late.length >= rules.minLateRequests && score >= rules.flagScore;
  const longest = Math.max(0, ...recent.map((r) => r.businessDaysLate));
  return {
    score,
    flagged,
    evidence: late.map((r) => r.requestId),
    explanation: {
      en: `${late.length} of the latest ${recent.length} requests were answered late or are still open past their due date; the longest wait was ${longest} business days.`,
      da: `${late.length} af de seneste ${recent.length} forespørgsler blev besvaret for sent eller er stadig ubesvarede efter fristen; den længste ventetid var ${longest} arbejdsdage.`,
    },
  };
}

/** Trivial client-requested revision rounds and time spent on approvals. */
export function decideControlling(signals: ControlSignals, rules: Rules['controlling']): Decision {
  const deliverables = signals.deliverables.length;
  const roundsLoad = deliverables === 0 ? 0 : Math.min(1, signals.trivialClientRounds / deliverables / rules.fullTrivialRoundsPerDeliverable);
  const timeLoad = Math.min(1, (signals.approvalTimeShare ?? 0) / rules.fullApprovalTimeShare);
  const score = percent(0.6 * roundsLoad + 0.4 * timeLoad);
  const flagged = signals.trivialClientRounds >= rules.minTrivialRounds && score >= rules.flagScore;
  const approvalPct = percent(signals.approvalTimeShare ?? 0);
  return {
    score,
    flagged,
    evidence: signals.deliverables.filter((d) => d.trivialClientRounds > 0).map((d) => d.deliverableId),
    explanation: {
      en: `${signals.trivialClientRounds} of ${signals.clientRounds} revision rounds the client asked for changed fewer than ${rules.trivialChars} characters, over ${deliverables} deliverables; approvals took ${approvalPct}% of the time logged.`,
      da: `${signals.trivialClientRounds} af ${signals.clientRounds} rettelsesrunder, som kunden bad om, ændrede færre end ${rules.trivialChars} tegn, fordelt på ${deliverables} leverancer; godkendelser tog ${approvalPct}% af den registrerede tid.`,
    },
  };
}

/** Days late of the latest invoices, the most recent weighing most. */
export function decideLatePayer(signals: PaymentSignals, rules: Rules['latePayer']): Decision {
  const recent = signals.due.slice(-rules.recentCycles);
  let weighted = 0;
  let weights = 0;
  recent.forEach((invoice, i) => {
    const weight = i + 1;
    weighted += weight * Math.min(1, Math.max(0, invoice.daysLate) / rules.fullyLateDays);
    weights += weight;
  });
  const score = weights === 0 ? 0 : percent(weighted / weights);
  const late = recent.filter((i) => i.daysLate > rules.graceDays);
  const flagged = late.length >= rules.minLateInvoices && score >= rules.flagScore;
  const trend = signals.trendDaysPerCycle ?? 0;
  const trendText = {
    en: trend > 0.5 ? `, about ${Math.round(trend)} days later each cycle` : '',
    da: trend > 0.5 ? `, omkring ${Math.round(trend)} dage senere for hver periode` : '',
  };
  return {
    score,
    flagged,
    evidence: late.map((i) => i.invoiceId),
    explanation: {
      en: `${late.length} of the latest ${recent.length} invoices were paid late or are overdue${trendText.en}; ${signals.openOverdue.length} overdue now, the oldest by ${signals.maxDaysOverdue} days.`,
      da: `${late.length} af de seneste ${recent.length} fakturaer blev betalt for sent eller er forfaldne${trendText.da}; ${signals.openOverdue.length} er forfaldne nu, den ældste med ${signals.maxDaysOverdue} dage.`,
    },
  };
}
