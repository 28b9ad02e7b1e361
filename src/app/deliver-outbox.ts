import type { IsoInstant } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { parseEvent } from '../core/ledger/parse-event.ts';
import type { LedgerEvent } from '../core/ledger/events.ts';
import { letterHtml } from '../core/letters/html.ts';
import type { Locale } from '../core/ledger/wire.ts';
import { LedgerAppender } from '../store/ledger-store.ts';
import {
  autoSendKinds, clientContacts, findOutboxEntry, readDeliverable, readOutbox, sentMessageFor, updateOutboxEntry, workspaceName,
  type OutboxEntry,
} from '../store/outbox-store.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { actionsNoLongerDue, approveEntry, isLetter, workspaceDate, type StatusChange } from './outbox-review.ts';
import { MailDeliveryError, type MailTransport, type OutgoingMail } from './outbox-smtp.ts';
import { requireWorkspace } from './workspace.ts';

export interface DeliveryOptions {
  /** Tries before a message is `failed` and waits for `retry`; default 20 (about two days of backoff). */
  readonly maxAttempts?: number;
  /** Wait after the first failed try, doubled after each further one; default 1 minute. */
  readonly firstRetryMs?: number;
  /** The longest wait between tries; default 4 hours. */
  readonly maxRetryMs?: number;
  /**
   * How long a message stays claimed (`sending`, `unconfirmed`) by the process sending it. A
   * process that dies before the end of the message left leaves it `sending`: once the claim
   * has lapsed the next round sends it again, with the same Message-ID. One that dies after
   * leaves it `unconfirmed`: once the claim has lapsed the next round holds it for a person.
   * Longer than any one send can take (the SMTP timeouts are 20 s to connect and 60 s of
   * silence); default 10 minutes. A process that outlives its claim (suspended, …) cannot
   * finish the send: the end of the message only leaves while the claim is still its own.
   */
  readonly claimMs?: number;
  /** At most this many messages per round; default 500. */
  readonly limit?: number;
  /** Only these messages (by action key), and no approving of the auto-send kinds. */
  readonly only?: readonly string[];
}

export interface DeliveryReport {
  /** Queued messages of the kinds the workspace sends without review, approved by this round. */
  readonly approved: readonly string[];
  /** Messages of those kinds whose letter could not be written: left for a person. */
  readonly unapproved: readonly { readonly actionKey: string; readonly error: string }[];
  readonly sent: readonly { readonly actionKey: string; readonly messageId: string }[];
  /** Tried and not sent: `retryAt` when it will be tried again, null when it failed for good. */
  readonly failed: readonly { readonly actionKey: string; readonly error: string; readonly retryAt: string | null }[];
  /** Not tried: the server was unreachable for an earlier message of the round. */
  readonly deferred: readonly string[];
  /** Messages left `sending` by a process that stopped, taken over by this round. */
  readonly recovered: readonly string[];
  /**
   * Not sent again, now `failed` for a person to decide: the server had the whole message and
   * its answer never came or was never recorded (a crash, a timeout), so it may have arrived.
   */
  readonly held: readonly { readonly actionKey: string; readonly messageId: string; readonly error: string }[];
  /** Not mailed again: accepted by the server before a crash, or already on record (a concurrent round, or by hand); now recorded sent. */
  readonly alreadySent: readonly string[];
  /** Not sent and discarded: the action is no longer due (the invoice was paid since approval, …); `reason` says why. */
  readonly discarded: readonly { readonly actionKey: string; readonly reason: string }[];
}

const defaults = { maxAttempts: 20, firstRetryMs: 60_000, maxRetryMs: 4 * 3_600_000, claimMs: 10 * 60_000, limit: 500, only: undefined };

/** Thrown by the hook before the end of a message when the claim is no longer this round's: the end must not leave. */
class ClaimLost extends Error {
  override readonly name = 'ClaimLost';
}

/** Why a message is held: what a person needs in order to decide. */
const heldBecause = (entry: Pick<OutboxEntry, 'sentAt'>, messageId: string, what: string): string =>
  `may have been sent: the server had the whole message${entry.sentAt ? ` at ${entry.sentAt}` : ''} and ${what}, Message-ID ${messageId}. `
  + 'Check the Sent folder (or ask the client), then send it again (retry: the same Message-ID) or mark it sent';

const plusMs = (at: IsoInstant, ms: number): IsoInstant => new Date(Date.parse(at) + ms).toISOString() as IsoInstant;

