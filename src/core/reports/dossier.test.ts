import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoInstant } from '../dates.ts';
import { GENESIS_HASH, sealEvent } from '../ledger/chain.ts';
import type { LedgerEvent, StoredEvent } from '../ledger/events.ts';
import { parseEvent } from '../ledger/parse-event.ts';
import { DOSSIER_FORMAT, dossierLines, verifyDossierChain, type DossierManifest } from './dossier.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function event(id: string, type: string, data: Record<string, unknown>): LedgerEvent {
  const result = parseEvent({ id, type, at: '2026-03-01T09:00:00Z', data });
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

/** Two clients interleaved in one workspace chain, as the store seals them. */
function workspaceChain(): StoredEvent[] {
  const events = [
    event('e1', 'client.added', { clientId: 'c1', name: 'Møllers Cykler ApS', locale: 'da', contacts: [] }),
    event('e2', 'client.added', { clientId: 'c2', name: 'Other Ltd', locale: 'en', contacts: [] }),
    event('e3', 'invoice.issued', { invoiceId: 'i1', clientId: 'c1', number: 'F-1', issueDate: '2026-03-01', dueDate: '2026-03-15', total: { amount: '1450.00', currency: 'DKK' } }),
    event('e4', 'time.logged', { clientId: 'c1', date: '2026-03-02', minutes: 30, kind: 'work' }),
    event('e5', 'time.logged', { clientId: 'c2', date: '2026-03-02', minutes: 30, kind: 'work' }),
    event('e6', 'incident.noted', { clientId: 'c1', severity: 'high', summary: 'Rettede i et planlagt opslag — æøå' }),
  ];
  let prev = GENESIS_HASH;
  return events.map((e, i) => {
    const stored = sealEvent(sha256, prev, { ...e, seq: i + 1, recordedAt: '2026-03-01T10:00:00.000Z' as IsoInstant });
    prev = stored.hash;
    return stored;
  });
}

const chain = workspaceChain();
const c1 = chain.filter((e) => ['e1', 'e3', 'e4', 'e6'].includes(e.id));
const head = { seq: 6, hash: (chain[5] as StoredEvent).hash };
const manifest = (over: Partial<DossierManifest> = {}): DossierManifest => ({
  format: DOSSIER_FORMAT, workspace: { id: 'ws', name: 'Nordlys' }, client: { id: 'c1', name: 'Møllers Cykler ApS' },
  period: { from: '2026-03-01', to: '2026-03-31' }, generatedOn: '2026-04-01', head, events: c1.length, files: {}, ...over,
});

describe('the dossier\'s integrity proof', () => {
  it('writes each event as exactly the text its hash covers after prevHash and a newline', () => {
    const { events, chain: links } = dossierLines(c1);
    const lines = events.split('\n').slice(0, -1);
    const parsedLinks = links.split('\n').slice(0, -1).map((l) => JSON.parse(l) as { seq: number; prevHash: string; hash: string });
    expect(parsedLinks.map((l) => l.seq)).toEqual([1, 3, 4, 6]);
    lines.forEach((line, i) => expect(sha256(`${parsedLinks[i]?.prevHash}\n${line}`)).toBe(parsedLinks[i]?.hash));
    expect(lines[3]).toContain('æøå');
  });

  it('verifies a client\'s events taken out of an interleaved workspace chain', () => {
    expect(verifyDossierChain({ manifest: manifest(), ...dossierLines(c1) }, sha256)).toEqual({ ok: true, events: 4, head });
  });

  it('fails when any character of the events is changed', () => {
    const { events, chain: links } = dossierLines(c1);
    fc.assert(fc.property(fc.nat({ max: events.length - 1 }), fc.integer({ min: 32, max: 0x24f }), (position, code) => {
      fc.pre(events.charCodeAt(position) !== code);
      const changed = events.slice(0, position) + String.fromCharCode(code) + events.slice(position + 1);
      expect(verifyDossierChain({ manifest: manifest(), events: changed, chain: links }, sha256).ok).toBe(false);
    }), { numRuns: 200 });
  });

  it('fails when an event is left out but the manifest still counts it', () => {
    const { events, chain: links } = dossierLines(c1.filter((e) => e.seq !== 4));
    expect(verifyDossierChain({ manifest: manifest(), events, chain: links }, sha256))
      .toEqual({ ok: false, reason: 'events.jsonl has 3 lines but the manifest lists 4 events' });
  });

  it('fails when an event was re-sealed on another prevHash next to its neighbour in the chain', () => {
    const forged = c1.map((e) => (e.seq === 4 ? sealEvent(sha256, 'f'.repeat(64), { ...e, data: { ...e.data, minutes: 300 } } as StoredEvent) : e));
    expect(verifyDossierChain({ manifest: manifest(), ...dossierLines(forged) }, sha256))
      .toEqual({ ok: false, reason: 'chain.jsonl line 3 (seq 4): prevHash is not the hash of seq 3' });
  });

  it('fails when two events are swapped', () => {
    const swapped = [c1[0], c1[2], c1[1], c1[3]] as StoredEvent[];
    const { events } = dossierLines(c1);
    const lines = events.split('\n');
    const reordered = [lines[0], lines[2], lines[1], lines[3], ''].join('\n');
    expect(verifyDossierChain({ manifest: manifest(), events: reordered, chain: dossierLines(swapped).chain }, sha256).ok).toBe(false);
  });

  it('fails when the last event is the head but the head\'s hash differs', () => {
    const result = verifyDossierChain({ manifest: manifest({ head: { seq: 6, hash: 'a'.repeat(64) } }), ...dossierLines(c1) }, sha256);
    expect(result).toEqual({ ok: false, reason: 'the last event is the chain head (seq 6) but its hash differs from the head\'s' });
  });

  it('fails when the manifest counts other events than the file holds', () => {
    expect(verifyDossierChain({ manifest: manifest({ events: 5 }), ...dossierLines(c1) }, sha256).ok).toBe(false);
  });
});
