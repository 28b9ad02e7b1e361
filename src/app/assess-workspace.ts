import type { ClientId } from '../core/brand.ts';
import type { IsoDate } from '../core/dates.ts';
import { businessCalendar } from '../core/calendar/business-days.ts';
import type { LedgerEvent, StoredEvent } from '../core/ledger/events.ts';
import { assessClient, type AssessContext, type ClientAssessment } from '../core/assess/assess-client.ts';
import { nextReviewDate } from '../core/assess/review.ts';
import { asOf, localDate, replayClient, replayWorkspace, workspaceTimeZone, type AsOf, type ClientHistory } from '../core/assess/replay.ts';
import type { WorkspaceView } from '../core/ledger/read-model.ts';
import { defaultRules, type Rules } from '../core/assess/rules.ts';
import { streamClientRows, streamEventRows, toStoredEvent } from '../store/ledger-store.ts';
import type { AppContext } from './context.ts';
import { todayIn } from './clock.ts';
import { requireWorkspace } from './workspace.ts';

export interface WorkspaceAssessment {
  readonly at: IsoDate;
  readonly timeZone: string;
  readonly clients: readonly ClientAssessment[];
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
  const run = await startAssessment(ctx, workspaceId, date);
  for await (const { assessment } of run.assessEach(options)) clients.push(assessment);
  return { at: date, timeZone: run.timeZone, clients: clients.sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0)) };
}

export interface AssessedClient {
  readonly assessment: ClientAssessment;
  /** With `review`: the first day its plan could change without a new event (`nextReviewDate`). */
  readonly reviewOn?: IsoDate | null;
}

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
  /** One client at a time, straight from the ledger: memory holds one client's history. */
  eachHistory(options?: { readonly clientIds?: readonly string[] }): AsyncGenerator<ReplayedClient>;
  assessEach(options?: AssessOptions & { readonly review?: boolean }): AsyncGenerator<AssessedClient>;
}

/** Reads the workspace's own settings once, for assessing its clients as of `date`. */
export async function startAssessment(ctx: AppContext, workspaceId: string, date: IsoDate): Promise<AssessmentRun> {
  await requireWorkspace(ctx, workspaceId);
  const workspaceEvents = await readWorkspaceEvents(ctx, workspaceId);
  const timeZone = workspaceTimeZone(workspaceEvents);
  const when = asOf(date, timeZone);
  const workspace = replayWorkspace(workspaceEvents, when);
  async function* eachHistory(options: { readonly clientIds?: readonly string[] } = {}): AsyncGenerator<ReplayedClient> {
    const filter = options.clientIds === undefined ? {} : { clientIds: options.clientIds };
    for await (const { clientId, rows } of streamClientRows(ctx.store.db, workspaceId, filter)) {
      const events = rows.map(toStoredEvent);
      yield { clientId, events, history: replayClient(clientId as ClientId, events, when) };
    }
  }
  return {
    timeZone,
    when,
    workspace,
    eachHistory,
    async* assessEach(options = {}) {
      const context: AssessContext = { when, workspace, rules: options.rules ?? defaultRules, calendarFor: businessCalendar, ...(options.carriedOut ? { carriedOut: options.carriedOut } : {}) };
      for await (const { events, history } of eachHistory(options)) {
        const assessment = assessClient(history, context);
        if (!assessment) continue;
        if (!options.review) {
          yield { assessment };
          continue;
        }
        // An event dated after the day (recorded ahead) changes the history when its day
        // comes: look ahead no further than that day.
        const nextEventOn = nextEventDate(events, when.cutoff, timeZone);
        const reviewOn = nextReviewDate(history, context, assessment);
        yield { assessment, reviewOn: nextEventOn !== null && (reviewOn === null || nextEventOn < reviewOn) ? nextEventOn : reviewOn };
      }
    },
  };
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