/**
 * The Message-ID of an action's message: the same on every try and after any crash, so a
 * receiver that sees it twice can tell it is one message. Hashed, so no client or invoice
 * id leaves in it; the domain is the sender's (RFC 5322 §3.6.4).
 *
 * @example messageIdFor(sha256, 'ws', 'c3/late/inv8/reminder-1', 'hello@studio.example') // '<firmly.3f…@studio.example>'
 */
export function messageIdFor(sha256: (text: string) => string, workspaceId: string, actionKey: string, fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1).toLowerCase();
  return `<firmly.${sha256(`${workspaceId}\n${actionKey}`).slice(0, 32)}@${domain}>`;
}

/** The `message.sent` that records an action's message; its id is the action's, so it can be recorded once only. */
function sentEvent(entry: OutboxEntry, messageId: string, subject: string, at: IsoInstant): LedgerEvent {
  const id = `outbox:${entry.actionKey}`;
  const requestId = entry.kind.startsWith('request.') && entry.subjectId ? { requestId: entry.subjectId } : {};
  const parsed = parseEvent({
    id: id.length <= 200 ? id : `outbox:${messageId.slice(1, -1)}`,
    type: 'message.sent', at,
    data: { messageId, clientId: entry.clientId, channel: 'email', subject, ...requestId, actionKey: entry.actionKey },
  });
  if (!parsed.ok) throw new FirmlyError('internal', `the outbox built an invalid message.sent for ${entry.actionKey}: ${parsed.reason}`);
  return parsed.event;
}

/**
 * Sends the approved messages whose time has come, over `transport`, as of `now`. First it
 * approves the queued messages of the kinds the workspace sends without review.
 *
 * Each message, one at a time: (1) claimed — marked `sending`, its try counted, committed
 * before the server is contacted; (2) its text handed to the server all but its end; (3)
 * marked `unconfirmed`, committed, only if the claim is still this round's; (4) the end sent,
 * the server's answer awaited; (5) on its 250, marked `accepted` in one statement; (6)
 * marked `sent` together with its `message.sent` in one transaction.
 *
 * A crash before (3) leaves it `sending`, and the server cannot have accepted it: once the
 * claim lapses a later round sends it again. A crash after (5) leaves it `accepted`: the next
 * round records it without mailing it. A crash between (3) and (5), or no answer to the end,
 * leaves the one case no sender can settle alone — the server may have the message — and
 * that message is held (`failed`, saying so) for a person to check and then retry or mark
 * sent, rather than mailed twice: a second dunning letter reads as a second demand, and not
 * every mailbox drops a copy by its Message-ID.
 *
 * A failed try waits (1 min, 2, 4, … at most 4 h) and is tried again, up to `maxAttempts`
 * tries; a message the server refuses for good (5xx) fails at once. When the server cannot be
 * reached, the round stops and the other due messages wait as long as the one that failed.
 */
