import { z } from 'zod';
import { feeCycles } from '../core/ledger/events.ts';
import { holdReasons } from '../core/ledger/hold-reasons.ts';
import { MoneyView } from './money.ts';

// Shapes of the API for holds on escalation, archived clients and contract amendments (#12):
// the server validates and serialises with them, the web app imports their types only.

export const HoldView = z.object({
  until: z.string().describe('the last day of the hold, YYYY-MM-DD'),
  reason: z.enum(holdReasons),
  note: z.string().nullable(),
}).describe('the hold on escalation in force that day (escalation.held): no reminders, stop-work, deemed approvals, reviews or walk-away until it ends').meta({ id: 'Hold' });
export type Hold = z.infer<typeof HoldView>;
export type HoldReason = Hold['reason'];

export const archivedChoices = ['exclude', 'include'] as const;

/** `?archived=include` lists archived clients too (marked `archived: true`); by default they are left out. */
export const ArchivedQuery = z.object({
  archived: z.enum(archivedChoices).optional().describe('include: list archived clients too, marked; default exclude'),
});

const Approval = z.object({ mode: z.string(), windowDays: z.number().int().nullable(), deemedApproval: z.boolean() });
const PaymentTerms = z.union([z.object({ dueDayOfMonth: z.number().int() }), z.object({ netDays: z.number().int() })]);
const LateInterest = z.union([z.enum(['statutory', 'none']), z.object({ ratePct: z.string() })]);

/** The terms one amendment changed: only those it named, each in the shape of the contract's terms. */
export const TermChangesView = z.object({
  networks: z.array(z.string()).optional(),
  fee: MoneyView.extend({ cycle: z.enum(feeCycles) }).optional(),
  paymentTerms: PaymentTerms.optional(),
  feedbackDays: z.number().int().optional(),
  approval: Approval.optional(),
  stopWorkAfterDays: z.number().int().optional(),
  lateInterest: LateInterest.optional(),
  reminderFees: z.boolean().optional(),
  rules: z.record(z.string(), z.unknown()).optional().describe("the contract's own assessment thresholds, replaced"),
}).meta({ id: 'ContractTermChanges' });
export type TermChanges = z.infer<typeof TermChangesView>;

export const ContractAmendmentApiView = z.object({
  effectiveDate: z.string().describe('the first day the changed terms apply, YYYY-MM-DD'),
  changes: TermChangesView,
  note: z.string().nullable(),
}).meta({ id: 'ContractAmendment' });
export type ContractAmendment = z.infer<typeof ContractAmendmentApiView>;
