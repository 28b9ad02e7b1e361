import type { Kysely, Transaction } from 'kysely';
import type { ClientId } from '../core/brand.ts';
import type { IsoInstant } from '../core/dates.ts';
import type { MailTimeSource } from '../core/mail/mail-date.ts';
import type { MailAddress, RequestRef, SentMessageRef, UnmatchedReason } from '../core/mail/match-mail.ts';
import type { MailResolution, UnmatchedMail } from '../core/mail/unmatched-mail.ts';
import type { Database, UnmatchedMailTable } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

// 500 ids a query: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const chunkSize = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += chunkSize) out.push(items.slice(i, i + chunkSize));
  return out;
}

const unique = (ids: Iterable<string>): string[] => [...new Set(ids)];

/** Every contact address of the workspace's clients. */
export async function loadContacts(db: Db, workspaceId: string): Promise<{ clientId: ClientId; email: string }[]> {
  const rows = await db.selectFrom('contact').select(['clientId', 'email']).where('workspaceId', '=', workspaceId).execute();
  return rows.map((row) => ({ clientId: row.clientId as ClientId, email: row.email }));
}

export async function clientExists(db: Db, workspaceId: string, clientId: string): Promise<boolean> {
  return (await db.selectFrom('client').select('clientId').where('workspaceId', '=', workspaceId).where('clientId', '=', clientId).executeTakeFirst()) !== undefined;
}

export interface KnownMessage extends SentMessageRef {
  readonly direction: 'in' | 'out';
}

/**
 * The messages on record among `ids` (Message-IDs without brackets), by id. Ours may have been
 * recorded with their brackets (`<…>`, as the header writes them): both spellings are looked up.
 */
export async function knownMessages(db: Db, workspaceId: string, ids: Iterable<string>): Promise<Map<string, KnownMessage>> {
  const found = new Map<string, KnownMessage>();
  for (const chunk of chunks(unique(ids))) {
    const spellings = chunk.flatMap((id) => [id, `<${id}>`]);
    const rows = await db.selectFrom('message').select(['messageId', 'clientId', 'direction', 'requestId'])
      .where('workspaceId', '=', workspaceId).where('messageId', 'in', spellings).execute();
    for (const row of rows) {
      const id = row.messageId.replace(/^<(.*)>$/, '$1');
      found.set(id, { messageId: row.messageId, clientId: row.clientId as ClientId, requestId: row.requestId, direction: row.direction === 'out' ? 'out' : 'in' });
    }
  }
  return found;
}

export async function requestsByIds(db: Db, workspaceId: string, ids: Iterable<string>): Promise<Map<string, RequestRef>> {
  const found = new Map<string, RequestRef>();
  for (const chunk of chunks(unique(ids))) {
    const rows = await db.selectFrom('request').select(['requestId', 'clientId', 'status', 'answeredAt', 'sentAt'])
      .where('workspaceId', '=', workspaceId).where('requestId', 'in', chunk).execute();
    for (const row of rows) {
      found.set(row.requestId, { clientId: row.clientId as ClientId, open: row.status === 'open' && row.answeredAt === null, sentAt: row.sentAt as IsoInstant });
    }
  }
  return found;
}

const splitIds = (text: string): string[] => (text === '' ? [] : text.split(' '));

function toUnmatched(row: UnmatchedMailTable): UnmatchedMail {
  return {
    messageId: row.messageId,
    from: row.fromAddress === null ? undefined : { name: row.fromName ?? '', address: row.fromAddress },
    to: JSON.parse(row.toAddresses) as MailAddress[],
    cc: JSON.parse(row.ccAddresses) as MailAddress[],
    subject: row.subject,
    date: (row.date ?? undefined) as IsoInstant | undefined,
    at: row.at as IsoInstant,
    atSource: row.atSource as MailTimeSource,
    inReplyTo: splitIds(row.inReplyTo),
    references: splitIds(row.referenceIds),
    snippet: row.snippet,
    reason: row.reason as UnmatchedReason,
    candidates: JSON.parse(row.candidates) as ClientId[],
    origin: row.origin,
    storedAt: row.storedAt as IsoInstant,
    resolution: row.resolution as MailResolution | null,
    resolvedClientId: row.resolvedClientId as ClientId | null,
    resolvedAt: row.resolvedAt as IsoInstant | null,
  };
}

