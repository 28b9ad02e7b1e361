import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { importAccountsCsv, splitCsv } from '../../src/app/import-accounts-csv.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { rebuildWorkspace, verifyWorkspace } from '../../src/app/maintain-ledger.ts';
import { getClient } from '../../src/app/read-clients.ts';
import { readEvents } from '../../src/store/ledger-store.ts';
import { asOf, replayClient } from '../../src/core/assess/replay.ts';
import type { ClientId } from '../../src/core/brand.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { describeProblem } from '../../src/core/csv/csv-table.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { useTestApp } from '../support/app.ts';
import { aClient, anInvoice, aWorkspace, jsonl } from '../support/events.ts';

const tmp = mkdtempSync(join(tmpdir(), 'firmly-csv-'));
let files = 0;
const write = (text: string | Uint8Array, name = `accounts-${++files}.csv`) => {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
};

const ws = 'csv';

const history = [
  'type;number;client;date;due;amount;currency;invoice;note',
  'invoice;2026-001;acme;01-03-2026;31-03-2026;10.000,00;DKK;;',
  'invoice;2026-002;acme;01-04-2026;30-04-2026;10.000,00;DKK;;',
  'invoice;2026-003;beta;01-04-2026;15-04-2026;1.500,00;EUR;;',
  'credit;KN-1;acme;03-04-2026;;2.000,00;DKK;2026-002;price agreed',
  'payment;B-1;acme;05-04-2026;;12.500,00;DKK;;',
  'payment;B-2;beta;20-04-2026;;1.000,00;EUR;2026-003;',
].join('\r\n') + '\r\n';

