import type { Kysely, Transaction } from 'kysely';
import type { Database, OutboxMessageTable } from './schema.ts';

export type QueuedMessage = Omit<OutboxMessageTable, 'workspaceId'>;

/** Queues a message unless one with the same action key is queued already; true when this call queued it. */
export async function queueMessage(trx: Transaction<Database>, workspaceId: string, message: QueuedMessage): Promise<boolean> {
  const result = await trx.insertInto('outboxMessage').values({ workspaceId, ...message })
    .onConflict((oc) => oc.columns(['workspaceId', 'actionKey']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function isQueued(db: Kysely<Database> | Transaction<Database>, workspaceId: string, actionKey: string): Promise<boolean> {
  return (await db.selectFrom('outboxMessage').select('actionKey').where('workspaceId', '=', workspaceId).where('actionKey', '=', actionKey).executeTakeFirst()) !== undefined;
}

export async function listOutbox(db: Kysely<Database>, workspaceId: string): Promise<QueuedMessage[]> {
  const rows = await db.selectFrom('outboxMessage').selectAll().where('workspaceId', '=', workspaceId).orderBy('queuedAt').orderBy('actionKey').execute();
  return rows.map(({ workspaceId: _ws, ...row }) => row);
}
