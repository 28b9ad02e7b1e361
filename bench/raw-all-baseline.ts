import type SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { readModelTables } from '../src/store/migrations/0002-read-models.ts';

// The second floor: every row importLedger wrote — ledger_event and the rows of every
// read-model table — inserted again with the raw driver (no Kysely, no validation, no
// hashing, no read-model logic) in one transaction, into copies of those tables with the
// same columns, keys, indexes and foreign keys. The copies reference each other where the
// originals do (contact_copy → client_copy, …) and workspace as the originals do, so the
// database checks the same constraints as during the import. The tables are filled parents
// first; rows go in in the order the import wrote them (SQLite rowid order, PostgreSQL
// physical order), in multi-row statements of `batchSize` rows.
//
// The rows are read back in chunks of `chunkRows` (inside the transaction, between inserts)
// so that memory stays flat; reading, and laying a chunk out as one flat array of
// parameters, is not part of the baseline time. workspace and ledger_head (one row each)
// are not copied.

export const COPY_SUFFIX = '_copy';
/** The tables the import fills, apart from workspace and ledger_head (readModelTables is listed children first). */
export const IMPORTED_TABLES: readonly string[] = ['ledger_event', ...[...readModelTables].reverse()];

export interface RawAllResult {
  /** Rows inserted, all tables together. */
  readonly rows: number;
  /** Rows per table, in the order the tables were filled (parents first). */
  readonly tables: Readonly<Record<string, number>>;
  /** Reading the rows back from the imported tables (not part of the baseline time). */
  readonly readMs: number;
  /** Creating the copies (empty, with keys, indexes and foreign keys). */
  readonly createMs: number;
  /** The baseline: begin, every multi-row insert, commit. */
  readonly insertMs: number;
  readonly batchSize: number;
  readonly chunkRows: number;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const copyOf = (table: string) => `${table}${COPY_SUFFIX}`;

function insertText(table: string, columns: readonly string[], rows: number, numbered: boolean): string {
  const groups: string[] = [];
  for (let r = 0; r < rows; r += 1) {
    const cells = columns.map((_, c) => (numbered ? `$${r * columns.length + c + 1}` : '?'));
    groups.push(`(${cells.join(', ')})`);
  }
  return `insert into ${quote(copyOf(table))} (${columns.map(quote).join(', ')}) values ${groups.join(', ')}`;
}

/** The tables ordered so that every table comes after the tables it references. */
function parentsFirst(tables: readonly string[], references: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string) => {
    if (state.get(table) === 'done') return;
    if (state.get(table) === 'visiting') throw new Error(`foreign-key cycle through ${table}`);
    state.set(table, 'visiting');
    for (const parent of references.get(table) ?? []) if (parent !== table && tables.includes(parent)) visit(parent);
    state.set(table, 'done');
    order.push(table);
  };
  for (const table of tables) visit(table);
  return order;
}

function flatten(rows: readonly (readonly unknown[])[], skipFirst: boolean): unknown[] {
  const values: unknown[] = [];
  for (const row of rows) for (let c = skipFirst ? 1 : 0; c < row.length; c += 1) values.push(row[c]);
  return values;
}

/** SQLite: the copies are made from the tables' own DDL (sqlite_master), with table and index names renamed. */
export function rawAllSqlite(sqlite: SqliteDatabase.Database, workspaceId: string, batchSize = 500, chunkRows = 50_000): RawAllResult {
  const tables = IMPORTED_TABLES;
  let started = performance.now();
  const references = new Map(tables.map((table) => [table, (sqlite.pragma(`foreign_key_list(${quote(table)})`) as { table: string }[]).map((fk) => fk.table)]));
  const order = parentsFirst(tables, references);
  for (const table of [...order].reverse()) sqlite.exec(`drop table if exists ${quote(copyOf(table))}`);
  // Kysely quotes every identifier, so a quoted name that is one of the tables is a reference to it.
  const renameTables = (sql: string) => sql.replace(/"(\w+)"/g, (whole, name: string) => (tables.includes(name) ? quote(copyOf(name)) : whole));
  const renameObject = (sql: string) => sql.replace(/^(create\s+(?:unique\s+)?(?:index|trigger)\s+(?:if\s+not\s+exists\s+)?)"(\w+)"/i, (_, head: string, name: string) => `${head}${quote(copyOf(name))}`);
  for (const table of order) {
    const ddl = sqlite.prepare("select type, sql from sqlite_master where tbl_name = ? and sql is not null order by type = 'table' desc").all(table) as { type: string; sql: string }[];
    if (ddl[0]?.type !== 'table') throw new Error(`${table} DDL not found in sqlite_master`);
    for (const { type, sql } of ddl) {
      const copy = type === 'table' ? renameTables(sql) : renameObject(renameTables(sql));
      if (!copy.includes(quote(copyOf(table)))) throw new Error(`could not rename ${table} in its DDL: ${sql}`);
      sqlite.exec(copy);
    }
  }
  const createMs = performance.now() - started;

  const counts: Record<string, number> = {};
  let readMs = 0;
  let insertMs = 0;
  started = performance.now();
  sqlite.exec('begin');
  insertMs += performance.now() - started;
  try {
    for (const table of order) {
      const columns = (sqlite.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name);
      if (batchSize * columns.length > 32_766) throw new Error(`${batchSize} rows of ${table} need more than 32,766 parameters`);
      // NOT INDEXED: walk the table by rowid; an index on workspace_id would sort each chunk.
      const read = sqlite.prepare(`select rowid, ${columns.map(quote).join(', ')} from ${quote(table)} not indexed `
        + 'where rowid > ? and workspace_id = ? order by rowid limit ?').raw(true);
      const full = sqlite.prepare(insertText(table, columns, batchSize, false));
      const width = batchSize * columns.length;
      let after: unknown = Number.MIN_SAFE_INTEGER;
      let count = 0;
      for (;;) {
        started = performance.now();
        const rows = read.all(after, workspaceId, chunkRows) as unknown[][];
        const values = flatten(rows, true);
        readMs += performance.now() - started;
        if (rows.length === 0) break;
        after = (rows[rows.length - 1] as unknown[])[0];

        started = performance.now();
        let offset = 0;
        for (; offset + width <= values.length; offset += width) full.run(...values.slice(offset, offset + width));
        if (offset < values.length) {
          const rest = values.slice(offset);
          sqlite.prepare(insertText(table, columns, rest.length / columns.length, false)).run(...rest);
        }
        insertMs += performance.now() - started;
        count += rows.length;
        if (rows.length < chunkRows) break;
      }
      counts[table] = count;
    }
    started = performance.now();
    sqlite.exec('commit');
    insertMs += performance.now() - started;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    throw error;
  }

  for (const table of order) {
    const copied = sqlite.prepare(`select count(*) from ${quote(copyOf(table))}`).pluck().get() as number;
    if (copied !== counts[table]) throw new Error(`raw SQLite all-rows baseline copied ${copied} rows of ${table}, expected ${counts[table]}`);
  }
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  return { rows, tables: counts, readMs, createMs, insertMs, batchSize, chunkRows };
}