describe.each(testDatabases())('importing accounts from CSV on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  useTestApp(open, (s, c) => { store = s; ctx = c; });

  const setUp = () => importLedger(ctx, ws, [{ name: 'setup', open: () => Readable.from([jsonl(aWorkspace(), aClient('acme'), aClient('beta'))]) }]);
  const ledgerSize = async () => Number(((await store.raw('select count(*) as n from ledger_event')) as { n: number | string }[])[0]?.n);

  it('writes invoices, credit notes and payments, and allocates the payments to the client\'s invoices', async () => {
    await setUp();
    const report = await importAccountsCsv(ctx, ws, [write(history)]);
    expect(report).toEqual({
      rows: 6, written: { invoices: 3, credits: 1, payments: 2 }, skipped: { invoices: 0, credits: 0, payments: 0 }, rejected: [], moreRejected: 0,
    });
    const acme = await getClient(ctx, ws, 'acme');
    expect(acme.invoices.map((i) => [i.invoiceId, i.totalMinor, i.creditedMinor, i.paidMinor, i.openMinor, i.settledOn])).toEqual([
      ['2026-001', 1_000_000, 0, 1_000_000, 0, '2026-04-05'],
      ['2026-002', 1_000_000, 200_000, 250_000, 550_000, null],
    ]);
    expect(acme.payments.map((p) => [p.paymentId, p.amountMinor, p.unallocatedMinor])).toEqual([['B-1', 1_250_000, 0]]);
    const beta = await getClient(ctx, ws, 'beta');
    expect(beta.invoices.map((i) => [i.invoiceId, i.currency, i.openMinor])).toEqual([['2026-003', 'EUR', 50_000]]);
    expect((await verifyWorkspace(ctx, ws)).ok).toBe(true);
  });

  it('records the rows in the order an assessment replays them, so both see the same accounts', async () => {
    await setUp();
    // Listed out of order, with a payment on the day of the invoice it names.
    await importAccountsCsv(ctx, ws, [write([
      'type,number,client,date,due,amount,currency,invoice',
      'payment,P2,acme,2026-05-01,,300.00,DKK,',
      'payment,P1,acme,2026-04-01,,100.00,DKK,B',
      'invoice,B,acme,2026-04-01,2026-04-30,100.00,DKK,',
      'invoice,A,acme,2026-03-01,2026-03-31,250.00,DKK,',
    ].join('\n'))]);
    const events = await readEvents(store.db, ws, {}, { limit: 100 });
    const replayed = replayClient('acme' as ClientId, events, asOf('2026-12-31' as IsoDate, 'Europe/Copenhagen'));
    expect(replayed.anomalies).toEqual([]);
    const stored = (await getClient(ctx, ws, 'acme')).invoices;
    expect(stored.map((i) => [i.invoiceId, i.openMinor])).toEqual([['A', 0], ['B', 0]]);
    expect(stored).toEqual(['A', 'B'].map((id) => replayed.state.get('invoice', id)));
    await rebuildWorkspace(ctx, ws);
    expect((await getClient(ctx, ws, 'acme')).invoices).toEqual(stored);
  });

  it('adds nothing when the same file is imported again', async () => {
    await setUp();
    const file = write(history);
    await importAccountsCsv(ctx, ws, [file]);
    const size = await ledgerSize();
    const again = await importAccountsCsv(ctx, ws, [file]);
    expect(again).toMatchObject({ written: { invoices: 0, credits: 0, payments: 0 }, skipped: { invoices: 3, credits: 1, payments: 2 }, rejected: [] });
    expect(await ledgerSize()).toBe(size);
  });

  it('adds only the new rows when a longer export is imported over an earlier one', async () => {
    await setUp();
    await importAccountsCsv(ctx, ws, [write(history)]);
    const report = await importAccountsCsv(ctx, ws, [write(history.replace(/\r\n$/, '\r\ninvoice;2026-004;acme;01-05-2026;31-05-2026;500;DKK;;\r\n'))]);
    expect(report).toMatchObject({ written: { invoices: 1, credits: 0, payments: 0 }, skipped: { invoices: 3, credits: 1, payments: 2 } });
  });

  it('writes nothing when one row is bad, and names it', async () => {
    await setUp();
    const size = await ledgerSize();
    const report = await importAccountsCsv(ctx, ws, [write(history.replace('1.500,00;EUR', '1.500,0x;EUR'), 'bad.csv')]);
    expect(report.rejected.map(describeProblem)).toEqual(["line 4, column amount: '1.500,0x' is not an amount"]);
    expect(report.written).toEqual({ invoices: 0, credits: 0, payments: 0 });
    expect(await ledgerSize()).toBe(size);
  });

  it('names, in one run, the bad rows of the file and the rows the ledger refuses', async () => {
    await importLedger(ctx, ws, [{ name: 'setup', open: () => Readable.from([jsonl(aWorkspace(), aClient('acme'), anInvoice('acme', '500', '100.00', '2026-01-31'))]) }]);
    const size = await ledgerSize();
    const report = await importAccountsCsv(ctx, ws, [write([
      'type,number,client,date,due,amount,currency,invoice',
      'invoice,500,acme,2026-03-01,2026-03-31,100.00,DKK,',
      'invoice,501,nobody,2026-03-01,2026-03-31,100.00,DKK,',
      'payment,,acme,2026-03-05,,100.00,DKK,404',
      'invoice,502,acme,2026-03-01,2026-03-31,x,DKK,',
      'payment,,nobody,2026-03-05,,100.00,DKK,',
      'credit,,,2026-03-05,,10.00,DKK,501',
    ].join('\n'), 'mixed.csv')]);
    expect(report.rejected.map((p) => `${p.file.endsWith('mixed.csv')}: ${describeProblem(p)}`)).toEqual([
      'true: line 2: invoice "500" already exists',
      "true: line 3, column client: no client 'nobody' in this workspace: add the client first (a client.added event)",
      'true: line 4: invoice "404" is not on record',
      "true: line 5, column amount: 'x' is not an amount",
      "true: line 6, column client: no client 'nobody' in this workspace: add the client first (a client.added event)",
    ]);
    expect(await ledgerSize()).toBe(size);
  });

  it('refuses a row changed since it was imported, rather than record the document twice', async () => {
    await setUp();
    await importAccountsCsv(ctx, ws, [write(history)]);
    const report = await importAccountsCsv(ctx, ws, [write(history.replace('31-03-2026', '15-03-2026'))]);
    expect(report.rejected.map(describeProblem)).toEqual([expect.stringMatching(/^line 2: id "csv:invoice:2026-001" is already used by a different event \(at seq \d+\)$/)]);
  });

  it('reads UTF-8 with a byte order mark, CRLF, and quoted fields over several lines', async () => {
    await setUp();
    const header = '\uFEFFType;Nr;Kunde;Dato;Forfaldsdato;Beløb;Valuta;Fakturanr;Bemærkning\r\n';
    const rows = 'Faktura;1;acme;2026-03-01;2026-03-31;"1.000,00";DKK;;\r\n'
      + 'Kreditnota;;;2026-03-02;;100;DKK;1;"Rabat på\r\n""opstart"""\r\n';
    // The credit's note runs over lines 3 and 4, so the next row is on line 5.
    const bad = await importAccountsCsv(ctx, ws, [write(header + rows + 'Faktura;2;acme;2026-03-03;2026-03-31;1O0;DKK;;\r\n')]);
    expect(bad.rejected.map(describeProblem)).toEqual(["line 5, column Beløb: '1O0' is not an amount"]);
    expect(await importAccountsCsv(ctx, ws, [write(header + rows)])).toMatchObject({ written: { invoices: 1, credits: 1, payments: 0 } });
    const [credit] = await readEvents(store.db, ws, { types: ['invoice.credited'] }, { limit: 10 });
    expect(credit?.data).toMatchObject({ reason: 'Rabat på\n"opstart"' });
  });

  it('refuses a file that is not UTF-8, naming the line', async () => {
    await setUp();
    const latin1 = Uint8Array.from([...Buffer.from('type;client\ninvoice;K'), 0xf8, ...Buffer.from('benhavn\n')]);
    const report = await importAccountsCsv(ctx, ws, [write(latin1)]);
    expect(report.rejected.map(describeProblem)).toEqual([expect.stringMatching(/^line 2: the file is not UTF-8 text: save it as "CSV UTF-8"/)]);
  });

  it('names the line where an unclosed quote begins', async () => {
    await setUp();
    const report = await importAccountsCsv(ctx, ws, [write('type;client\n\ninvoice;acme\ninvoice;"acme\npayment;acme\n')]);
    expect(report.rejected.map(describeProblem)).toEqual(['line 4: a quoted field is never closed (a " is missing)']);
  });
});

