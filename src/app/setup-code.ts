import { randomInt } from 'node:crypto';
import * as users from '../store/user-store.ts';
import { countAttempt, forgetAttempts } from './rate-limits.ts';
import { hashToken, secretsMatch } from './auth-tokens.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';

// The one-time setup code (#19 F4). While no user exists, whoever creates the first owner owns
// every workspace, so `firmly serve` prints a code that only the person at its terminal sees,
// and POST /api/setup needs it. 16 digits are 53 bits: with at most `setupCodeLimits.overall`
// wrong codes a minute, guessing one would take longer than anyone waits. Digits in groups of
// four are easy to read off a terminal and to type, on any keyboard layout.

const GROUPS = 4;
const GROUP_DIGITS = 4;

/**
 * Wrong setup codes allowed per network address and over all addresses in any window of
 * `windowMs`. The overall limit is what holds against many addresses; someone who exhausts it
 * only delays the setup, and `firmly user add` needs no code. The window must be sign-in's
 * (loginLimits.windowMs, a test holds them equal): the attempts share a table, which each
 * pruning clears up to its own window. Not imported from sessions.ts, which would close an
 * import cycle through users.ts.
 */
export const setupCodeLimits = { windowMs: 60_000, perAddress: 10, overall: 30 } as const;

/** A fresh code, `1234-5678-9012-3456`. */
export function newSetupCode(): string {
  return Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_DIGITS }, () => String(randomInt(10))).join('')).join('-');
}

/** The digits of a code as typed (spaces, dashes and dots between them are fine); undefined when it cannot be one. */
export function parseSetupCode(text: string): string | undefined {
  const digits = text.replace(/[\s.\-–—]/g, '');
  return new RegExp(`^\\d{${GROUPS * GROUP_DIGITS}}$`).test(digits) ? digits : undefined;
}

const hashOf = (code: string): string => hashToken(`setup-code:${parseSetupCode(code) ?? code}`);

export interface IssuedSetupCode {
  readonly code: string;
  /** Codes issued before this one (by earlier starts or other instances) that still work. */
  readonly earlier: number;
}

/**
 * While no user exists, stores the hash of a new setup code and returns the code to print;
 * undefined once someone can sign in. Earlier codes keep working, so that each of several
 * instances on one database can print one; all go when the owner is created.
 */
export async function issueSetupCode(ctx: AppContext): Promise<IssuedSetupCode | undefined> {
  if (await users.anyUserExists(ctx.store.db)) return undefined;
  const earlier = (await users.setupCodeHashes(ctx.store.db)).length;
  const code = newSetupCode();
  await users.insertSetupCode(ctx.store.db, hashOf(code), nowIso(ctx.clock));
  return { code, earlier };
}

export type SetupCodeCheck =
  /** `codeHash` is to be consumed in the transaction that creates the owner. */
  | { readonly kind: 'accepted'; readonly codeHash: string }
  | { readonly kind: 'refused'; readonly missing: boolean }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number };

/**
 * Checks a setup code against every stored one in constant time (each comparison runs in full,
 * none is skipped), at most `setupCodeLimits` failures at a time. A code that is refused counts;
 * an accepted one is taken back.
 */
export async function checkSetupCode(ctx: AppContext, given: string | undefined, address: string): Promise<SetupCodeCheck> {
  const counted = await countAttempt(ctx, [
    { key: `setup-address:${address}`, max: setupCodeLimits.perAddress, windowMs: setupCodeLimits.windowMs },
    { key: 'setup-any', max: setupCodeLimits.overall, windowMs: setupCodeLimits.windowMs },
  ]);
  if (counted.kind === 'refused') return { kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil(counted.retryAfterMs / 1000)) };
  const candidate = hashOf(given ?? '');
  let match: string | undefined;
  for (const stored of await users.setupCodeHashes(ctx.store.db)) {
    if (secretsMatch(stored, candidate) && given !== undefined) match = stored;
  }
  if (match === undefined) return { kind: 'refused', missing: given === undefined || given.trim() === '' };
  await forgetAttempts(ctx, counted.ids);
  return { kind: 'accepted', codeHash: match };
}
