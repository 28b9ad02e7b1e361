import type { CreateTableBuilder, Kysely } from 'kysely';

// The read models of src/core/ledger/read-model.ts. They hold nothing the ledger does
// not: `firmly rebuild` empties and refills them. Every table is scoped by workspace,
// and references its client so that no row can outlive or miss its owner.

type Table = CreateTableBuilder<string, never>;

const scoped = (db: Kysely<any>, name: string, build: (t: Table) => Table, key: string[]) =>
  build(db.schema.createTable(name).addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade')))
    .addPrimaryKeyConstraint(`${name}_pk`, ['workspace_id', ...key] as never);

const ofClient = (t: Table, name: string) =>
  t.addColumn('client_id', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(`${name}_client_fk`, ['workspace_id', 'client_id'] as never, 'client', ['workspace_id', 'client_id'], (c) => c.onDelete('cascade'));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('workspace_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspace.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('target_rate_minor', 'bigint', (c) => c.notNull())
    .addColumn('target_rate_currency', 'text', (c) => c.notNull())
    .addColumn('configured_at', 'text', (c) => c.notNull())
    .execute();

  await scoped(db, 'client', (t) => t
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text')
    .addColumn('currency', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('paused', 'integer', (c) => c.notNull())
    .addColumn('paused_at', 'text')
    .addColumn('pause_reason', 'text')
    .addColumn('offboarded_at', 'text')
    .addColumn('offboard_reason', 'text'), ['client_id']).execute();

  await scoped(db, 'contact', (t) => ofClient(t, 'contact')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull()), ['client_id', 'position']).execute();

  await scoped(db, 'contract', (t) => ofClient(t, 'contract')
    .addColumn('contract_id', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('networks', 'text', (c) => c.notNull())
    .addColumn('fee_minor', 'bigint', (c) => c.notNull())
    .addColumn('fee_currency', 'text', (c) => c.notNull())
    .addColumn('fee_cycle', 'text', (c) => c.notNull())
    .addColumn('due_day_of_month', 'integer')
    .addColumn('net_days', 'integer')
    .addColumn('feedback_days', 'integer', (c) => c.notNull())
    .addColumn('approval_mode', 'text', (c) => c.notNull())
    .addColumn('approval_window_days', 'integer')
    .addColumn('deemed_approval', 'integer', (c) => c.notNull())
    .addColumn('stop_work_after_days', 'integer', (c) => c.notNull())
    .addColumn('late_interest', 'text', (c) => c.notNull())
    .addColumn('late_interest_rate_pct', 'text'), ['contract_id']).execute();

  await scoped(db, 'deliverable', (t) => ofClient(t, 'deliverable')
    .addColumn('deliverable_id', 'text', (c) => c.notNull())
    .addColumn('network', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('revisions', 'integer', (c) => c.notNull())
    .addColumn('client_revisions', 'integer', (c) => c.notNull()), ['deliverable_id']).execute();

  await scoped(db, 'revision', (t) => ofClient(t, 'revision')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('deliverable_id', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('change_chars', 'integer', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('revision_deliverable_fk', ['workspace_id', 'deliverable_id'] as never, 'deliverable', ['workspace_id', 'deliverable_id'], (c) => c.onDelete('cascade')),
  ['event_id']).execute();

  await scoped(db, 'request', (t) => ofClient(t, 'request')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('deliverable_id', 'text')
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('answer_channel', 'text')
    .addColumn('verdict', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdraw_reason', 'text'), ['request_id']).execute();

  await scoped(db, 'access_grant', (t) => ofClient(t, 'access_grant')
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('handed_over_at', 'text')
    .addColumn('confirmed_by', 'text'), ['client_id', 'network', 'account']).execute();

  await scoped(db, 'invoice', (t) => ofClient(t, 'invoice')
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addColumn('credited_minor', 'bigint', (c) => c.notNull())
    .addColumn('paid_minor', 'bigint', (c) => c.notNull())
    .addColumn('open_minor', 'bigint', (c) => c.notNull())
    .addColumn('settled_on', 'text')
    .addColumn('issued_at', 'text', (c) => c.notNull()), ['invoice_id']).execute();

  await scoped(db, 'credit', (t) => ofClient(t, 'credit')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('credit_invoice_fk', ['workspace_id', 'invoice_id'] as never, 'invoice', ['workspace_id', 'invoice_id'], (c) => c.onDelete('cascade')),
  ['event_id']).execute();

  await scoped(db, 'payment', (t) => ofClient(t, 'payment')
    .addColumn('payment_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('unallocated_minor', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull()), ['payment_id']).execute();

  await scoped(db, 'allocation', (t) => ofClient(t, 'allocation')
    .addColumn('payment_id', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('allocation_payment_fk', ['workspace_id', 'payment_id'] as never, 'payment', ['workspace_id', 'payment_id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('allocation_invoice_fk', ['workspace_id', 'invoice_id'] as never, 'invoice', ['workspace_id', 'invoice_id'], (c) => c.onDelete('cascade')),
  ['payment_id', 'invoice_id']).execute();

  await scoped(db, 'message', (t) => ofClient(t, 'message')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('in_reply_to', 'text')
    .addColumn('request_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull()), ['message_id']).execute();

  await scoped(db, 'time_entry', (t) => ofClient(t, 'time_entry')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()), ['event_id']).execute();

  await scoped(db, 'incident', (t) => ofClient(t, 'incident')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull()), ['event_id']).execute();

  for (const table of ['contract', 'deliverable', 'request', 'invoice', 'payment', 'message', 'time_entry', 'incident', 'revision', 'allocation', 'credit']) {
    await db.schema.createIndex(`${table}_client_idx`).on(table).columns(['workspace_id', 'client_id']).execute();
  }
}

export const readModelTables = [
  'incident', 'time_entry', 'message', 'allocation', 'payment', 'credit', 'invoice', 'access_grant',
  'request', 'revision', 'deliverable', 'contract', 'contact', 'client', 'workspace_settings',
];

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of readModelTables) await db.schema.dropTable(table).execute();
}
