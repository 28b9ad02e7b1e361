import type { Kysely } from 'kysely';

// The date of an invoice's latest payment, so that a credit clearing the rest settles it
// as of that payment. Existing databases get it filled by `firmly rebuild`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invoice').addColumn('last_paid_on', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invoice').dropColumn('last_paid_on').execute();
}
