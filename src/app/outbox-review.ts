import { dayCutoff, toPlainDate, type IsoDate, type IsoInstant } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { assessClient } from '../core/assess/assess-client.ts';
import type { Hold } from '../core/assess/hold.ts';
import { actionKinds, heldKinds, type Action, type ActionKind } from '../core/assess/plan.ts';
import { localDate, workspaceTimeZone, type ClientHistory } from '../core/assess/replay.ts';
import { defaultRules } from '../core/assess/rules.ts';
import { unassessable, type UnassessableClient } from '../core/assess/unassessable.ts';
import { businessCalendar } from '../core/calendar/business-days.ts';
import { letterHtml } from '../core/letters/html.ts';
import { offboardingTemplateIds } from '../core/letters/offboarding-letters.ts';
import { paymentTemplateIds } from '../core/letters/payment-letters.ts';
import { requestTemplateIds } from '../core/letters/request-letters.ts';
import type { Locale } from '../core/ledger/wire.ts';
import {
  autoSendKinds, clientContacts, findOutboxEntry, readOutbox, setAutoSendKind, updateOutboxEntry,
  type OutboxEntry, type OutboxStatus,
} from '../store/outbox-store.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { readWorkspaceEvents, startAssessment } from './assess-workspace.ts';
import { listClients } from './read-clients.ts';
import { renderMessage } from './render-message.ts';
import { requireWorkspace } from './workspace.ts';

export { outboxStatuses, type OutboxEntry, type OutboxStatus } from '../store/outbox-store.ts';

// A person reviews every message before it goes out unless the workspace lets a kind go out
// on its own (`setAutoSend`). What is approved is frozen: the subject and text a person saw
// (or wrote) are sent, byte for byte, on every try.

const letters: readonly string[] = [...paymentTemplateIds, ...requestTemplateIds, ...offboardingTemplateIds];

/** Whether the outbox entry is a letter to the client; otherwise it is a step for the user (walk away). */
export const isLetter = (entry: Pick<OutboxEntry, 'template'>): boolean => letters.includes(entry.template);

/** The action kinds that are letters to the client, and so may be sent without review. */
export const mailableKinds: readonly string[] = actionKinds.filter((kind) => kind !== 'client.walk-away');

const notInOutbox = (actionKey: string) =>
  new FirmlyError('outbox.not_found', `no message in the outbox for action "${actionKey}" (firmly outbox list shows them)`, { actionKey });

async function entryOf(ctx: AppContext, workspaceId: string, actionKey: string): Promise<OutboxEntry> {
  const entry = await findOutboxEntry(ctx.store.db, workspaceId, actionKey);
  if (!entry) throw notInOutbox(actionKey);
  return entry;
}

/** The message of an action; `outbox.not_found` when there is none. */
export async function requireOutboxMessage(ctx: AppContext, workspaceId: string, actionKey: string): Promise<OutboxEntry> {
  await requireWorkspace(ctx, workspaceId);
  return entryOf(ctx, workspaceId, actionKey);
}

/** Today in the workspace's time zone as of an instant. */
export async function workspaceDate(ctx: AppContext, workspaceId: string, at: IsoInstant): Promise<IsoDate> {
  return localDate(at, workspaceTimeZone(await readWorkspaceEvents(ctx, workspaceId)));
}

export async function listOutboxMessages(ctx: AppContext, workspaceId: string, filter: { statuses?: readonly OutboxStatus[] } = {}): Promise<OutboxEntry[]> {
  await requireWorkspace(ctx, workspaceId);
  return readOutbox(ctx.store.db, workspaceId, filter);
}

/** An outbox entry with what a person needs to recognise it in a list. */
export interface OutboxListing {
  readonly entry: OutboxEntry;
  readonly clientName: string;
  /** The client's contact addresses: the first is the addressee, the others are copied. */
  readonly to: readonly string[];
  /** The approved or edited subject, else the one it would have if sent today; null for a step for the user or a letter that cannot be written now. */
  readonly subject: string | null;
}

