import type { Money } from '../../../api/types.ts';
import type { Phrase } from '../../../i18n/phrase.ts';

// GET/POST …/clients/:clientId/offboarding (#7; src/server/routes/offboarding.ts).

export type OffboardingReason = 'feedback' | 'trust' | 'payment' | 'other';
export const offboardingReasons: readonly OffboardingReason[] = ['feedback', 'trust', 'payment', 'other'];

export type StepId = 'reason' | 'access' | 'requests' | 'final-invoice' | 'final-report' | 'termination-letter';
export type SkippableStep = Exclude<StepId, 'reason'>;
export const isSkippable = (id: StepId): id is SkippableStep => id !== 'reason';

export interface OffboardingStep {
  readonly id: StepId;
  readonly status: 'done' | 'pending' | 'blocked';
  /** What is done, left or in the way, in English words (the CLI's); the page says `message` instead. */
  readonly detail: string;
  /** The same as a key and values, said in the page's language (client.offboarding.detail.*). */
  readonly message: Phrase;
  readonly skipReason: string | null;
}

export interface OffboardingView {
  readonly clientId: string;
  readonly started: boolean;
  readonly reason: OffboardingReason | null;
  readonly note: string | null;
  readonly startedAt: string | null;
  readonly steps: readonly OffboardingStep[];
  /** Overdue and unpaid, per currency: while not empty the handover needs an override. */
  readonly owed: readonly Money[];
  readonly handoverAllowed: boolean;
  readonly override: { readonly at: string; readonly reason: string; readonly by: string | null } | null;
  readonly ready: boolean;
  readonly complete: boolean;
  readonly offboardedAt: string | null;
  readonly terminationLetter: { readonly actionKey: string; readonly status: string } | null;
}

export interface HandoverInput {
  readonly network: string;
  readonly account: string;
  readonly confirmedBy?: string;
  readonly override?: { readonly reason: string };
}
