import type { IsoDate } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { formatDecimal } from '../core/money.ts';
import type { EventType, LedgerEvent } from '../core/ledger/events.ts';
import { parseEvent } from '../core/ledger/parse-event.ts';
import { accessKey } from '../core/ledger/read-model.ts';
import type { ClientHistory } from '../core/assess/replay.ts';
import { describeMoney, offboardingStatus, type OffboardingStatus } from '../core/offboarding/checklist.ts';
import { readOffboarding, terminationActionKey, type OffboardingReason, type SkippableStep } from '../core/offboarding/record.ts';
import { LedgerAppender } from '../store/ledger-store.ts';
import { findOutboxEntry, queueMessage } from '../store/outbox-store.ts';
import type { Database } from '../store/schema.ts';
import type { Transaction } from 'kysely';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { startAssessment, workspaceToday } from './assess-workspace.ts';
import { newEventId } from './record-event.ts';
import { requireWorkspace } from './workspace.ts';

// Letting a client go (#7): start with a reason, hand over the accounts (not while the client
// owes money overdue, unless a person overrides that with a reason), withdraw the open
// requests, queue the termination letter, then end the contracts and offboard the client.
// Every step is a ledger fact; the checklist is computed from them (core/offboarding).

/** The checklist with the termination letter's place in the outbox. */
export interface OffboardingView extends OffboardingStatus {
  readonly terminationLetter: { readonly actionKey: string; readonly status: string } | null;
}

interface Loaded {
  readonly today: IsoDate;
  readonly history: ClientHistory;
  readonly view: OffboardingView;
}

async function load(ctx: AppContext, workspaceId: string, clientId: string): Promise<Loaded> {
  await requireWorkspace(ctx, workspaceId);
  const today = await workspaceToday(ctx, workspaceId);
  const run = await startAssessment(ctx, workspaceId, today);
  for await (const { history, events } of run.eachHistory({ clientIds: [clientId] })) {
    if (!history.state.get('client', clientId)) break;
    const record = readOffboarding(clientId, events.filter((e) => e.at < run.when.cutoff));
    const letter = await findOutboxEntry(ctx.store.db, workspaceId, terminationActionKey(clientId));
    const status = offboardingStatus({ history, record, when: run.when, terminationLetter: letter?.status ?? null });
    return { today, history, view: { ...status, terminationLetter: letter ? { actionKey: letter.actionKey, status: letter.status } : null } };
  }
  throw new FirmlyError('client.not_found', `no client "${clientId}" in workspace "${workspaceId}"`, { clientId });
}

/** The offboarding checklist of a client as of today. */
export async function getOffboarding(ctx: AppContext, workspaceId: string, clientId: string): Promise<OffboardingView> {
  return (await load(ctx, workspaceId, clientId)).view;
}

function requireOpen(view: OffboardingView): void {
  if (view.complete) throw new FirmlyError('action.already_done', `client "${view.clientId}" was offboarded on ${view.offboardedAt}`, { clientId: view.clientId });
  if (!view.started) {
    throw new FirmlyError('ledger.conflict', `offboarding of client "${view.clientId}" has not started: start it with a reason first`, { clientId: view.clientId, refusal: 'offboarding.not_started' });
  }
}

type Fact = { readonly type: EventType; readonly data: Record<string, unknown> };

/** Appends facts in one transaction (with `also`, e.g. queueing a message): all or nothing. */
async function append(ctx: AppContext, workspaceId: string, facts: readonly Fact[], also?: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
  const at = nowIso(ctx.clock);
  const events: LedgerEvent[] = facts.map((fact) => {
    const parsed = parseEvent({ id: newEventId(), type: fact.type, at, data: fact.data });
    if (!parsed.ok) throw new FirmlyError('input.invalid', parsed.reason, { reason: parsed.reason });
    return parsed.event;
  });
  await ctx.store.db.transaction().execute(async (trx) => {
    const appender = await LedgerAppender.open(trx, { workspaceId, dialect: ctx.store.dialect, sha256: ctx.sha256, now: () => nowIso(ctx.clock) });
    if (events.length > 0) {
      const rejection = (await appender.append(events)).rejections[0];
      if (rejection) throw new FirmlyError('import.rejected', `the ledger refused it: ${rejection.reason}`, { reason: rejection.reason }); // rolls back
    }
    if (also) await also(trx);
    await appender.close();
  });
}

