import type { IsoDate, IsoInstant } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { parseEvent } from '../core/ledger/parse-event.ts';
import type { LedgerEvent } from '../core/ledger/events.ts';
import type { Action } from '../core/assess/plan.ts';
import type { ClientAssessment } from '../core/assess/assess-client.ts';
import { asOf } from '../core/assess/replay.ts';
import { LedgerAppender } from '../store/ledger-store.ts';
import { isQueued, queueMessage } from '../store/outbox-store.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { assessWorkspace } from './assess-workspace.ts';

export interface SweepReport {
  readonly at: IsoDate;
  /** Actions carried out by this sweep. */
  readonly done: readonly Action[];
  /** Due actions found already carried out (queued by an earlier or a concurrent sweep). */
  readonly alreadyDone: readonly Action[];
  /** What a dry run would have done. */
  readonly planned: readonly Action[];
  readonly eventsAppended: number;
}

/** The ledger facts an action records besides its message: work paused or resumed, a request deemed answered. */
function factsOf(action: Action, client: ClientAssessment, at: IsoInstant): LedgerEvent[] {
  const id = `sweep:${action.key}`;
  const raw = (type: string, data: Record<string, unknown>) => {
    const parsed = parseEvent({ id, type, at, data });
    if (!parsed.ok) throw new FirmlyError('internal', `sweep built an invalid ${type}: ${parsed.reason}`);
    return parsed.event;
  };
  switch (action.kind) {
    case 'work.pause':
      return [raw('work.paused', { clientId: client.clientId, reason: `Invoice ${action.subject} is past the contract's stop-work limit (${action.key})` })];
    case 'work.resume':
      return [raw('work.resumed', { clientId: client.clientId, reason: `Everything overdue is paid (${action.key})` })];
    case 'request.deemed-approved':
      return [raw('request.answered', { requestId: action.subject, channel: 'deemed', verdict: 'approved' })];
    default:
      return [];
  }
}

/**
 * Carries out the actions due as of the end of `date`: records the facts they imply and
 * queues their message, each action in a transaction of its own under the workspace's
 * write lock, and only if its key is not queued yet. Two sweeps at once, or a sweep run
 * again after dying half-way, therefore do each action exactly once.
 */
export async function runSweep(ctx: AppContext, workspaceId: string, date: IsoDate, options: { dryRun?: boolean } = {}): Promise<SweepReport> {
  const assessment = await assessWorkspace(ctx, workspaceId, date);
  const due = assessment.clients.flatMap((client) => client.actions.map((action) => ({ client, action })));
  if (options.dryRun) return { at: date, done: [], alreadyDone: [], planned: due.map((d) => d.action), eventsAppended: 0 };

  // Sweeping a past day (replaying history) dates its facts within that day, so that an
  // assessment of the same day sees them; a sweep of today records the real time.
  const now = nowIso(ctx.clock);
  const timeZone = assessment.timeZone;
  const endOfDay = new Date(Date.parse(asOf(date, timeZone).cutoff) - 1000).toISOString() as IsoInstant;
  const at = now < endOfDay ? now : endOfDay;

  const done: Action[] = [];
  const alreadyDone: Action[] = [];
  let eventsAppended = 0;
  for (const { client, action } of due) {
    const carried = await ctx.store.db.transaction().execute(async (trx) => {
      const appender = await LedgerAppender.open(trx, { workspaceId, dialect: ctx.store.dialect, sha256: ctx.sha256, now: () => nowIso(ctx.clock) });
      if (await isQueued(trx, workspaceId, action.key)) return false;
      const facts = factsOf(action, client, at);
      if (facts.length > 0) {
        const outcome = await appender.append(facts);
        const rejected = outcome.rejections[0];
        if (rejected) throw new FirmlyError('ledger.conflict', `action ${action.key} cannot be recorded: ${rejected.reason}`);
        eventsAppended += outcome.appended;
      }
      await queueMessage(trx, workspaceId, {
        actionKey: action.key, clientId: client.clientId, kind: action.kind, template: action.template, locale: client.locale,
        subjectId: action.subject ?? null, due: action.due, status: 'queued', queuedAt: now,
      });
      await appender.close();
      return true;
    });
    (carried ? done : alreadyDone).push(action);
  }
  return { at: date, done, alreadyDone, planned: due.map((d) => d.action), eventsAppended };
}
