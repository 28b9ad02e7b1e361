import type { Kysely } from 'kysely';

// message.sent may carry the key of the planned action it carries out (#3).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('message').addColumn('action_key', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('message').dropColumn('action_key').execute();
}
