import type { RulesOverride } from '../ledger/rules-wire.ts';

/**
 * The thresholds of the three decisions. Defaults are chosen so that one late answer or one
 * late payment never flags a client and a sustained pattern always does (README: "How
 * Firmly decides"). A workspace configures them with a `workspace.rules` event and a contract overrides
 * them with its own `rules` (see `mergeRules`).
 */
export interface Rules {
  readonly unresponsive: {
    /** How many of the latest due requests are weighed. */
    readonly recentRequests: number;
    /** Business days late at which a request counts as fully late (score contribution 1). */
    readonly fullyLateBusinessDays: number;
    /** Business days late from which a request counts as late for the flag. */
    readonly lateBusinessDays: number;
    /** At least this many late requests among the recent ones … */
    readonly minLateRequests: number;
    /** … and a score of at least this flag the client. */
    readonly flagScore: number;
  };
  readonly controlling: {
    readonly windowDays: number;
    /** A client-requested revision changing fewer characters than this is trivial. */
    readonly trivialChars: number;
    /** Trivial client rounds per deliverable that count as the full load. */
    readonly fullTrivialRoundsPerDeliverable: number;
    /** Share of logged time on approvals that counts as the full load. */
    readonly fullApprovalTimeShare: number;
    readonly minTrivialRounds: number;
    readonly flagScore: number;
  };
  readonly latePayer: {
    readonly recentCycles: number;
    /** Days after the due date still counted as on time (bank transfers take a day or two). */
    readonly graceDays: number;
    /** Days late at which an invoice counts as fully late. */
    readonly fullyLateDays: number;
    readonly minLateInvoices: number;
    readonly flagScore: number;
  };
  readonly economics: {
    readonly windowDays: number;
  };
  readonly plan: {
    /** Business days between one request reminder and the next, the first coming the business day after the due date. */
    readonly requestReminderEveryBusinessDays: number;
    /** Days after the due date of the first payment reminder (the one that lets the client save face). */
    readonly firstPaymentReminderAfterDays: number;
    /** Days after the first payment reminder's due date of the second, with the statement. */
    readonly secondPaymentReminderAfterDays: number;
    /** An approval-load review at most this often. */
    readonly approvalReviewEveryDays: number;
  };
}

export const defaultRules: Rules = {
  unresponsive: { recentRequests: 12, fullyLateBusinessDays: 5, lateBusinessDays: 2, minLateRequests: 3, flagScore: 35 },
  controlling: { windowDays: 120, trivialChars: 40, fullTrivialRoundsPerDeliverable: 2, fullApprovalTimeShare: 0.4, minTrivialRounds: 5, flagScore: 40 },
  latePayer: { recentCycles: 6, graceDays: 3, fullyLateDays: 14, minLateInvoices: 2, flagScore: 25 },
  economics: { windowDays: 90 },
  plan: { requestReminderEveryBusinessDays: 3, firstPaymentReminderAfterDays: 1, secondPaymentReminderAfterDays: 7, approvalReviewEveryDays: 30 },
};

/**
 * The thresholds in force: the defaults, then the workspace's overrides, then the contract's.
 * Only the fields an override names change.
 */
export function mergeRules(base: Rules, ...overrides: readonly (RulesOverride | null | undefined)[]): Rules {
  let rules = base;
  for (const override of overrides) {
    if (!override) continue;
    rules = {
      unresponsive: { ...rules.unresponsive, ...withoutUndefined(override.unresponsive) },
      controlling: { ...rules.controlling, ...withoutUndefined(override.controlling) },
      latePayer: { ...rules.latePayer, ...withoutUndefined(override.latePayer) },
      economics: { ...rules.economics, ...withoutUndefined(override.economics) },
      plan: { ...rules.plan, ...withoutUndefined(override.plan) },
    };
  }
  return rules;
}

const withoutUndefined = <T extends object>(part: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(part ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