export interface StartInput {
  readonly reason: OffboardingReason;
  /** Free text; the reason itself when `reason` is "other". */
  readonly note?: string | undefined;
}

/** Begins offboarding with a reason (`offboarding.started`); the assessment's stage becomes `offboarding`. */
export async function startOffboarding(ctx: AppContext, workspaceId: string, clientId: string, input: StartInput): Promise<OffboardingView> {
  const { view } = await load(ctx, workspaceId, clientId);
  if (view.complete) throw new FirmlyError('action.already_done', `client "${clientId}" was offboarded on ${view.offboardedAt}`, { clientId });
  if (view.started) throw new FirmlyError('action.already_done', `offboarding of client "${clientId}" started on ${view.startedAt} (${view.reason})`, { clientId });
  const note = input.note?.trim();
  await append(ctx, workspaceId, [{ type: 'offboarding.started', data: { clientId, reason: input.reason, ...(note ? { note } : {}) } }]);
  return getOffboarding(ctx, workspaceId, clientId);
}

export interface HandoverInput {
  readonly network: string;
  readonly account: string;
  /** Who at the client confirmed they have the access. */
  readonly confirmedBy?: string | undefined;
  /** Hand over although the client owes money overdue; the reason is recorded (`access.handoverApproved`). */
  readonly override?: { readonly reason: string } | undefined;
  /** The person overriding (the signed-in user). */
  readonly by?: string | undefined;
}

export interface HandoverOutcome {
  /** False when this account was handed over already: nothing was recorded. */
  readonly handedOver: boolean;
  /** True when this call recorded an override of the payment rule. */
  readonly overridden: boolean;
  readonly offboarding: OffboardingView;
}

/**
 * Records that the client has full access to one account (`access.handedOver`). Refused while
 * the client owes money overdue (`ledger.conflict`, with `owed`), unless an override was
 * recorded before or comes with this call: then `access.handoverApproved` with its reason is
 * recorded in the same transaction. An override is recorded only when it overrides something.
 */
export async function handOverAccess(ctx: AppContext, workspaceId: string, clientId: string, input: HandoverInput): Promise<HandoverOutcome> {
  const { view, history } = await load(ctx, workspaceId, clientId);
  requireOpen(view);
  const grant = history.state.get('accessGrant', accessKey(clientId, input.network, input.account));
  if (!grant) {
    const held = history.state.all('accessGrant').map((g) => `${g.network} "${g.account}"`);
    throw new FirmlyError('input.invalid', `no access to ${input.network} account "${input.account}" is on record for client "${clientId}"`
      + (held.length > 0 ? `; on record: ${held.join(', ')}` : '; none is on record'), { network: input.network, account: input.account });
  }
  if (grant.revokedAt !== null) throw new FirmlyError('ledger.conflict', `our access to ${input.network} account "${input.account}" was revoked on ${grant.revokedAt}: there is nothing to hand over`, { refusal: 'access.revoked' });
  if (grant.handedOverAt !== null) return { handedOver: false, overridden: false, offboarding: view };

  const facts: Fact[] = [];
  if (!view.handoverAllowed) {
    const reason = input.override?.reason.trim();
    if (!reason) {
      throw new FirmlyError('ledger.conflict', `client "${clientId}" owes ${describeMoney(view.owed)} overdue: the accounts are handed over once it is paid, or with an override that gives a reason`, {
        refusal: 'offboarding.client_owes', owed: view.owed.map((m) => ({ amount: formatDecimal(m), currency: m.currency })),
      });
    }
    facts.push({ type: 'access.handoverApproved', data: { clientId, reason, ...(input.by ? { by: input.by } : {}) } });
  }
  const confirmedBy = input.confirmedBy?.trim();
  facts.push({ type: 'access.handedOver', data: { clientId, network: input.network, account: input.account, ...(confirmedBy ? { confirmedBy } : {}) } });
  await append(ctx, workspaceId, facts);
  return { handedOver: true, overridden: facts.length > 1, offboarding: await getOffboarding(ctx, workspaceId, clientId) };
}

