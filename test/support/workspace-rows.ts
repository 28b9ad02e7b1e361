import { createPortalLink } from '../../src/app/portal-links.ts';
import { setLetterTemplate } from '../../src/app/letter-templates.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import type { AppContext } from '../../src/app/context.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import type { TestStore } from './databases.ts';

// What a workspace holds, table by table, read from the database's own catalogue: a table
// added later with a workspace_id is counted without anyone listing it here.

/** The tables with a `workspace_id` column (and `workspace` itself, by its `id`). */
export async function workspaceTables(store: TestStore): Promise<string[]> {
  const rows = store.dialect === 'sqlite'
    ? await store.raw(`select m.name as name from sqlite_master m join pragma_table_info(m.name) c where m.type = 'table' and c.name = 'workspace_id' order by m.name`)
    : await store.raw(`select table_name as name from information_schema.columns where table_schema = current_schema() and column_name = 'workspace_id' order by table_name`);
  return (rows as { name: string }[]).map((r) => r.name);
}

/** Rows per table that belong to the workspace; tables without any are left out. */
export async function rowsOf(store: TestStore, workspaceId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await workspaceTables(store)) {
    const [row] = await store.raw(`select count(*) as n from ${table} where workspace_id = ?`, [workspaceId]) as { n: number | string }[];
    if (Number(row?.n) > 0) counts[table] = Number(row?.n);
  }
  const [ws] = await store.raw('select count(*) as n from workspace where id = ?', [workspaceId]) as { n: number | string }[];
  if (Number(ws?.n) > 0) counts.workspace = Number(ws?.n);
  return counts;
}

/** Fills what the ledger import does not: the outbox and sweep state, a template, a portal link, a mail cursor. */
export async function useWorkspaceFully(ctx: AppContext, store: TestStore, workspaceId: string, day: IsoDate, clientId: string): Promise<void> {
  await runSweep(ctx, workspaceId, day, { full: true });
  await setLetterTemplate(ctx, workspaceId, 'late.reminder.first', 'en', { subject: 'About our invoice', body: 'Dear client, please pay.' });
  await createPortalLink(ctx, workspaceId, clientId);
  await store.raw(`insert into mail_cursor (workspace_id, account, folder, uid_validity, last_uid, polled_at) values (?, 'imap://a', 'INBOX', 1, 10, '2026-11-20T10:00:00.000Z')`, [workspaceId]);
}