/**
 * PostgreSQL: `like … including all` copies columns, not-null, defaults, primary keys, unique
 * constraints and indexes; the foreign keys are added from pg_constraint, pointed at the copies.
 */
export async function rawAllPostgres(url: string, schema: string, workspaceId: string, batchSize = 1_000, chunkRows = 50_000): Promise<RawAllResult> {
  const tables = IMPORTED_TABLES;
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    let started = performance.now();
    const foreignKeys = (await client.query<{ child: string; parent: string; def: string }>(
      `select conrelid::regclass::text as child, confrelid::regclass::text as parent, pg_get_constraintdef(oid) as def
         from pg_constraint where contype = 'f' and conrelid::regclass::text = any($1::text[]) order by conrelid, conname`,
      [tables],
    )).rows;
    const references = new Map<string, string[]>();
    for (const fk of foreignKeys) references.set(fk.child, [...(references.get(fk.child) ?? []), fk.parent]);
    const order = parentsFirst(tables, references);
    for (const table of [...order].reverse()) await client.query(`drop table if exists ${quote(copyOf(table))}`);
    for (const table of order) await client.query(`create table ${quote(copyOf(table))} (like ${quote(table)} including all)`);
    for (const fk of foreignKeys) {
      const target = ` REFERENCES ${fk.parent}(`;
      if (!fk.def.includes(target)) throw new Error(`unexpected foreign key on ${fk.child}: ${fk.def}`);
      const def = tables.includes(fk.parent) ? fk.def.replace(target, ` REFERENCES ${quote(copyOf(fk.parent))}(`) : fk.def;
      await client.query(`alter table ${quote(copyOf(fk.child))} add ${def}`);
    }
    const createMs = performance.now() - started;

    const counts: Record<string, number> = {};
    let readMs = 0;
    let insertMs = 0;
    started = performance.now();
    await client.query('begin');
    insertMs += performance.now() - started;
    try {
      for (const table of order) {
        const columns = (await client.query(`select * from ${quote(table)} limit 0`)).fields.map((f) => f.name);
        if (batchSize * columns.length > 65_535) throw new Error(`${batchSize} rows of ${table} need more than 65,535 parameters`);
        const name = `raw_all_${table}_${batchSize}`;
        const text = insertText(table, columns, batchSize, true);
        const width = batchSize * columns.length;
        started = performance.now();
        await client.query(`declare raw_all_read no scroll cursor for select ${columns.map(quote).join(', ')} from ${quote(table)} `
          + `where workspace_id = ${client.escapeLiteral(workspaceId)}`);
        readMs += performance.now() - started;
        let count = 0;
        for (;;) {
          started = performance.now();
          const result = await client.query<unknown[]>({ text: `fetch forward ${chunkRows} from raw_all_read`, rowMode: 'array' });
          const values = flatten(result.rows, false);
          const fetched = result.rows.length;
          result.rows.length = 0;
          readMs += performance.now() - started;
          if (fetched === 0) break;

          started = performance.now();
          let offset = 0;
          for (; offset + width <= values.length; offset += width) await client.query({ name, text, values: values.slice(offset, offset + width) });
          if (offset < values.length) {
            const rest = values.slice(offset);
            await client.query(insertText(table, columns, rest.length / columns.length, true), rest);
          }
          insertMs += performance.now() - started;
          count += fetched;
          if (fetched < chunkRows) break;
        }
        started = performance.now();
        await client.query('close raw_all_read');
        readMs += performance.now() - started;
        counts[table] = count;
      }
      started = performance.now();
      await client.query('commit');
      insertMs += performance.now() - started;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }

    for (const table of order) {
      const copied = Number((await client.query<{ n: string }>(`select count(*) as n from ${quote(copyOf(table))}`)).rows[0]?.n);
      if (copied !== counts[table]) throw new Error(`raw PostgreSQL all-rows baseline copied ${copied} rows of ${table}, expected ${counts[table]}`);
    }
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    return { rows, tables: counts, readMs, createMs, insertMs, batchSize, chunkRows };
  } finally {
    await client.end();
  }
}
