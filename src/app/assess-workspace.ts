import type { ClientId } from '../core/brand.ts';
import type { IsoDate } from '../core/dates.ts';
import { businessCalendar } from '../core/calendar/business-days.ts';
import type { LedgerEvent } from '../core/ledger/events.ts';
import { projectEvent } from '../core/ledger/project.ts';
import { ViewUnit } from '../core/ledger/view-unit.ts';
import { assessClient, type ClientAssessment } from '../core/assess/assess-client.ts';
import { asOf, replayClient } from '../core/assess/replay.ts';
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
  const workspaceEvents: LedgerEvent[] = [];
  const byClient = new Map<string, LedgerEvent[]>();
  const filter = options.clientId === undefined ? {} : { clientId: options.clientId };
  if (options.clientId !== undefined) {
    for await (const rows of streamEventRows(ctx.store.db, workspaceId, { types: ['workspace.configured', 'workspace.rules'] })) workspaceEvents.push(...rows.map(toStoredEvent));
  }
  for await (const rows of streamEventRows(ctx.store.db, workspaceId, filter)) {
    for (const row of rows) {
      const event = toStoredEvent(row);
      if (event.type === 'workspace.configured' || event.type === 'workspace.rules') {
        if (options.clientId === undefined) workspaceEvents.push(event);
        continue;
      }
      if (!row.clientId) continue;
      let events = byClient.get(row.clientId);
      if (!events) byClient.set(row.clientId, (events = []));
      events.push(event);
    }
  }
  const configured = workspaceEvents.filter((e): e is Extract<LedgerEvent, { type: 'workspace.configured' }> => e.type === 'workspace.configured');
  const timeZone = configured.at(-1)?.data.timezone ?? 'UTC';
  const when = asOf(date, timeZone);
  const settings = new ViewUnit();
  const inTimeOrder = workspaceEvents.filter((e) => e.at < when.cutoff).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  for (const event of inTimeOrder) projectEvent(settings, event);
  const rules = options.rules ?? defaultRules;
  const clients = [...byClient.keys()].sort().flatMap((clientId) => {
    const history = replayClient(clientId as ClientId, byClient.get(clientId) ?? [], when);
    const assessment = assessClient(history, { when, workspace: settings.workspace, rules, calendarFor: businessCalendar });
    return assessment ? [assessment] : [];
  });
  return { at: date, timeZone, clients };
}

/** Today in the workspace's time zone (UTC before it is configured). */
export async function workspaceToday(ctx: AppContext, workspaceId: string): Promise<IsoDate> {
  let timeZone = 'UTC';
  for await (const rows of streamEventRows(ctx.store.db, workspaceId, { types: ['workspace.configured'] })) {
    const last = rows.at(-1);
    if (last) timeZone = (JSON.parse(last.data) as { timezone: string }).timezone;
  }
  return todayIn(ctx.clock, timeZone) as IsoDate;
}
