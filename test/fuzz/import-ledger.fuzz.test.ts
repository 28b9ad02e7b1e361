import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFirmly } from '../support/cli.ts';
import { aClient, anInvoice, aPayment, aRequest, aWorkspace, type RawEvent } from '../support/events.ts';
import { asShownBytes, digestSqlite, expectNoCrash, fuzzParameters, fuzzTimeout, mutationsOf, oddText } from '../support/fuzz.ts';
import { demoFile, scenarioFiles } from '../support/paths.ts';

// `firmly import` (JSON Lines) against hostile input, in-process on SQLite. Whatever the bytes:
// exit 0 or 1 and never a stack trace; a refusal names FILE:LINE for every reason and leaves
// every table exactly as it was; an accepted import leaves a chain that verifies.


const isUtf8 = (bytes: Buffer) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};
/** A string with a lone surrogate or a NUL, anywhere in a decoded value (keys too). */
function hasIllFormedString(value: unknown): boolean {
  // eslint-disable-next-line no-control-regex -- NUL is what is looked for
  if (typeof value === 'string') return /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
  if (Array.isArray(value)) return value.some(hasIllFormedString);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => hasIllFormedString(k) || hasIllFormedString(v));
  return false;
}
/** Bytes that are not UTF-8, or a line whose JSON holds lone surrogates or NUL: what issue 19 item 2 refuses. */
function isIllFormed(bytes: Buffer): boolean {
  if (!isUtf8(bytes)) return true;
  return bytes.toString('utf8').split('\n').some((line) => {
    try {
      return hasIllFormedString(JSON.parse(line));
    } catch {
      return false;
    }
  });
}

const dir = mkdtempSync(join(tmpdir(), 'firmly-fuzz-jsonl-'));
const env = { FIRMLY_DATA: dir };
const input = join(dir, 'input.jsonl');
let fresh = 0;

/** The first lines of a real ledger: the workspace and clients come first, so a prefix is a ledger too. */
const prefixes = [...scenarioFiles(), demoFile].map((file) => {
  const lines = readFileSync(file).toString('utf8').split('\n');
  return { file, lines };
});

/**
 * Imports `bytes` as a file into `workspace` and checks the outcome; a workspace named `fresh`
 * is a new one each time, otherwise it is the one seeded before (a non-empty ledger).
 */
async function importChecked(bytes: Buffer, workspace: 'seeded' | 'fresh'): Promise<void> {
  const ws = workspace === 'fresh' ? `fresh-${++fresh}` : 'seeded';
  writeFileSync(input, bytes);
  const before = digestSqlite(dir);
  const outcome = await runFirmly(env, '', 'import', '--workspace', ws, input);
  expectNoCrash(outcome);
  // Invalid UTF-8, a lone surrogate or a NUL anywhere is refused (#19 F1), never imported as U+FFFD.
  if (isIllFormed(bytes)) expect(outcome.code, 'ill-formed text must be refused').toBe(1);
  if (outcome.code === 1) {
    const lines = outcome.stderr.trimEnd().split('\n');
    const summary = lines.pop();
    expect(summary, outcome.stderr).toMatch(/^firmly: import rejected: .*nothing was written$/);
    expect(lines.length, outcome.stderr).toBeGreaterThan(0);
    const named = new RegExp(`^${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:[1-9]\\d*: \\S`);
    expect(lines[0]).toMatch(named);
    for (const line of lines) expect(line).toMatch(named);
    expect(digestSqlite(dir)).toEqual(before);
  } else {
    const verified = await runFirmly(env, '', 'verify', '--workspace', ws);
    expect(verified, `accepted, then: ${verified.stderr}`).toMatchObject({ code: 0 });
  }
}

// ── structured inputs: valid events, perturbed ──────────────────────────────────────────

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.constant(1e308), fc.constant(-0), fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant<Json>([]), fc.constant<Json>({}), oddText, fc.constant('9'.repeat(40)), fc.constant('2026-02-30'), fc.constant('0000-01-01'), fc.constant('2026-03-01T25:00:00Z'),
);

/** Replaces, removes or adds one value at a path of the event; an event without perturbation stays valid. */
const perturbation = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), path: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), value: jsonValue }),
  fc.record({ kind: fc.constant('remove' as const), path: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('add' as const), path: fc.array(fc.nat(), { maxLength: 2 }), key: fc.oneof(oddText, fc.constantFrom('__proto__', 'constructor', 'seq', 'hash')), value: jsonValue }),
);
type Perturbation = typeof perturbation extends fc.Arbitrary<infer T> ? T : never;

