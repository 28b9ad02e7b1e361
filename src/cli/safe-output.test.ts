import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseControls, neutralisingOutput, oneLine } from './safe-output.ts';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Strings rich in the characters that matter: controls, C1, bidi, and ordinary text. */
const hostileText = fc.array(fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200f', '\\', '"', 'ø', '€', '😀'),
  fc.string(),
)).map((parts) => parts.join(''));
const params = { seed: 19, numRuns: 500 };

describe('neutralising control characters for the terminal', () => {
  it('writes ESC, CSI (C1), DEL and the bidi overrides as visible \\uXXXX escapes', () => {
    expect(neutraliseControls('a\u001b[2Jb\u009b31mc\u007fd\u202ee\u2066f\u0007')).toBe('a\\u001b[2Jb\\u009b31mc\\u007fd\\u202ee\\u2066f\\u0007');
  });

  it('keeps newlines, tabs and every other character as they are', () => {
    expect(neutraliseControls('Bageriet Sønderborg ApS\n\tKøbenhavn € 😀 \u200f')).toBe('Bageriet Sønderborg ApS\n\tKøbenhavn € 😀 \u200f');
  });

  it('puts what is printed one per line on one line, whatever line breaks the text quotes', () => {
    expect(oneLine('in.jsonl:3: Unrecognized key: "\r\n"')).toBe('in.jsonl:3: Unrecognized key: "\\u000d\\u000a"');
    fc.assert(fc.property(hostileText, (text) => {
      const line = oneLine(text);
      expect(line).not.toMatch(/[\r\n]/);
      expect(line).not.toMatch(unsafe);
    }), params);
  });

  it('leaves no character a terminal acts on, whatever the text', () => fc.assert(fc.property(hostileText, (text) => {
    expect(neutraliseControls(text)).not.toMatch(unsafe);
  }), params));

  it('keeps JSON valid and holding exactly the same data', () => fc.assert(fc.property(
    fc.jsonValue({ maxDepth: 3 }), hostileText, (value, text) => {
      const json = JSON.stringify({ value, text, list: [text, { [text]: text }] });
      expect(JSON.parse(neutraliseControls(json))).toEqual(JSON.parse(json));
    }), params));

  it('passes each write straight to the stream, neutralised, with its back-pressure', () => {
    const written: string[] = [];
    const output = neutralisingOutput({ write: (text) => (written.push(text), false), once: () => undefined });
    expect(output.write('\u001b[31mred\n')).toBe(false);
    expect(written).toEqual(['\\u001b[31mred\n']);
  });
});
