import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { instantFromEpochMillis } from '../core/dates.ts';
import * as attempts from '../store/attempt-store.ts';
import { hashToken } from './auth-tokens.ts';
import type { AppContext } from './context.ts';

// Counted attempts (#6, #19 item 6): failed sign-ins, portal requests, portal links made.
// In the database rather than in one process's memory, so every instance over the database
// counts the same attempts and a restart forgets none.

/** At most `max` attempts under `key` in any window of `windowMs`. */
export interface AttemptLimit {
  /** What is counted, for whom: "email:ann@…", "portal:203.0.113.7". Stored only as its SHA-256. */
  readonly key: string;
  readonly max: number;
  readonly windowMs: number;
}

export type AttemptOutcome =
  /** `ids` take the attempt back (forgetAttempts); `used` is the most any limit has counted, this one included. */
  | { readonly kind: 'counted'; readonly ids: readonly string[]; readonly used: number; readonly resetMs: number }
  | { readonly kind: 'refused'; readonly retryAfterMs: number };

const ms = (iso: string): number => Temporal.Instant.from(iso).epochMilliseconds;

/**
 * Counts one attempt under every limit, or refuses it if one of them is used up. The attempt
 * is written before it is counted, so attempts made in parallel (on one instance or several)
 * cannot slip past the limit between a read and a write; a refused attempt is taken back, so
 * that refusals do not keep a client out for longer than its window (a slot frees when the
 * oldest attempt counted stops counting).
 */
export async function countAttempt(ctx: AppContext, limits: readonly AttemptLimit[]): Promise<AttemptOutcome> {
  const { db } = ctx.store;
  const now = ctx.clock.now().epochMilliseconds;
  const nowIso = instantFromEpochMillis(now);
  const rows = limits.map(({ key, windowMs }) => ({ id: randomUUID(), key: hashToken(key), expiresAt: instantFromEpochMillis(now + windowMs) }));
  // Old rows go here rather than on a timer: whatever counts, prunes.
  await attempts.pruneAttempts(db, nowIso);
  await attempts.recordAttempts(db, rows);

  let retryAfterMs = 0;
  let used = 0;
  let resetMs = 0;
  for (const [i, { max }] of limits.entries()) {
    const counting = await attempts.attemptsCounting(db, (rows[i] as { key: string }).key, nowIso);
    const soonest = ms(counting[0] ?? nowIso) - now;
    if (counting.length > max) retryAfterMs = Math.max(retryAfterMs, soonest);
    used = Math.max(used, counting.length);
    resetMs = Math.max(resetMs, soonest);
  }
  const ids = rows.map((r) => r.id);
  if (retryAfterMs > 0) {
    await attempts.forgetAttempts(db, ids);
    return { kind: 'refused', retryAfterMs };
  }
  return { kind: 'counted', ids, used, resetMs };
}

/** Takes counted attempts back: a sign-in that succeeded counts against no one. */
export async function forgetAttempts(ctx: AppContext, ids: readonly string[]): Promise<void> {
  await attempts.forgetAttempts(ctx.store.db, ids);
}
