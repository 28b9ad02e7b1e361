import { z } from 'zod';
import { offboardingReasons } from '../core/ledger/events.ts';
import { offboardingStepIds, stepStatuses } from '../core/offboarding/checklist.ts';
import { MoneyView } from './money.ts';
import { PhraseView } from './phrase.ts';

// Offboarding's checklist as the API shows it (`GET/POST …/clients/{clientId}/offboarding…`).

export const StepView = z.object({
  id: z.enum(offboardingStepIds),
  status: z.enum(stepStatuses),
  detail: z.string().describe('what is done, what is left, or what stands in the way, in English words (the CLI\'s text)'),
  message: PhraseView.describe('the same as a key and values, for the page to say in its language'),
  skipReason: z.string().nullable().describe('set when a person skipped the step; it then counts as done'),
}).meta({ id: 'OffboardingStep' });

export const OffboardingApiView = z.object({
  clientId: z.string(),
  started: z.boolean(),
  reason: z.enum(offboardingReasons).nullable(),
  note: z.string().nullable(),
  startedAt: z.string().nullable(),
  steps: z.array(StepView),
  owed: z.array(MoneyView).describe('overdue and unpaid, per currency: while not empty, the handover needs an override with a reason'),
  handoverAllowed: z.boolean(),
  override: z.object({ at: z.string(), reason: z.string(), by: z.string().nullable() }).nullable().describe('the latest override of the payment rule'),
  ready: z.boolean().describe('every step done or skipped: complete may be called'),
  complete: z.boolean().describe('the client is offboarded'),
  offboardedAt: z.string().nullable(),
  terminationLetter: z.object({ actionKey: z.string(), status: z.string() }).nullable().describe('the letter in the outbox, once queued'),
}).meta({ id: 'Offboarding' });

export type OffboardingView = z.output<typeof OffboardingApiView>;
export type OffboardingStep = z.output<typeof StepView>;
export type StepId = OffboardingStep['id'];
export type OffboardingReason = NonNullable<OffboardingView['reason']>;