describe('splitCsv', () => {
  const field = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.stringMatching(/^[a-zæøå0-9 .,;"\n-]{0,10}$/),
  );
  const quote = (value: string, separator: string) =>
    (value.includes(separator) || /["\n\r]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value);

  it('gives back every field written with ; or , and quoted where needed, on the line it starts', () => {
    fc.assert(fc.property(
      fc.constantFrom(';', ','), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 2, max: 5 }).chain((width) => fc.tuple(fc.constant(width), fc.array(fc.array(field, { minLength: width, maxLength: width }), { maxLength: 6 }))),
      (separator, newline, [width, rows]) => {
        const header = Array.from({ length: width }, (_, i) => `col${i}`);
        // Rows whose fields are all blank are skipped, as spreadsheets write them for empty rows.
        const kept = rows.filter((row) => row.some((value) => value.trim() !== ''));
        const text = [header, ...rows].map((row) => row.map((value) => quote(value, separator)).join(separator)).join(newline) + newline;
        const table = splitCsv('t.csv', text);
        if ('reason' in table) throw new Error(table.reason);
        expect(table.separator).toBe(separator);
        // A line break inside a quoted field comes back as \n, whichever the file used.
        expect(table.records.map((r) => r.fields)).toEqual(kept.map((row) => row.map((value) => value.replace(/\r\n?/g, '\n'))));
        let line = 2;
        const starts: number[] = [];
        for (const row of rows) {
          if (row.some((value) => value.trim() !== '')) starts.push(line);
          line += 1 + row.reduce((n, value) => n + (value.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
        }
        expect(table.records.map((r) => r.line)).toEqual(starts);
      },
    ), { numRuns: 500 });
  });
});
