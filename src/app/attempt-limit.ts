import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { instantFromEpochMillis } from '../core/dates.ts';
import * as users from '../store/user-store.ts';
import type { AppContext } from './context.ts';

// Failed attempts counted in the database (login_attempt), so that several instances on one
// PostgreSQL share the limit and a restart does not reset it. Every attempt is written before
// the secret is checked and counted with the others, so parallel guesses cannot slip past the
// limit; the caller takes back the ones that turn out not to be failures.
// TODO(#19): signIn (sessions.ts) counts the same way inline; move it here once item 6 settles.

export interface AttemptLimit {
  /** Already hashed: the table says how often, not who. */
  readonly key: string;
  readonly max: number;
}

export type CountedAttempt =
  | { readonly kind: 'counted'; readonly ids: readonly string[] }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number };

/** Records one attempt under each key; rate-limited (and not recorded) when any key is past its `max` within `windowMs`. */
export async function countAttempt(ctx: AppContext, limits: readonly AttemptLimit[], windowMs: number): Promise<CountedAttempt> {
  const { db } = ctx.store;
  const now = ctx.clock.now().epochMilliseconds;
  const since = instantFromEpochMillis(now - windowMs);
  const attempts = limits.map(({ key }) => ({ id: randomUUID(), key, at: instantFromEpochMillis(now) }));
  await users.pruneLoginAttempts(db, since);
  await users.recordLoginAttempts(db, attempts);
  let retryAfterMs = 0;
  for (const { key, max } of limits) {
    const times = await users.loginAttemptsSince(db, key, since);
    if (times.length > max) {
      // A slot frees when the oldest attempt counted leaves the window.
      const oldest = times[0] === undefined ? now : Temporal.Instant.from(times[0]).epochMilliseconds;
      retryAfterMs = Math.max(retryAfterMs, oldest + windowMs - now);
    }
  }
  const ids = attempts.map((a) => a.id);
  if (retryAfterMs > 0) {
    await users.forgetLoginAttempts(db, ids);
    return { kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  }
  return { kind: 'counted', ids };
}

/** Takes back attempts that were not failures. */
export const forgetAttempts = (ctx: AppContext, ids: readonly string[]): Promise<void> => users.forgetLoginAttempts(ctx.store.db, ids);
