import type { Kysely } from 'kysely';

// Migrations take Kysely<any> so they keep compiling after the schema moves on.
// Names here are snake_case: migrations run without the CamelCasePlugin.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('workspace')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // One row per workspace: the tip of its hash chain. Appends lock this row first, which
  // serialises writers on PostgreSQL (row lock) and on SQLite (the write lock is taken at
  // once instead of upgrading a read later, which can fail with SQLITE_BUSY).
  await db.schema.createTable('ledger_head')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspace.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('ledger_event')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_event_pk', ['workspace_id', 'seq'])
    .addUniqueConstraint('ledger_event_id_unique', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('ledger_event_client_idx').on('ledger_event').columns(['workspace_id', 'client_id', 'seq']).execute();
  await db.schema.createIndex('ledger_event_type_idx').on('ledger_event').columns(['workspace_id', 'type', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_event').execute();
  await db.schema.dropTable('ledger_head').execute();
  await db.schema.dropTable('workspace').execute();
}
