import type { IsoDate, IsoInstant } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { parseEvent } from '../core/ledger/parse-event.ts';
import type { LedgerEvent } from '../core/ledger/events.ts';
import type { Action, CarriedOutAction } from '../core/assess/plan.ts';
import type { ClientAssessment } from '../core/assess/assess-client.ts';
import type { UnassessableClient } from '../core/assess/unassessable.ts';
import { asOf, localDate } from '../core/assess/replay.ts';
import { chainHead, clientsChangedSince, lastWorkspaceEventSeq, LedgerAppender } from '../store/ledger-store.ts';
import { isQueued, queueMessage, readOutbox } from '../store/outbox-store.ts';
import { clientsDueForReview, readSweepState, recordSweep, type ClientReview } from '../store/sweep-state-store.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { startAssessment } from './assess-workspace.ts';

export interface SweepReport {
  readonly at: IsoDate;
  /** `full`: every client assessed; `incremental`: only those changed since the last sweep or with something coming due. */
  readonly mode: 'full' | 'incremental';
  readonly clientsAssessed: number;
  /** Incremental: clients with events since the last sweep, and clients whose review date had come (they may overlap). */
  readonly clientsChanged?: number;
  readonly clientsDue?: number;
  /** Actions carried out by this sweep. */
  readonly done: readonly Action[];
  /** Planned actions a concurrent sweep carried out first (what earlier sweeps did is not planned at all). */
  readonly alreadyDone: readonly Action[];
  /** What a dry run would have done. */
  readonly planned: readonly Action[];
  readonly eventsAppended: number;
  /** Clients that could not be assessed, with the reason: skipped, the rest swept as usual. */
  readonly unassessable: readonly UnassessableClient[];
}

export interface SweepOptions {
  readonly dryRun?: boolean;
  /** Assess every client even when the last sweep's bookkeeping would allow fewer. */
  readonly full?: boolean;
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

/** Rounds of carrying out and reassessing one sweep makes at most (see runSweep). */
const maxRounds = 8;

/** Every action the outbox holds, whatever became of its message, by client: carried out, so planned no more. */
async function carriedOutActions(ctx: AppContext, workspaceId: string, timeZone: string): Promise<Map<string, CarriedOutAction[]>> {
  const byClient = new Map<string, CarriedOutAction[]>();
  for (const entry of await readOutbox(ctx.store.db, workspaceId)) {
    const actions = byClient.get(entry.clientId) ?? [];
    actions.push({ key: entry.actionKey, on: localDate(entry.queuedAt as IsoInstant, timeZone) });
    byClient.set(entry.clientId, actions);
  }
  return byClient;
}

/** One client's actions in one transaction: each recorded and queued unless its key is queued already. */
async function carryOut(ctx: AppContext, workspaceId: string, client: ClientAssessment, actions: readonly Action[], time: { at: IsoInstant; now: IsoInstant }): Promise<{ carried: boolean[]; appended: number }> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const appender = await LedgerAppender.open(trx, { workspaceId, dialect: ctx.store.dialect, sha256: ctx.sha256, now: () => nowIso(ctx.clock) });
    const carried: boolean[] = [];
    let appended = 0;
    for (const action of actions) {
      if (await isQueued(trx, workspaceId, action.key)) {
        carried.push(false);
        continue;
      }
      const facts = factsOf(action, client, time.at);
      if (facts.length > 0) {
        const result = await appender.append(facts);
        const rejected = result.rejections[0];
        if (rejected) throw new FirmlyError('ledger.conflict', `action ${action.key} cannot be recorded: ${rejected.reason}`);
        appended += result.appended;
      }
      await queueMessage(trx, workspaceId, {
        actionKey: action.key, clientId: client.clientId, kind: action.kind, template: action.template, locale: client.locale,
        subjectId: action.subject ?? null, due: action.due, status: 'queued', queuedAt: time.now,
      });
      carried.push(true);
    }
    await appender.close();
    return { carried, appended };
  });
}

/**
 * Carries out the actions due as of the end of `date`: records the facts they imply and
 * queues their message, one client's actions in a transaction of their own under the
 * workspace's write lock, each only if its key is not queued yet. Two sweeps at once, or a
 * sweep run again after dying half-way, therefore do each action exactly once. The plan
 * leaves out what the outbox already holds, and a client the sweep recorded facts for is
 * assessed again at once, so a second sweep of the same day plans nothing new.
 *
 * After a first full sweep, a sweep assesses only the clients with events recorded since the
 * last one read the ledger, or whose review date (`nextReviewDate`) has come; any change to
 * the workspace's settings or rules, or sweeping an earlier day, assesses everyone again.
 */
