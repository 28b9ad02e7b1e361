import { sql, type Kysely } from 'kysely';

// Sign-in (#6): people, what they may do in which workspace, their sessions, and the
// failed sign-ins the login rate limit counts.
//
// `app_user`, not `user`: USER is a reserved word in PostgreSQL. Emails are stored
// normalised (trimmed, lower case), so the plain unique constraint is the case-insensitive
// one on both databases (SQLite's lower() folds ASCII only, so an expression index would
// not be the same rule on both).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('membership')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('membership_pk', ['user_id', 'workspace_id'])
    .addCheckConstraint('membership_role_check', sql`role in ('owner', 'member', 'viewer')`)
    .execute();
  await db.schema.createIndex('membership_workspace_idx').on('membership').column('workspace_id').execute();

  // `id` is the SHA-256 of the cookie's token, never the token: a copy of the database
  // does not let anyone sign in. The CSRF secret is useless without the token.
  await db.schema.createTable('user_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('csrf_secret', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute();
  await db.schema.createIndex('user_session_expires_idx').on('user_session').column('expires_at').execute();

  // In the database rather than in memory, so that several instances on one PostgreSQL
  // share the limit and a restart does not reset it. `key` is a SHA-256 of "email:…" or
  // "address:…": the table says how often, not who.
  await db.schema.createTable('login_attempt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempt_key_idx').on('login_attempt').columns(['key', 'at']).execute();
  await db.schema.createIndex('login_attempt_at_idx').on('login_attempt').column('at').execute();

  // One row, written first by whatever creates users, so that two first-run setups at once
  // take turns (a row lock on PostgreSQL, the write lock on SQLite) and only one finds no user.
  await db.schema.createTable('user_directory')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('changed_at', 'text')
    .execute();
  await db.insertInto('user_directory').values({ id: 1, changed_at: null }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_directory').execute();
  await db.schema.dropTable('login_attempt').execute();
  await db.schema.dropTable('user_session').execute();
  await db.schema.dropTable('membership').execute();
  await db.schema.dropTable('app_user').execute();
}
