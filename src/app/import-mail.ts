import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Transaction } from 'kysely';
import type { ClientId } from '../core/brand.ts';
import type { IsoInstant } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import type { LedgerEvent } from '../core/ledger/events.ts';
import { mailTime, mboxFromLineDate, type MailTimeSource } from '../core/mail/mail-date.ts';
import { indexContacts, matchMail, threadIds, type InboundMail, type MailDirectory, type RequestMatch } from '../core/mail/match-mail.ts';
import { firstMessageId } from '../core/mail/message-id.ts';
import { receivedFacts, replyTarget } from '../core/mail/received-events.ts';
import { requestIdsInSubject } from '../core/mail/request-tag.ts';
import { unmatchedAsInbound, type UnmatchedMail } from '../core/mail/unmatched-mail.ts';
import { LedgerAppender } from '../store/ledger-store.ts';
import {
  clientExists, insertUnmatched, knownMessages, listUnmatched, loadContacts, pendingUnmatchedPage, requestsByIds, resolveUnmatched, unmatchedByIds,
} from '../store/mail-store.ts';
import type { Database } from '../store/schema.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { splitMbox } from './mail-mbox.ts';
import { parseInbound, unparseableInbound, type ParsedInbound } from './mail-parse.ts';
import { requireWorkspace } from './workspace.ts';

// Inbound mail → the ledger. Each message is matched (core/mail/match-mail.ts) and recorded as
// `message.received`, with `request.answered` when it answers an open request, at the message's
// own time; mail that matches no client is kept in `unmatched_mail` for a person to assign.
//
// Mail is read, parsed and recorded in batches, one transaction each: memory holds one batch
// of parsed headers, never a mailbox. Event ids come from the Message-ID, and a message already
// on record (or already kept as unmatched) is counted as a duplicate and adds nothing, so an
// import cut short is simply run again.

/** One message as a source delivers it. */
export interface RawMail {
  readonly raw: Buffer;
  /** When it arrived, as the source knows it (mbox "From " line, IMAP INTERNALDATE). */
  readonly receivedAt?: IsoInstant | undefined;
  /** Where it was read, for people: `FILE#N`, `imap:FOLDER#UID`. */
  readonly origin: string;
}

export interface MailCounts {
  /** Messages read. */
  readonly messages: number;
  /** Recorded for a client (`message.received`). */
  readonly matched: number;
  /** Of those, answers to an open request (`request.answered`). */
  readonly answered: number;
  /** Matched no client: kept for a person (`firmly unmatched-mail`). */
  readonly unmatched: number;
  /** Already on record or already kept (the same Message-ID): nothing added. */
  readonly duplicates: number;
  /** Our own messages (their Message-ID is one we sent): not answers from anyone. */
  readonly ours: number;
  readonly withInReplyTo: number;
  readonly withReferences: number;
}

const noCounts: MailCounts = { messages: 0, matched: 0, answered: 0, unmatched: 0, duplicates: 0, ours: 0, withInReplyTo: 0, withReferences: 0 };

const add = (a: MailCounts, b: MailCounts): MailCounts => ({
  messages: a.messages + b.messages, matched: a.matched + b.matched, answered: a.answered + b.answered, unmatched: a.unmatched + b.unmatched,
  duplicates: a.duplicates + b.duplicates, ours: a.ours + b.ours, withInReplyTo: a.withInReplyTo + b.withInReplyTo, withReferences: a.withReferences + b.withReferences,
});

export interface RecordMailOptions<T extends RawMail> {
  /** Messages per transaction (default 200). */
  readonly batchSize?: number;
  /** Runs inside each batch's transaction once its mail is recorded, with the batch's last message: an IMAP poll moves its cursor here. */
  readonly afterBatch?: (trx: Transaction<Database>, last: T) => Promise<void>;
  /** After each committed batch: the counts so far. */
  readonly onProgress?: (counts: MailCounts) => void;
}

/** A message ready to record: parsed headers, and the time the ledger will give it. */
interface MailItem {
  readonly mail: InboundMail;
  readonly date: IsoInstant | undefined;
  readonly at: IsoInstant;
  readonly atSource: MailTimeSource;
  readonly snippet: string;
  readonly origin: string;
}

async function parseRaw(raw: RawMail): Promise<ParsedInbound> {
  try {
    return await parseInbound(raw.raw, raw.receivedAt);
  } catch (error) {
    return unparseableInbound(raw.raw, error, raw.receivedAt);
  }
}

