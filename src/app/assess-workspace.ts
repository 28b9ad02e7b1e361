import type { ClientId } from '../core/brand.ts';
import type { IsoDate } from '../core/dates.ts';
import { businessCalendar } from '../core/calendar/business-days.ts';
import type { LedgerEvent } from '../core/ledger/events.ts';
import { assessClient, type ClientAssessment } from '../core/assess/assess-client.ts';
import { asOf, replayClient, replayWorkspace, workspaceTimeZone } from '../core/assess/replay.ts';
import { defaultRules, type Rules } from '../core/assess/rules.ts';
import { streamEventRows, toStoredEvent } from '../store/ledger-store.ts';
import type { AppContext } from './context.ts';
import { todayIn } from './clock.ts';
import { requireWorkspace } from './workspace.ts';

export interface WorkspaceAssessment {
  readonly at: IsoDate;
  readonly timeZone: string;
  readonly clients: readonly ClientAssessment[];
}

/**
 * Assesses every client (or one) as the workspace stood at the end of `date` in its time
 * zone. Reads the ledger, not the read models: the read models are "now", an assessment
 * is "as of", and replaying in time order makes it independent of import order.
 */
export async function assessWorkspace(ctx: AppContext, workspaceId: string, date: IsoDate, options: { clientId?: string; rules?: Rules } = {}): Promise<WorkspaceAssessment> {
  await requireWorkspace(ctx, workspaceId);
  const workspaceEvents = await readWorkspaceEvents(ctx, workspaceId);
  const byClient = new Map<string, LedgerEvent[]>();
  const filter = options.clientId === undefined ? {} : { clientId: options.clientId };
  for await (const rows of streamEventRows(ctx.store.db, workspaceId, filter)) {
    for (const row of rows) {
      if (!row.clientId) continue;
      let events = byClient.get(row.clientId);
      if (!events) byClient.set(row.clientId, (events = []));
      events.push(toStoredEvent(row));
    }
  }
  const timeZone = workspaceTimeZone(workspaceEvents);
  const when = asOf(date, timeZone);
  const workspace = replayWorkspace(workspaceEvents, when);
  const rules = options.rules ?? defaultRules;
  const clients = [...byClient.keys()].sort().flatMap((clientId) => {
    const history = replayClient(clientId as ClientId, byClient.get(clientId) ?? [], when);
    const assessment = assessClient(history, { when, workspace, rules, calendarFor: businessCalendar });
    return assessment ? [assessment] : [];
  });
  return { at: date, timeZone, clients };
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
