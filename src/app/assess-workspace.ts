import type { ClientId } from '../core/brand.ts';
import type { IsoDate } from '../core/dates.ts';
import { businessCalendar } from '../core/calendar/business-days.ts';
import type { LedgerEvent, StoredEvent } from '../core/ledger/events.ts';
import { assessClient, type AssessContext, type ClientAssessment } from '../core/assess/assess-client.ts';
import { nextReviewDate } from '../core/assess/review.ts';
import { asOf, localDate, replayClient, replayWorkspace, workspaceTimeZone, type AsOf, type ClientHistory } from '../core/assess/replay.ts';
import type { WorkspaceView } from '../core/ledger/read-model.ts';
import { defaultRules, type Rules } from '../core/assess/rules.ts';
import { recordedName, unassessable, type UnassessableClient } from '../core/assess/unassessable.ts';
import { addDays } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { streamClientRows, streamEventRows, toStoredEvent } from '../store/ledger-store.ts';
import type { AppContext } from './context.ts';
import { todayIn } from './clock.ts';
import { requireWorkspace } from './workspace.ts';

export interface WorkspaceAssessment {
  readonly at: IsoDate;
  readonly timeZone: string;
  readonly clients: readonly ClientAssessment[];
  /** Clients whose replay or assessment failed, with the reason, sorted by client id; the others are assessed as usual. */
  readonly unassessable: readonly UnassessableClient[];
}

export interface AssessOptions {
  /** Only these clients (all when absent). */
  readonly clientIds?: readonly string[];
  readonly rules?: Rules;
  /** Actions already carried out, by client id: the sweep's, so that it plans them no more. */
  readonly carriedOut?: AssessContext['carriedOut'];
}

/**
 * Assesses every client (or those named) as the workspace stood at the end of `date` in its
 * time zone, sorted by client id. Reads the ledger, not the read models: the read models are
 * "now", an assessment is "as of", and replaying in time order makes it independent of
 * import order.
 */
export async function assessWorkspace(ctx: AppContext, workspaceId: string, date: IsoDate, options: AssessOptions = {}): Promise<WorkspaceAssessment> {
  const clients: ClientAssessment[] = [];
  const failed: UnassessableClient[] = [];
  const run = await startAssessment(ctx, workspaceId, date);
  for await (const { assessment, failure } of run.assessEach(options)) {
    if (failure) failed.push(failure);
    else clients.push(assessment);
  }
  return { at: date, timeZone: run.timeZone, clients: clients.sort(byClientId), unassessable: failed.sort(byClientId) };
}

const byClientId = (a: { clientId: string }, b: { clientId: string }) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0);

export type AssessedClient = {
  readonly assessment: ClientAssessment;
  /** With `review`: the first day its plan could change without a new event (`nextReviewDate`). */
  readonly reviewOn?: IsoDate | null;
  readonly failure?: undefined;
} | {
  readonly assessment?: undefined;
  /** With `review`: the next day, so that a sweep tries it again tomorrow. */
  readonly reviewOn?: IsoDate;
  readonly failure: UnassessableClient;
};

/** A client's history replayed, or why it could not be. */
export type ReplayOutcome = ({ readonly ok: true } & ReplayedClient) | { readonly ok: false; readonly failure: UnassessableClient; readonly events: readonly StoredEvent[] };

export interface ReplayedClient {
  readonly clientId: string;
  /** All the client's events, also those dated after the day. */
  readonly events: readonly StoredEvent[];
  /** Replayed to the end of the day. */
  readonly history: ClientHistory;
}

export interface AssessmentRun {
  readonly timeZone: string;
  readonly when: AsOf;
  /** The workspace's settings as they stood that day. */
  readonly workspace: WorkspaceView | undefined;
  /** One client at a time, straight from the ledger: memory holds one client's history. Throws when one cannot be replayed. */
  eachHistory(options?: { readonly clientIds?: readonly string[] }): AsyncGenerator<ReplayedClient>;
  /** As `eachHistory`, but a client whose history cannot be read or replayed comes as a failure, and the walk goes on. */
  eachReplay(options?: { readonly clientIds?: readonly string[] }): AsyncGenerator<ReplayOutcome>;
  /** Every client assessed; a client whose replay or assessment throws comes as a failure (#19 F2). */
  assessEach(options?: AssessOptions & { readonly review?: boolean }): AsyncGenerator<AssessedClient>;
}

