import type { Kysely } from 'kysely';

// #12, start empty or explore the demo: a workspace knows whether it holds the demo, and the
// day the demo was dated to (its "today"), so that loading it again can say it is there
// instead of importing the same event ids with other dates (a conflict), and so that only a
// demo can be deleted from the web app. On the workspace row, not in the ledger: being a demo
// is about where the data came from, not a fact of the business the ledger records.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspace').addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('workspace').addColumn('demo_dated_on', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspace').dropColumn('demo_dated_on').execute();
  await db.schema.alterTable('workspace').dropColumn('demo').execute();
}