export async function runSweep(ctx: AppContext, workspaceId: string, date: IsoDate, options: SweepOptions = {}): Promise<SweepReport> {
  const { db } = ctx.store;
  // The snapshot first: whatever is recorded after this point is seen by the next sweep.
  const throughSeq = (await chainHead(db, workspaceId)).seq;
  const workspaceSeq = await lastWorkspaceEventSeq(db, workspaceId);
  const last = await readSweepState(db, workspaceId);
  const full = options.full === true || last === undefined || last.workspaceSeq !== workspaceSeq || date < last.sweptOn;
  const changed = full ? [] : await clientsChangedSince(db, workspaceId, last.throughSeq);
  const dueForReview = full ? [] : await clientsDueForReview(db, workspaceId, date);
  const clientIds = full ? undefined : [...new Set([...changed, ...dueForReview])];

  const run = await startAssessment(ctx, workspaceId, date);
  const due: { client: ClientAssessment; actions: readonly Action[] }[] = [];
  const reviews: ClientReview[] = [];
  const carriedOut = await carriedOutActions(ctx, workspaceId, run.timeZone);
  const unassessable: UnassessableClient[] = [];
  for await (const { assessment: client, reviewOn, failure } of run.assessEach({ review: true, carriedOut, ...(clientIds === undefined ? {} : { clientIds }) })) {
    // Skipped and reported, never the end of the sweep (#19 F2); reviewed again tomorrow.
    if (failure) {
      unassessable.push(failure);
      reviews.push({ clientId: failure.clientId, reviewOn: reviewOn ?? null });
      continue;
    }
    if (client.actions.length > 0) due.push({ client, actions: client.actions });
    reviews.push({ clientId: client.clientId, reviewOn: reviewOn ?? null });
  }
  const planned = due.flatMap((d) => d.actions);
  const base = {
    at: date, mode: full ? 'full' as const : 'incremental' as const, clientsAssessed: reviews.length - unassessable.length, unassessable, planned,
    ...(full ? {} : { clientsChanged: changed.length, clientsDue: dueForReview.length }),
  };
  if (options.dryRun) return { ...base, done: [], alreadyDone: [], eventsAppended: 0 };

  // Sweeping a past day (replaying history) dates its facts within that day, so that an
  // assessment of the same day sees them; a sweep of today records the real time.
  const now = nowIso(ctx.clock);
  const endOfDay = new Date(Date.parse(asOf(date, run.timeZone).cutoff) - 1000).toISOString() as IsoInstant;
  const at = now < endOfDay ? now : endOfDay;

  const done: Action[] = [];
  const alreadyDone: Action[] = [];
  let eventsAppended = 0;
  // The facts a sweep records can make further steps due the same day (a second pause
  // episode is a walk-away; #19): the sweep reassesses each client it recorded facts for and
  // carries those out too, so that sweeping the same day again finds nothing new. A round
  // follows only one that appended facts, and each fact belongs to an action key recorded
  // once, so this ends; the bound is a guard against a playbook bug, not a limit in practice.
  let round = due;
  for (let rounds = 1; round.length > 0 && rounds <= maxRounds; rounds += 1) {
    const recordedFor: string[] = [];
    for (const { client, actions } of round) {
      const outcome = await carryOut(ctx, workspaceId, client, actions, { at, now });
      actions.forEach((action, i) => (outcome.carried[i] ? done : alreadyDone).push(action));
      eventsAppended += outcome.appended;
      if (outcome.appended > 0) recordedFor.push(client.clientId);
    }
    round = [];
    if (recordedFor.length === 0) break;
    const carriedNow = await carriedOutActions(ctx, workspaceId, run.timeZone);
    for await (const reassessed of run.assessEach({ review: true, carriedOut: carriedNow, clientIds: recordedFor })) {
      // Its review date as its history now stands, in place of the first round's.
      const clientId = reassessed.failure ? reassessed.failure.clientId : reassessed.assessment.clientId;
      const review = reviews.findIndex((r) => r.clientId === clientId);
      if (review >= 0) reviews[review] = { clientId, reviewOn: reassessed.reviewOn ?? null };
      if (reassessed.failure) {
        // What it recorded stands; what more would be due waits until it can be assessed again.
        unassessable.push(reassessed.failure);
        continue;
      }
      const client = reassessed.assessment;
      planned.push(...client.actions);
      if (client.actions.length > 0) round.push({ client, actions: client.actions });
    }
  }
  await recordSweep(db, workspaceId, { sweptOn: date, throughSeq, workspaceSeq }, reviews, { full });
  return { ...base, done, alreadyDone, eventsAppended };
}
