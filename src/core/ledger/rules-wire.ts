import { z } from 'zod';

// Overrides of the assessment's thresholds (src/core/assess/rules.ts), as a workspace
// configures them (`workspace.rules`) or a contract states them (`contract.signed.rules`).
// Every field is optional; bounds keep a typo from switching a decision off.

const int = (min: number, max: number) => z.number().int('must be a whole number').min(min).max(max).optional();
const share = z.number().gt(0).max(1).optional();

export const RulesOverrideWire = z.strictObject({
  unresponsive: z.strictObject({
    recentRequests: int(1, 100), fullyLateBusinessDays: int(1, 60), lateBusinessDays: int(0, 60), minLateRequests: int(1, 100), flagScore: int(0, 100),
  }).optional(),
  controlling: z.strictObject({
    windowDays: int(7, 730), trivialChars: int(1, 10_000), fullTrivialRoundsPerDeliverable: z.number().gt(0).max(20).optional(),
    fullApprovalTimeShare: share, minTrivialRounds: int(1, 1000), flagScore: int(0, 100),
  }).optional(),
  latePayer: z.strictObject({
    recentCycles: int(2, 60), graceDays: int(0, 60), fullyLateDays: int(1, 365), minLateInvoices: int(1, 60), flagScore: int(0, 100),
  }).optional(),
  economics: z.strictObject({ windowDays: int(7, 730) }).optional(),
  plan: z.strictObject({
    requestReminderEveryBusinessDays: int(1, 60), firstPaymentReminderAfterDays: int(0, 60),
    secondPaymentReminderAfterDays: int(1, 60), approvalReviewEveryDays: int(1, 365),
  }).optional(),
});

export type RulesOverride = z.output<typeof RulesOverrideWire>;
