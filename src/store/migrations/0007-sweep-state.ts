import type { Kysely } from 'kysely';

// What the last sweep saw, so that the next one assesses only the clients that changed or
// have something coming due: the ledger position it read up to, and per client the first
// date on which its plan could change without a new event.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('sweep_state')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspace.id').onDelete('cascade'))
    .addColumn('swept_on', 'text', (c) => c.notNull())
    .addColumn('through_seq', 'bigint', (c) => c.notNull())
    .addColumn('workspace_seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createTable('client_review')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('review_on', 'text')
    .addPrimaryKeyConstraint('client_review_pk', ['workspace_id', 'client_id'])
    .execute();
  await db.schema.createIndex('client_review_due_idx').on('client_review').columns(['workspace_id', 'review_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('client_review').execute();
  await db.schema.dropTable('sweep_state').execute();
}
