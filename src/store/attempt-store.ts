import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

// The rows behind every counted limit (src/app/rate-limits.ts): one per attempt, until it
// stops counting.

export async function recordAttempts(db: Db, attempts: readonly { id: string; key: string; expiresAt: string }[]): Promise<void> {
  if (attempts.length > 0) await db.insertInto('countedAttempt').values([...attempts]).execute();
}

export async function forgetAttempts(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('countedAttempt').where('id', 'in', [...ids]).execute();
}

/** When the attempts under `key` that still count as of `now` stop counting, soonest first. */
export async function attemptsCounting(db: Db, key: string, now: string): Promise<string[]> {
  const rows = await db.selectFrom('countedAttempt').select('expiresAt').where('key', '=', key).where('expiresAt', '>', now).orderBy('expiresAt').execute();
  return rows.map((r) => r.expiresAt);
}

export async function pruneAttempts(db: Db, now: string): Promise<void> {
  await db.deleteFrom('countedAttempt').where('expiresAt', '<=', now).execute();
}
