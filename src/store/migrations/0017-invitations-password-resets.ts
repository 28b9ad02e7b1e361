import { sql, type Kysely } from 'kysely';

// People added from Settings (#12 item 5): invitations mailed to someone who is not a member
// yet, and the links of a forgotten password. Like sessions and portal links, only the
// SHA-256 of a token is kept: a copy of the database opens no invitation and resets no
// password. Both are single use (`accepted_at`; a used reset row is deleted).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('invitation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The owner who invited; no foreign key, so an invitation outlives its inviter's account.
    .addColumn('created_by', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addCheckConstraint('invitation_role_check', sql`role in ('owner', 'member', 'viewer')`)
    .execute();
  await db.schema.createIndex('invitation_workspace_idx').on('invitation').column('workspace_id').execute();

  await db.schema.createTable('password_reset')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_reset_user_idx').on('password_reset').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_reset').execute();
  await db.schema.dropTable('invitation').execute();
}