function perturb(event: RawEvent, p: Perturbation): Json {
  const copy = JSON.parse(JSON.stringify(event)) as Json;
  let node = copy;
  const steps = p.kind === 'add' ? p.path : p.path.slice(0, -1);
  for (const step of steps) {
    if (node === null || typeof node !== 'object') return copy;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    node = (node as Record<string, Json>)[keys[step % keys.length] as string] as Json;
  }
  if (node === null || typeof node !== 'object') return copy;
  const record = node as Record<string, Json>;
  if (p.kind === 'add') {
    Object.defineProperty(record, p.key, { value: p.value, enumerable: true, configurable: true, writable: true });
    return copy;
  }
  const keys = Object.keys(record);
  const key = keys[(p.path.at(-1) as number) % Math.max(1, keys.length)];
  if (key === undefined) return copy;
  if (p.kind === 'remove') delete record[key];
  else record[key] = p.value;
  return copy;
}

/** A small valid ledger: a workspace, clients, invoices, payments and requests. */
const validLedger = fc.record({
  clients: fc.integer({ min: 1, max: 3 }),
  invoices: fc.array(fc.record({ client: fc.nat(), total: fc.integer({ min: 1, max: 10_000_000 }), day: fc.integer({ min: 1, max: 28 }) }), { maxLength: 4 }),
  payments: fc.array(fc.record({ client: fc.nat(), amount: fc.integer({ min: 1, max: 10_000_000 }), day: fc.integer({ min: 1, max: 28 }) }), { maxLength: 3 }),
  requests: fc.array(fc.record({ client: fc.nat(), day: fc.integer({ min: 1, max: 28 }) }), { maxLength: 2 }),
  names: fc.array(oddText, { minLength: 3, maxLength: 3 }),
}).map(({ clients, invoices, payments, requests, names }) => {
  const client = (n: number) => `c${(n % clients) + 1}`;
  const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}`;
  const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
  let n = 0;
  const id = () => `evt_f${++n}`;
  return [
    aWorkspace({ id: id(), at: '2026-02-01T08:00:00Z' }),
    ...Array.from({ length: clients }, (_, i) => {
      const added = aClient(`c${i + 1}`, { id: id(), at: '2026-02-02T08:00:00Z' });
      return { ...added, data: { ...added.data, name: `${names[i % names.length] as string} ${i}` } };
    }),
    ...invoices.map((inv, i) => anInvoice(client(inv.client), `inv${i}`, money(inv.total), day(inv.day), { id: id(), at: `${day(inv.day)}T09:00:00Z` })),
    ...payments.map((pay, i) => aPayment(client(pay.client), `pay${i}`, money(pay.amount), '2026-04-01', undefined, { id: id(), at: '2026-04-01T09:00:00Z' })),
    ...requests.map((req, i) => aRequest(client(req.client), `req${i}`, day(req.day), { id: id(), at: '2026-02-20T09:00:00Z' })),
  ];
});

/** Events as lines, some perturbed, with the layouts people's files have: CRLF, a BOM, blank lines. */
const structuredFile = fc.record({
  events: validLedger,
  perturbations: fc.array(fc.record({ index: fc.nat(), p: perturbation }), { maxLength: 3 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  blank: fc.boolean(),
  duplicateLine: fc.option(fc.nat(), { nil: undefined }),
}).map(({ events, perturbations, crlf, bom, blank, duplicateLine }) => {
  const values: Json[] = events.map((e) => e as unknown as Json);
  for (const { index, p } of perturbations) values[index % values.length] = perturb(events[index % events.length] as RawEvent, p);
  const lines = values.map((v) => JSON.stringify(v));
  if (duplicateLine !== undefined) lines.push(lines[duplicateLine % lines.length] as string);
  if (blank) lines.splice(1, 0, '', '   ');
  const text = (bom ? '\uFEFF' : '') + lines.join(crlf ? '\r\n' : '\n') + '\n';
  return asShownBytes(Buffer.from(text, 'utf8'));
});

// ── the properties ──────────────────────────────────────────────────────────────────────

describe('firmly import under fuzzing (SQLite, in-process)', () => {
  beforeAll(async () => {
    // A ledger to import onto: the first 60 lines of a scenario.
    writeFileSync(input, (prefixes[0]?.lines ?? []).slice(0, 60).join('\n') + '\n');
    expect(await runFirmly(env, '', 'import', '--workspace', 'seeded', input)).toMatchObject({ code: 0 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses perturbed events by line and writes nothing, or imports a ledger that verifies', { timeout: fuzzTimeout(50, 80) }, async () => {
    await fc.assert(fc.asyncProperty(structuredFile, fc.constantFrom('seeded' as const, 'fresh' as const), importChecked), fuzzParameters(50));
  });

  it('survives byte-level mutation of the scenarios and the demo: refused by line with nothing written, or verified', { timeout: fuzzTimeout(60, 100) }, async () => {
    const mutated = fc.record({ source: fc.constantFrom(...prefixes), lines: fc.integer({ min: 1, max: 80 }) })
      .chain(({ source, lines }) => mutationsOf(Buffer.from(source.lines.slice(0, lines).join('\n') + '\n', 'utf8')));
    await fc.assert(fc.asyncProperty(mutated, fc.constantFrom('seeded' as const, 'fresh' as const), ({ bytes }, ws) => importChecked(bytes, ws)), fuzzParameters(60));
  });
});