/** Client names, addresses and subjects for outbox entries; a subject not yet fixed is rendered as of today. */
export async function describeOutboxEntries(ctx: AppContext, workspaceId: string, entries: readonly OutboxEntry[], options: { render?: boolean } = {}): Promise<OutboxListing[]> {
  const names = new Map((await listClients(ctx, workspaceId)).map((c) => [c.client.clientId as string, c.client.name]));
  const contacts = new Map<string, string[]>();
  for (const clientId of new Set(entries.map((e) => e.clientId))) {
    contacts.set(clientId, (await clientContacts(ctx.store.db, workspaceId, clientId)).map((c) => c.email));
  }
  const today = options.render === false || entries.every((e) => e.subject !== null) ? undefined : await workspaceDate(ctx, workspaceId, nowIso(ctx.clock));
  const listings: OutboxListing[] = [];
  for (const entry of entries) {
    let subject = entry.subject;
    if (subject === null && today !== undefined && isLetter(entry)) {
      try {
        subject = (await renderMessage(ctx, workspaceId, entry, today)).subject;
      } catch (error) {
        // One letter that cannot be written (a rate missing from the law's table) must not hide the others.
        if (!(error instanceof FirmlyError)) throw error;
      }
    }
    listings.push({ entry, clientName: names.get(entry.clientId) ?? entry.clientId, to: contacts.get(entry.clientId) ?? [], subject });
  }
  return listings;
}

export interface MessagePreview {
  readonly entry: OutboxEntry;
  /** Null for a step for the user, which is never mailed. */
  readonly letter: {
    readonly subject: string;
    readonly text: string;
    readonly html: string;
    readonly locale: Locale;
    readonly to: readonly { name: string; email: string }[];
    /** The day whose figures the letter gives. */
    readonly asOf: IsoDate | null;
    /** `approved`: the text frozen at approval; `edited`: a person's text; `preview`: rendered now. */
    readonly source: 'approved' | 'edited' | 'preview';
    readonly warnings: readonly string[];
  } | null;
}

/**
 * One message with its letter: the text approved or edited where there is one, else a
 * preview rendered as of `at` (default today; `'due'`: the day it became due).
 */
export async function showOutboxMessage(ctx: AppContext, workspaceId: string, actionKey: string, options: { at?: IsoDate | 'due' } = {}): Promise<MessagePreview> {
  await requireWorkspace(ctx, workspaceId);
  const entry = await entryOf(ctx, workspaceId, actionKey);
  if (!isLetter(entry)) return { entry, letter: null };
  if (entry.subject !== null && entry.body !== null) {
    const locale = entry.locale as Locale;
    return {
      entry,
      letter: {
        subject: entry.subject, text: entry.body, html: letterHtml(entry.body, locale), locale,
        to: await clientContacts(ctx.store.db, workspaceId, entry.clientId),
        asOf: entry.renderedOn as IsoDate | null, source: entry.editedAt !== null ? 'edited' : 'approved', warnings: [],
      },
    };
  }
  const date = options.at === 'due' ? entry.due as IsoDate : options.at ?? await workspaceDate(ctx, workspaceId, nowIso(ctx.clock));
  const rendered = await renderMessage(ctx, workspaceId, entry, date);
  return { entry, letter: { ...rendered, asOf: date, source: 'preview' } };
}

export type ApprovalOutcome = 'approved' | 'acknowledged' | 'already' | 'refused';

export interface Approval {
  readonly actionKey: string;
  readonly outcome: ApprovalOutcome;
  /** Why it was refused, or the state it is already in. */
  readonly note?: string;
}

/**
 * Approves one queued message, freezing its letter as of `date` (unless a person's edit is
 * there): from now on that text is what is sent. A step for the user is acknowledged instead.
 * Compare-and-set on the status, so two people approving at once approve it once.
 */
