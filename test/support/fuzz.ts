import { createHash } from 'node:crypto';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Outcome } from './cli.ts';

// Shared pieces of the fuzz suites (test/fuzz): how many runs with which seed, byte-level
// mutation of real inputs, and a digest of the whole database to prove a refused import wrote
// nothing. `npm test` runs them with a fixed seed; `npm run bench:fuzz` runs them longer:
//   FUZZ_RUNS=2000 FUZZ_SEED=7 npm run bench:fuzz
// A failure prints the seed and the path fast-check needs to replay it (`FUZZ_SEED`, and the
// `path` in the report as `fc.assert(…, { path })`).

const runsFromEnv = process.env.FUZZ_RUNS === undefined ? undefined : Number(process.env.FUZZ_RUNS);
/** Fixed unless FUZZ_SEED says otherwise: the suites in `npm test` see the same inputs every time. */
export const fuzzSeed = process.env.FUZZ_SEED === undefined ? 19 : Number(process.env.FUZZ_SEED);

/** fast-check parameters of one property: `runs` in `npm test`, FUZZ_RUNS in a bench run. */
export function fuzzParameters(runs: number): fc.Parameters<unknown> {
  if (!Number.isSafeInteger(fuzzSeed)) throw new Error(`FUZZ_SEED=${process.env.FUZZ_SEED}: not an integer`);
  if (runsFromEnv !== undefined && !(Number.isSafeInteger(runsFromEnv) && runsFromEnv > 0)) throw new Error(`FUZZ_RUNS=${process.env.FUZZ_RUNS}: not a positive integer`);
  return { seed: fuzzSeed, numRuns: runsFromEnv ?? runs };
}

/** How long a property may take: a bench run of thousands must not hit the default timeout of the suite. */
export const fuzzTimeout = (runs: number, msPerRun: number) => Math.max(30_000, (runsFromEnv ?? runs) * msPerRun * 3);

// ── byte-level mutation ─────────────────────────────────────────────────────────────────

/** Bytes that matter to the formats: line ends, quotes, separators, JSON punctuation, UTF-8 lead and continuation bytes, NUL, BOM. */
const interestingBytes = [0x00, 0x0a, 0x0d, 0x09, 0x20, 0x22, 0x2c, 0x3b, 0x3a, 0x3e, 0x7b, 0x7d, 0x5b, 0x5d, 0x5c, 0x3d, 0x2d, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf8, 0xff];
const aByte = fc.oneof(fc.constantFrom(...interestingBytes), fc.integer({ min: 0, max: 255 }));
/** Short runs of bytes to insert: random ones, or pieces that start structure ("From ", a header, a boundary, a quote). */
const insertion = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => Buffer.from(b)),
  fc.array(aByte, { minLength: 1, maxLength: 4 }).map((b) => Buffer.from(b)),
  fc.constantFrom('\nFrom x@y Sat Jan  3 01:05:34 1996\n', '\n>From ', '\r\n\r\n', '\n--', '=?utf-8?b?', '=?x?q?=FF?=', '"', '""', ';;;', ',,,',
    '\\u0000', '\\ud800', '{"', '":', 'null', '1e309', '-0', '\uFEFF', '\u202E', '\u0000', 'Content-Type: multipart/mixed; boundary=b\n')
    .map((s) => Buffer.from(s, 'utf8')),
);

export type Mutation =
  | { readonly op: 'flip'; readonly at: number; readonly bit: number }
  | { readonly op: 'set'; readonly at: number; readonly byte: number }
  | { readonly op: 'insert'; readonly at: number; readonly bytes: Buffer }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'duplicate'; readonly at: number; readonly length: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'splice-lines'; readonly from: number; readonly to: number; readonly keep: boolean };

/** Positions are fractions of the length, so one mutation applies to any input. */
const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<(length: number, lines: number) => Mutation> = fc.oneof(
  fc.record({ p: position, bit: fc.integer({ min: 0, max: 7 }) }).map(({ p, bit }) => (n: number) => ({ op: 'flip' as const, at: Math.floor(p * n), bit })),
  fc.record({ p: position, byte: aByte }).map(({ p, byte }) => (n: number) => ({ op: 'set' as const, at: Math.floor(p * n), byte })),
  fc.record({ p: position, bytes: insertion }).map(({ p, bytes }) => (n: number) => ({ op: 'insert' as const, at: Math.floor(p * (n + 1)), bytes })),
  fc.record({ p: position, length: fc.integer({ min: 1, max: 64 }) }).map(({ p, length }) => (n: number) => ({ op: 'delete' as const, at: Math.floor(p * n), length })),
  fc.record({ p: position, length: fc.integer({ min: 1, max: 256 }) }).map(({ p, length }) => (n: number) => ({ op: 'duplicate' as const, at: Math.floor(p * n), length })),
  position.map((p) => (n: number) => ({ op: 'truncate' as const, at: Math.floor(p * n) })),
  fc.record({ a: position, b: position, keep: fc.boolean() }).map(({ a, b, keep }) => (_n: number, lines: number) => ({ op: 'splice-lines' as const, from: Math.floor(a * lines), to: Math.floor(b * lines), keep })),
);

