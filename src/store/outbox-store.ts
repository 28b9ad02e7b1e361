import type { Kysely, Transaction } from 'kysely';
import type { Database, OutboxMessageTable } from './schema.ts';
import { outboxStatuses, type OutboxStatus } from '../core/outbox-statuses.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What the sweep records when it queues an action's message. */
export type QueuedMessage = Pick<OutboxMessageTable, 'actionKey' | 'clientId' | 'kind' | 'template' | 'locale' | 'subjectId' | 'due' | 'status' | 'queuedAt'>;

export { outboxStatuses, type OutboxStatus };

/** One message of the outbox with its delivery state. */
export interface OutboxEntry {
  readonly actionKey: string;
  readonly clientId: string;
  readonly kind: string;
  readonly template: string;
  readonly locale: string;
  /** The request or invoice it is about. */
  readonly subjectId: string | null;
  readonly due: string;
  readonly status: OutboxStatus;
  readonly queuedAt: string;
  readonly messageId: string | null;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly approvedAt: string | null;
  readonly sentAt: string | null;
  /** The letter as approved or edited; null while it is rendered afresh for each preview. */
  readonly subject: string | null;
  readonly body: string | null;
  /** The day whose figures the approved letter gives. */
  readonly renderedOn: string | null;
  readonly editedAt: string | null;
}

const columns = [
  'actionKey', 'clientId', 'kind', 'template', 'locale', 'subjectId', 'due', 'status', 'queuedAt', 'messageId', 'attempts',
  'nextAttemptAt', 'lastError', 'approvedAt', 'sentAt', 'subject', 'body', 'renderedOn', 'editedAt',
] as const;

function toEntry(row: Omit<OutboxMessageTable, 'workspaceId' | 'attempts'> & { attempts: number }): OutboxEntry {
  if (!(outboxStatuses as readonly string[]).includes(row.status)) throw new RangeError(`outbox message ${row.actionKey} has an unknown status "${row.status}"`);
  return { ...row, status: row.status as OutboxStatus, attempts: Number(row.attempts) };
}

/** Queues a message unless one with the same action key is queued already; true when this call queued it. */
export async function queueMessage(trx: Transaction<Database>, workspaceId: string, message: QueuedMessage): Promise<boolean> {
  const result = await trx.insertInto('outboxMessage').values({ workspaceId, ...message })
    .onConflict((oc) => oc.columns(['workspaceId', 'actionKey']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function isQueued(db: Db, workspaceId: string, actionKey: string): Promise<boolean> {
  return (await db.selectFrom('outboxMessage').select('actionKey').where('workspaceId', '=', workspaceId).where('actionKey', '=', actionKey).executeTakeFirst()) !== undefined;
}

export async function listOutbox(db: Kysely<Database>, workspaceId: string): Promise<OutboxEntry[]> {
  return readOutbox(db, workspaceId);
}

/** The outbox in the order the messages were queued, optionally only some statuses or kinds. */
export async function readOutbox(db: Db, workspaceId: string, filter: { statuses?: readonly OutboxStatus[]; kinds?: readonly string[] } = {}): Promise<OutboxEntry[]> {
  let query = db.selectFrom('outboxMessage').select(columns).where('workspaceId', '=', workspaceId);
  if (filter.statuses) query = query.where('status', 'in', filter.statuses.length > 0 ? [...filter.statuses] : ['-']);
  if (filter.kinds) query = query.where('kind', 'in', filter.kinds.length > 0 ? [...filter.kinds] : ['-']);
  const rows = await query.orderBy('queuedAt').orderBy('due').orderBy('actionKey').execute();
  return rows.map(toEntry);
}

export async function findOutboxEntry(db: Db, workspaceId: string, actionKey: string): Promise<OutboxEntry | undefined> {
  const row = await db.selectFrom('outboxMessage').select(columns).where('workspaceId', '=', workspaceId).where('actionKey', '=', actionKey).executeTakeFirst();
  return row && toEntry(row);
}

/**
 * Approved messages whose next try has come, messages left `sending` or `unconfirmed` past
 * their claim (the process sending them died), and messages accepted by the server but not
 * yet recorded, oldest due first.
 */
export async function readDeliverable(db: Db, workspaceId: string, now: string, limit: number): Promise<OutboxEntry[]> {
  const rows = await db.selectFrom('outboxMessage').select(columns).where('workspaceId', '=', workspaceId)
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'approved'), eb.or([eb('nextAttemptAt', 'is', null), eb('nextAttemptAt', '<=', now)])]),
      eb.and([eb('status', 'in', ['sending', 'unconfirmed']), eb('nextAttemptAt', '<=', now)]),
      eb('status', '=', 'accepted'),
    ]))
    .orderBy('due').orderBy('queuedAt').orderBy('actionKey').limit(limit).execute();
  return rows.map(toEntry);
}