export async function approveEntry(ctx: AppContext, workspaceId: string, entry: OutboxEntry, date: IsoDate, now: IsoInstant): Promise<Approval> {
  const { actionKey } = entry;
  if (entry.status !== 'queued') {
    return entry.status === 'failed'
      ? { actionKey, outcome: 'refused', note: 'it failed; `retry` sends it again' }
      : entry.status === 'discarded' ? { actionKey, outcome: 'refused', note: 'it was discarded' } : { actionKey, outcome: 'already', note: entry.status };
  }
  if (!isLetter(entry)) {
    const done = await updateOutboxEntry(ctx.store.db, workspaceId, actionKey, { status: 'queued' }, { status: 'acknowledged', approvedAt: now });
    return done ? { actionKey, outcome: 'acknowledged' } : { actionKey, outcome: 'already', note: 'changed meanwhile' };
  }
  const letter = entry.body !== null && entry.subject !== null
    ? { subject: entry.subject, body: entry.body, renderedOn: entry.renderedOn }
    : await renderMessage(ctx, workspaceId, entry, date).then((r) => ({ subject: r.subject, body: r.text, renderedOn: date, locale: r.locale }));
  const done = await updateOutboxEntry(ctx.store.db, workspaceId, actionKey, { status: 'queued' }, {
    status: 'approved', approvedAt: now, nextAttemptAt: null, attempts: 0, subject: letter.subject, body: letter.body, renderedOn: letter.renderedOn,
  });
  return done ? { actionKey, outcome: 'approved' } : { actionKey, outcome: 'already', note: 'changed meanwhile' };
}

/**
 * Approves one message as of today: `approved`, or `already` when it was. Unlike the batch
 * below it fails, with the reason, when it cannot be approved (failed, discarded, or a letter
 * that cannot be written).
 */
export async function approveOutboxMessage(ctx: AppContext, workspaceId: string, actionKey: string): Promise<Approval> {
  await requireWorkspace(ctx, workspaceId);
  const now = nowIso(ctx.clock);
  const entry = await entryOf(ctx, workspaceId, actionKey);
  const approval = await approveEntry(ctx, workspaceId, entry, await workspaceDate(ctx, workspaceId, now), now);
  if (approval.outcome === 'refused') throw new FirmlyError('action.already_done', `"${actionKey}" cannot be approved: ${approval.note ?? entry.status}`, { status: entry.status });
  return approval;
}

/**
 * Approves queued messages (`'all'`: every one), each as of `date` (default today). A key
 * not in the outbox fails the whole call before anything is approved; a letter that cannot be
 * rendered is refused on its own, naming why.
 */
export async function approveOutboxMessages(ctx: AppContext, workspaceId: string, keys: readonly string[] | 'all', options: { date?: IsoDate } = {}): Promise<Approval[]> {
  await requireWorkspace(ctx, workspaceId);
  const now = nowIso(ctx.clock);
  const date = options.date ?? await workspaceDate(ctx, workspaceId, now);
  const entries = keys === 'all'
    ? await readOutbox(ctx.store.db, workspaceId, { statuses: ['queued'] })
    : await Promise.all(keys.map((key) => entryOf(ctx, workspaceId, key)));
  const outcomes: Approval[] = [];
  for (const entry of entries) {
    try {
      outcomes.push(await approveEntry(ctx, workspaceId, entry, date, now));
    } catch (error) {
      if (!(error instanceof FirmlyError)) throw error;
      outcomes.push({ actionKey: entry.actionKey, outcome: 'refused', note: error.message });
    }
  }
  return outcomes;
}

/**
 * Replaces a letter's subject and text with a person's own; it then needs approval (again).
 * The HTML part is made from the text when it is sent.
 */
export async function editOutboxMessage(ctx: AppContext, workspaceId: string, actionKey: string, letter: { subject: string; body: string }): Promise<OutboxEntry> {
  await requireWorkspace(ctx, workspaceId);
  const entry = await entryOf(ctx, workspaceId, actionKey);
  if (!isLetter(entry)) throw new FirmlyError('not_supported', `"${actionKey}" is a step for you, not a message to the client: there is nothing to edit`);
  if (!['queued', 'approved', 'failed'].includes(entry.status)) throw new FirmlyError('action.already_done', `"${actionKey}" is ${entry.status}: it can no longer be edited`, { status: entry.status });
  const subject = letter.subject.replace(/\s+/g, ' ').trim();
  const body = letter.body.replace(/\r\n/g, '\n').trim();
  if (subject === '' || body === '') throw new FirmlyError('input.invalid', 'a message needs a subject and a text');
  if (subject.length > 1000) throw new FirmlyError('input.invalid', 'the subject is longer than 1000 characters');
  const now = nowIso(ctx.clock);
  const done = await updateOutboxEntry(ctx.store.db, workspaceId, actionKey, { status: entry.status }, {
    status: 'queued', subject, body: `${body}\n`, editedAt: now, renderedOn: null, approvedAt: null, nextAttemptAt: null,
  });
  if (!done) throw new FirmlyError('action.already_done', `"${actionKey}" changed while it was being edited; look at it again`);
  return entryOf(ctx, workspaceId, actionKey);
}