export async function deliverDue(ctx: AppContext, workspaceId: string, transport: MailTransport, now: IsoInstant, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  await requireWorkspace(ctx, workspaceId);
  const o = { ...defaults, ...options };
  const { db } = ctx.store;
  const report = { approved: [] as string[], unapproved: [] as { actionKey: string; error: string }[], sent: [] as { actionKey: string; messageId: string }[], failed: [] as DeliveryReport['failed'][number][], deferred: [] as string[], recovered: [] as string[], held: [] as { actionKey: string; messageId: string; error: string }[], alreadySent: [] as string[], discarded: [] as { actionKey: string; reason: string }[] };

  const auto = o.only ? [] : await autoSendKinds(db, workspaceId);
  if (auto.length > 0) {
    const date = await workspaceDate(ctx, workspaceId, now);
    for (const entry of await readOutbox(db, workspaceId, { statuses: ['queued'], kinds: auto })) {
      if (!isLetter(entry)) continue;
      try {
        const approval = await approveEntry(ctx, workspaceId, entry, date, now);
        if (approval.outcome === 'approved') report.approved.push(entry.actionKey);
      } catch (error) {
        // A letter that cannot be written (a rate missing from the law's table, …) waits for a person.
        if (!(error instanceof FirmlyError)) throw error;
        await updateOutboxEntry(db, workspaceId, entry.actionKey, { status: 'queued' }, { lastError: `not approved automatically: ${error.message}` });
        report.unapproved.push({ actionKey: entry.actionKey, error: error.message });
      }
    }
  }

  /**
   * Records an accepted message; undefined when the ledger refused it. It then stays
   * `accepted`, with the reason, for the next round (never mailed again) and a person to see.
   */
  const record = async (entry: OutboxEntry, messageId: string, event: LedgerEvent): Promise<boolean | undefined> => {
    try {
      return await markSent(ctx, workspaceId, entry.actionKey, messageId, event);
    } catch (error) {
      if (!(error instanceof FirmlyError) || error.code !== 'ledger.conflict') throw error;
      await updateOutboxEntry(db, workspaceId, entry.actionKey, { status: 'accepted' }, { lastError: error.message });
      report.failed.push({ actionKey: entry.actionKey, error: error.message, retryAt: null });
      return undefined;
    }
  };

  const from = { ...transport.from, ...(transport.from.name ? {} : { name: await workspaceName(db, workspaceId) ?? '' }) };
  let unreachable: { error: string; retryAt: IsoInstant } | undefined;
  const deliverable = (await readDeliverable(db, workspaceId, now, o.limit)).filter((e) => isLetter(e) && (!o.only || o.only.includes(e.actionKey)));
  // What was approved may have stopped being due since (the invoice paid, the request
  // answered): such a message would contradict the facts, so it is discarded, not sent.
  const gone = await actionsNoLongerDue(ctx, workspaceId, deliverable.filter((e) => e.status === 'approved'), await workspaceDate(ctx, workspaceId, now));
  for (const entry of deliverable) {
    const { actionKey } = entry;
    if (entry.status === 'accepted') {
      // The server took it before the process sending it stopped: record it, never mail it again.
      const messageId = entry.messageId ?? messageIdFor(ctx.sha256, workspaceId, actionKey, from.address);
      const event = sentEvent(entry, messageId, entry.subject ?? '', (entry.sentAt ?? now) as IsoInstant);
      if (await record(entry, messageId, event)) report.alreadySent.push(actionKey);
      continue;
    }
    if (entry.status === 'unconfirmed') {
      // Its sender stopped after the end of the message left and before the answer was
      // recorded, and its claim has lapsed: it may have arrived, so a person decides.
      const messageId = entry.messageId ?? messageIdFor(ctx.sha256, workspaceId, actionKey, from.address);
      const recorded = await sentMessageFor(db, workspaceId, actionKey);
      const expectedNow = { status: entry.status, attempts: entry.attempts };
      if (recorded) {
        if (await updateOutboxEntry(db, workspaceId, actionKey, expectedNow, { status: 'sent', messageId: recorded.messageId, sentAt: recorded.at, nextAttemptAt: null })) report.alreadySent.push(actionKey);
        continue;
      }
      const error = heldBecause(entry, messageId, 'the process sending it stopped before its answer was recorded');
      if (await updateOutboxEntry(db, workspaceId, actionKey, expectedNow, { status: 'failed', nextAttemptAt: null, lastError: error })) report.held.push({ actionKey, messageId, error });
      continue;
    }
    const notDue = gone.get(actionKey);
    // A message recorded by hand with the action's key also takes it off the plan: that one is sent, below.
    if (notDue?.heldUntil !== undefined && entry.status === 'approved' && !(await sentMessageFor(db, workspaceId, actionKey))) {
      // Held (#12): no reminder goes out while the hold lasts; it waits for the day after, still approved.
      if (await updateOutboxEntry(db, workspaceId, actionKey, { status: 'approved', attempts: entry.attempts }, { nextAttemptAt: notDue.heldUntil, lastError: `not sent: ${notDue.reason}` })) {
        report.deferred.push(actionKey);
      }
      continue;
    }
    if (notDue !== undefined && entry.status === 'approved' && !(await sentMessageFor(db, workspaceId, actionKey))) {
      const reason = `no longer due: ${notDue.reason}`;
      if (await updateOutboxEntry(db, workspaceId, actionKey, { status: 'approved', attempts: entry.attempts }, { status: 'discarded', nextAttemptAt: null, lastError: reason })) {
        report.discarded.push({ actionKey, reason });
      }
      continue;
    }
    if (unreachable) {
      // The server is down: try none of the others this round, and let them wait as long.
      if (entry.status === 'approved' && await updateOutboxEntry(db, workspaceId, actionKey, { status: 'approved', attempts: entry.attempts }, { nextAttemptAt: unreachable.retryAt, lastError: `not tried: ${unreachable.error}` })) {
        report.deferred.push(actionKey);
      }
      continue;
    }
    const expected = { status: entry.status, attempts: entry.attempts };

    const recorded = await sentMessageFor(db, workspaceId, actionKey);
    if (recorded) {
      // Recorded as sent already (a round that died after committing, or a message recorded by hand).
      if (await updateOutboxEntry(db, workspaceId, actionKey, expected, { status: 'sent', messageId: recorded.messageId, sentAt: recorded.at, nextAttemptAt: null })) report.alreadySent.push(actionKey);
      continue;
    }
    if (entry.attempts >= o.maxAttempts) {
      const error = entry.status === 'sending'
        ? `the last of ${entry.attempts} tries was cut short before the server had the whole message`
        : entry.lastError ?? `${entry.attempts} tries`;
      if (await updateOutboxEntry(db, workspaceId, actionKey, expected, { status: 'failed', nextAttemptAt: null, lastError: error })) report.failed.push({ actionKey, error, retryAt: null });
      continue;
    }
    if (entry.subject === null || entry.body === null) throw new FirmlyError('internal', `approved message ${actionKey} has no letter`);
    const to = await clientContacts(db, workspaceId, entry.clientId);
    const messageId = entry.messageId ?? messageIdFor(ctx.sha256, workspaceId, actionKey, from.address);
    // Built before the claim, so that between the server's acceptance and our commit there is
    // nothing left to do but write.
    const event = sentEvent(entry, messageId, entry.subject, now);
    const locale = entry.locale as Locale;
    const mail: OutgoingMail = {
      messageId, from, to: to.slice(0, 1), cc: to.slice(1), subject: entry.subject, text: entry.body, html: letterHtml(entry.body, locale), language: locale,
    };

    const claimed = await updateOutboxEntry(db, workspaceId, actionKey, expected, { status: 'sending', messageId, nextAttemptAt: plusMs(now, o.claimMs) }, { countAttempt: true });
    if (!claimed) continue; // another process took it
    if (entry.status === 'sending') report.recovered.push(actionKey);
    const attempts = entry.attempts + 1;
    // (3): the last write before the end of the message leaves. A compare-and-set on this
    // round's claim, so a round that outlived its claim (another took the message over)
    // stops before the server can accept a second copy.
    let handedOver = false;
    const beforeEnd = async (): Promise<void> => {
      if (!(await updateOutboxEntry(db, workspaceId, actionKey, { status: 'sending', attempts }, { status: 'unconfirmed', sentAt: now }))) {
        throw new ClaimLost(`${actionKey} is no longer claimed by this round`);
      }
      handedOver = true;
    };
    const mine = () => ({ status: handedOver ? 'unconfirmed' as const : 'sending' as const, attempts });

    try {
      if (to.length === 0) throw new MailDeliveryError('the client has no contact address on record', 'permanent');
      await transport.send(mail, beforeEnd);
    } catch (error) {
      if (error instanceof ClaimLost) continue; // another round has it
      if (!(error instanceof MailDeliveryError)) throw error;
      if (error.reason === 'unknown') {
        const held = heldBecause({ sentAt: now }, messageId, `did not answer (${error.message})`);
        if (await updateOutboxEntry(db, workspaceId, actionKey, mine(), { status: 'failed', nextAttemptAt: null, lastError: held })) report.held.push({ actionKey, messageId, error: held });
        continue;
      }
      const final = error.reason === 'permanent' || attempts >= o.maxAttempts;
      const retryAt = final ? null : plusMs(now, Math.min(o.firstRetryMs * 2 ** (attempts - 1), o.maxRetryMs));
      await updateOutboxEntry(db, workspaceId, actionKey, mine(), { status: final ? 'failed' : 'approved', nextAttemptAt: retryAt, lastError: error.message });
      report.failed.push({ actionKey, error: error.message, retryAt });
      if (error.reason === 'server' && retryAt !== null) unreachable = { error: error.message, retryAt };
      continue;
    }

    // First the one write that says the server has it, so that a crash from here on is finished
    // by recording the message rather than by mailing it again: the window in which a crash
    // delivers twice is this one statement.
    await updateOutboxEntry(db, workspaceId, actionKey, mine(), { status: 'accepted', sentAt: now, lastError: null });
    const recordedNow = await record(entry, messageId, event);
    if (recordedNow) report.sent.push({ actionKey, messageId });
    else if (recordedNow === false) report.alreadySent.push(actionKey);
  }
  return report;
}

