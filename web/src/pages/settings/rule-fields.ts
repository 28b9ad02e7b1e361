import { defaultRules } from '../../../../src/core/assess/rules.ts';

// The assessment's thresholds as the settings page edits them. Names and defaults come from
// core (src/core/assess/rules.ts); the bounds repeat src/core/ledger/rules-wire.ts so the
// browser refuses what the server would. `percent`: a share 0–1 shown as 1–100 %.

export interface RuleField {
  readonly group: string;
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly percent?: boolean;
  readonly fallback: number;
}

const bounds: Readonly<Record<string, Readonly<Record<string, Omit<RuleField, 'group' | 'name' | 'fallback'>>>>> = {
  unresponsive: {
    recentRequests: { min: 1, max: 100, step: 1 }, fullyLateBusinessDays: { min: 1, max: 60, step: 1 }, lateBusinessDays: { min: 0, max: 60, step: 1 },
    minLateRequests: { min: 1, max: 100, step: 1 }, flagScore: { min: 0, max: 100, step: 1 },
  },
  controlling: {
    windowDays: { min: 7, max: 730, step: 1 }, trivialChars: { min: 1, max: 10_000, step: 1 }, fullTrivialRoundsPerDeliverable: { min: 0.1, max: 20, step: 0.1 },
    fullApprovalTimeShare: { min: 1, max: 100, step: 1, percent: true }, minTrivialRounds: { min: 1, max: 1000, step: 1 }, flagScore: { min: 0, max: 100, step: 1 },
  },
  latePayer: {
    recentCycles: { min: 2, max: 60, step: 1 }, graceDays: { min: 0, max: 60, step: 1 }, fullyLateDays: { min: 1, max: 365, step: 1 },
    minLateInvoices: { min: 1, max: 60, step: 1 }, flagScore: { min: 0, max: 100, step: 1 },
  },
  economics: { windowDays: { min: 7, max: 730, step: 1 } },
  plan: {
    requestReminderEveryBusinessDays: { min: 1, max: 60, step: 1 }, firstPaymentReminderAfterDays: { min: 0, max: 60, step: 1 },
    secondPaymentReminderAfterDays: { min: 1, max: 60, step: 1 }, approvalReviewEveryDays: { min: 1, max: 365, step: 1 },
  },
};

const defaults = defaultRules as unknown as Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Every threshold, by group, in the order core declares them. */
export const ruleGroups: readonly { readonly group: string; readonly fields: readonly RuleField[] }[] =
  Object.entries(defaults).map(([group, fields]) => ({
    group,
    fields: Object.entries(fields).map(([name, fallback]) => ({
      group, name, fallback, ...(bounds[group]?.[name] ?? { min: 0, max: 100_000, step: 1 }),
    })),
  }));

/** The value as the form shows it (a share as a percentage, rounded so 0.07 reads 7, not 7.000000000000001). */
export const toShown = (field: RuleField, value: number): number => (field.percent ? Math.round(value * 10_000) / 100 : value);
export const fromShown = (field: RuleField, shown: number): number => (field.percent ? shown / 100 : shown);
