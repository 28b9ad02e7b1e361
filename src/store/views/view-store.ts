import type { Kysely, Transaction } from 'kysely';
import type { WorkspaceView, ViewName } from '../../core/ledger/read-model.ts';
import { viewNames } from '../../core/ledger/read-model.ts';
import type { ViewNeeds, ViewUnit } from '../../core/ledger/view-unit.ts';
import type { Database, WorkspaceSettingsTable } from '../schema.ts';
import { fromRow, toRow, viewTables, type Row } from './view-tables.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- the table name is a variable here (see below) */
// Loading and writing the slice of the read models that one batch of events touches.
// The table name is a variable here, which Kysely's types cannot follow; the rows are
// checked by the conversions in view-tables.ts and the table definitions instead.
type AnyDb = Kysely<any> | Transaction<any>;

/** Both dialects allow far more, but SQLite's limit (32 766) is the lower one; stay well under it. */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS_PER_STATEMENT = 1_000;

export function chunksFor<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

function inChunks<T>(values: readonly T[]): T[][] {
  return chunksFor(values, 1);
}

/** Reads into `unit` every record that projecting the batch described by `needs` may read. */
export async function loadViews(trx: Kysely<Database> | Transaction<Database>, workspaceId: string, needs: ViewNeeds, unit: ViewUnit): Promise<void> {
  const db = trx as unknown as AnyDb;
  for (const view of viewNames) {
    const keys = [...needs.keys[view]];
    if (keys.length === 0) continue;
    const spec = viewTables[view];
    if (spec.key.length > 1) {
      // Composite key (a client's grants or contacts, a payment's allocations): load by the
      // first key column and let the unit pick.
      const clients = [...new Set(keys.map((key) => key.split('\u0000')[0] as string))];
      for (const chunk of inChunks(clients)) {
        const rows = await db.selectFrom(view).selectAll().where('workspaceId', '=', workspaceId).where('clientId', 'in', chunk).execute();
        unit.load(view, rows.map((row: Row) => fromRow(view, row)));
      }
      continue;
    }
    const column = spec.key[0] as string;
    for (const chunk of inChunks(keys)) {
      const rows = await db.selectFrom(view).selectAll().where('workspaceId', '=', workspaceId).where(column, 'in', chunk).execute();
      unit.load(view, rows.map((row: Row) => fromRow(view, row)));
    }
  }
  if (needs.workspace) {
    const settings = await loadWorkspaceSettings(trx as Kysely<Database>, workspaceId);
    if (settings) unit.loadWorkspace(settings);
  }
  const clients = [...needs.openInvoicesOf];
  for (const chunk of inChunks(clients)) {
    const rows = await db.selectFrom('invoice').selectAll().where('workspaceId', '=', workspaceId)
      .where('clientId', 'in', chunk).where('openMinor', '>', 0).execute();
    unit.load('invoice', rows.map((row: Row) => fromRow('invoice', row)));
  }
}

/** Writes what the batch created or changed: inserts new records, replaces changed ones. */
export async function flushViews(trx: Transaction<Database>, workspaceId: string, unit: ViewUnit): Promise<void> {
  const db = trx as unknown as Transaction<any>;
  if (unit.workspaceChanged && unit.workspace) await saveWorkspaceSettings(trx, workspaceId, unit.workspace);
  const removals = unit.removals();
  for (const view of [...viewNames].reverse() as ViewName[]) {
    const spec = viewTables[view];
    for (const record of removals[view] as unknown as Row[]) {
      let query = db.deleteFrom(view).where('workspaceId', '=', workspaceId);
      for (const column of spec.key) query = query.where(column, '=', record[column]);
      await query.execute();
    }
  }
  const changes = unit.changes();
  for (const view of viewNames) {
    const records = changes[view] as never[];
    if (records.length === 0) continue;
    const rows = records.map((record) => toRow(view, workspaceId, record));
    const keyColumns = ['workspaceId', ...viewTables[view].key];
    const columns = Object.keys(rows[0] as Row);
    const updatable = columns.filter((c) => !keyColumns.includes(c));
    for (const chunk of chunksFor(rows, columns.length)) {
      await db.insertInto(view).values(chunk)
        .onConflict((oc: any) => oc.columns(keyColumns).doUpdateSet((eb: any) =>
          Object.fromEntries(updatable.map((c) => [c, eb.ref(`excluded.${c}`)]))))
        .execute();
    }
  }
}

/** The workspace's settings as their row holds them (after `workspace_id`): the rules as JSON text. */
export function settingsRow(settings: WorkspaceView): Omit<WorkspaceSettingsTable, 'workspaceId'> {
  return { ...settings, rules: JSON.stringify(settings.rules) };
}

async function saveWorkspaceSettings(trx: Transaction<Database>, workspaceId: string, settings: WorkspaceView): Promise<void> {
  const columns = settingsRow(settings);
  await trx.insertInto('workspaceSettings').values({ workspaceId, ...columns })
    .onConflict((oc) => oc.column('workspaceId').doUpdateSet(columns))
    .execute();
}

export async function loadWorkspaceSettings(db: Kysely<Database>, workspaceId: string): Promise<WorkspaceView | undefined> {
  const row = await db.selectFrom('workspaceSettings').selectAll().where('workspaceId', '=', workspaceId).executeTakeFirst();
  if (!row) return undefined;
  const { workspaceId: _id, rules, ...settings } = row;
  return { ...settings, rules: JSON.parse(rules) } as WorkspaceView;
}

/** Removes every read model of the workspace, children first, ahead of a rebuild. */
export async function clearViews(trx: Transaction<Database>, workspaceId: string): Promise<void> {
  const db = trx as unknown as Transaction<any>;
  for (const view of [...viewNames].reverse() as ViewName[]) await db.deleteFrom(view).where('workspaceId', '=', workspaceId).execute();
  await trx.deleteFrom('workspaceSettings').where('workspaceId', '=', workspaceId).execute();
}

/** Every read-model record of the workspace in key order: what `rebuild` must reproduce exactly. */
export async function dumpViews(db: Kysely<Database>, workspaceId: string): Promise<Record<string, unknown[]>> {
  const any = db as unknown as Kysely<any>;
  const dump: Record<string, unknown[]> = { workspaceSettings: [] };
  const settings = await loadWorkspaceSettings(db, workspaceId);
  dump.workspaceSettings = settings ? [settings] : [];
  for (const view of viewNames) {
    let query = any.selectFrom(view).selectAll().where('workspaceId', '=', workspaceId);
    for (const column of viewTables[view].key) query = query.orderBy(column);
    dump[view] = (await query.execute()).map((row: Row) => fromRow(view, row));
  }
  return dump;
}
