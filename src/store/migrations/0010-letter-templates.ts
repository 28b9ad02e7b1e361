import type { Kysely } from 'kysely';

// A workspace's own wording of a letter, per template and language; absent: Firmly's own.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('letter_template')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('letter_template_pk', ['workspace_id', 'template_id', 'locale'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('letter_template').execute();
}
