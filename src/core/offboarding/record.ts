import { byTime } from '../ledger/event-order.ts';
import type { IsoInstant } from '../dates.ts';
import type { LedgerEvent, offboardingReasons, skippableOffboardingSteps } from '../ledger/events.ts';

export type OffboardingReason = (typeof offboardingReasons)[number];
export type SkippableStep = (typeof skippableOffboardingSteps)[number];

/** What the ledger says about letting one client go: the facts the read models do not keep. */
export interface OffboardingRecord {
  /** The first `offboarding.started`; a later one changes nothing. */
  readonly started: { readonly at: IsoInstant; readonly reason: OffboardingReason; readonly note: string | null } | null;
  /** Steps a person skipped, with the latest reason given. */
  readonly skipped: ReadonlyMap<SkippableStep, string>;
  /** Overrides of the rule that the accounts are handed over only to a client who owes nothing overdue. */
  readonly overrides: readonly { readonly at: IsoInstant; readonly reason: string; readonly by: string | null }[];
  readonly offboardedAt: IsoInstant | null;
}

/** The action key of the termination letter in the outbox: one per client, so it is sent at most once. */
export const terminationActionKey = (clientId: string): string => `${clientId}/offboarding/termination`;

/**
 * The action key of the final report's message. Whatever sends the final report records its
 * `message.sent` with this key; the checklist counts the report as sent when it sees one.
 */
export const finalReportActionKey = (clientId: string): string => `${clientId}/offboarding/final-report`;


/** Reads a client's offboarding facts from its events (any order; others' events are ignored). */
export function readOffboarding(clientId: string, events: readonly LedgerEvent[]): OffboardingRecord {
  let started: OffboardingRecord['started'] = null;
  const skipped = new Map<SkippableStep, string>();
  const overrides: { at: IsoInstant; reason: string; by: string | null }[] = [];
  let offboardedAt: IsoInstant | null = null;
  for (const event of [...events].sort(byTime)) {
    switch (event.type) {
      case 'offboarding.started':
        if (event.data.clientId === clientId && started === null) started = { at: event.at, reason: event.data.reason, note: event.data.note ?? null };
        break;
      case 'offboarding.stepSkipped':
        if (event.data.clientId === clientId) skipped.set(event.data.step, event.data.reason);
        break;
      case 'access.handoverApproved':
        if (event.data.clientId === clientId) overrides.push({ at: event.at, reason: event.data.reason, by: event.data.by ?? null });
        break;
      case 'client.offboarded':
        if (event.data.clientId === clientId && offboardedAt === null) offboardedAt = event.at;
        break;
      default:
        break;
    }
  }
  return { started, skipped, overrides, offboardedAt };
}
