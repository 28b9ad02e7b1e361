import type { Kysely } from 'kysely';
import { viewNames, type ViewName } from '../../core/ledger/read-model.ts';
import type { ViewUnit } from '../../core/ledger/view-unit.ts';
import type { Database } from '../schema.ts';
import { settingsRow } from './view-store.ts';
import { toRow, viewTables, type Row } from './view-tables.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- the table name is a variable here, as in view-store.ts */

/** One value of a read-model table that is not what replaying the ledger gives (`firmly verify --read-models`). */
export interface ReadModelDifference {
  /** The SQL table, e.g. `invoice`. */
  readonly table: string;
  /** The row's key columns (SQL names) and their values, workspace left out. */
  readonly key: Readonly<Record<string, unknown>>;
  /** The SQL column that differs; null when the whole row is missing or should not be there. */
  readonly column: string | null;
  /** The stored value; the stored row when it should not be there; null when it is missing. */
  readonly stored: unknown;
  /** The value the ledger gives; the whole row when it is missing from the table; null when the ledger gives none. */
  readonly recomputed: unknown;
}

export interface ReadModelCheck {
  /** Read-model rows the ledger gives, workspace settings included. */
  readonly rows: number;
  readonly differenceCount: number;
  /** The first differences, table by table (parents first), then by key. */
  readonly differences: readonly ReadModelDifference[];
}

const sqlName = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

interface TableSpec {
  readonly table: string;
  readonly key: readonly string[];
}

/**
 * Compares the stored read models of the workspace with `unit`, into which the whole ledger
 * was projected in memory: column by column, in the form the store writes them (flags 0/1,
 * lists as JSON text), so a value that only SQL would read differently is caught too.
 * Differences are kept per table only up to `limit`, sorted by key in JavaScript so that both
 * databases list the same ones whatever their collation.
 */
export async function compareViews(db: Kysely<Database>, workspaceId: string, unit: ViewUnit, limit = 100): Promise<ReadModelCheck> {
  const any = db as unknown as Kysely<any>;
  const differences: ReadModelDifference[] = [];
  let differenceCount = 0;
  let rows = 0;
  const compare = (spec: TableSpec, stored: readonly Row[], recomputed: readonly Row[]) => {
    rows += recomputed.length;
    const found = diffTable(spec, stored, recomputed);
    differenceCount += found.length;
    differences.push(...found.slice(0, Math.max(0, limit - differences.length)));
  };

  const settings = await any.selectFrom('workspaceSettings').selectAll().where('workspaceId', '=', workspaceId).execute();
  compare({ table: 'workspace_settings', key: ['workspaceId'] }, settings, unit.workspace ? [{ workspaceId, ...settingsRow(unit.workspace) }] : []);
  for (const view of viewNames) {
    const stored = await any.selectFrom(view).selectAll().where('workspaceId', '=', workspaceId).execute();
    compare({ table: sqlName(view), key: viewTables[view].key }, stored, unit.all(view).map((record) => toRow(view as ViewName, workspaceId, record as never)));
  }
  return { rows, differenceCount, differences };
}

function diffTable(spec: TableSpec, stored: readonly Row[], recomputed: readonly Row[]): ReadModelDifference[] {
  const keyOf = (row: Row) => spec.key.map((column) => String(row[column])).join('\u0000');
  const keyColumns = (row: Row) => Object.fromEntries(spec.key.filter((c) => c !== 'workspaceId' || spec.key.length === 1).map((c) => [sqlName(c), row[c]]));
  const expected = new Map(recomputed.map((row) => [keyOf(row), row]));
  const found: { sortKey: string; difference: ReadModelDifference }[] = [];
  for (const row of stored) {
    const sortKey = keyOf(row);
    const want = expected.get(sortKey);
    if (!want) {
      found.push({ sortKey, difference: { table: spec.table, key: keyColumns(row), column: null, stored: withSqlNames(row), recomputed: null } });
      continue;
    }
    expected.delete(sortKey);
    for (const column of new Set([...Object.keys(want), ...Object.keys(row)])) {
      const has = row[column] ?? null;
      const should = want[column] ?? null;
      if (has !== should) found.push({ sortKey, difference: { table: spec.table, key: keyColumns(row), column: sqlName(column), stored: has, recomputed: should } });
    }
  }
  for (const [sortKey, row] of expected) {
    found.push({ sortKey, difference: { table: spec.table, key: keyColumns(row), column: null, stored: null, recomputed: withSqlNames(row) } });
  }
  // Stable: the columns of one row stay in table order.
  return found.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0)).map((f) => f.difference);
}

function withSqlNames(row: Row): Row {
  return Object.fromEntries(Object.entries(row).filter(([column]) => column !== 'workspaceId').map(([column, value]) => [sqlName(column), value]));
}
