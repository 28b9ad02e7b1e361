import type { Kysely } from 'kysely';

// The client portal (#6): links a client opens without an account. `token_hash` is the
// SHA-256 of the token in the link, never the token: a copy of the database opens no portal.
// `viewed_at` is when a `portal.viewed` was last recorded for the link (at most one per
// 30 minutes); `last_used_at` when the link last opened the portal at all.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('portal_link')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Null when made with the CLI, which acts as no user.
    .addColumn('created_by', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('viewed_at', 'text')
    .execute();
  await db.schema.createIndex('portal_link_client_idx').on('portal_link').columns(['workspace_id', 'client_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_link').execute();
}
