import { randomBytes } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';

// Passwords (#6). Rules after NIST SP 800-63B §3.1.1.2: a minimum length and nothing else
// (no composition rules, no expiry); the text is NFC-normalised first, so "æ" typed as one
// code point or as "a" + "e" … combining signs is the same password on every keyboard.

export const passwordRules = { minLength: 12, maxLength: 1024 } as const;

/** Why a password is refused, in words for the person choosing it; undefined when it will do. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password.normalize('NFC')].length;
  if (length < passwordRules.minLength) return `the password must be at least ${passwordRules.minLength} characters long`;
  if (length > passwordRules.maxLength) return `the password must be at most ${passwordRules.maxLength} characters long`;
  return undefined;
}

// OWASP Password Storage Cheat Sheet, argon2id minimum: m = 19 MiB, t = 2, p = 1 (31–38 ms
// here). `algorithm: 2` is Argon2id: the package's `Algorithm` is an ambient const enum,
// which isolated modules cannot import.
const argon2id: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** The PHC string of an argon2id hash (salt and parameters included). */
export const hashPassword = (password: string): Promise<string> => hash(password.normalize('NFC'), argon2id);

/** False for a wrong password and for a hash that is not one (never throws for bad input). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password nobody knows, to verify against when the email is unknown: a
 * sign-in then costs one argon2 verification whether or not the account exists, so the time
 * it takes does not tell.
 */
export const dummyPasswordHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(32).toString('base64url')));
