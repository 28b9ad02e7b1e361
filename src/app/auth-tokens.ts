import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Session tokens and CSRF secrets (#6): 256 random bits as base64url (43 characters). Only
// the SHA-256 of a session token is stored; a fast hash is right here because the token is
// random and long, not a password that could be guessed.

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const newToken = (): string => randomBytes(32).toString('base64url');

/** Whether text could be a token at all: anything else is refused before the database is asked. */
export const isWellFormedToken = (text: string): boolean => TOKEN.test(text);

/** The stored form of a token: lowercase hex SHA-256. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Compares a secret with what a request sent in time independent of where they differ. */
export function secretsMatch(expected: string, given: string): boolean {
  // Hashing first gives equal lengths, which timingSafeEqual needs, without leaking the length.
  return timingSafeEqual(createHash('sha256').update(expected).digest(), createHash('sha256').update(given).digest());
}
