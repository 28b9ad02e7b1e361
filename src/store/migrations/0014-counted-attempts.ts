import type { Kysely } from 'kysely';

// One home for every counted attempt (#19 item 6): failed sign-ins, and now the portal's
// requests and the making of portal links, which @fastify/rate-limit used to count in one
// process's memory (two instances behind a load balancer doubled the limit, a restart reset
// it). `login_attempt` only served sign-in and kept no window, so it is replaced: each row
// carries the moment it stops counting, and one prune clears every limit's old rows whatever
// its window. Its rows are at most a minute old, so dropping them forgets at most one
// minute of failed sign-ins, once, at the upgrade.
//
// `key` is the SHA-256 of what is counted ("email:…", "portal:203.0.113.7"): the table says
// how often, not who.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('counted_attempt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('counted_attempt_key_idx').on('counted_attempt').columns(['key', 'expires_at']).execute();
  await db.schema.createIndex('counted_attempt_expires_idx').on('counted_attempt').column('expires_at').execute();
  await db.schema.dropTable('login_attempt').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('login_attempt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempt_key_idx').on('login_attempt').columns(['key', 'at']).execute();
  await db.schema.createIndex('login_attempt_at_idx').on('login_attempt').column('at').execute();
  await db.schema.dropTable('counted_attempt').execute();
}
