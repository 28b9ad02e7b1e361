import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { exportLedger } from '../../src/app/export-ledger.ts';
import { rebuildWorkspace, verifyWorkspace } from '../../src/app/maintain-ledger.ts';
import { dumpViews } from '../../src/store/views/view-store.ts';
import { listClients } from '../../src/store/views/client-queries.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { useTestApp } from '../support/app.ts';
import { demoFile, scenarioFiles } from '../support/paths.ts';
import { aClient, anInvoice, aWorkspace, jsonl, raw } from '../support/events.ts';

const tmp = mkdtempSync(join(tmpdir(), 'firmly-import-'));
const write = (name: string, text: string | Buffer) => {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
};

async function exported(ctx: AppContext, ws: string, clientId?: string): Promise<string[]> {
  const lines: string[] = [];
  await exportLedger(ctx, ws, { clientId }, (line) => lines.push(line));
  return lines;
}

/** The facts of an exported line, without what this ledger added (seq, recordedAt, hashes). */
const facts = (line: string) => {
  const { id, type, at, data } = JSON.parse(line);
  return { id, type, at, data };
};

describe.each(testDatabases())('importing ledgers on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  useTestApp(open, (s, c) => { store = s; ctx = c; });

  const counts = async () => {
    const rows = await store.raw('select count(*) as n from ledger_event');
    return { events: Number((rows[0] as { n: number | string }).n), views: await dumpViews(store.db, 'ws') };
  };

  it.each(scenarioFiles().map((f) => [basename(f), f]))('imports scenario %s completely, and again adds nothing', async (_name, file) => {
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).length;
    const first = await importLedger(ctx, 'ws', [file]);
    expect(first).toMatchObject({ lines, appended: lines, skipped: 0, rejected: [] });
    const second = await importLedger(ctx, 'ws', [file]);
    expect(second).toMatchObject({ appended: 0, skipped: lines, rejected: [] });
    expect(await verifyWorkspace(ctx, 'ws')).toMatchObject({ ok: true, events: lines });
  });

  it.each(scenarioFiles().map((f) => [basename(f), f]))('reproduces scenario %s from its export in an empty workspace', async (_name, file) => {
    await importLedger(ctx, 'source', [file]);
    const out = await exported(ctx, 'source');
    const copy = write(`export-${basename(file)}`, out.join(''));
    expect(await importLedger(ctx, 'copy', [copy])).toMatchObject({ appended: out.length, rejected: [] });
    expect((await exported(ctx, 'copy')).map(facts)).toEqual(out.map(facts));
    expect(await dumpViews(store.db, 'copy')).toEqual(await dumpViews(store.db, 'source'));
  });

  it('imports the demo workspace: at least eight clients in DKK, EUR and GBP, and rebuilds it identically', async () => {
    const report = await importLedger(ctx, 'demo', [demoFile]);
    expect(report.rejected).toEqual([]);
    const views = await dumpViews(store.db, 'demo');
    expect(await rebuildWorkspace(ctx, 'demo')).toEqual({ events: report.appended });
    expect(await dumpViews(store.db, 'demo')).toEqual(views);
    const clients = await listClients(store.db, 'demo');
    expect(clients.length).toBeGreaterThanOrEqual(8);
    expect(new Set(clients.map((c) => c.client.currency))).toEqual(new Set(['DKK', 'EUR', 'GBP']));
    expect(new Set(clients.map((c) => c.client.locale))).toEqual(new Set(['da', 'en']));
  });

  it('exports one client\'s events only, and they import alone', async () => {
    await importLedger(ctx, 'ws', [scenarioFiles()[0] as string]);
    const all = await exported(ctx, 'ws');
    const mine = await exported(ctx, 'ws', 'c1');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length);
    expect(await importLedger(ctx, 'solo', [write('c1.jsonl', mine.join(''))])).toMatchObject({ rejected: [] });
    expect((await listClients(store.db, 'solo')).map((c) => c.client.clientId)).toEqual(['c1']);
  });

  const good = [aWorkspace(), aClient('c1'), anInvoice('c1', 'i1', '100.00', '2026-03-01')].map((e) => JSON.stringify(e));
  const badLines: [string, string, RegExp][] = [
    ['invalid JSON', '{"id":"x","type":', /invalid JSON/],
    ['an unknown type', JSON.stringify(raw('invoice.paid', { invoiceId: 'i1' })), /unknown event type "invoice\.paid"/],
    ['a missing field', JSON.stringify(raw('request.sent', { requestId: 'r', clientId: 'c1', kind: 'feedback', subject: 's' })), /data\.dueDate/],
    ['money as a float', JSON.stringify(raw('payment.received', { paymentId: 'p', clientId: 'c1', date: '2026-03-02', amount: { amount: 100.5, currency: 'DKK' } })), /data\.amount\.amount: amounts are decimal strings/],
    ['an impossible date', JSON.stringify(raw('invoice.issued', { invoiceId: 'i9', clientId: 'c1', number: '9', issueDate: '2026-02-30', dueDate: '2026-03-01', total: { amount: '1.00', currency: 'DKK' } })), /data\.issueDate: "2026-02-30" is not a date/],
    ['a client not on record', JSON.stringify(anInvoice('nobody', 'i8', '1.00', '2026-03-01')), /client "nobody" is not on record/],
  ];

  it.each(badLines)('rejects a file with %s, naming the line, and writes nothing', async (_what, bad, reason) => {
    await importLedger(ctx, 'ws', [write('base.jsonl', jsonl(aWorkspace({ id: 'base' })))]);
    const before = await counts();
    const file = write('bad.jsonl', [...good.slice(0, 2), bad, good[2]].join('\n') + '\n');
    const report = await importLedger(ctx, 'ws', [file]);
    expect(report.appended).toBe(0);
    expect(report.rejected).toEqual([{ file, line: 3, reason: expect.stringMatching(reason) }]);
    expect(await counts()).toEqual(before);
  });

  it('reports every malformed line of every file, not only the first', async () => {
    const a = write('a.jsonl', ['{', good[0], 'nope'].join('\n'));
    const b = write('b.jsonl', [good[1], '', '[1]'].join('\n'));
    const report = await importLedger(ctx, 'ws', [a, b]);
    expect(report.rejected.map((r) => `${basename(r.file)}:${r.line}`)).toEqual(['a.jsonl:1', 'a.jsonl:3', 'b.jsonl:3']);
    expect((await counts()).events).toBe(0);
  });

  it('rejects a batch-crossing reference error after earlier batches were written, and rolls them back', async () => {
    const lines = [aWorkspace(), aClient('c1'), ...Array.from({ length: 30 }, (_, i) => anInvoice('c1', `i${i}`, '1.00', '2026-03-01')), anInvoice('c2', 'late', '1.00', '2026-03-01')];
    const report = await importLedger(ctx, 'ws', [write('big.jsonl', jsonl(...lines))], { batchSize: 7 });
    expect(report.rejected).toEqual([expect.objectContaining({ line: 33, reason: 'client "c2" is not on record' })]);
    expect((await counts()).events).toBe(0);
  });
  // Issue 19, F1: what reaches the ledger is exactly what was hashed, or the line is refused.
  describe('text that is not what the ledger would store', () => {
    const withLine3 = (bad: Buffer) => Buffer.concat([Buffer.from(good.slice(0, 2).join('\n') + '\n'), bad, Buffer.from('\n' + good[2] + '\n')]);
    const refusedAt3 = async (bytes: Buffer, reason: string | RegExp) => {
      await importLedger(ctx, 'ws', [write('base.jsonl', jsonl(aWorkspace({ id: 'base' })))]);
      const before = await counts();
      const file = write('bad.jsonl', bytes);
      const report = await importLedger(ctx, 'ws', [file]);
      expect(report).toMatchObject({ appended: 0, rejected: [{ file, line: 3, reason: typeof reason === 'string' ? reason : expect.stringMatching(reason) }] });
      expect(await counts()).toEqual(before);
      expect(await verifyWorkspace(ctx, 'ws')).toMatchObject({ ok: true });
    };

    it('refuses a line with invalid UTF-8 bytes, naming the line and the byte, and writes nothing', async () => {
      const line = Buffer.concat([Buffer.from('{"id":"e9","type":"incident.noted","at":"2026-03-01T09:00:00Z","data":{"clientId":"c1","severity":"low","summary":"caf'), Buffer.from([0xe9]), Buffer.from('"}}')]);
      const offset = good[0]!.length + good[1]!.length + 2 + line.indexOf(0xe9);
      await refusedAt3(withLine3(line), `not valid UTF-8: byte ${line.indexOf(0xe9) + 1} of the line (offset ${offset} in the file) cannot be decoded`);
    });

    it('refuses an encoded surrogate (ED A0 80), which a lenient decoder turns into U+FFFD', async () => {
      await refusedAt3(withLine3(Buffer.concat([Buffer.from('{"id":"x'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')])), /^not valid UTF-8: byte 9 of the line/);
    });

    it('refuses an id with a lone surrogate written as a JSON escape', async () => {
      await refusedAt3(withLine3(Buffer.from(JSON.stringify(aClient('c2', { id: 'x\udc00y' })))), 'id: contains a lone surrogate (U+DC00) at character 2');
    });

    it('refuses a NUL in a name', async () => {
      const named = aClient('c2');
      await refusedAt3(withLine3(Buffer.from(JSON.stringify({ ...named, data: { ...named.data, name: 'C\u0000' } }))),
        'data.name: contains NUL (U+0000) at character 2');
    });

    it('refuses a request due in year 1, and says the range', async () => {
      await refusedAt3(withLine3(Buffer.from(JSON.stringify(raw('request.sent', { requestId: 'r1', clientId: 'c1', kind: 'feedback', subject: 's', dueDate: '0001-01-02' })))),
        'request.sent: data.dueDate: 0001-01-02 is outside the dates Firmly supports (1970-01-01 to 2199-12-31)');
    });

    it('accepts a BOM on line 1, CRLF line ends and characters split across chunks of the stream', async () => {
      const named = aClient('c2');
      const text = '\uFEFF' + [good[0], good[1], JSON.stringify({ ...named, data: { ...named.data, name: 'Ærø 😀' } })].join('\r\n') + '\r\n';
      const bytes = Buffer.from(text, 'utf8');
      // One byte at a time: every multi-byte character and every CRLF is split across chunks.
      const chunks = Array.from(bytes, (b) => Buffer.from([b]));
      const report = await importLedger(ctx, 'ws', [{ name: 'bytes', open: () => Readable.from(chunks) }]);
      expect(report).toMatchObject({ lines: 3, appended: 3, rejected: [] });
      const names = await store.raw("select data from ledger_event where workspace_id = 'ws' and type = 'client.added' order by seq") as { data: string }[];
      expect(names.map((r) => JSON.parse(r.data).name)).toEqual(['Client c1', 'Ærø 😀']);
      expect(await verifyWorkspace(ctx, 'ws')).toMatchObject({ ok: true, events: 3 });
    });
  });
});
