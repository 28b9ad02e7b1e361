import { Temporal } from 'temporal-polyfill';
import { instantFromEpochMillis, type IsoInstant } from '../core/dates.ts';
import * as users from '../store/user-store.ts';
import { dummyPasswordHash, verifyPassword } from './auth-password.ts';
import { hashToken, isWellFormedToken, newToken, secretsMatch } from './auth-tokens.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { countAttempt, forgetAttempts } from './rate-limits.ts';
import { parseEmail, type User, type WorkspaceMembership } from './users.ts';

// Sign-in sessions (#6). The browser holds a random token; the database holds its SHA-256,
// when it was created and last used, when it expires, and the CSRF secret that goes with it.

const DAY_MS = 24 * 60 * 60 * 1000;

export const sessionLifetime = {
  /** Unused this long, a session ends. */
  idleMs: 14 * DAY_MS,
  /** However much it is used, a session ends this long after sign-in. */
  absoluteMs: 30 * DAY_MS,
  /** `lastSeenAt` is written at most this often, not on every request. */
  touchEveryMs: 5 * 60 * 1000,
} as const;

/**
 * Failed sign-ins allowed per email and per network address in any window of `windowMs`;
 * the next one is refused without checking the password. Per address is higher because an
 * office shares one address.
 */
export const loginLimits = { windowMs: 60_000, perEmail: 5, perAddress: 20 } as const;

export interface Session {
  readonly user: User;
  /** The synchronizer token a state-changing request must send in X-CSRF-Token. */
  readonly csrfToken: string;
  readonly expiresAt: IsoInstant;
}

export interface NewSession {
  /** For the cookie; never stored. */
  readonly token: string;
  readonly session: Session;
}

export type SignInOutcome =
  | { readonly kind: 'signed-in'; readonly token: string; readonly session: Session }
  /** Wrong password or no such user: callers must answer both alike. */
  | { readonly kind: 'refused' }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number };

const at = (epochMs: number): IsoInstant => instantFromEpochMillis(epochMs);
const ms = (iso: string): number => Temporal.Instant.from(iso).epochMilliseconds;

/** Starts a session for the user (after a sign-in or the first-run setup). */
export async function startSession(ctx: AppContext, user: User): Promise<NewSession> {
  const now = ctx.clock.now().epochMilliseconds;
  const token = newToken();
  const csrfSecret = newToken();
  const expiresAt = at(now + sessionLifetime.idleMs);
  // Expired sessions are cleared here rather than by a timer: sign-ins are rare enough.
  await users.deleteExpiredSessions(ctx.store.db, at(now));
  await users.insertSession(ctx.store.db, { id: hashToken(token), userId: user.id, createdAt: at(now), expiresAt, lastSeenAt: at(now), csrfSecret });
  return { token, session: { user, csrfToken: csrfSecret, expiresAt } };
}

/**
 * Checks an email and password, at most `loginLimits` failures at a time. Every attempt is
 * written before the password is checked and counted with the others, so parallel guesses
 * cannot slip past the limit; a refused or successful one is taken back (only failures count).
 * An unknown email costs the same argon2 verification as a known one.
 */
export async function signIn(ctx: AppContext, input: { email: string; password: string; address: string }): Promise<SignInOutcome> {
  const { db } = ctx.store;
  const email = parseEmail(input.email) ?? input.email.trim().toLowerCase();
  const counted = await countAttempt(ctx, [
    { key: `email:${email}`, max: loginLimits.perEmail, windowMs: loginLimits.windowMs },
    { key: `address:${input.address}`, max: loginLimits.perAddress, windowMs: loginLimits.windowMs },
  ]);
  if (counted.kind === 'refused') return { kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil(counted.retryAfterMs / 1000)) };

  const user = await users.findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) return { kind: 'refused' };
  await forgetAttempts(ctx, counted.ids);
  const started = await startSession(ctx, { id: user.id, email: user.email });
  return { kind: 'signed-in', ...started };
}

/**
 * The session a token belongs to, if it is current; extends its idle expiry (within the
 * absolute lifetime). An expired session is deleted on the spot.
 */
export async function authenticate(ctx: AppContext, token: string): Promise<Session | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const { db } = ctx.store;
  const id = hashToken(token);
  const stored = await users.findSession(db, id);
  if (!stored) return undefined;
  const now = ctx.clock.now().epochMilliseconds;
  if (ms(stored.expiresAt) <= now) {
    await users.deleteSession(db, id);
    return undefined;
  }
  let expiresAt = stored.expiresAt as IsoInstant;
  if (now - ms(stored.lastSeenAt) >= sessionLifetime.touchEveryMs) {
    expiresAt = at(Math.min(now + sessionLifetime.idleMs, ms(stored.createdAt) + sessionLifetime.absoluteMs));
    await users.touchSession(db, id, nowIso(ctx.clock), expiresAt);
  }
  return { user: { id: stored.userId, email: stored.email }, csrfToken: stored.csrfSecret, expiresAt };
}

/** Ends the session the token belongs to, if any. */
export async function signOut(ctx: AppContext, token: string): Promise<void> {
  if (isWellFormedToken(token)) await users.deleteSession(ctx.store.db, hashToken(token));
}

/** Whether a request's X-CSRF-Token is the session's. */
export const isCsrfTokenOf = (session: Session, given: string | undefined): boolean => given !== undefined && secretsMatch(session.csrfToken, given);

export interface SessionInfo {
  readonly user: User;
  readonly workspaces: readonly WorkspaceMembership[];
  readonly csrfToken: string;
  readonly expiresAt: IsoInstant;
}

/** What the web app needs after sign-in: who, where with which role, and the CSRF token. */
export async function describeSession(ctx: AppContext, session: Session): Promise<SessionInfo> {
  return { user: session.user, workspaces: await users.membershipsOf(ctx.store.db, session.user.id), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}