const itemOf = (parsed: ParsedInbound, origin: string, now: IsoInstant): MailItem => {
  const { at, source } = mailTime(parsed.date, parsed.receivedAt, now);
  return { mail: parsed.mail, date: parsed.date, at, atSource: source, snippet: parsed.snippet, origin };
};

const itemOfKept = (kept: UnmatchedMail): MailItem => ({
  mail: unmatchedAsInbound(kept), date: kept.date, at: kept.at, atSource: kept.atSource, snippet: kept.snippet, origin: kept.origin,
});

/**
 * Reads messages from `source`, records each one, and returns what happened to them. Every
 * message is parsed (mailparser) before its batch's transaction begins, so a transaction
 * never waits on parsing.
 */
export async function recordMail<T extends RawMail>(ctx: AppContext, workspaceId: string, source: AsyncIterable<T>, options: RecordMailOptions<T> = {}): Promise<MailCounts> {
  const batchSize = options.batchSize ?? 200;
  let total = noCounts;
  let batch: MailItem[] = [];
  let last: T | undefined;
  let read = { messages: 0, withInReplyTo: 0, withReferences: 0 };
  const flush = async () => {
    if (batch.length === 0) return;
    const items = batch;
    const lastOfBatch = last as T;
    batch = [];
    const outcome = await ctx.store.db.transaction().execute((trx) =>
      recordBatch(ctx, trx, workspaceId, items, { afterBatch: options.afterBatch && ((t) => options.afterBatch!(t, lastOfBatch)) }));
    const { recorded: _recorded, ...counts } = outcome;
    total = add(total, { ...counts, ...read });
    read = { messages: 0, withInReplyTo: 0, withReferences: 0 };
    options.onProgress?.(total);
  };
  for await (const raw of source) {
    const parsed = await parseRaw(raw);
    read.messages += 1;
    if (parsed.mail.inReplyTo.length > 0) read.withInReplyTo += 1;
    if (parsed.mail.references.length > 0) read.withReferences += 1;
    batch.push(itemOf(parsed, raw.origin, nowIso(ctx.clock)));
    last = raw;
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return total;
}

interface BatchOptions {
  /** Kept mail in this batch is being matched again (re-match): one that still matches nothing is not a duplicate but still waiting. */
  readonly rematch?: boolean;
  /** A person's choice of client for every message of the batch (assigning). */
  readonly clientId?: ClientId;
  readonly afterBatch?: ((trx: Transaction<Database>) => Promise<void>) | undefined;
}

interface RecordedMail {
  readonly messageId: string;
  readonly clientId: ClientId;
  readonly requestId: string | undefined;
  readonly answered: boolean;
}

type BatchCounts = Omit<MailCounts, 'messages' | 'withInReplyTo' | 'withReferences'> & { readonly recorded: readonly RecordedMail[] };

/** Records one batch inside `trx`, under the workspace's write lock. */
async function recordBatch(ctx: AppContext, trx: Transaction<Database>, workspaceId: string, items: readonly MailItem[], options: BatchOptions = {}): Promise<BatchCounts> {
  const now = nowIso(ctx.clock);
  const appender = await LedgerAppender.open(trx, { workspaceId, dialect: ctx.store.dialect, sha256: ctx.sha256, now: () => now });
  const ids = items.map((item) => item.mail.messageId);
  const known = await knownMessages(trx, workspaceId, [...ids, ...items.flatMap((item) => threadIds(item.mail))]);
  const sentMessages = new Map([...known].filter(([, message]) => message.direction === 'out'));
  const requestIds = [
    ...[...sentMessages.values()].flatMap((message) => (message.requestId === null ? [] : [message.requestId])),
    ...items.flatMap((item) => requestIdsInSubject(item.mail.subject)),
  ];
  const requests = await requestsByIds(trx, workspaceId, requestIds);
  const kept = await unmatchedByIds(trx, workspaceId, ids);
  const directory: MailDirectory = { contacts: indexContacts(await loadContacts(trx, workspaceId)), sentMessages, requests };

  let duplicates = 0;
  let ours = 0;
  const seen = new Set<string>();
  const matched: { item: MailItem; clientId: ClientId; request: RequestMatch | undefined; wasKept: boolean }[] = [];
  const unmatched: UnmatchedMail[] = [];
  for (const item of items) {
    const id = item.mail.messageId;
    const onRecord = known.get(id);
    const keptMail = kept.get(id);
    if (seen.has(id) || (onRecord !== undefined && onRecord.direction === 'in') || (keptMail !== undefined && keptMail.resolution !== null)) {
      duplicates += 1;
      continue;
    }
    seen.add(id);
    const match = matchMail(item.mail, directory, options.clientId === undefined ? {} : { clientId: options.clientId });
    if (match.kind === 'ours') {
      ours += 1;
    } else if (match.kind === 'client') {
      matched.push({ item, clientId: match.clientId, request: match.request, wasKept: keptMail !== undefined });
    } else if (keptMail !== undefined) {
      if (!options.rematch) duplicates += 1;
    } else {
      unmatched.push({
        messageId: id, from: item.mail.from[0], to: item.mail.to, cc: item.mail.cc, subject: item.mail.subject, date: item.date,
        at: item.at, atSource: item.atSource, inReplyTo: item.mail.inReplyTo, references: item.mail.references, snippet: item.snippet,
        reason: match.reason, candidates: match.candidates, origin: item.origin, storedAt: now, resolution: null, resolvedClientId: null, resolvedAt: null,
      });
    }
  }

  // Two answers to one request in a batch: the earlier message is the answer.
  const firstAnswer = new Map<string, number>();
  matched.forEach(({ item, request }, index) => {
    if (!request?.answers) return;
    const previous = firstAnswer.get(request.requestId);
    if (previous === undefined || item.at < (matched[previous] as (typeof matched)[number]).item.at) firstAnswer.set(request.requestId, index);
  });
  const events: LedgerEvent[] = [];
  const recorded: RecordedMail[] = [];
  matched.forEach(({ item, clientId, request }, index) => {
    const answers = request !== undefined && request.answers && firstAnswer.get(request.requestId) === index;
    const facts = receivedFacts(ctx.sha256, item.mail, item.at, clientId, request && { ...request, answers },
      request && requests.get(request.requestId)?.sentAt, replyTarget(item.mail, directory));
    events.push(facts.received);
    if (facts.answered) events.push(facts.answered);
    recorded.push({ messageId: item.mail.messageId, clientId, requestId: request?.requestId, answered: facts.answered !== undefined });
  });

  const outcome = await appender.append(events);
  const rejected = outcome.rejections[0];
  if (rejected) {
    const event = events[rejected.index] as LedgerEvent;
    // Matching checked what the ledger checks; this is a race with another writer or a bug.
    throw new FirmlyError('import.rejected', `inbound mail: event "${event.id}" (${event.type}) rejected: ${rejected.reason}`, { eventId: event.id, reason: rejected.reason });
  }
  await insertUnmatched(trx, workspaceId, unmatched);
  for (const { item, clientId, wasKept } of matched) {
    if (wasKept) await resolveUnmatched(trx, workspaceId, item.mail.messageId, options.clientId === undefined ? 'matched' : 'assigned', clientId, now);
  }
  await options.afterBatch?.(trx);
  await appender.close();
  return { matched: matched.length, answered: recorded.filter((r) => r.answered).length, unmatched: unmatched.length, duplicates, ours, recorded };
}

// ── files ────────────────────────────────────────────────────────────────────────────────

export interface MailFileReport {
  readonly file: string;
  readonly format: 'mbox' | 'eml';
  readonly messages: number;
}

export interface MailImportReport extends MailCounts {
  readonly files: readonly MailFileReport[];
}

export const mailFileFormat = (file: string): 'mbox' | 'eml' => (/\.eml$/i.test(file) ? 'eml' : 'mbox');

/** A single message file; a leading mbox "From " line (some tools write one) is taken as its arrival date. */
async function readEml(file: string): Promise<{ raw: Buffer; receivedAt: IsoInstant | undefined }> {
  let raw = await readFile(file);
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) raw = raw.subarray(3);
  if (raw.subarray(0, 5).toString('latin1') === 'From ') {
    const end = raw.indexOf(0x0a);
    const line = raw.subarray(0, end === -1 ? raw.length : end).toString('latin1').replace(/\r$/, '');
    return { raw: raw.subarray(end === -1 ? raw.length : end + 1), receivedAt: mboxFromLineDate(line) };
  }
  return { raw, receivedAt: undefined };
}

