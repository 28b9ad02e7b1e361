import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeTextIssue, findTextIssue, invalidUtf8Offset, isWellFormedText, textProblem, toWellFormedText } from './text.ts';

const seed = { seed: 19, numRuns: 500 };

/** What UTF-8 keeps of a string: the reference for "stored as written". */
const throughUtf8 = (text: string) => Buffer.from(text, 'utf8').toString('utf8');
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const refusedControl = (text: string) => /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text);

describe('well-formed text', () => {
  it('accepts exactly the strings that survive UTF-8 unchanged and hold no refused control', () => fc.assert(fc.property(
    fc.string({ unit: fc.oneof(fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0000', '\t', '\n', '\r', '\u001B', '\u007F'),
      fc.integer({ min: 0, max: 0xFFFF }).map((u) => String.fromCharCode(u)), fc.constant('😀')), maxLength: 12 }),
    (text) => {
      expect(isWellFormedText(text)).toBe(throughUtf8(text) === text && !refusedControl(text));
    }), seed));

  it('keeps tab, line feed and carriage return, emoji and every other script', () => {
    for (const text of ['Kim\tLarsen', 'line one\r\nline two', 'Café Ærø 😀 日本', '\u007F', '', '\uFFFD']) expect(isWellFormedText(text)).toBe(true);
  });

  it.each([
    ['x\udc00y', 'contains a lone surrogate (U+DC00) at character 2'],
    ['ab\ud800', 'contains a lone surrogate (U+D800) at character 3'],
    ['😀\udc00', 'contains a lone surrogate (U+DC00) at character 2'],
    ['Kim\u0000', 'contains NUL (U+0000) at character 4'],
    ['\u001B[2J', 'contains a control character (U+001B) at character 1'],
  ])('names what is wrong with %j and where: %s', (text, reason) => {
    expect(textProblem(text)).toBe(reason);
  });

  it('finds an ill-formed string or key anywhere in a JSON value and names its path', () => {
    expect(findTextIssue({ data: { contacts: [{ name: 'Kim' }, { name: 'x\udc00y' }] } }))
      .toEqual({ path: ['data', 'contacts', 1, 'name'], reason: 'contains a lone surrogate (U+DC00) at character 2' });
    const key = findTextIssue({ data: { ['a\u0000']: 1 } });
    expect(key && describeTextIssue(key)).toBe('data: the key "a\\u0000" contains NUL (U+0000) at character 2');
    expect(findTextIssue({ id: 'evt_1', data: { n: 1, list: [true, null, 'fine'] } })).toBeUndefined();
  });

  it('walks a value nested 100,000 levels deep without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findTextIssue(deep)?.reason).toBe('contains NUL (U+0000) at character 2');
  });

  it('makes any string well-formed by replacing what it refuses with U+FFFD', () => fc.assert(fc.property(
    fc.string({ unit: fc.oneof(fc.constantFrom('\uD800', '\uDC00', '\u0000', '\u001B', '\n'), fc.constant('a'), fc.constant('😀')), maxLength: 12 }),
    (text) => {
      const fixed = toWellFormedText(text);
      expect(isWellFormedText(fixed)).toBe(true);
      expect(fixed.length).toBe(text.length);
      if (isWellFormedText(text)) expect(fixed).toBe(text);
    }), seed));
});

describe('invalidUtf8Offset', () => {
  const strictDecoder = new TextDecoder('utf-8', { fatal: true });
  const isValid = (bytes: Uint8Array) => {
    try {
      strictDecoder.decode(bytes);
      return true;
    } catch {
      return false;
    }
  };

  it('agrees with a strict UTF-8 decoder on any bytes, and points at a byte from which decoding fails', () => fc.assert(fc.property(
    fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0xc0, 0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0x80, 0xbf, 0xa0, 0x9f, 0x8f, 0x90)), { maxLength: 16 }),
    (list) => {
      const bytes = Uint8Array.from(list);
      const offset = invalidUtf8Offset(bytes);
      expect(offset === -1).toBe(isValid(bytes));
      if (offset >= 0) {
        expect(isValid(bytes.subarray(0, offset))).toBe(true);
        expect(isValid(bytes.subarray(0, offset + 4))).toBe(false);
      }
    }), { seed: 19, numRuns: 2000 }));

  it('accepts any well-formed text encoded as UTF-8', () => fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
    expect(invalidUtf8Offset(Buffer.from(text, 'utf8'))).toBe(-1);
  }), seed));

  it.each([
    [[0x61, 0xff], 1], [[0xc0, 0xaf], 0], [[0xed, 0xa0, 0x80], 0], [[0xf4, 0x90, 0x80, 0x80], 0], [[0x61, 0xe2, 0x82], 1], [[0xe2, 0x82, 0xac], -1],
  ])('finds the first bad byte of %j at %d', (bytes, offset) => {
    expect(invalidUtf8Offset(Uint8Array.from(bytes))).toBe(offset);
  });
});