/** Applies one mutation; `splice-lines` moves line `from` before line `to` (or copies it there, `keep`). */
export function mutate(bytes: Buffer, m: Mutation): Buffer {
  switch (m.op) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const out = Buffer.from(bytes);
      out[m.at] = (out[m.at] as number) ^ (1 << m.bit);
      return out;
    }
    case 'set': {
      if (bytes.length === 0) return bytes;
      const out = Buffer.from(bytes);
      out[m.at] = m.byte;
      return out;
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, m.at), m.bytes, bytes.subarray(m.at)]);
    case 'delete':
      return Buffer.concat([bytes.subarray(0, m.at), bytes.subarray(m.at + m.length)]);
    case 'duplicate':
      return Buffer.concat([bytes.subarray(0, m.at + m.length), bytes.subarray(m.at, m.at + m.length), bytes.subarray(m.at + m.length)]);
    case 'truncate':
      return bytes.subarray(0, m.at);
    case 'splice-lines': {
      const lines = splitLines(bytes);
      const line = lines[m.from];
      if (line === undefined) return bytes;
      const rest = m.keep ? lines : lines.filter((_, i) => i !== m.from);
      return Buffer.concat([...rest.slice(0, m.to), line, ...rest.slice(m.to)]);
    }
  }
}

/** Lines with their line ends, so that joining them gives the bytes back. */
function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let lf = bytes.indexOf(0x0a); lf !== -1; lf = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, lf + 1));
    start = lf + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

const countLines = (bytes: Buffer) => {
  let n = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n += 1;
  return n;
};

export interface Mutated {
  readonly bytes: Buffer;
  /** What was done, for the failure report: fast-check prints it with the counterexample. */
  readonly mutations: readonly Mutation[];
}

/** One to `max` mutations of `original`, applied in turn. */
export function mutationsOf(original: Buffer, max = 4): fc.Arbitrary<Mutated> {
  return fc.array(mutation, { minLength: 1, maxLength: max }).map((ms) => {
    let bytes = original;
    const mutations: Mutation[] = [];
    for (const m of ms) {
      const applied = m(bytes.length, countLines(bytes));
      mutations.push(applied);
      bytes = mutate(bytes, applied);
    }
    return { bytes, mutations };
  }).map((value) => Object.assign(value, { [fc.toStringMethod]: () => `${JSON.stringify(value.mutations)} → ${shown(value.bytes)}` }));
}

/** Bytes as fast-check shows a counterexample: the text, with what is not UTF-8 escaped. */
export function shown(bytes: Buffer): string {
  return JSON.stringify(bytes.toString('latin1')).replace(/[\u0080-\u00ff]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`);
}

/** Bytes that fast-check reports as text. */
export const asShownBytes = (bytes: Buffer): Buffer => Object.assign(bytes, { [fc.toStringMethod]: () => shown(bytes) });

// ── odd text ────────────────────────────────────────────────────────────────────────────

/** Strings of the kind that break parsers: control and format characters, astral and combining characters, RTL marks, lone surrogates, huge runs. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t', '\u0000', '\u001b[2J', '\u202Eevil', '\uFEFF', 'ø', 'Å', 'ß', '😀', 'e\u0301', '\uD800', '\uDC00x', '\r\n', '\n', '"', '""', ';', ',', '\\', '=?utf-8?q?=C3=B8?=') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((n) => 'x'.repeat(n)) },
);

// ── outcomes ────────────────────────────────────────────────────────────────────────────

/** A JavaScript stack trace line, as `runCli` prints for an error it did not expect. */
const STACK = /\n\s+at .+[(:]\d+|\b(TypeError|RangeError|ReferenceError|SyntaxError): /;

/** The CLI ended as a command must: 0 or 1, and no stack trace on either stream. */
export function expectNoCrash(outcome: Outcome): void {
  expect([0, 1], `exit code ${outcome.code}; stderr: ${outcome.stderr.slice(0, 2000)}`).toContain(outcome.code);
  expect(outcome.stderr).not.toMatch(STACK);
  expect(outcome.stdout).not.toMatch(STACK);
}

// ── database digest ─────────────────────────────────────────────────────────────────────

/**
 * A digest per table of a SQLite database, every row of every table (ledger, read models,
 * mail, users): two equal digests mean nothing was written in between. Opened read-only
 * beside whatever else has the file open.
 */
export function digestSqlite(dataDir: string): Record<string, string> {
  const db = new SqliteDatabase(join(dataDir, 'firmly.db'), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
    return Object.fromEntries(tables.map((table) => {
      const hash = createHash('sha256');
      for (const row of db.prepare(`select * from "${table}" order by rowid`).raw().iterate()) {
        hash.update(JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : typeof value === 'bigint' ? value.toString() : value)));
        hash.update('\n');
      }
      return [table, hash.digest('hex')];
    }));
  } finally {
    db.close();
  }
}