/**
 * Imports `.mbox` files (mboxrd or mboxo, streamed) and `.eml` files (one message each; by
 * extension, anything else is read as an mbox) into a workspace.
 */
export async function importMailFiles(ctx: AppContext, workspaceId: string, files: readonly string[], options: Omit<RecordMailOptions<RawMail>, 'afterBatch'> = {}): Promise<MailImportReport> {
  const reports: { file: string; format: 'mbox' | 'eml'; messages: number }[] = [];
  async function* messages(): AsyncGenerator<RawMail> {
    for (const file of files) {
      const report = { file, format: mailFileFormat(file), messages: 0 };
      reports.push(report);
      if (report.format === 'eml') {
        const { raw, receivedAt } = await readEml(file);
        report.messages += 1;
        yield { raw, receivedAt, origin: file };
        continue;
      }
      for await (const message of splitMbox(createReadStream(file, { highWaterMark: 1 << 20 }))) {
        report.messages += 1;
        yield { raw: message.raw, receivedAt: message.receivedAt, origin: `${file}#${message.index}` };
      }
    }
  }
  const counts = await recordMail(ctx, workspaceId, messages(), options);
  return { ...counts, files: reports };
}

// ── unmatched mail ───────────────────────────────────────────────────────────────────────

export const listUnmatchedMail = async (ctx: AppContext, workspaceId: string, options: { all?: boolean } = {}): Promise<UnmatchedMail[]> => {
  await requireWorkspace(ctx, workspaceId);
  return listUnmatched(ctx.store.db, workspaceId, options);
};

