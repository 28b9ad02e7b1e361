import type { Kysely } from 'kysely';

// The one-time setup code (#19 F4): creating the first owner needs a code that `firmly serve`
// prints while no user exists, so that only someone who sees that output can. In the database
// rather than in memory, so that any instance on a shared PostgreSQL accepts the code another
// one printed. `code_hash` is the SHA-256 of the code, never the code: a copy of the database
// does not let anyone set up. Rows go when the first owner is created, in the same transaction.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('setup_code')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('setup_code').execute();
}
