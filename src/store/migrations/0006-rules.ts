import type { Kysely } from 'kysely';

// Assessment thresholds per workspace (workspace.rules) and per contract (contract.signed.rules),
// as JSON text. Existing rows get the defaults: {} and null.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspace_settings').addColumn('rules', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('contract').addColumn('rules', 'text', (c) => c.notNull().defaultTo('null')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contract').dropColumn('rules').execute();
  await db.schema.alterTable('workspace_settings').dropColumn('rules').execute();
}
