import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { FirmlyError } from '../core/errors.ts';
import type { Database } from './schema.ts';
import * as ledgerMigration from './migrations/0001-ledger.ts';
import * as readModelMigration from './migrations/0002-read-models.ts';
import * as messageActionKeyMigration from './migrations/0003-message-action-key.ts';
import * as outboxMigration from './migrations/0004-outbox.ts';
import * as invoiceLastPaidMigration from './migrations/0005-invoice-last-paid.ts';
import * as rulesMigration from './migrations/0006-rules.ts';
import * as sweepStateMigration from './migrations/0007-sweep-state.ts';
import * as outboxDeliveryMigration from './migrations/0008-outbox-delivery.ts';
import * as mailMigration from './migrations/0009-mail.ts';
import * as letterTemplatesMigration from './migrations/0010-letter-templates.ts';
import * as usersMigration from './migrations/0011-users.ts';
import * as portalLinksMigration from './migrations/0012-portal-links.ts';
import * as setupCodeMigration from './migrations/0013-setup-code.ts';
import * as countedAttemptsMigration from './migrations/0014-counted-attempts.ts';
import * as clientDetailsMigration from './migrations/0015-client-details.ts';
import * as demoWorkspaceMigration from './migrations/0016-demo-workspace.ts';
import * as invitationsMigration from './migrations/0017-invitations-password-resets.ts';

export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

export type Dialect = DatabaseTarget['kind'];

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly target: DatabaseTarget;
  /** The open SQLite handle, for what only SQLite can do (online backup); undefined on PostgreSQL. */
  readonly sqlite: SqliteDatabase.Database | undefined;
  close(): Promise<void>;
}

// Listed here rather than read from a folder, so the same list works from sources (tsx)
// and from the build (dist/), and a migration cannot be skipped by a packaging mistake.
const migrations: Record<string, Migration> = {
  '0001-ledger': ledgerMigration,
  '0002-read-models': readModelMigration,
  '0003-message-action-key': messageActionKeyMigration,
  '0004-outbox': outboxMigration,
  '0005-invoice-last-paid': invoiceLastPaidMigration,
  '0006-rules': rulesMigration,
  '0007-sweep-state': sweepStateMigration,
  '0008-outbox-delivery': outboxDeliveryMigration,
  '0009-mail': mailMigration,
  '0010-letter-templates': letterTemplatesMigration,
  '0011-users': usersMigration,
  '0012-portal-links': portalLinksMigration,
  '0013-setup-code': setupCodeMigration,
  '0014-counted-attempts': countedAttemptsMigration,
  '0015-client-details': clientDetailsMigration,
  '0016-demo-workspace': demoWorkspaceMigration,
  '0017-invitations-password-resets': invitationsMigration,
};

/** bigint columns hold minor units and sequence numbers: numbers, as long as they are exact. */
function parseBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is beyond 2^53 and cannot be read exactly`);
  return value;
}

const INT8_OID = 20;

function openSqlite(file: string, busyTimeoutMs: number): { db: Kysely<Database>; sqlite: SqliteDatabase.Database } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  // 64 MiB of page cache instead of 2 MiB: the read models of a batch stay in memory
  // (a million-event import: 43 s → 39 s).
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
  return { db, sqlite };
}

function openPostgres(url: string, schema: string | undefined): Kysely<Database> {
  // The schema goes into libpq's `options`, where a space would start another setting.
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? parseBigint : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

/** Opens the database and brings its schema up to date (migrations are idempotent). */
export interface OpenOptions {
  /** Bring the schema up to date (default); off to open a copy as it is. */
  readonly migrate?: boolean;
  /** How long SQLite waits for another process's write to finish before giving up; default 5 s. */
  readonly busyTimeoutMs?: number;
}

export async function openStore(target: DatabaseTarget, options: OpenOptions = {}): Promise<Store> {
  let db: Kysely<Database>;
  let sqlite: SqliteDatabase.Database | undefined;
  try {
    if (target.kind === 'sqlite') ({ db, sqlite } = openSqlite(target.file, options.busyTimeoutMs ?? 5_000));
    else db = openPostgres(target.url, target.schema);
  } catch (error) {
    throw unavailable(target, error);
  }
  const store: Store = { db, dialect: target.kind, target, sqlite, close: () => db.destroy() };
  try {
    // Also the first round trip: an unreachable server or a wrong password shows here.
    if (options.migrate !== false) await migrate(store);
    else await sql`select 1`.execute(db);
  } catch (error) {
    await store.close().catch(() => undefined);
    throw unavailable(target, error);
  }
  return store;
}

function unavailable(target: DatabaseTarget, error: unknown): FirmlyError {
  const reason = error instanceof Error ? error.message : String(error);
  return new FirmlyError('database.unavailable', `cannot use ${describeTarget(target)}: ${reason}`, {}, { cause: error });
}

export async function migrate(store: Store): Promise<void> {
  const db = store.db.withoutPlugins();
  // Kysely looks for its bookkeeping tables in every schema unless told which one; on a
  // server with several Firmly schemas it would find another's and skip the creation.
  const schema = store.dialect === 'postgres'
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely's introspection lists every schema of the database; one dropped by someone else at
  // that moment (another Firmly instance's, a test suite's) fails the listing with 3F000.
  // The listing is read-only and nothing of ours was touched: try again.
  for (let attempt = 1; attempt <= 5 && isSchemaGone(error); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** PostgreSQL's "schema does not exist"; if it is our own, the retries end with the same error. */
const isSchemaGone = (error: unknown): boolean => (error as { code?: string } | undefined)?.code === '3F000';

/** A short description for messages: the file, or the PostgreSQL server without credentials. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `SQLite ${target.file}`;
  const url = new URL(target.url);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