export interface StatusChange {
  readonly actionKey: string;
  readonly changed: boolean;
  readonly status: OutboxStatus;
}

async function changeStatus(ctx: AppContext, workspaceId: string, keys: readonly string[] | 'all', from: readonly OutboxStatus[], to: OutboxStatus, extra: Parameters<typeof updateOutboxEntry>[4] = {}): Promise<StatusChange[]> {
  await requireWorkspace(ctx, workspaceId);
  const entries = keys === 'all'
    ? await readOutbox(ctx.store.db, workspaceId, { statuses: from })
    : await Promise.all(keys.map((key) => entryOf(ctx, workspaceId, key)));
  const changes: StatusChange[] = [];
  for (const entry of entries) {
    const changed = from.includes(entry.status) && await updateOutboxEntry(ctx.store.db, workspaceId, entry.actionKey, { status: entry.status }, { status: to, ...extra });
    changes.push({ actionKey: entry.actionKey, changed, status: changed ? to : entry.status });
  }
  return changes;
}

/** Sends failed messages again: back to approved, with a fresh count of tries. */
export const retryOutboxMessages = (ctx: AppContext, workspaceId: string, keys: readonly string[] | 'all'): Promise<StatusChange[]> =>
  changeStatus(ctx, workspaceId, keys, ['failed'], 'approved', { attempts: 0, nextAttemptAt: null });

/** A person decides a message is not to be sent. The action stays carried out: it is not queued again. */
export const discardOutboxMessages = (ctx: AppContext, workspaceId: string, keys: readonly string[]): Promise<StatusChange[]> =>
  changeStatus(ctx, workspaceId, keys, ['queued', 'approved', 'failed'], 'discarded', { nextAttemptAt: null });

/** The kinds of message that go out without review in this workspace. */
export async function autoSendSettings(ctx: AppContext, workspaceId: string): Promise<{ kind: string; auto: boolean }[]> {
  await requireWorkspace(ctx, workspaceId);
  const on = new Set(await autoSendKinds(ctx.store.db, workspaceId));
  return mailableKinds.map((kind) => ({ kind, auto: on.has(kind) }));
}

/** Lets a kind of message go out without review (`on`), or back to review by a person. */
export async function setAutoSend(ctx: AppContext, workspaceId: string, kind: string, on: boolean): Promise<void> {
  await requireWorkspace(ctx, workspaceId);
  if (!mailableKinds.includes(kind)) {
    throw new FirmlyError('input.invalid', kind === 'client.walk-away'
      ? 'client.walk-away is a step for you, not a message: it is never sent'
      : `no kind of message "${kind}"; there are ${mailableKinds.join(', ')}`);
  }
  await setAutoSendKind(ctx.store.db, workspaceId, kind, on, nowIso(ctx.clock));
}

/** Whether the plan still has the entry's action. */
function isPlanned(entry: OutboxEntry, planned: readonly Action[]): boolean {
  // The approval-load review's key names a 30-day period: one approved late in a period and
  // sent early in the next is the same review, still due while the client is flagged.
  return planned.some((a) => a.key === entry.actionKey || (entry.kind === 'approval.load-review' && a.kind === entry.kind));
}

