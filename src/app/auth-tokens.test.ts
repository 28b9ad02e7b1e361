import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashToken, isWellFormedToken, newToken, secretsMatch } from './auth-tokens.ts';

describe('session tokens', () => {
  it('are 256 random bits as 43 base64url characters, never the same twice', () => {
    const tokens = Array.from({ length: 200 }, newToken);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(isWellFormedToken(token)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are stored as their SHA-256 in hex, which differs from the token and between tokens', () => {
    const token = newToken();
    expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      expect(hashToken(a) === hashToken(b)).toBe(a === b);
    }));
  });

  it('refuses anything that is not a token before it reaches the database', () => {
    for (const text of ['', 'x'.repeat(42), 'x'.repeat(44), `${'x'.repeat(42)}=`, `${'x'.repeat(42)}/`, `${'x'.repeat(42)}\n`]) {
      expect(isWellFormedToken(text)).toBe(false);
    }
  });
});

describe('comparing secrets', () => {
  it('matches only the same text', () => fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
    expect(secretsMatch(a, a)).toBe(true);
    expect(secretsMatch(a, b)).toBe(a === b);
  })));
});