export interface AssignOutcome {
  readonly messageId: string;
  readonly clientId: string;
  /** The request the message is about (thread or subject tag), if any. */
  readonly requestId: string | undefined;
  /** It answered that request. */
  readonly answered: boolean;
}

/**
 * A person's decision: unmatched mail is from `clientId`. Records it as matching would have
 * (`message.received`, and `request.answered` when it answers an open request of that client,
 * at the message's time), and marks it assigned.
 */
export async function assignMail(ctx: AppContext, workspaceId: string, messageIdText: string, clientId: string): Promise<AssignOutcome> {
  await requireWorkspace(ctx, workspaceId);
  const messageId = firstMessageId(messageIdText) ?? messageIdText.trim();
  return ctx.store.db.transaction().execute(async (trx) => {
    const keptMail = (await unmatchedByIds(trx, workspaceId, [messageId])).get(messageId);
    if (!keptMail) throw new FirmlyError('input.invalid', `no unmatched mail with Message-ID "${messageId}" in workspace "${workspaceId}" (\`firmly unmatched-mail\` lists them)`, { messageId });
    if (keptMail.resolution !== null) {
      throw new FirmlyError('action.already_done', `mail "${messageId}" was already ${keptMail.resolution} to client "${keptMail.resolvedClientId}"`, { messageId });
    }
    if (!(await clientExists(trx, workspaceId, clientId))) throw new FirmlyError('client.not_found', `no client "${clientId}" in workspace "${workspaceId}"`, { clientId });
    const outcome = await recordBatch(ctx, trx, workspaceId, [itemOfKept(keptMail)], { clientId: clientId as ClientId });
    if (outcome.matched !== 1) throw new FirmlyError('action.already_done', `mail "${messageId}" is already on record`, { messageId });
    const [recorded] = outcome.recorded;
    return { messageId, clientId, requestId: recorded?.requestId, answered: recorded?.answered ?? false };
  });
}

export interface RematchReport {
  /** Unmatched mail looked at. */
  readonly checked: number;
  readonly matched: number;
  readonly answered: number;
  /** Still matching no client. */
  readonly unmatched: number;
}

/** Matches the waiting unmatched mail again, against the ledger as it is now (a client or a contact was added since). */
export async function rematchUnmatchedMail(ctx: AppContext, workspaceId: string, options: { batchSize?: number } = {}): Promise<RematchReport> {
  await requireWorkspace(ctx, workspaceId);
  const batchSize = options.batchSize ?? 200;
  let after: string | undefined;
  let checked = 0;
  let matched = 0;
  let answered = 0;
  for (;;) {
    const page = await pendingUnmatchedPage(ctx.store.db, workspaceId, after, batchSize);
    if (page.length === 0) break;
    after = page.at(-1)?.messageId;
    checked += page.length;
    const outcome = await ctx.store.db.transaction().execute((trx) => recordBatch(ctx, trx, workspaceId, page.map(itemOfKept), { rematch: true }));
    matched += outcome.matched;
    answered += outcome.answered;
  }
  return { checked, matched, answered, unmatched: checked - matched };
}
