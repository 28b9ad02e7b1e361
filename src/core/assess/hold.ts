import { addDays, type IsoDate, type IsoInstant } from '../dates.ts';
import type { holdReasons } from '../ledger/events.ts';
import type { ClientView } from '../ledger/read-model.ts';
import { localDate } from './replay.ts';

/** A hold on escalation in force (`escalation.held`, #12): it lasts through `until`. */
export interface Hold {
  readonly until: IsoDate;
  readonly reason: (typeof holdReasons)[number];
  readonly note: string | null;
}

/** The latest hold placed on a client, as replay found it, and when it was released if it was. */
export interface HoldEpisode {
  readonly heldAt: IsoInstant;
  readonly until: IsoDate;
  readonly releasedAt: IsoInstant | null;
}

/**
 * The hold in force on `date`, from the client as replayed to the end of that day: held while
 * `heldUntil` is that day or later. A later hold replaces an earlier one; a release clears it.
 */
export function holdOn(client: ClientView, date: IsoDate): Hold | null {
  if (client.heldUntil === null || client.holdReason === null || client.heldUntil < date) return null;
  return { until: client.heldUntil, reason: client.holdReason, note: client.holdNote };
}

/**
 * The first day the latest hold no longer applied: the day after `until`, or the day it was
 * released, whichever came first; null when no hold was placed or it still applies on `date`.
 * Steps the hold kept back are due from that day, not from the days they fell on while held.
 */
export function holdEndedOn(hold: HoldEpisode | null, date: IsoDate, timeZone: string): IsoDate | null {
  if (hold === null) return null;
  const expired = addDays(hold.until, 1);
  const released = hold.releasedAt === null ? null : localDate(hold.releasedAt, timeZone);
  const ended = released !== null && released < expired ? released : expired;
  return ended <= date ? ended : null;
}
