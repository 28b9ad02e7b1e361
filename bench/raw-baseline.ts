import type SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

// The floor the importer is measured against: the very rows importLedger wrote to
// ledger_event, inserted again with the raw driver (no Kysely, no validation, no read
// models, no hashing) into a copy of the table with the same columns, keys and indexes.

export const RAW_TABLE = 'ledger_event_raw';
const COLUMNS = ['workspace_id', 'seq', 'id', 'type', 'at', 'recorded_at', 'client_id', 'data', 'prev_hash', 'hash'] as const;
const SELECT = `select ${COLUMNS.join(', ')} from ledger_event where workspace_id = $1 order by seq`;

export interface RawResult {
  readonly rows: number;
  /** Reading the rows back from ledger_event (not part of the baseline time). */
  readonly readMs: number;
  /** Creating the copy of the table (empty, with its indexes). */
  readonly createMs: number;
  /** The baseline: every row inserted and committed. */
  readonly insertMs: number;
  readonly batchSize: number;
}

const placeholders = (rows: number, numbered: boolean) => {
  const groups: string[] = [];
  for (let r = 0; r < rows; r += 1) {
    const cells = COLUMNS.map((_, c) => (numbered ? `$${r * COLUMNS.length + c + 1}` : '?'));
    groups.push(`(${cells.join(', ')})`);
  }
  return `insert into ${RAW_TABLE} (${COLUMNS.join(', ')}) values ${groups.join(', ')}`;
};

/** SQLite: the copy is made from the table's own DDL (sqlite_master), so it is the same table. */
export function rawSqlite(sqlite: SqliteDatabase.Database, workspaceId: string, batchSize = 500): RawResult {
  let started = performance.now();
  const values: unknown[] = [];
  const read = sqlite.prepare(SELECT.replace('$1', '?')).raw(true);
  for (const row of read.iterate(workspaceId) as Iterable<unknown[]>) for (const cell of row) values.push(cell);
  const readMs = performance.now() - started;
  const rows = values.length / COLUMNS.length;

  started = performance.now();
  const ddl = sqlite.prepare("select sql from sqlite_master where tbl_name = 'ledger_event' and sql is not null order by type desc").pluck().all() as string[];
  if (!ddl.some((sql) => /^create table/i.test(sql))) throw new Error('ledger_event DDL not found in sqlite_master');
  sqlite.exec(`drop table if exists ${RAW_TABLE}`);
  for (const sql of ddl) sqlite.exec(sql.replace(/ledger_event/g, RAW_TABLE));
  const createMs = performance.now() - started;

  started = performance.now();
  const width = batchSize * COLUMNS.length;
  const full = sqlite.prepare(placeholders(batchSize, false));
  sqlite.transaction(() => {
    let offset = 0;
    for (; offset + width <= values.length; offset += width) full.run(...values.slice(offset, offset + width));
    if (offset < values.length) {
      const rest = values.slice(offset);
      sqlite.prepare(placeholders(rest.length / COLUMNS.length, false)).run(...rest);
    }
  })();
  const insertMs = performance.now() - started;

  const copied = sqlite.prepare(`select count(*) from ${RAW_TABLE}`).pluck().get() as number;
  if (copied !== rows) throw new Error(`raw SQLite baseline copied ${copied} rows, expected ${rows}`);
  return { rows, readMs, createMs, insertMs, batchSize };
}

/** PostgreSQL: `like … including all` copies columns, not-null, primary key, unique constraint and indexes; the foreign key is added. */
export async function rawPostgres(url: string, schema: string, workspaceId: string, batchSize = 1_000): Promise<RawResult> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    let started = performance.now();
    const result = await client.query<unknown[]>({ text: SELECT, values: [workspaceId], rowMode: 'array' });
    const values: unknown[] = [];
    for (const row of result.rows) for (const cell of row) values.push(cell);
    result.rows.length = 0;
    const readMs = performance.now() - started;
    const rows = values.length / COLUMNS.length;

    started = performance.now();
    await client.query(`drop table if exists ${RAW_TABLE}`);
    await client.query(`create table ${RAW_TABLE} (like ledger_event including all)`);
    await client.query(`alter table ${RAW_TABLE} add foreign key (workspace_id) references workspace (id) on delete cascade`);
    const createMs = performance.now() - started;

    started = performance.now();
    const width = batchSize * COLUMNS.length;
    const text = placeholders(batchSize, true);
    await client.query('begin');
    let offset = 0;
    for (; offset + width <= values.length; offset += width) {
      await client.query({ name: `raw_insert_${batchSize}`, text, values: values.slice(offset, offset + width) });
    }
    if (offset < values.length) {
      const rest = values.slice(offset);
      await client.query(placeholders(rest.length / COLUMNS.length, true), rest);
    }
    await client.query('commit');
    const insertMs = performance.now() - started;

    const copied = Number((await client.query<{ n: string }>(`select count(*) as n from ${RAW_TABLE}`)).rows[0]?.n);
    if (copied !== rows) throw new Error(`raw PostgreSQL baseline copied ${copied} rows, expected ${rows}`);
    return { rows, readMs, createMs, insertMs, batchSize };
  } finally {
    await client.end();
  }
}
