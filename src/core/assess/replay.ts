import { byTime } from '../ledger/event-order.ts';
import type { ClientId } from '../brand.ts';
import type { WorkspaceView } from '../ledger/read-model.ts';
import { dayCutoff, Temporal, type IsoDate, type IsoInstant } from '../dates.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { projectEvent } from '../ledger/project.ts';
import { ViewUnit } from '../ledger/view-unit.ts';
import type { HoldEpisode } from './hold.ts';

/** "As of the end of `date` in the workspace's time zone": events with `at < cutoff` count. */
export interface AsOf {
  readonly date: IsoDate;
  readonly timeZone: string;
  readonly cutoff: IsoInstant;
}

export function asOf(date: IsoDate, timeZone: string): AsOf {
  const cutoff = dayCutoff(Temporal.PlainDate.from(date), timeZone).toString({ fractionalSecondDigits: 3 }) as IsoInstant;
  return { date, timeZone, cutoff };
}

// localDate is asked the same few instants over and over (every request's sending, on each
// day the sweep looks ahead), and a time-zone conversion is the dearest thing it does.
const localDates = new Map<string, IsoDate>();

/** The calendar date an instant falls on in the workspace's time zone. */
export function localDate(at: IsoInstant, timeZone: string): IsoDate {
  const key = `${timeZone} ${at}`;
  let date = localDates.get(key);
  if (date === undefined) {
    date = Temporal.Instant.from(at).toZonedDateTimeISO(timeZone).toPlainDate().toString() as IsoDate;
    if (localDates.size >= 100_000) localDates.clear();
    localDates.set(key, date);
  }
  return date;
}

export interface PauseEpisode {
  readonly pausedAt: IsoInstant;
  readonly resumedAt: IsoInstant | null;
}

/** What the ledger said about one client at the end of a day, and how it got there. */
export interface ClientHistory {
  readonly clientId: ClientId;
  /** The read models as they stood: the same projection the store keeps, replayed. */
  readonly state: ViewUnit;
  readonly pauses: readonly PauseEpisode[];
  /** When letting the client go began (`offboarding.started`, #7); null if it has not. */
  readonly offboardingStartedAt: IsoInstant | null;
  /** The latest hold on escalation placed (`escalation.held`), released or not; null if none was (#12). */
  readonly hold: HoldEpisode | null;
  /** Events that could not be applied in time order (an answer dated before its request); left out, reported. */
  readonly anomalies: readonly { readonly eventId: string; readonly reason: string }[];
}

/**
 * Replays one client's events up to the end of `asOf.date`. Events are applied in the
 * order they happened (`at`; at the same instant in ledger order, see byTime), not the order
 * they were recorded.
 */
export function replayClient(clientId: ClientId, events: readonly LedgerEvent[], when: AsOf): ClientHistory {
  const state = new ViewUnit();
  const pauses: PauseEpisode[] = [];
  const anomalies: { eventId: string; reason: string }[] = [];
  let offboardingStartedAt: IsoInstant | null = null;
  let hold: HoldEpisode | null = null;
  const counted = events.filter((e) => e.at < when.cutoff).sort(byTime);
  for (const event of counted) {
    const projection = projectEvent(state, event);
    if (!projection.ok) {
      anomalies.push({ eventId: event.id, reason: projection.reason });
      continue;
    }
    if (event.type === 'offboarding.started' && offboardingStartedAt === null) offboardingStartedAt = event.at;
    if (event.type === 'escalation.held') hold = { heldAt: event.at, until: event.data.until, releasedAt: null };
    if (event.type === 'escalation.released' && hold !== null && hold.releasedAt === null) hold = { ...hold, releasedAt: event.at };
    if (event.type === 'work.paused' && !pauses.some((p) => p.resumedAt === null)) pauses.push({ pausedAt: event.at, resumedAt: null });
    if (event.type === 'work.resumed') {
      const open = pauses.findIndex((p) => p.resumedAt === null);
      if (open >= 0) pauses[open] = { ...(pauses[open] as PauseEpisode), resumedAt: event.at };
    }
  }
  return { clientId, state, pauses, offboardingStartedAt, hold, anomalies };
}

/** The workspace's time zone as last configured; UTC before it is configured. */
export function workspaceTimeZone(events: readonly LedgerEvent[]): string {
  let timeZone = 'UTC';
  for (const event of [...events].sort(byTime)) if (event.type === 'workspace.configured') timeZone = event.data.timezone;
  return timeZone;
}

/** The workspace's settings and rules as they stood at the end of `when.date`, replayed in time order. */
export function replayWorkspace(events: readonly LedgerEvent[], when: AsOf): WorkspaceView | undefined {
  const state = new ViewUnit();
  for (const event of events.filter((e) => e.at < when.cutoff).sort(byTime)) projectEvent(state, event);
  return state.workspace;
}
