import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../canonical-json.ts';
import type { IsoInstant } from '../dates.ts';
import { chainBreak, chainInput, emptyChain, GENESIS_HASH, sealEvent, type ChainTip } from './chain.ts';
import type { LedgerEvent, StoredEvent } from './events.ts';
import { parseEvent } from './parse-event.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function event(id: string, type: string, data: Record<string, unknown>, at = '2026-03-01T09:00:00Z'): LedgerEvent {
  const result = parseEvent({ id, type, at, data });
  if (!result.ok) throw new Error(`test event ${id} is invalid: ${result.reason}`);
  return result.event;
}

const client = (n: number) => event(`evt_${n}`, 'client.added', { clientId: `c${n}`, name: `Client ${n}`, locale: 'da', contacts: [{ name: 'Kim', email: 'kim@c.example' }] });
const invoice = (n: number, amount = '1250.00') => event(`evt_${n}`, 'invoice.issued', {
  invoiceId: `inv${n}`, clientId: 'c1', number: `2026-${n}`, issueDate: '2026-03-01', dueDate: '2026-03-15', total: { amount, currency: 'DKK' } });
const time = (n: number, minutes = 30) => event(`evt_${n}`, 'time.logged', { clientId: 'c1', date: '2026-03-02', minutes, kind: 'work' });

/** Seals events into a chain as the store would: seq from 1, each linked to the hash before it. */
function seal(events: readonly LedgerEvent[]): StoredEvent[] {
  const chain: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  events.forEach((e, i) => {
    const stored = sealEvent(sha256, prev, { ...e, seq: i + 1, recordedAt: `2026-03-01T09:00:0${i % 10}.000Z` as IsoInstant });
    chain.push(stored);
    prev = stored.hash;
  });
  return chain;
}

/** What `firmly verify` reports: the first event that does not follow the one before it, and why. */
function verify(chain: readonly StoredEvent[]): { seq: number; reason: string } | undefined {
  let tip: ChainTip = emptyChain;
  for (const stored of chain) {
    const reason = chainBreak(sha256, tip, stored);
    if (reason !== undefined) return { seq: stored.seq, reason };
    tip = { seq: stored.seq, hash: stored.hash };
  }
  return undefined;
}

const sample = () => seal([client(1), invoice(2), time(3), invoice(4, '99.95'), time(5, 120)]);
const replaceAt = (chain: readonly StoredEvent[], index: number, change: (e: StoredEvent) => StoredEvent) =>
  chain.map((e, i) => (i === index ? change(e) : e));