/**
 * Marks a message sent and records its `message.sent`, in one transaction under the
 * workspace's write lock. False when it was found recorded already (a concurrent round that
 * took the message over after our claim lapsed): the ledger gets one `message.sent` per action.
 */
async function markSent(ctx: AppContext, workspaceId: string, actionKey: string, messageId: string, event: LedgerEvent): Promise<boolean> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const appender = await LedgerAppender.open(trx, { workspaceId, dialect: ctx.store.dialect, sha256: ctx.sha256, now: () => nowIso(ctx.clock) });
    const entry = await findOutboxEntry(trx, workspaceId, actionKey);
    const recorded = await sentMessageFor(trx, workspaceId, actionKey);
    if (!entry || entry.status === 'sent' || recorded) {
      if (entry && entry.status !== 'sent' && recorded) await updateOutboxEntry(trx, workspaceId, actionKey, { status: entry.status }, { status: 'sent', sentAt: recorded.at, nextAttemptAt: null });
      await appender.close();
      return false;
    }
    await updateOutboxEntry(trx, workspaceId, actionKey, { status: entry.status }, { status: 'sent', messageId, sentAt: event.at, nextAttemptAt: null, lastError: null });
    const result = await appender.append([event]);
    const rejected = result.rejections[0];
    if (rejected) throw new FirmlyError('ledger.conflict', `the message for ${actionKey} went out but cannot be recorded: ${rejected.reason}`);
    await appender.close();
    return true;
  });
}

