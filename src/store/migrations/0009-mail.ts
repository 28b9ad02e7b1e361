import type { Kysely } from 'kysely';

// Inbound mail (issue #5).
//
// unmatched_mail: mail that matched no client, kept for a person to assign — never dropped.
// It holds what matching and recording need (the headers, as parsed), so assigning or
// re-matching later records exactly what an import would have; not the raw message. A row
// stays after it is resolved (by a person or by a later import), as the trace of who decided.
//
// mail_cursor: the last IMAP UID read per workspace, account and folder, with the folder's
// UIDVALIDITY (RFC 9051 §2.3.1.1): when the server renumbers the folder the cursor is void.
// UIDs and UIDVALIDITY are unsigned 32-bit numbers, beyond `integer` on PostgreSQL: bigint.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('unmatched_mail')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text')
    .addColumn('from_name', 'text')
    /** JSON arrays of {name, address}. */
    .addColumn('to_addresses', 'text', (c) => c.notNull())
    .addColumn('cc_addresses', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('date', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('at_source', 'text', (c) => c.notNull())
    /** Space-separated Message-IDs, brackets removed. */
    .addColumn('in_reply_to', 'text', (c) => c.notNull())
    .addColumn('reference_ids', 'text', (c) => c.notNull())
    .addColumn('snippet', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** JSON array of client ids a person may want to look at first. */
    .addColumn('candidates', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('resolved_client_id', 'text')
    .addColumn('resolved_at', 'text')
    .addPrimaryKeyConstraint('unmatched_mail_pk', ['workspace_id', 'message_id'])
    .execute();
  await db.schema.createIndex('unmatched_mail_pending_idx').on('unmatched_mail').columns(['workspace_id', 'resolution', 'at']).execute();

  await db.schema.createTable('mail_cursor')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'bigint', (c) => c.notNull())
    .addColumn('last_uid', 'bigint', (c) => c.notNull())
    .addColumn('polled_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_cursor_pk', ['workspace_id', 'account', 'folder'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_cursor').execute();
  await db.schema.dropTable('unmatched_mail').execute();
}
