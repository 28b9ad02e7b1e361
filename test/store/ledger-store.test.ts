import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvents, LedgerAppender, readEvents, verifyLedger } from '../../src/store/ledger-store.ts';
import { rebuildViews } from '../../src/store/rebuild.ts';
import { dumpViews } from '../../src/store/views/view-store.ts';
import { getClient, listClients } from '../../src/store/views/client-queries.ts';
import { sha256Hex } from '../../src/store/hash.ts';
import type { IsoInstant } from '../../src/core/dates.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aClient, anInvoice, aPayment, aRequest, aWorkspace, parsed, raw } from '../support/events.ts';

const now = () => '2026-11-27T10:00:00.000Z' as IsoInstant;
const WS = 'w1';

describe.each(testDatabases())('ledger store on $name', ({ open }) => {
  let store: TestStore;
  beforeEach(async () => { store = await open(); });
  afterEach(async () => { await store.close(); });

  const append = (ws: string, ...events: Parameters<typeof parsed>) => appendEvents(store.db, { workspaceId: ws, dialect: store.dialect, sha256: sha256Hex, now }, parsed(...events));
  const count = async (table: string) => Number(((await store.raw(`select count(*) as n from ${table}`))[0] as { n: number | string }).n);

  it('appends events with consecutive seq and a chain that verifies', async () => {
    await append(WS, aWorkspace(), aClient('c1'), anInvoice('c1', 'inv1', '1000.00', '2026-03-01'));
    const events = await readEvents(store.db, WS, {}, { limit: 10 });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(await verifyLedger(store.db, WS, sha256Hex)).toMatchObject({ ok: true, events: 3, head: { seq: 3, hash: events[2]?.hash } });
  });

  it('adds nothing when the same events are appended again', async () => {
    const batch = [aClient('c1', { id: 'e1' }), anInvoice('c1', 'inv1', '1000.00', '2026-03-01', { id: 'e2' })];
    expect(await append(WS, ...batch)).toMatchObject({ appended: 2, skipped: 0 });
    expect(await append(WS, ...batch)).toMatchObject({ appended: 0, skipped: 2 });
    expect(await count('ledger_event')).toBe(2);
  });

  it('refuses a second event with a known id but different content, and writes nothing', async () => {
    await append(WS, aClient('c1', { id: 'e1' }));
    await expect(append(WS, aClient('c2'), aClient('c9', { id: 'e1' }))).rejects.toMatchObject({
      code: 'import.rejected', details: { eventId: 'e1', reason: expect.stringContaining('already used by a different event (at seq 1)') },
    });
    expect(await count('ledger_event')).toBe(1);
    expect(await count('client')).toBe(1);
  });

  it('refuses an event about a client that is not on record, leaving ledger and read models as they were', async () => {
    await append(WS, aClient('c1'));
    const before = await dumpViews(store.db, WS);
    await expect(append(WS, anInvoice('c1', 'inv1', '10.00', '2026-03-01'), anInvoice('ghost', 'inv2', '10.00', '2026-03-01')))
      .rejects.toMatchObject({ code: 'import.rejected', details: { reason: 'client "ghost" is not on record' } });
    expect(await dumpViews(store.db, WS)).toEqual(before);
    expect(await count('ledger_event')).toBe(1);
  });

  it('keeps workspaces apart: same ids, separate chains and read models', async () => {
    await append('w1', aClient('c1', { id: 'e1' }));
    await append('w2', aClient('c1', { id: 'e1' }), aClient('c2'));
    expect((await listClients(store.db, 'w1')).map((c) => c.client.clientId)).toEqual(['c1']);
    expect((await listClients(store.db, 'w2')).map((c) => c.client.clientId)).toEqual(['c1', 'c2']);
    expect(await getClient(store.db, 'w1', 'c2')).toBeUndefined();
    expect(await verifyLedger(store.db, 'w2', sha256Hex)).toMatchObject({ ok: true, events: 2 });
  });

  it('settles invoices from payments across batches: named first, then oldest first', async () => {
    await append(WS, aClient('c1'), anInvoice('c1', 'feb', '1000.00', '2026-02-01'), anInvoice('c1', 'mar', '1000.00', '2026-03-01'));
    await append(WS, aPayment('c1', 'p1', '1500.00', '2026-03-05'));
    await append(WS, aPayment('c1', 'p2', '700.00', '2026-03-20', ['mar']));
    const detail = await getClient(store.db, WS, 'c1');
    expect(detail?.invoices.map((i) => [i.invoiceId, i.paidMinor, i.openMinor, i.settledOn])).toEqual([
      ['feb', 100_000, 0, '2026-03-05'],
      ['mar', 100_000, 0, '2026-03-20'],
    ]);
    expect(detail?.payments.map((p) => [p.paymentId, p.unallocatedMinor])).toEqual([['p1', 0], ['p2', 20_000]]);
  });

  it('keeps the workspace\'s rules across batches and a later reconfiguration', async () => {
    await append(WS, aWorkspace());
    await append(WS, raw('workspace.rules', { rules: { latePayer: { graceDays: 5 } } }));
    await append(WS, aWorkspace());
    const views = await dumpViews(store.db, WS);
    expect(views.workspaceSettings).toEqual([expect.objectContaining({ name: 'Studio Test', rules: { latePayer: { graceDays: 5 } } })]);
    await rebuildViews(store.db, store.dialect, WS);
    expect(await dumpViews(store.db, WS)).toEqual(views);
  });

  it('refuses rules for a workspace not configured yet', async () => {
    await expect(append('bare', raw('workspace.rules', { rules: {} }))).rejects.toMatchObject({ code: 'import.rejected' });
  });

  it('marks work paused and resumed on the client', async () => {
    await append(WS, aClient('c1'), raw('work.paused', { clientId: 'c1', reason: 'invoice 7 unpaid' }, { at: '2026-04-01T08:00:00Z' }));
    expect((await getClient(store.db, WS, 'c1'))?.client).toMatchObject({ paused: true, pausedAt: '2026-04-01T08:00:00.000Z', pauseReason: 'invoice 7 unpaid' });
    await append(WS, raw('work.resumed', { clientId: 'c1', reason: 'paid' }));
    expect((await getClient(store.db, WS, 'c1'))?.client).toMatchObject({ paused: false, pausedAt: null });
  });

  it('replaces a client\'s contacts across batches, removing those no longer listed, as rebuild does', async () => {
    const contacts = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `P${i}`, email: `p${i}@c1.example` }));
    await append(WS, aWorkspace(), raw('client.added', { clientId: 'c1', name: 'C1', locale: 'da', contacts: contacts(3) }), aClient('c2'));
    await append(WS, raw('client.updated', { clientId: 'c1', contacts: [{ name: 'Only', email: 'only@c1.example' }] }));
    expect((await getClient(store.db, WS, 'c1'))?.contacts.map((c) => c.email)).toEqual(['only@c1.example']);
    // Another client's contacts are not touched.
    expect((await getClient(store.db, WS, 'c2'))?.contacts).toHaveLength(1);
    const appended = await dumpViews(store.db, WS);
    await rebuildViews(store.db, store.dialect, WS, 3);
    expect(await dumpViews(store.db, WS)).toEqual(appended);
  });

  it('rebuilds every read model to exactly what appending produced', async () => {
    await append(WS, aWorkspace(), aClient('c1'), aClient('c2'), anInvoice('c1', 'i1', '500.00', '2026-03-01'),
      aPayment('c1', 'p1', '200.00', '2026-03-03'), aRequest('c2', 'r1', '2026-03-04'),
      raw('request.answered', { requestId: 'r1', channel: 'email' }), raw('invoice.credited', { invoiceId: 'i1', amount: { amount: '50.00', currency: 'DKK' } }));
    const before = await dumpViews(store.db, WS);
    await store.raw('update invoice set open_minor = 1 where invoice_id = ?', ['i1']);
    await store.raw('delete from request');
    expect(await rebuildViews(store.db, store.dialect, WS, 3)).toEqual({ events: 8 });
    expect(await dumpViews(store.db, WS)).toEqual(before);
  });

  describe('tampering', () => {
    beforeEach(async () => {
      await append(WS, aWorkspace(), aClient('c1'), anInvoice('c1', 'i1', '8500.00', '2026-03-01'), aPayment('c1', 'p1', '8500.00', '2026-03-02'), aClient('c2'));
    });

    it('names the seq whose data was changed by one byte', async () => {
      await store.raw(`update ledger_event set data = replace(data, '8500.00', '8500.01') where seq = 3`);
      expect(await verifyLedger(store.db, WS, sha256Hex)).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining('content was changed') });
    });

    it('names the seq whose data is no longer JSON', async () => {
      await store.raw(`update ledger_event set data = substr(data, 2) where seq = 4`);
      expect(await verifyLedger(store.db, WS, sha256Hex)).toMatchObject({ ok: false, seq: 4 });
    });

    it('names the seq where an event was deleted', async () => {
      await store.raw('delete from ledger_event where seq = 2');
      expect(await verifyLedger(store.db, WS, sha256Hex)).toMatchObject({ ok: false, seq: 2, reason: expect.stringContaining('missing') });
    });

    it('notices the last event deleted', async () => {
      await store.raw('delete from ledger_event where seq = 5');
      expect(await verifyLedger(store.db, WS, sha256Hex)).toMatchObject({ ok: false, seq: 5, reason: expect.stringContaining('removed') });
    });

    it('notices an event slipped in past the head', async () => {
      await store.raw(`insert into ledger_event (workspace_id, seq, id, type, at, recorded_at, client_id, data, prev_hash, hash)
        select workspace_id, 6, 'forged', type, at, recorded_at, client_id, data, hash, hash from ledger_event where seq = 5`);
      expect(await verifyLedger(store.db, WS, sha256Hex)).toMatchObject({ ok: false, seq: 6 });
    });

    it('names the first of two swapped events', async () => {
      await store.raw('update ledger_event set seq = -1 where seq = 3');
      await store.raw('update ledger_event set seq = 3 where seq = 4');
      await store.raw('update ledger_event set seq = 4 where seq = -1');
      expect(await verifyLedger(store.db, WS, sha256Hex)).toMatchObject({ ok: false, seq: 3 });
    });

    it('notices an event re-hashed to fit, because the next one no longer follows', async () => {
      await store.raw(`update ledger_event set hash = ? where seq = 2`, ['f'.repeat(64)]);
      expect(await verifyLedger(store.db, WS, sha256Hex)).toMatchObject({ ok: false, seq: 2 });
    });
  });

  it('serialises two appenders on one workspace so seq never forks', async () => {
    await append(WS, aClient('c1'));
    const writers = [0, 1, 2, 3].map((n) => store.db.transaction().execute(async (trx) => {
      const appender = await LedgerAppender.open(trx, { workspaceId: WS, dialect: store.dialect, sha256: sha256Hex, now });
      await appender.append(parsed(...Array.from({ length: 20 }, (_, i) => aRequest('c1', `r${n}_${i}`, '2026-04-01'))));
      await appender.close();
    }));
    await Promise.all(writers);
    expect(await verifyLedger(store.db, WS, sha256Hex)).toMatchObject({ ok: true, events: 81 });
  });
});
