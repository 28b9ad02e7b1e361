import type { ClientId } from '../core/brand.ts';
import { Temporal, type IsoDate } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { businessCalendar } from '../core/calendar/business-days.ts';
import type { LedgerEvent } from '../core/ledger/events.ts';
import { assessClient } from '../core/assess/assess-client.ts';
import { archetypes, type Archetype } from '../core/assess/decide.ts';
import type { Action } from '../core/assess/plan.ts';
import { asOf, localDate, replayClient, replayWorkspace, workspaceTimeZone } from '../core/assess/replay.ts';
import { readWorkspaceEvents } from './assess-workspace.ts';
import { defaultRules } from '../core/assess/rules.ts';
import { streamClientRows, toStoredEvent } from '../store/ledger-store.ts';
import type { AppContext } from './context.ts';
import { requireWorkspace } from './workspace.ts';

export interface FirstFlag {
  readonly archetype: Archetype;
  /** The first day it would have been flagged, or null if never up to `until`. */
  readonly date: IsoDate | null;
  readonly score: number | null;
  readonly explanation: string | null;
  /** What the playbook would have had due that day. */
  readonly actions: readonly Action[];
}

/**
 * "Would we have seen it coming?": assesses the client day by day from its first event
 * to `until` and reports the first day each archetype would have been flagged.
 */
export async function backtestClient(ctx: AppContext, workspaceId: string, clientId: string, until: IsoDate): Promise<{ from: IsoDate | null; until: IsoDate; flags: FirstFlag[] }> {
  await requireWorkspace(ctx, workspaceId);
  const events: LedgerEvent[] = [];
  for await (const { rows } of streamClientRows(ctx.store.db, workspaceId, { clientIds: [clientId] })) events.push(...rows.map(toStoredEvent));
  const workspaceEvents = await readWorkspaceEvents(ctx, workspaceId);
  if (events.length === 0) throw new FirmlyError('client.not_found', `no client "${clientId}"`, { clientId });
  const timeZone = workspaceTimeZone(workspaceEvents);
  const first = events.map((e) => e.at).sort()[0] as string;
  const from = localDate(first as LedgerEvent['at'], timeZone);
  const found = new Map<Archetype, FirstFlag>();
  for (let day = Temporal.PlainDate.from(from); day.toString() <= until && found.size < archetypes.length; day = day.add({ days: 1 })) {
    const when = asOf(day.toString() as IsoDate, timeZone);
    const workspace = replayWorkspace(workspaceEvents, when);
    const assessment = assessClient(replayClient(clientId as ClientId, events, when), { when, workspace, rules: defaultRules, calendarFor: businessCalendar });
    if (!assessment) continue;
    for (const archetype of archetypes) {
      const decision = assessment.archetypes[archetype];
      if (!found.has(archetype) && decision.flagged) {
        found.set(archetype, { archetype, date: when.date, score: decision.score, explanation: decision.explanation.en, actions: assessment.actions });
      }
    }
  }
  return {
    from,
    until,
    flags: archetypes.map((archetype) => found.get(archetype) ?? { archetype, date: null, score: null, explanation: null, actions: [] }),
  };
}