function toRow(workspaceId: string, mail: UnmatchedMail): UnmatchedMailTable {
  return {
    workspaceId, messageId: mail.messageId, fromAddress: mail.from?.address ?? null, fromName: mail.from?.name ?? null,
    toAddresses: JSON.stringify(mail.to), ccAddresses: JSON.stringify(mail.cc), subject: mail.subject, date: mail.date ?? null,
    at: mail.at, atSource: mail.atSource, inReplyTo: mail.inReplyTo.join(' '), referenceIds: mail.references.join(' '),
    snippet: mail.snippet, reason: mail.reason, candidates: JSON.stringify(mail.candidates), origin: mail.origin, storedAt: mail.storedAt,
    resolution: mail.resolution, resolvedClientId: mail.resolvedClientId, resolvedAt: mail.resolvedAt,
  };
}

/** The unmatched mail among `ids`, resolved or not, by Message-ID. */
export async function unmatchedByIds(db: Db, workspaceId: string, ids: Iterable<string>): Promise<Map<string, UnmatchedMail>> {
  const found = new Map<string, UnmatchedMail>();
  for (const chunk of chunks(unique(ids))) {
    const rows = await db.selectFrom('unmatchedMail').selectAll().where('workspaceId', '=', workspaceId).where('messageId', 'in', chunk).execute();
    for (const row of rows) found.set(row.messageId, toUnmatched(row));
  }
  return found;
}

/** Unmatched mail, oldest first: what still waits for a person, or (`all`) also what was resolved. */
export async function listUnmatched(db: Db, workspaceId: string, options: { all?: boolean; limit?: number } = {}): Promise<UnmatchedMail[]> {
  let query = db.selectFrom('unmatchedMail').selectAll().where('workspaceId', '=', workspaceId);
  if (!options.all) query = query.where('resolution', 'is', null);
  const rows = await query.orderBy('at').orderBy('messageId').$if(options.limit !== undefined, (q) => q.limit(options.limit as number)).execute();
  return rows.map(toUnmatched);
}

/** Pending unmatched mail in pages by Message-ID, for re-matching a large backlog without holding it. */
export async function pendingUnmatchedPage(db: Db, workspaceId: string, afterMessageId: string | undefined, limit: number): Promise<UnmatchedMail[]> {
  let query = db.selectFrom('unmatchedMail').selectAll().where('workspaceId', '=', workspaceId).where('resolution', 'is', null);
  if (afterMessageId !== undefined) query = query.where('messageId', '>', afterMessageId);
  return (await query.orderBy('messageId').limit(limit).execute()).map(toUnmatched);
}

// 20 columns a row: 100 rows stay under both databases' parameter limits.
export async function insertUnmatched(trx: Transaction<Database>, workspaceId: string, mails: readonly UnmatchedMail[]): Promise<void> {
  for (let i = 0; i < mails.length; i += 100) {
    await trx.insertInto('unmatchedMail').values(mails.slice(i, i + 100).map((m) => toRow(workspaceId, m)))
      .onConflict((oc) => oc.columns(['workspaceId', 'messageId']).doNothing()).execute();
  }
}

/** Marks unmatched mail as settled (it is on record now); only while it is still pending. */
export async function resolveUnmatched(trx: Transaction<Database>, workspaceId: string, messageId: string, resolution: MailResolution, clientId: ClientId, at: IsoInstant): Promise<void> {
  await trx.updateTable('unmatchedMail').set({ resolution, resolvedClientId: clientId, resolvedAt: at })
    .where('workspaceId', '=', workspaceId).where('messageId', '=', messageId).where('resolution', 'is', null).execute();
}

export interface MailCursor {
  readonly uidValidity: number;
  readonly lastUid: number;
}

export async function readMailCursor(db: Db, workspaceId: string, account: string, folder: string): Promise<MailCursor | undefined> {
  return db.selectFrom('mailCursor').select(['uidValidity', 'lastUid'])
    .where('workspaceId', '=', workspaceId).where('account', '=', account).where('folder', '=', folder).executeTakeFirst();
}

export async function saveMailCursor(trx: Transaction<Database>, workspaceId: string, account: string, folder: string, cursor: MailCursor, polledAt: IsoInstant): Promise<void> {
  await trx.insertInto('mailCursor').values({ workspaceId, account, folder, ...cursor, polledAt })
    .onConflict((oc) => oc.columns(['workspaceId', 'account', 'folder']).doUpdateSet({ ...cursor, polledAt })).execute();
}
