import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newSetupCode, parseSetupCode } from './setup-code.ts';

describe('setup codes', () => {
  it('are 16 random digits in four groups, easy to read off a terminal', () => {
    const codes = Array.from({ length: 200 }, newSetupCode);
    for (const code of codes) expect(code).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every digit turns up in every place: no position is fixed.
    for (let place = 0; place < 19; place += 5) expect(new Set(codes.map((c) => c[place])).size).toBe(10);
  });

  it('read back as typed, whatever the spaces and dashes between the digits', () => fc.assert(fc.property(
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 16, maxLength: 16 }), fc.array(fc.constantFrom('', ' ', '-', '  ', ' - '), { minLength: 16, maxLength: 16 }),
    (digits, gaps) => {
      const typed = digits.map((d, i) => `${gaps[i]}${d}`).join('');
      expect(parseSetupCode(typed)).toBe(digits.join(''));
    }), { seed: 19, numRuns: 300 }));

  it('are refused with a digit too few or too many, or with anything but digits and separators', () => fc.assert(fc.property(fc.string(), (text) => {
    const parsed = parseSetupCode(text);
    if (parsed !== undefined) expect(parsed).toMatch(/^\d{16}$/);
    expect(parseSetupCode('1234-5678-9012-345')).toBeUndefined();
    expect(parseSetupCode('1234-5678-9012-34567')).toBeUndefined();
    expect(parseSetupCode('1234-5678-9012-345x')).toBeUndefined();
  }), { seed: 19, numRuns: 300 }));
});
