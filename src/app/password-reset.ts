import { instantFromEpochMillis } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { passwordResetMail } from '../core/letters/account-letters.ts';
import type { Locale } from '../core/ledger/wire.ts';
import * as users from '../store/user-store.ts';
import { accountLink, lookUpLink } from './account-links.ts';
import { sendAccountMail, type SmtpSettings } from './account-mail.ts';
import { hashToken, newToken } from './auth-tokens.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { countAttempt } from './rate-limits.ts';
import { acceptablePasswordHash, parseEmail } from './users.ts';

// A forgotten password (#12 item 5), when SMTP is configured: a link mailed to the address
// (1 hour, once, a newer one supersedes it), which sets a new password and signs the account
// out everywhere, as `firmly user password` does. Whoever asks learns nothing about whether
// the address has an account: the answer is the same, and the mail, if any, leaves after it.

export const passwordResetLifetimeMs = 60 * 60 * 1000;

/**
 * Requests allowed in any window, counted whether or not the address has an account (so the
 * count tells nothing either): per network address, and per e-mail address, so that nobody's
 * inbox is flooded with links.
 */
export const passwordResetLimits = { windowMs: 60 * 60 * 1000, perAddress: 10, perEmail: 3 } as const;

export type ResetRequestOutcome =
  /** `delivery` is the mail on its way, for an address with an account; the caller answers without waiting for it. */
  | { readonly kind: 'accepted'; readonly delivery: Promise<void> | undefined }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number };

/** Mails a reset link to `email` if it has an account; `not_supported` without SMTP. */
export async function requestPasswordReset(ctx: AppContext, input: { email: string; address: string; locale: Locale },
  mail: { smtp: SmtpSettings | undefined; baseUrl: string }): Promise<ResetRequestOutcome> {
  if (!mail.smtp) throw new FirmlyError('not_supported', 'password reset by mail needs SMTP: ask an owner, or set a new password with `firmly user password`');
  const email = parseEmail(input.email);
  if (!email) throw new FirmlyError('input.invalid', `"${input.email}" is not an email address`, { field: 'email' });
  const counted = await countAttempt(ctx, [
    { key: `reset:address:${input.address}`, max: passwordResetLimits.perAddress, windowMs: passwordResetLimits.windowMs },
    { key: `reset:email:${email}`, max: passwordResetLimits.perEmail, windowMs: passwordResetLimits.windowMs },
  ]);
  if (counted.kind === 'refused') return { kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil(counted.retryAfterMs / 1000)) };

  // The same work for a known and an unknown address up to here, and a token made for both.
  const now = ctx.clock.now().epochMilliseconds;
  const token = newToken();
  const user = await users.findUserByEmail(ctx.store.db, email);
  await users.deleteExpiredPasswordResets(ctx.store.db, instantFromEpochMillis(now));
  if (!user) return { kind: 'accepted', delivery: undefined };
  await users.replacePasswordReset(ctx.store.db, {
    tokenHash: hashToken(token), userId: user.id, createdAt: instantFromEpochMillis(now), expiresAt: instantFromEpochMillis(now + passwordResetLifetimeMs),
  });
  const letter = passwordResetMail({ link: accountLink(mail.baseUrl, 'reset-password', token), minutes: passwordResetLifetimeMs / 60_000 }, input.locale);
  return { kind: 'accepted', delivery: sendAccountMail(mail.smtp, user.email, letter, input.locale) };
}

const resetGone = () => new FirmlyError('password_reset.not_found', 'this link to set a password is unknown, expired or used already; ask for a new one');

/**
 * Sets the password of the account the link was mailed for and uses the link up; every
 * session of the account ends. `password_reset.not_found` for a link that no longer works.
 */
export async function completePasswordReset(ctx: AppContext, input: { token: string; password: string; address: string }):
  Promise<{ kind: 'done'; email: string } | { kind: 'rate-limited'; retryAfterSeconds: number }> {
  const now = nowIso(ctx.clock);
  const lookup = await lookUpLink(ctx, input.token, input.address, async (tokenHash) => {
    const found = await users.findPasswordReset(ctx.store.db, tokenHash);
    return found && found.expiresAt > now ? { ...found, tokenHash } : undefined;
  });
  if (lookup.kind === 'rate-limited') return lookup;
  if (lookup.kind === 'unknown') throw resetGone();
  const { tokenHash, userId } = lookup.found;
  // After the lookup, so guesses cost no argon2; a password the rules refuse leaves the link usable.
  const passwordHash = await acceptablePasswordHash(input.password);
  const email = await ctx.store.db.transaction().execute(async (trx) => {
    // Deleted first: of two uses at once, one finds nothing to delete and changes nothing.
    if (!(await users.deletePasswordReset(trx, tokenHash))) throw resetGone();
    const user = await users.findUserById(trx, userId);
    if (!user) throw resetGone();
    await users.setPasswordHash(trx, userId, passwordHash);
    await users.deleteSessionsOfUser(trx, userId);
    return user.email;
  });
  return { kind: 'done', email };
}
