import type { Kysely } from 'kysely';

// #12, day one in the browser: a client's registration and VAT numbers and postal address,
// archiving, holds on escalation; contract amendments with the date they take effect; whether
// a contract allows reminder fees; what a deliverable shows the client (caption, planned day,
// media). Read models only: existing rows get nulls and "no", which is what their events say,
// and `firmly rebuild` refills everything from the ledger.
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['registration_number', 'vat_number', 'postal_address', 'archived_at', 'archive_reason', 'held_at', 'held_until', 'hold_reason', 'hold_note']) {
    await db.schema.alterTable('client').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('contract').addColumn('reminder_fees', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  for (const column of ['caption', 'planned_for', 'media_url']) {
    await db.schema.alterTable('deliverable').addColumn(column, 'text').execute();
  }
  await db.schema.createTable('contract_amendment')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('amended_at', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('contract_amendment_pk', ['workspace_id', 'event_id'])
    .addForeignKeyConstraint('contract_amendment_client_fk', ['workspace_id', 'client_id'], 'client', ['workspace_id', 'client_id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('contract_amendment_contract_fk', ['workspace_id', 'contract_id'], 'contract', ['workspace_id', 'contract_id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('contract_amendment_client').on('contract_amendment').columns(['workspace_id', 'client_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract_amendment').execute();
  for (const column of ['caption', 'planned_for', 'media_url']) await db.schema.alterTable('deliverable').dropColumn(column).execute();
  await db.schema.alterTable('contract').dropColumn('reminder_fees').execute();
  for (const column of ['registration_number', 'vat_number', 'postal_address', 'archived_at', 'archive_reason', 'held_at', 'held_until', 'hold_reason', 'hold_note']) {
    await db.schema.alterTable('client').dropColumn(column).execute();
  }
}