/**
 * A person has found that a held message did arrive (in the Sent folder, or the client has
 * it): records it sent, with its `message.sent` as of the moment the server had it, without
 * mailing it. Only a message that was tried and is now `failed` can be marked so.
 */
export async function markOutboxMessageSent(ctx: AppContext, workspaceId: string, actionKey: string): Promise<StatusChange> {
  await requireWorkspace(ctx, workspaceId);
  const entry = await findOutboxEntry(ctx.store.db, workspaceId, actionKey);
  if (!entry) throw new FirmlyError('outbox.not_found', `no message in the outbox for action "${actionKey}"`, { actionKey });
  if (entry.status === 'sent') return { actionKey, changed: false, status: 'sent' };
  if (entry.status !== 'failed' || entry.messageId === null || entry.subject === null) {
    throw new FirmlyError('action.already_done', `"${actionKey}" is ${entry.status}${entry.status === 'failed' ? ' and was never handed to the server' : ''}: only a failed message that was sent out can be marked sent`, { status: entry.status });
  }
  const event = sentEvent(entry, entry.messageId, entry.subject, (entry.sentAt ?? nowIso(ctx.clock)) as IsoInstant);
  const changed = await markSent(ctx, workspaceId, actionKey, entry.messageId, event);
  return { actionKey, changed, status: 'sent' };
}

export interface SendOutcome {
  readonly entry: OutboxEntry;
  /** The round that tried it; null when there was nothing to try (sent already, being sent). */
  readonly report: DeliveryReport | null;
}

/**
 * Sends one message now, whatever its backoff says: a person pressing "send" on it. A queued
 * letter is approved first (its text fixed as of today), a failed one is tried afresh. The try
 * is its last: a failure leaves it `failed` with the server's answer for the person to see,
 * rather than waiting for a later round. An action no longer due is discarded, as in any round.
 */
export async function sendOutboxMessage(ctx: AppContext, workspaceId: string, actionKey: string, transport: MailTransport, now: IsoInstant): Promise<SendOutcome> {
  await requireWorkspace(ctx, workspaceId);
  const { db } = ctx.store;
  const find = async () => {
    const found = await findOutboxEntry(db, workspaceId, actionKey);
    if (!found) throw new FirmlyError('outbox.not_found', `no message in the outbox for action "${actionKey}"`, { actionKey });
    return found;
  };
  let entry = await find();
  if (!isLetter(entry)) throw new FirmlyError('not_supported', `"${actionKey}" is a step for you, not a message to the client: approving it acknowledges it`);
  if (entry.status === 'discarded') throw new FirmlyError('action.already_done', `"${actionKey}" was discarded: it is not sent`, { status: entry.status });
  if (entry.status === 'failed') await updateOutboxEntry(db, workspaceId, actionKey, { status: 'failed' }, { status: 'approved', attempts: 0, nextAttemptAt: null });
  if (entry.status === 'queued') {
    const approval = await approveEntry(ctx, workspaceId, entry, await workspaceDate(ctx, workspaceId, now), now);
    if (approval.outcome === 'refused') throw new FirmlyError('action.already_done', `"${actionKey}" cannot be approved: ${approval.note ?? ''}`);
  }
  entry = await find();
  if (entry.status === 'approved' && entry.nextAttemptAt !== null) {
    await updateOutboxEntry(db, workspaceId, actionKey, { status: 'approved', attempts: entry.attempts }, { nextAttemptAt: null });
  }
  if (entry.status !== 'approved' && entry.status !== 'accepted') return { entry, report: null };
  const report = await deliverDue(ctx, workspaceId, transport, now, { only: [actionKey], maxAttempts: entry.attempts + 1 });
  return { entry: await find(), report };
}
