import type { IsoDate } from '../core/dates.ts';
import { assessClient, type AssessContext } from '../core/assess/assess-client.ts';
import type { ClientHistory } from '../core/assess/replay.ts';
import { defaultRules } from '../core/assess/rules.ts';
import { recordedName, unassessable, type UnassessableClient } from '../core/assess/unassessable.ts';
import { businessCalendar, type BusinessCalendar } from '../core/calendar/business-days.ts';
import type { WorkspaceView } from '../core/ledger/read-model.ts';
import { clientOverview, type ClientOverview } from '../core/insights/client-overview.ts';
import type { Action } from '../core/assess/plan.ts';
import { readOutbox, type OutboxStatus } from '../store/outbox-store.ts';
import { startAssessment, type AssessmentRun } from './assess-workspace.ts';
import type { AppContext } from './context.ts';

export interface DashboardAction extends Action {
  readonly clientId: string;
  readonly clientName: string;
  /** The outbox message carrying the action out, once the sweep has queued it. */
  readonly outbox: { readonly id: string; readonly status: OutboxStatus } | null;
}

export interface Dashboard {
  readonly at: IsoDate;
  readonly workspaceId: string;
  /** The settings as they stood that day; undefined before `workspace.configured`. */
  readonly workspace: WorkspaceView | undefined;
  readonly timeZone: string;
  /** By name. */
  readonly clients: readonly ClientOverview[];
  /** Due first, then by client name. */
  readonly actions: readonly DashboardAction[];
  /** Clients that cannot be assessed, with the reason, by name: the rest of the page is as usual (#19 F2). */
  readonly unassessable: readonly UnassessableClient[];
}

/** What assessing one client needs besides its history, for every client of a run. */
export function assessmentContext(run: AssessmentRun): AssessContext {
  return { when: run.when, workspace: run.workspace, rules: defaultRules, calendarFor: businessCalendar };
}

/** The calendar a client's business days are counted in: its jurisdiction's, else the workspace's (as the assessment does). */
export function calendarOf(history: ClientHistory, workspace: WorkspaceView | undefined): BusinessCalendar {
  return businessCalendar(history.state.get('client', history.clientId)?.jurisdiction ?? workspace?.jurisdiction ?? 'NONE');
}

export interface DashboardOptions {
  /** List archived clients too (marked `archived`); by default they are left out. */
  readonly includeArchived?: boolean;
}

/**
 * Every client as of the end of `date`, in one pass over the ledger (one client's history
 * in memory at a time), with the day's planned actions joined to the outbox messages that
 * carry them, so that a person can review and send from one page. Archived clients only
 * when asked (they have no actions either way).
 */
export async function dashboard(ctx: AppContext, workspaceId: string, date: IsoDate, options: DashboardOptions = {}): Promise<Dashboard> {
  const run = await startAssessment(ctx, workspaceId, date);
  const context = assessmentContext(run);
  const clients: ClientOverview[] = [];
  const failed: UnassessableClient[] = [];
  for await (const replayed of run.eachReplay()) {
    if (!replayed.ok) {
      failed.push(replayed.failure);
      continue;
    }
    const { history, events } = replayed;
    try {
      const assessment = assessClient(history, context);
      if (assessment && (!assessment.archived || options.includeArchived)) clients.push(clientOverview(history, assessment, calendarOf(history, run.workspace), run.when));
    } catch (error) {
      failed.push(unassessable(history.clientId, history.state.get('client', history.clientId)?.name ?? recordedName(events), error));
    }
  }
  const byName = (a: { name: string | null; clientId: string }, b: { name: string | null; clientId: string }) =>
    (a.name ?? '').localeCompare(b.name ?? '', 'en') || a.clientId.localeCompare(b.clientId);
  clients.sort(byName);
  failed.sort(byName);

  const outbox = new Map((await readOutbox(ctx.store.db, workspaceId)).map((entry) => [entry.actionKey, entry]));
  const actions: DashboardAction[] = clients.flatMap((client) => client.actions.map((action) => {
    const entry = outbox.get(action.key);
    return { ...action, clientId: client.clientId, clientName: client.name, outbox: entry ? { id: entry.actionKey, status: entry.status } : null };
  }));
  actions.sort((a, b) => a.due.localeCompare(b.due)); // stable: clients stay in name order within a day
  return { at: date, workspaceId, workspace: run.workspace, timeZone: run.timeZone, clients, actions, unassessable: failed };
}