describe('the hash chain', () => {
  it('accepts a chain sealed event by event', () => {
    expect(verify(sample())).toBeUndefined();
  });

  it('starts from the genesis hash and links each event to the hash of the one before', () => {
    const chain = sample();
    expect(chain[0]?.prevHash).toBe(GENESIS_HASH);
    chain.slice(1).forEach((e, i) => expect(e.prevHash).toBe(chain[i]?.hash));
    for (const e of chain) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(chain.map((e) => e.hash)).size).toBe(chain.length);
  });

  it('hashes the same fact the same however its data keys were ordered', () => {
    const e = invoice(2);
    const reordered = { ...e, data: Object.fromEntries(Object.entries(e.data).reverse()) } as LedgerEvent;
    const fields = { seq: 1, recordedAt: '2026-03-01T09:00:00.000Z' as IsoInstant };
    expect(sealEvent(sha256, GENESIS_HASH, { ...reordered, ...fields }).hash).toBe(sealEvent(sha256, GENESIS_HASH, { ...e, ...fields }).hash);
  });

  it('detects a changed amount in the data', () => {
    const chain = replaceAt(sample(), 1, (e) => ({ ...e, data: { ...e.data, total: { amount: '1250.01', currency: 'DKK' } } }) as StoredEvent);
    expect(verify(chain)).toEqual({ seq: 2, reason: 'hash does not match the event: its content was changed' });
  });

  it.each([
    ['at', { at: '2026-03-01T09:00:01.000Z' }],
    ['type', { type: 'invoice.credited' }],
    ['id', { id: 'evt_other' }],
    ['recordedAt', { recordedAt: '2026-03-02T00:00:00.000Z' }],
  ])('detects a changed %s', (_field, change) => {
    const chain = replaceAt(sample(), 2, (e) => ({ ...e, ...change }) as StoredEvent);
    expect(verify(chain)).toEqual({ seq: 3, reason: 'hash does not match the event: its content was changed' });
  });

  it('detects two events that swapped places', () => {
    const [a, b, c, d, e] = sample() as [StoredEvent, StoredEvent, StoredEvent, StoredEvent, StoredEvent];
    expect(verify([a, c, b, d, e])?.seq).toBe(3);
  });

  it('detects two events that swapped places even when their seq numbers were swapped too', () => {
    const [a, b, c, d, e] = sample() as [StoredEvent, StoredEvent, StoredEvent, StoredEvent, StoredEvent];
    expect(verify([a, { ...c, seq: 2 }, { ...b, seq: 3 }, d, e])).toEqual({ seq: 2, reason: 'prevHash does not match the hash of the event before it' });
  });

  it('detects a missing event', () => {
    const chain = sample();
    expect(verify([...chain.slice(0, 2), ...chain.slice(3)])).toEqual({ seq: 4, reason: 'expected seq 3, found 4: events are missing or out of order' });
  });

  it('detects an event recorded twice', () => {
    const chain = sample();
    expect(verify([...chain.slice(0, 3), chain[2] as StoredEvent, ...chain.slice(3)])?.reason).toBe('expected seq 4, found 3: events are repeated or out of order');
  });

  it('detects a wrong prevHash even when the event\'s own hash was recomputed', () => {
    const chain = sample();
    const forged = sealEvent(sha256, 'f'.repeat(64), chain[3] as StoredEvent);
    expect(verify(replaceAt(chain, 3, () => forged))).toEqual({ seq: 4, reason: 'prevHash does not match the hash of the event before it' });
  });

  it('detects an event rewritten and resealed, at the event after it', () => {
    const chain = sample();
    const rewritten = sealEvent(sha256, chain[0]?.hash as string, { ...(chain[1] as StoredEvent), at: '2026-01-01T00:00:00.000Z' as IsoInstant });
    expect(verify(replaceAt(chain, 1, () => rewritten))?.seq).toBe(3);
  });

  it('detects a chain that does not start at the genesis hash', () => {
    const chain = sample();
    const forged = sealEvent(sha256, 'f'.repeat(64), chain[0] as StoredEvent);
    expect(verify(replaceAt(chain, 0, () => forged))?.seq).toBe(1);
  });

  const anyEvent = fc.oneof(
    fc.record({ n: fc.nat(999), name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '') })
      .map(({ n, name }) => event(`evt_c${n}`, 'client.added', { clientId: `c${n}`, name, locale: 'en', contacts: [] })),
    fc.record({ n: fc.nat(999), minor: fc.integer({ min: 1, max: 10_000_000 }) })
      .map(({ n, minor }) => invoice(n, (minor / 100).toFixed(2))),
    fc.record({ n: fc.nat(999), minutes: fc.integer({ min: 1, max: 600 }) }).map(({ n, minutes }) => time(n, minutes)),
    fc.record({ n: fc.nat(999), summary: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '') })
      .map(({ n, summary }) => event(`evt_i${n}`, 'incident.noted', { clientId: 'c1', severity: 'low', summary: summary.trim() })),
  );

  const replacementChar = fc.oneof(fc.constantFrom(...'0123456789abcxyzAZ-_.:@ '), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

  it('finds a change of any single character of any event\'s data at that event', () => fc.assert(fc.property(
    fc.array(anyEvent, { minLength: 2, maxLength: 20 }), fc.nat(), fc.nat(), replacementChar, (events, pick, position, replacement) => {
      const chain = seal(events);
      const index = pick % chain.length;
      const target = chain[index] as StoredEvent;
      const text = canonicalJson(target.data);
      const at = position % text.length;
      fc.pre(text[at] !== replacement);
      let data: unknown;
      try {
        data = JSON.parse(text.slice(0, at) + replacement + text.slice(at + 1));
      } catch {
        fc.pre(false); // not JSON any more: the store could not even read it back
      }
      fc.pre(canonicalJson(data) !== text);
      const tampered = replaceAt(chain, index, (e) => ({ ...e, data }) as StoredEvent);
      expect(verify(tampered)).toEqual({ seq: index + 1, reason: 'hash does not match the event: its content was changed' });
    }), { numRuns: 300 }));

  it('writes the hashed text exactly as the canonical JSON of the event with its chain fields', () => fc.assert(fc.property(
    anyEvent, fc.integer({ min: 1, max: 2 ** 40 }), fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
    (e, seq, date) => {
      const recordedAt = date.toISOString() as IsoInstant;
      const { id, type, at, data } = e;
      const expected = `${GENESIS_HASH}\n${canonicalJson({ seq, id, type, at, recordedAt, data })}`;
      expect(chainInput(GENESIS_HASH, { ...e, seq, recordedAt })).toBe(expected);
      expect(chainInput(GENESIS_HASH, { ...e, seq, recordedAt }, canonicalJson(data))).toBe(expected);
    }), { numRuns: 300 }));
});
