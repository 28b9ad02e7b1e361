import type { Kysely } from 'kysely';

// Delivery of the queued messages (#5): queued → approved → sending → sent, or failed.
// SQLite adds one column per ALTER TABLE statement, so each column is its own statement.
export async function up(db: Kysely<any>): Promise<void> {
  const columns: [string, 'text' | 'integer', boolean][] = [
    // `<firmly.{hash}@{sender's domain}>`, fixed at the first attempt: every retry, and a resend
    // after a crash, carries the same Message-ID, so the receiver can recognise the copy.
    ['message_id', 'text', false],
    ['attempts', 'integer', true],
    // When an approved message may next be tried; while `sending`, when its claim lapses
    // (a process that died mid-send is then taken over).
    ['next_attempt_at', 'text', false],
    ['last_error', 'text', false],
    ['approved_at', 'text', false],
    ['sent_at', 'text', false],
    // The letter as approved (or as edited by a person): what is sent, byte for byte, on
    // every attempt. Null while queued and not edited: the preview is rendered afresh.
    ['subject', 'text', false],
    ['body', 'text', false],
    ['rendered_on', 'text', false],
    ['edited_at', 'text', false],
  ];
  for (const [name, type, counter] of columns) {
    await db.schema.alterTable('outbox_message')
      .addColumn(name, type, (c) => (counter ? c.notNull().defaultTo(0) : c))
      .execute();
  }
  await db.schema.createIndex('outbox_message_delivery_idx').on('outbox_message')
    .columns(['workspace_id', 'status', 'next_attempt_at']).execute();

  // Which kinds of message a workspace lets go out without a person's approval; a kind not
  // listed needs one (the default).
  await db.schema.createTable('outbox_auto_send')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outbox_auto_send_pk', ['workspace_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox_auto_send').execute();
  await db.schema.dropIndex('outbox_message_delivery_idx').execute();
  for (const name of ['edited_at', 'rendered_on', 'body', 'subject', 'sent_at', 'approved_at', 'last_error', 'next_attempt_at', 'attempts', 'message_id']) {
    await db.schema.alterTable('outbox_message').dropColumn(name).execute();
  }
}
