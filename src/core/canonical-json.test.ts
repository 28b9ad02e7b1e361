import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.ts';

/** The same JSON value with the keys of every object in another order, chosen by `seed`. */
function reorderKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item, i) => reorderKeys(item, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  let state = seed >>> 0;
  for (let i = entries.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [entries[i], entries[j]] = [entries[j] as [string, unknown], entries[i] as [string, unknown]];
  }
  return Object.fromEntries(entries.map(([key, item], i) => [key, reorderKeys(item, seed + 7 * i + 1)]));
}

const jsonObject = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 });

describe('canonicalJson', () => {
  it('gives the same text whatever order the keys were written in', () => fc.assert(fc.property(
    fc.oneof(jsonObject, fc.jsonValue({ maxDepth: 4 }), fc.object()), fc.integer(), (value, seed) => {
      const json = JSON.parse(JSON.stringify(value)) as unknown;
      expect(canonicalJson(reorderKeys(json, seed))).toBe(canonicalJson(json));
    }), { numRuns: 300 }));

  it('writes a value that reads back as the same value', () => fc.assert(fc.property(
    fc.jsonValue({ maxDepth: 4 }), (value) => {
      // JSON itself has no -0, so compare with what JSON.stringify keeps of the value.
      expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
    }), { numRuns: 300 }));

  it('sorts keys and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('writes numbers in their shortest form, as RFC 8785 asks', () => {
    expect(canonicalJson([1.0, 1e21, 0.000001, 1e-7, -0])).toBe('[1,1e+21,0.000001,1e-7,0]');
  });

  it('refuses a value that has no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