/** In words, why an action left the plan, from the client's history as of `date`. */
function reasonGone(entry: OutboxEntry, history: ClientHistory, date: IsoDate): string {
  const { state } = history;
  const client = state.get('client', history.clientId);
  if (client?.offboardedAt) return `${client.name} was offboarded`;
  const invoice = entry.subjectId ? state.get('invoice', entry.subjectId) : undefined;
  if (invoice && invoice.openMinor <= 0) return `invoice ${invoice.number} is settled${invoice.settledOn ? ` (${invoice.settledOn})` : ''}`;
  const request = entry.subjectId ? state.get('request', entry.subjectId) : undefined;
  if (request && request.status !== 'open') return `the request "${request.subject}" was ${request.status}`;
  if (entry.kind === 'work.pause' && client?.paused) return 'work is already paused';
  if (entry.kind === 'work.resume' && client && !client.paused) return 'work is no longer paused';
  return `the plan for ${client?.name ?? history.clientId} as of ${date} no longer has it`;
}

/** Why an approved message is not to be sent now: gone for good, or held until `heldUntil`. */
export interface NotDue {
  readonly reason: string;
  /** Kept back by a hold on escalation (#12): the first instant after the hold, when it is due again. Not discarded. */
  readonly heldUntil?: IsoInstant;
}

/**
 * Of approved messages, those whose action is no longer due, with why: each client is
 * assessed afresh as of `today` (or the day the message is due, if later) and the action must
 * still be in its plan. What changed since approval — the invoice paid, the request answered,
 * the client offboarded — is what the message would otherwise contradict. A step a hold on
 * escalation keeps back is not gone: it waits until the hold is over (`heldUntil`), since
 * discarding it would end its chain for good.
 */
export async function actionsNoLongerDue(ctx: AppContext, workspaceId: string, entries: readonly OutboxEntry[], today: IsoDate): Promise<Map<string, NotDue>> {
  const reasons = new Map<string, NotDue>();
  const byDate = new Map<IsoDate, OutboxEntry[]>();
  for (const entry of entries) {
    // A letter a person queued (offboarding's, #7) is no action of the plan: it stays due until sent or discarded.
    if (!(actionKinds as readonly string[]).includes(entry.kind)) continue;
    const date = entry.due > today ? entry.due as IsoDate : today;
    byDate.set(date, [...(byDate.get(date) ?? []), entry]);
  }
  for (const [date, group] of byDate) {
    const run = await startAssessment(ctx, workspaceId, date);
    const context = { when: run.when, workspace: run.workspace, rules: defaultRules, calendarFor: businessCalendar };
    const assessed = new Set<string>();
    for await (const replayed of run.eachReplay({ clientIds: [...new Set(group.map((e) => e.clientId))] })) {
      // A client that cannot be assessed (#19 F2) holds back its own messages, with the reason:
      // whether they are still due cannot be known. The others are sent as usual.
      const holdBack = ({ clientId, error }: UnassessableClient) => {
        for (const entry of group) if (entry.clientId === clientId) reasons.set(entry.actionKey, { reason: `the client cannot be assessed: ${error.message}` });
      };
      if (!replayed.ok) {
        assessed.add(replayed.failure.clientId);
        holdBack(replayed.failure);
        continue;
      }
      const { history } = replayed;
      assessed.add(history.clientId);
      let planned: readonly Action[];
      let hold: Hold | null;
      try {
        const assessment = assessClient(history, context);
        planned = assessment?.actions ?? [];
        hold = assessment?.hold ?? null;
      } catch (error) {
        holdBack(unassessable(history.clientId, null, error));
        continue;
      }
      for (const entry of group) {
        if (entry.clientId !== history.clientId || isPlanned(entry, planned)) continue;
        if (hold !== null && heldKinds.has(entry.kind as ActionKind)) {
          const heldUntil = dayCutoff(toPlainDate(hold.until), run.timeZone).toString({ fractionalSecondDigits: 3 }) as IsoInstant;
          reasons.set(entry.actionKey, { reason: `on hold until ${hold.until} (${hold.reason})`, heldUntil });
        } else {
          reasons.set(entry.actionKey, { reason: reasonGone(entry, history, date) });
        }
      }
    }
    for (const entry of group) if (!assessed.has(entry.clientId)) reasons.set(entry.actionKey, { reason: `no client "${entry.clientId}" on record` });
  }
  return reasons;
}