/** Reads the workspace's own settings once, for assessing its clients as of `date`. */
export async function startAssessment(ctx: AppContext, workspaceId: string, date: IsoDate): Promise<AssessmentRun> {
  await requireWorkspace(ctx, workspaceId);
  const workspaceEvents = await readWorkspaceEvents(ctx, workspaceId);
  const timeZone = workspaceTimeZone(workspaceEvents);
  const when = asOf(date, timeZone);
  const workspace = replayWorkspace(workspaceEvents, when);
  async function* eachReplay(options: { readonly clientIds?: readonly string[] } = {}): AsyncGenerator<ReplayOutcome> {
    const filter = options.clientIds === undefined ? {} : { clientIds: options.clientIds };
    for await (const { clientId, rows } of streamClientRows(ctx.store.db, workspaceId, filter)) {
      let events: StoredEvent[] = [];
      let outcome: ReplayOutcome;
      try {
        events = rows.map(toStoredEvent);
        outcome = { ok: true, clientId, events, history: replayClient(clientId as ClientId, events, when) };
      } catch (error) {
        outcome = { ok: false, events, failure: unassessable(clientId, recordedName(events.length > 0 ? events : readableEvents(rows)), error) };
      }
      yield outcome;
    }
  }
  async function* eachHistory(options: { readonly clientIds?: readonly string[] } = {}): AsyncGenerator<ReplayedClient> {
    for await (const replayed of eachReplay(options)) {
      if (!replayed.ok) throw new FirmlyError(replayed.failure.error.code, `client "${replayed.failure.clientId}" cannot be assessed: ${replayed.failure.error.message}`);
      yield replayed;
    }
  }
  return {
    timeZone,
    when,
    workspace,
    eachHistory,
    eachReplay,
    async* assessEach(options = {}): AsyncGenerator<AssessedClient> {
      const context: AssessContext = { when, workspace, rules: options.rules ?? defaultRules, calendarFor: businessCalendar, ...(options.carriedOut ? { carriedOut: options.carriedOut } : {}) };
      const retry = options.review ? { reviewOn: addDays(date, 1) } : {};
      for await (const replayed of eachReplay(options)) {
        if (!replayed.ok) {
          yield { failure: replayed.failure, ...retry };
          continue;
        }
        const { clientId, events, history } = replayed;
        let assessed: AssessedClient | undefined;
        try {
          const assessment = assessClient(history, context);
          if (!assessment) continue;
          if (!options.review) {
            assessed = { assessment };
          } else {
            // An event dated after the day (recorded ahead) changes the history when its day
            // comes: look ahead no further than that day.
            const nextEventOn = nextEventDate(events, when.cutoff, timeZone);
            const reviewOn = nextReviewDate(history, context, assessment);
            assessed = { assessment, reviewOn: nextEventOn !== null && (reviewOn === null || nextEventOn < reviewOn) ? nextEventOn : reviewOn };
          }
        } catch (error) {
          assessed = { failure: unassessable(clientId, history.state.get('client', history.clientId)?.name ?? recordedName(events), error), ...retry };
        }
        yield assessed;
      }
    },
  };
}

/** The rows that can still be read, to name a client whose history cannot be. */
function readableEvents(rows: readonly Parameters<typeof toStoredEvent>[0][]): StoredEvent[] {
  return rows.flatMap((row) => {
    try {
      return [toStoredEvent(row)];
    } catch {
      return [];
    }
  });
}

function nextEventDate(events: readonly StoredEvent[], cutoff: string, timeZone: string): IsoDate | null {
  let next: StoredEvent['at'] | null = null;
  for (const event of events) if (event.at >= cutoff && (next === null || event.at < next)) next = event.at;
  return next === null ? null : localDate(next, timeZone);
}

/** The events about the workspace itself: its configuration and rules. */
export async function readWorkspaceEvents(ctx: AppContext, workspaceId: string): Promise<LedgerEvent[]> {
  const events: LedgerEvent[] = [];
  for await (const rows of streamEventRows(ctx.store.db, workspaceId, { types: ['workspace.configured', 'workspace.rules'] })) events.push(...rows.map(toStoredEvent));
  return events;
}

/** Today in the workspace's time zone (UTC before it is configured). */
export async function workspaceToday(ctx: AppContext, workspaceId: string): Promise<IsoDate> {
  return todayIn(ctx.clock, workspaceTimeZone(await readWorkspaceEvents(ctx, workspaceId))) as IsoDate;
}
