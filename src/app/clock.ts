import { Temporal } from 'temporal-polyfill';
import { instantFromEpochMillis, type IsoInstant } from '../core/dates.ts';

/** Where "now" comes from: the system in production, a fixed instant in tests. */
export interface Clock {
  now(): Temporal.Instant;
}

export const systemClock: Clock = { now: () => Temporal.Now.instant() };

export const fixedClock = (iso: string): Clock => ({ now: () => Temporal.Instant.from(iso) });

export const nowIso = (clock: Clock): IsoInstant => instantFromEpochMillis(clock.now().epochMilliseconds);

/** Today's date in a time zone: the default "as of" of an assessment. */
export const todayIn = (clock: Clock, timeZone: string) => clock.now().toZonedDateTimeISO(timeZone).toPlainDate().toString();
