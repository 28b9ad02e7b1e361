import { hashToken, isWellFormedToken } from './auth-tokens.ts';
import type { AppContext } from './context.ts';
import { countAttempt, forgetAttempts } from './rate-limits.ts';

// The links mailed to people (#12 item 5), invitations and password resets: 256 random bits
// (newToken) of which only the SHA-256 is stored, in the URL's fragment.

/** Where a link in account mail points: PUBLIC_URL, or the origin the request came to. */
export const accountLink = (baseUrl: string, page: 'invitation' | 'reset-password', token: string): string =>
  // The fragment: browsers never send it, so no server log or Referer holds the token.
  `${baseUrl.replace(/\/+$/, '')}/${page}#${token}`;

/**
 * Tokens that open nothing, allowed per network address in any window: the next try is
 * refused without a look. A good token takes its try back, so only guesses count. (At 256 bits
 * guessing is hopeless anyway; the limit keeps the attempt from costing the database.)
 */
export const accountLinkLimits = { windowMs: 60_000, perAddress: 10 } as const;

export type LinkLookup<T> =
  | { readonly kind: 'found'; readonly found: T }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number };

/** Looks a token up by its hash (`find`), counting the try against the address unless it opens something. */
export async function lookUpLink<T>(ctx: AppContext, token: string, address: string, find: (tokenHash: string) => Promise<T | undefined>): Promise<LinkLookup<T>> {
  const counted = await countAttempt(ctx, [{ key: `account-link:${address}`, max: accountLinkLimits.perAddress, windowMs: accountLinkLimits.windowMs }]);
  if (counted.kind === 'refused') return { kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil(counted.retryAfterMs / 1000)) };
  const found = isWellFormedToken(token) ? await find(hashToken(token)) : undefined;
  if (found === undefined) return { kind: 'unknown' };
  await forgetAttempts(ctx, counted.ids);
  return { kind: 'found', found };
}
