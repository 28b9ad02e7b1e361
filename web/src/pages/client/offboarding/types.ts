// GET/POST …/clients/:clientId/offboarding: src/contract/offboarding.ts.
import type { OffboardingReason, StepId } from '../../../../../src/contract/offboarding.ts';

export type { OffboardingReason, OffboardingStep, OffboardingView, StepId } from '../../../../../src/contract/offboarding.ts';
export const offboardingReasons: readonly OffboardingReason[] = ['feedback', 'trust', 'payment', 'other'];

export type SkippableStep = Exclude<StepId, 'reason'>;
export const isSkippable = (id: StepId): id is SkippableStep => id !== 'reason';

export interface HandoverInput {
  readonly network: string;
  readonly account: string;
  readonly confirmedBy?: string;
  readonly override?: { readonly reason: string };
}
