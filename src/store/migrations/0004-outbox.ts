import type { Kysely } from 'kysely';

// Messages the sweep queued, one per action key: the primary key is what makes an action
// happen at most once, whatever runs concurrently. Delivery columns come with #5.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('outbox_message')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('action_key', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outbox_message_pk', ['workspace_id', 'action_key'])
    .execute();
  await db.schema.createIndex('outbox_message_status_idx').on('outbox_message').columns(['workspace_id', 'status', 'due']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox_message').execute();
}