/** What changes in a row; the key, client and template never do. */
export type OutboxChange = Partial<Pick<OutboxEntry, 'status' | 'messageId' | 'nextAttemptAt' | 'lastError' | 'approvedAt' | 'sentAt' | 'subject' | 'body' | 'renderedOn' | 'editedAt' | 'attempts'>>;

/**
 * Changes a message only if it is still as the caller saw it (status and, when given, attempts):
 * the compare-and-set that lets one process, of several, claim a message. True when it changed.
 */
export async function updateOutboxEntry(db: Db, workspaceId: string, actionKey: string, expected: { status: OutboxStatus; attempts?: number }, change: OutboxChange, options: { countAttempt?: boolean } = {}): Promise<boolean> {
  let query = db.updateTable('outboxMessage')
    .set((eb) => ({ ...change, ...(options.countAttempt ? { attempts: eb('attempts', '+', 1) } : {}) }))
    .where('workspaceId', '=', workspaceId).where('actionKey', '=', actionKey).where('status', '=', expected.status);
  if (expected.attempts !== undefined) query = query.where('attempts', '=', expected.attempts);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The kinds of message this workspace sends without a person's approval. */
export async function autoSendKinds(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db.selectFrom('outboxAutoSend').select('kind').where('workspaceId', '=', workspaceId).orderBy('kind').execute();
  return rows.map((r) => r.kind);
}

export async function setAutoSendKind(db: Db, workspaceId: string, kind: string, on: boolean, now: string): Promise<void> {
  if (on) {
    await db.insertInto('outboxAutoSend').values({ workspaceId, kind, updatedAt: now })
      .onConflict((oc) => oc.columns(['workspaceId', 'kind']).doNothing()).execute();
  } else {
    await db.deleteFrom('outboxAutoSend').where('workspaceId', '=', workspaceId).where('kind', '=', kind).execute();
  }
}

/** A client's contacts in order: the first is the addressee, the others are copied. */
export async function clientContacts(db: Db, workspaceId: string, clientId: string): Promise<{ name: string; email: string }[]> {
  return db.selectFrom('contact').select(['name', 'email']).where('workspaceId', '=', workspaceId).where('clientId', '=', clientId).orderBy('position').execute();
}

/** The workspace's name as configured, if it has been. */
export async function workspaceName(db: Db, workspaceId: string): Promise<string | undefined> {
  return (await db.selectFrom('workspaceSettings').select('name').where('workspaceId', '=', workspaceId).executeTakeFirst())?.name;
}

/** The message on record (`message.sent`) that carried an action out, if any: its Message-ID. */
export async function sentMessageFor(db: Db, workspaceId: string, actionKey: string): Promise<{ messageId: string; at: string } | undefined> {
  return db.selectFrom('message').select(['messageId', 'at']).where('workspaceId', '=', workspaceId)
    .where('actionKey', '=', actionKey).where('direction', '=', 'out').executeTakeFirst();
}
