import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, passwordRules, verifyPassword } from './auth-password.ts';

describe('password rules', () => {
  it('accepts any password of 12 to 1024 characters, whatever it is made of', () => fc.assert(fc.property(
    fc.string({ unit: 'grapheme-ascii', minLength: passwordRules.minLength, maxLength: 200 }), (password) => {
      expect(passwordProblem(password)).toBeUndefined();
    })));

  it('refuses anything shorter than 12 characters, saying how long it must be', () => fc.assert(fc.property(
    fc.string({ unit: 'grapheme-ascii', maxLength: passwordRules.minLength - 1 }), (password) => {
      expect(passwordProblem(password)).toBe('the password must be at least 12 characters long');
    })));

  it('counts characters, not UTF-16 units or bytes: twelve emoji are long enough, eleven are not', () => {
    expect(passwordProblem('🔒'.repeat(12))).toBeUndefined();
    expect(passwordProblem('🔒'.repeat(11))).toMatch(/at least 12/);
    expect(passwordProblem('æøå'.repeat(4))).toBeUndefined();
  });

  it('refuses more than 1024 characters', () => {
    expect(passwordProblem('x'.repeat(1024))).toBeUndefined();
    expect(passwordProblem('x'.repeat(1025))).toMatch(/at most 1024/);
  });
});

describe('password hashing', () => {
  it('stores argon2id with the OWASP parameters and a salt of its own each time', async () => {
    const [one, two] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(one).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(one).not.toBe(two);
  });

  it('verifies the right password, refuses a wrong one and a broken hash without throwing', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery ')).toBe(false);
    expect(await verifyPassword('not a hash', 'correct horse battery')).toBe(false);
  });

  it('takes the same password however its letters were composed (NFC)', async () => {
    const composed = 'blåbærgrød til mig'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });
});