/** Withdraws every open request of the client (`request.withdrawn`, reason "offboarding"), in one transaction. */
export async function withdrawOpenRequests(ctx: AppContext, workspaceId: string, clientId: string): Promise<{ withdrawn: string[]; offboarding: OffboardingView }> {
  const { view, history } = await load(ctx, workspaceId, clientId);
  requireOpen(view);
  const open = history.state.all('request').filter((r) => r.status === 'open').map((r) => r.requestId).sort();
  await append(ctx, workspaceId, open.map((requestId) => ({ type: 'request.withdrawn', data: { requestId, reason: 'offboarding' } })));
  return { withdrawn: open, offboarding: await getOffboarding(ctx, workspaceId, clientId) };
}

/**
 * Queues the termination letter in the outbox under `{clientId}/offboarding/termination`, in
 * the client's language: reviewed, edited, approved and sent there like any other message. A
 * second call queues nothing (`queued: false`): there is one letter per client.
 */
export async function queueTerminationLetter(ctx: AppContext, workspaceId: string, clientId: string): Promise<{ actionKey: string; queued: boolean; status: string; offboarding: OffboardingView }> {
  const { view, history, today } = await load(ctx, workspaceId, clientId);
  requireOpen(view);
  const client = history.state.get('client', clientId);
  if (!client) throw new FirmlyError('client.not_found', `no client "${clientId}"`, { clientId });
  const actionKey = terminationActionKey(clientId);
  const queued = await ctx.store.db.transaction().execute((trx) => queueMessage(trx, workspaceId, {
    actionKey, clientId, kind: 'offboarding.termination', template: 'offboarding.termination', locale: client.locale,
    subjectId: null, due: today, status: 'queued', queuedAt: nowIso(ctx.clock),
  }));
  const offboarding = await getOffboarding(ctx, workspaceId, clientId);
  return { actionKey, queued, status: offboarding.terminationLetter?.status ?? 'queued', offboarding };
}

/** Marks a step as not to be done, with the reason (`offboarding.stepSkipped`): it then counts as done. */
export async function skipOffboardingStep(ctx: AppContext, workspaceId: string, clientId: string, input: { step: SkippableStep; reason: string }): Promise<OffboardingView> {
  const { view } = await load(ctx, workspaceId, clientId);
  requireOpen(view);
  await append(ctx, workspaceId, [{ type: 'offboarding.stepSkipped', data: { clientId, step: input.step, reason: input.reason } }]);
  return getOffboarding(ctx, workspaceId, clientId);
}

/**
 * Ends the engagement: once every step is done or skipped, `contract.ended` (today) for each
 * contract without an end date and `client.offboarded`, in one transaction. The assessment's
 * stage becomes `former`.
 */
export async function completeOffboarding(ctx: AppContext, workspaceId: string, clientId: string): Promise<{ contractsEnded: string[]; offboarding: OffboardingView }> {
  const { view, history, today } = await load(ctx, workspaceId, clientId);
  requireOpen(view);
  if (!view.ready) {
    const open = view.steps.filter((s) => s.status !== 'done');
    throw new FirmlyError('ledger.conflict', `offboarding of client "${clientId}" is not finished: ${open.map((s) => `${s.id} is ${s.status} (${s.detail})`).join('; ')} `
      + '— do these steps, or skip them with a reason', { refusal: 'offboarding.unfinished', steps: open.map((s) => s.id) });
  }
  const reason = (view.note ? `${view.reason ?? 'other'}: ${view.note}` : view.reason ?? 'other').slice(0, 1980);
  const open = history.state.all('contract').filter((c) => c.endDate === null).sort((a, b) => a.contractId.localeCompare(b.contractId));
  await append(ctx, workspaceId, [
    // A contract that starts after today ends on the day it would have started.
    ...open.map((c) => ({ type: 'contract.ended' as const, data: { contractId: c.contractId, endDate: c.startDate > today ? c.startDate : today, reason: `offboarding (${reason})` } })),
    { type: 'client.offboarded', data: { clientId, reason } },
  ]);
  return { contractsEnded: open.map((c) => c.contractId), offboarding: await getOffboarding(ctx, workspaceId, clientId) };
}
