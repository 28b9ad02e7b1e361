import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

// The workspace rows themselves (#12): whether one holds the demo, and removing one whole.

type Db = Kysely<Database> | Transaction<Database>;

export interface WorkspaceKind {
  /** The workspace holds the demo (migration 0016). */
  readonly demo: boolean;
  /** The day the demo was dated to, its "today"; null when not a demo. */
  readonly demoDatedOn: string | null;
}

/** Whether the workspace is a demo; undefined when there is no such workspace. */
export async function workspaceKind(db: Db, workspaceId: string): Promise<WorkspaceKind | undefined> {
  const row = await db.selectFrom('workspace').select(['demo', 'demoDatedOn']).where('id', '=', workspaceId).executeTakeFirst();
  return row && { demo: Number(row.demo) === 1, demoDatedOn: row.demoDatedOn };
}

export async function markDemo(db: Db, workspaceId: string, datedOn: string): Promise<void> {
  await db.updateTable('workspace').set({ demo: 1, demoDatedOn: datedOn }).where('id', '=', workspaceId).execute();
}

/** The ids of the demo workspaces. */
export async function demoWorkspaceIds(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('workspace').select('id').where('demo', '=', 1).execute()).map((r) => r.id));
}

/** The tables that hold rows of one workspace: every table with a `workspaceId`. */
type ScopedTable = { [T in keyof Database]: 'workspaceId' extends keyof Database[T] ? T : never }[keyof Database];

/**
 * Children before their parents, so that deleting works with the foreign keys enforced and
 * without trusting ON DELETE CASCADE (SQLite enforces it only with foreign_keys on).
 */
const scopedTables = [
  'allocation', 'credit', 'payment', 'invoice', 'revision', 'request', 'deliverable', 'contractAmendment', 'contract',
  'contact', 'accessGrant', 'message', 'timeEntry', 'incident', 'clientReview', 'client', 'workspaceSettings',
  'outboxMessage', 'outboxAutoSend', 'sweepState', 'letterTemplate', 'unmatchedMail', 'mailCursor', 'portalLink',
  'membership', 'invitation', 'ledgerEvent', 'ledgerHead',
] as const satisfies readonly ScopedTable[];
// A table added to the schema with a workspaceId and not listed above fails to compile here.
const everyScopedTable: [Exclude<ScopedTable, (typeof scopedTables)[number]>] extends [never] ? true : never = true;
void everyScopedTable;

/**
 * Deletes every row of the workspace, the workspace row last, inside the caller's transaction;
 * false when there was no such workspace. Sessions of its members stay: they are the user's,
 * not the workspace's.
 */
export async function deleteWorkspaceRows(trx: Transaction<Database>, workspaceId: string): Promise<boolean> {
  for (const table of scopedTables) {
    // One statement per table; the union of table names is too wide for Kysely to type the column.
    await (trx as unknown as Kysely<Record<string, { workspaceId: string }>>).deleteFrom(table).where('workspaceId', '=', workspaceId).execute();
  }
  const result = await trx.deleteFrom('workspace').where('id', '=', workspaceId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
