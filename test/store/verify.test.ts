import { basename } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import type { IsoInstant } from '../../src/core/dates.ts';
import { appendEvents, ensureWorkspace, verifyLedger } from '../../src/store/ledger-store.ts';
import { sha256Hex } from '../../src/store/hash.ts';
import { rebuildViews } from '../../src/store/rebuild.ts';
import { dumpViews } from '../../src/store/views/view-store.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aClient, anInvoice, aPayment, aRequest, aWorkspace, parsed, raw, type RawEvent } from '../support/events.ts';
import { arbitraryLedger } from '../support/ledger-arbitrary.ts';
import { demoFile, scenarioFiles } from '../support/paths.ts';

// #19 F3: the columns kept beside the hashed content (ledger_event.client_id, the read
// models) are what the queries read, so verify checks them against the hashed content.

const now = () => '2026-11-27T10:00:00.000Z' as IsoInstant;

describe.each(testDatabases())('verify on $name', ({ open }) => {
  let store: TestStore;
  let n = 0;
  let ws: string;
  beforeAll(async () => { store = await open(); });
  afterAll(async () => { await store.close(); });
  beforeEach(() => { ws = `v${++n}`; });

  const append = (workspaceId: string, events: RawEvent[]) =>
    appendEvents(store.db, { workspaceId, dialect: store.dialect, sha256: sha256Hex, now }, parsed(...events));
  const verify = (workspaceId = ws, readModels = false) => verifyLedger(store.db, workspaceId, sha256Hex, { readModels });
  const sql = (text: string, ...params: unknown[]) => store.raw(text, params);

  describe('the client_id column', () => {
    // seq 1 workspace, 2 c1, 3 c2, 4 invoice of c1, 5 request of c1, 6 answer (c1 through its request), 7 credit (c1 through its invoice)
    beforeEach(async () => {
      await append(ws, [aWorkspace(), aClient('c1'), aClient('c2'), anInvoice('c1', 'i1', '8500.00', '2026-03-01'), aRequest('c1', 'r1', '2026-03-04'),
        raw('request.answered', { requestId: 'r1', channel: 'email' }), raw('invoice.credited', { invoiceId: 'i1', amount: { amount: '100.00', currency: 'DKK' } })]);
    });

    it('passes as appended', async () => {
      expect(await verify()).toMatchObject({ ok: true, events: 7 });
    });

    it('fails naming the first seq whose client_id was set to NULL, the column and both values', async () => {
      await sql(`update ledger_event set client_id = null where workspace_id = ? and seq in (4, 6)`, ws);
      expect(await verify()).toEqual({
        ok: false, events: 3, seq: 4, column: 'client_id', stored: null, expected: 'c1',
        reason: 'client_id is NULL but the hashed content names client "c1"',
      });
    });

    it('fails when an event that names its client through its request is moved to another client', async () => {
      await sql(`update ledger_event set client_id = 'c2' where workspace_id = ? and seq = 6`, ws);
      expect(await verify()).toMatchObject({ ok: false, seq: 6, column: 'client_id', stored: 'c2', expected: 'c1' });
    });

    it('passes again once rebuild has set client_id right from the projection', async () => {
      await sql(`update ledger_event set client_id = null where workspace_id = ? and seq = 4`, ws);
      await sql(`update ledger_event set client_id = 'c2' where workspace_id = ? and seq = 6`, ws);
      expect(await rebuildViews(store.db, store.dialect, ws)).toEqual({ events: 7, clientIdsRepaired: 2 });
      expect(await verify(ws, true)).toMatchObject({ ok: true, readModels: { differenceCount: 0 } });
      expect(await rebuildViews(store.db, store.dialect, ws)).toStrictEqual({ events: 7 });
    });

    it('fails when an event about the workspace is given a client', async () => {
      await sql(`update ledger_event set client_id = 'c1' where workspace_id = ? and seq = 1`, ws);
      expect(await verify()).toMatchObject({ ok: false, seq: 1, column: 'client_id', stored: 'c1', expected: null, reason: expect.stringContaining('names no client') });
    });
  });

  it('fails when the data column holds the hashed content in another form than the canonical one', async () => {
    await append(ws, [aWorkspace(), aClient('c1')]);
    const [row] = await sql(`select data from ledger_event where workspace_id = ? and seq = 2`, ws) as { data: string }[];
    const spaced = JSON.stringify(JSON.parse(row!.data), null, 1);
    await sql(`update ledger_event set data = ? where workspace_id = ? and seq = 2`, spaced, ws);
    expect(await verify()).toMatchObject({ ok: false, seq: 2, column: 'data', stored: spaced, expected: row!.data });
  });

  describe('with the read models', () => {
    beforeEach(async () => {
      await append(ws, [aWorkspace(), aClient('c1'), aClient('c2'), anInvoice('c1', 'i1', '8500.00', '2026-03-01'), anInvoice('c2', 'i2', '100.00', '2026-03-01'),
        aPayment('c1', 'p1', '500.00', '2026-03-02'), aRequest('c2', 'r1', '2026-03-04'), raw('work.paused', { clientId: 'c2', reason: 'unpaid' })]);
    });

    it('passes when every stored row is what the ledger gives, and says how many it recomputed', async () => {
      expect(await verify(ws, true)).toMatchObject({ ok: true, events: 8, readModels: { rows: 10, differenceCount: 0, differences: [] } });
    });

    it('names the table, key, column, stored and recomputed value of forged totals and names, and writes nothing', async () => {
      await sql(`update invoice set open_minor = 0 where workspace_id = ? and invoice_id = 'i1'`, ws);
      await sql(`update client set name = 'Someone Else' where workspace_id = ? and client_id = 'c2'`, ws);
      const before = await dumpViews(store.db, ws);
      expect(await verify(ws, true)).toEqual({
        ok: false, events: 8, head: expect.objectContaining({ seq: 8 }), reason: '2 read-model values differ from what the ledger gives',
        readModels: {
          rows: 10, differenceCount: 2, differences: [
            { table: 'client', key: { client_id: 'c2' }, column: 'name', stored: 'Someone Else', recomputed: 'Client c2' },
            { table: 'invoice', key: { invoice_id: 'i1' }, column: 'open_minor', stored: 0, recomputed: 800_000 },
          ],
        },
      });
      expect(await dumpViews(store.db, ws)).toEqual(before);
      expect(await verify(ws)).toMatchObject({ ok: true });
    });

    it('names a flag only SQL would read differently, a row missing and a row the ledger does not give', async () => {
      await sql(`update client set paused = 2 where workspace_id = ? and client_id = 'c2'`, ws);
      await sql(`delete from request where workspace_id = ?`, ws);
      await sql(`insert into time_entry (workspace_id, event_id, client_id, date, minutes, kind) values (?, 'forged', 'c1', '2026-03-01', 600, 'work')`, ws);
      const result = await verify(ws, true);
      expect(result).toMatchObject({ ok: false, readModels: { differenceCount: 3 } });
      expect(!result.ok && 'readModels' in result && result.readModels.differences).toEqual([
        { table: 'client', key: { client_id: 'c2' }, column: 'paused', stored: 2, recomputed: 1 },
        { table: 'request', key: { request_id: 'r1' }, column: null, stored: null, recomputed: expect.objectContaining({ request_id: 'r1', client_id: 'c2', status: 'open' }) },
        { table: 'time_entry', key: { event_id: 'forged' }, column: null, stored: expect.objectContaining({ minutes: 600 }), recomputed: null },
      ]);
    });

    it('names forged workspace settings', async () => {
      await sql(`update workspace_settings set target_rate_minor = 1 where workspace_id = ?`, ws);
      expect(await verify(ws, true)).toMatchObject({
        ok: false, readModels: { differences: [{ table: 'workspace_settings', key: { workspace_id: ws }, column: 'target_rate_minor', stored: 1, recomputed: 65_000 }] },
      });
    });
  });

  it('lists the first 100 differences in key order and counts them all', async () => {
    const entries = Array.from({ length: 120 }, (_, i) => raw('time.logged', { clientId: 'c1', date: '2026-03-01', minutes: 30, kind: 'work' }, { id: `t${String(i).padStart(3, '0')}` }));
    await append(ws, [aWorkspace(), aClient('c1'), ...entries]);
    await sql(`update time_entry set minutes = 31 where workspace_id = ?`, ws);
    const result = await verify(ws, true);
    const check = !result.ok && 'readModels' in result ? result.readModels : undefined;
    expect(check?.differenceCount).toBe(120);
    expect(check?.differences.map((d) => d.key.event_id)).toEqual(entries.slice(0, 100).map((e) => e.id));
  });

  it('passes with the read models on every shared scenario and the demo agency, as imported', async () => {
    const ctx = appContext(store);
    for (const file of [...scenarioFiles(), demoFile]) {
      const id = `${ws}-${basename(file, '.jsonl')}`;
      expect((await importLedger(ctx, id, [file])).rejected).toEqual([]);
      expect(await verify(id, true), file).toMatchObject({ ok: true, readModels: { differenceCount: 0 } });
    }
  });

  describe('any single tampered column', () => {
    const ledgerColumns = ['workspace_id', 'seq', 'id', 'type', 'at', 'recorded_at', 'client_id', 'data', 'prev_hash', 'hash'] as const;
    const viewTables = ['workspace_settings', 'client', 'contact', 'contract', 'deliverable', 'revision', 'request', 'access_grant',
      'invoice', 'credit', 'payment', 'allocation', 'message', 'time_entry', 'incident'] as const;

    function changed(column: string, value: unknown, flip: boolean, otherClient: string): unknown {
      switch (column) {
        case 'seq': return Number(value) + 1_000;
        case 'type': return value === 'time.logged' ? 'incident.noted' : 'time.logged';
        case 'at': case 'recorded_at': return String(value).replace('2026', '2027');
        case 'client_id': return value === null ? otherClient : flip ? null : value === otherClient ? 'c-other' : otherClient;
        case 'data': return flip ? `${String(value)} ` : String(value).replace(/"([^"]*)"/, '"$1x"');
        case 'prev_hash': case 'hash': return (String(value).startsWith('a') ? 'b' : 'a') + String(value).slice(1);
        default: return `${String(value)}x`;
      }
    }

    it('in ledger_event makes verify fail; the untampered ledger passes', async () => {
      let run = 0;
      await fc.assert(fc.asyncProperty(arbitraryLedger({ maxSteps: 25 }), fc.nat(), fc.constantFrom(...ledgerColumns), fc.boolean(), async (ledger, pick, column, flip) => {
        const id = `${ws}p${++run}`;
        await append(id, ledger.map((e) => ({ ...e, id: `${id}${e.id}` })));
        expect(await verify(id)).toMatchObject({ ok: true, events: ledger.length });
        const rows = await sql(`select * from ledger_event where workspace_id = ? order by seq`, id) as Record<string, unknown>[];
        const row = rows[pick % rows.length]!;
        const client = rows.find((r) => r.client_id !== null)!.client_id as string;
        if (column === 'workspace_id') {
          await ensureWorkspace(store.db, `${id}-other`, now());
          await sql(`update ledger_event set workspace_id = ? where workspace_id = ? and seq = ?`, `${id}-other`, id, row.seq);
        } else {
          await sql(`update ledger_event set ${column} = ? where workspace_id = ? and seq = ?`, changed(column, row[column], flip, client), id, row.seq);
        }
        expect(await verify(id)).toMatchObject({ ok: false });
      }), { seed: 1919, numRuns: 25 });
    });

    it('of a read model makes verify --read-models fail naming that table', async () => {
      let run = 0;
      await fc.assert(fc.asyncProperty(arbitraryLedger({ maxSteps: 25 }), fc.nat(), fc.nat(), fc.constantFrom(...viewTables), async (ledger, pickRow, pickColumn, wanted) => {
        const id = `${ws}q${++run}`;
        await append(id, ledger.map((e) => ({ ...e, id: `${id}${e.id}` })));
        expect(await verify(id, true)).toMatchObject({ ok: true, readModels: { differenceCount: 0 } });
        // The table wanted, or the next one with rows.
        let table: string = wanted;
        let rows: Record<string, unknown>[] = [];
        for (let i = viewTables.indexOf(wanted); rows.length === 0; i = (i + 1) % viewTables.length) {
          table = viewTables[i]!;
          rows = await sql(`select * from ${table} where workspace_id = ?`, id) as Record<string, unknown>[];
        }
        const row = rows[pickRow % rows.length]!;
        const columns = Object.keys(row).filter((c) => c !== 'workspace_id');
        const column = columns[pickColumn % columns.length]!;
        const key = Object.keys(row).filter((c) => c !== column);
        const where = key.map((c) => (row[c] === null ? `${c} is null` : `${c} = ?`)).join(' and ');
        const whereValues = key.filter((c) => row[c] !== null).map((c) => row[c]);
        const value = row[column];
        const candidates = typeof value === 'number' ? [value + 1] : value === null ? ['x', 7] : [`${String(value)}x`];
        let tampered = false;
        for (const candidate of candidates) {
          // A constraint may refuse it (a client's id that other rows reference, a key taken): try the next, or draw again.
          tampered = await sql(`update ${table} set ${column} = ? where ${where}`, candidate, ...whereValues).then(() => true, () => false);
          if (tampered) break;
        }
        fc.pre(tampered);
        const result = await verify(id, true);
        expect(result).toMatchObject({ ok: false, readModels: { differences: expect.arrayContaining([expect.objectContaining({ table })]) } });
      }), { seed: 1919, numRuns: 25 });
    });
  });
});
