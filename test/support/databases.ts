import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type DatabaseTarget, type Store } from '../../src/store/database.ts';

// Every store, scenario and API suite runs once per database from the same code:
//   describe.each(testDatabases())('… on $name', ({ open }) => { … })
// PostgreSQL is the real server (FIRMLY_TEST_POSTGRES_URL, default the local `test`
// database); each opened store gets a schema of its own, dropped on close.
// FIRMLY_TEST_POSTGRES=required (set by .ci/run) turns an unreachable server into a failure.

export const postgresUrl = process.env.FIRMLY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const postgresRequired = process.env.FIRMLY_TEST_POSTGRES === 'required';

export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres';
  /** A fresh, empty, migrated database; `close()` also deletes it. */
  readonly open: () => Promise<TestStore>;
}

export interface TestStore extends Store {
  /** Environment for a child process that should use the same database. */
  readonly env: Record<string, string>;
  /** Runs raw SQL against the database, bypassing Firmly (to tamper with it in tests). */
  readonly raw: (sql: string, params?: unknown[]) => Promise<unknown[]>;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const reachable = await postgresReachable();
if (!reachable && postgresRequired) {
  throw new Error(`PostgreSQL is required for the test suite (FIRMLY_TEST_POSTGRES=required) but ${postgresUrl} is not reachable`);
}
if (!reachable) {
  console.warn(`\n*** PostgreSQL at ${postgresUrl} is not reachable: the PostgreSQL variants of the suites will not run. CI sets FIRMLY_TEST_POSTGRES=required. ***\n`);
}

async function openSqlite(): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'firmly-test-'));
  const target: DatabaseTarget = { kind: 'sqlite', file: join(dir, 'firmly.db') };
  const store = await openStore(target);
  return {
    ...store,
    env: { FIRMLY_DATA: dir },
    raw: async (sql, params = []) => {
      const statement = store.sqlite!.prepare(sql);
      return statement.reader ? statement.all(...params) : (statement.run(...params), []);
    },
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<TestStore> {
  const schema = `firmly_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const store = await openStore({ kind: 'postgres', url: postgresUrl, schema });
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    ...store,
    env: { DATABASE_URL: url.toString() },
    raw: async (sql, params = []) => {
      await admin.query(`set search_path to ${schema}`);
      // Placeholders are written ? as for SQLite; number them for PostgreSQL.
      let n = 0;
      return (await admin.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
    },
    close: async () => {
      await store.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

export function testDatabases(): TestDatabase[] {
  const all: TestDatabase[] = [{ name: 'sqlite', open: openSqlite }];
  if (reachable) all.push({ name: 'postgres', open: openPostgres });
  return all;
}
