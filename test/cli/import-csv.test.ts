import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/context.ts';
import { getClient } from '../../src/app/read-clients.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { runFirmly } from '../support/cli.ts';
import { aClient, aWorkspace, jsonl } from '../support/events.ts';

const tmp = mkdtempSync(join(tmpdir(), 'firmly-import-csv-'));
let written = 0;
const write = (text: string, name = `accounts-${++written}.csv`) => {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
};

const firmly = runFirmly;

const english = [
  'type,number,client,date,due,amount,currency,invoice,note',
  'invoice,INV-1,acme,2026-03-01,2026-03-31,"1,250.00",DKK,,',
  'invoice,INV-2,acme,2026-04-01,2026-04-30,"1,250.00",DKK,,',
  'credit,CN-1,acme,2026-04-02,,250.00,DKK,INV-2,"discount, as agreed"',
  'payment,BANK-1,acme,2026-04-10,,1500.00,DKK,,',
].join('\n') + '\n';

describe.each(testDatabases())('firmly import-csv on $name', ({ open }) => {
  let store: TestStore;
  let env: Record<string, string>;
  beforeEach(async () => {
    store = await open();
    env = { ...store.env, FIRMLY_WORKSPACE: 'agency' };
    const setup = write(jsonl(aWorkspace(), aClient('acme'), aClient('beta')), `setup-${written}.jsonl`);
    expect((await firmly(env, '', 'import', setup)).code).toBe(0);
  });
  afterEach(async () => { await store.close(); });

  const ledgerSize = async () => Number(((await store.raw('select count(*) as n from ledger_event')) as { n: number | string }[])[0]?.n);
  const acme = async () => getClient(appContext(store), 'agency', 'acme');

  it('imports invoices, credit notes and payments and prints what it wrote', async () => {
    const outcome = await firmly(env, '', 'import-csv', write(english));
    expect(outcome).toEqual({
      code: 0, stderr: '',
      stdout: 'Imported 4 rows: wrote 2 invoices, 1 credit note, 1 payment; already in the ledger: 0 invoices, 0 credit notes, 0 payments.\n',
    });
    expect(await ledgerSize()).toBe(3 + 4);
  });

  it('shows the payment allocated, oldest invoice first, in the client\'s invoices', async () => {
    await firmly(env, '', 'import-csv', write(english));
    const { invoices, payments } = await acme();
    expect(invoices.map((i) => [i.number, i.paidMinor, i.creditedMinor, i.openMinor])).toEqual([
      ['INV-1', 125_000, 0, 0],
      ['INV-2', 25_000, 25_000, 75_000],
    ]);
    expect(payments.map((p) => [p.paymentId, p.unallocatedMinor])).toEqual([['BANK-1', 0]]);
  });

  it('adds nothing when the same file is imported again', async () => {
    const file = write(english);
    await firmly(env, '', 'import-csv', file);
    const size = await ledgerSize();
    const again = await firmly(env, '', 'import-csv', file, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      rows: 4, written: { invoices: 0, credits: 0, payments: 0 }, skipped: { invoices: 2, credits: 1, payments: 1 }, rejected: [], moreRejected: 0,
    });
    expect(await ledgerSize()).toBe(size);
  });

  it('writes nothing for a file with one bad row, exits 1 and names the row and the column', async () => {
    const size = await ledgerSize();
    // Unquoted, the decimal comma splits the amount in two: the row has one field too many.
    const file = write(english.replace('250.00,DKK,INV-2', '12,3x,DKK,INV-2'));
    const outcome = await firmly(env, '', 'import-csv', file);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(`${file}: line 4: 10 fields, but the header has 9 columns; in a file separated by commas, quote amounts written with a comma ("1234,50", "1,234.50")\n`
      + 'firmly: import rejected: 1 problem; nothing was written\n');
    const quoted = write(english.replace('250.00,DKK,INV-2', '"12,3x",DKK,INV-2'));
    const second = await firmly(env, '', 'import-csv', quoted);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`${quoted}: line 4, column amount: '12,3x' is not an amount\n`);
    expect(await ledgerSize()).toBe(size);
  });

  it('reads a Danish export: semicolons, decimal commas, day-first dates, a byte order mark and CRLF', async () => {
    const danish = '\uFEFFType;Fakturanr;Kunde;Dato;Forfaldsdato;Beløb;Valuta\r\n'
      + 'Faktura;1001;acme;01-03-2026;31-03-2026;1.234,50;DKK\r\n'
      + 'Betaling;1001;acme;15.03.2026;;1.234,50;DKK\r\n'
      + ';;;;;;\r\n';
    const outcome = await firmly(env, '', 'import-csv', write(danish));
    expect(outcome.stdout).toBe('Imported 2 rows: wrote 1 invoice, 0 credit notes, 1 payment; already in the ledger: 0 invoices, 0 credit notes, 0 payments.\n');
    expect((await acme()).invoices.map((i) => [i.invoiceId, i.totalMinor, i.openMinor, i.settledOn])).toEqual([['1001', 123_450, 0, '2026-03-15']]);
  });

  it('takes the default currency and the decimal separator from the command line', async () => {
    const file = write('type;number;client;date;due;amount\ninvoice;7;beta;2026-03-01;2026-03-31;1.500\n');
    const ambiguous = await firmly(env, '', 'import-csv', file, '--currency', 'eur');
    expect(ambiguous.stderr).toContain("line 2, column amount: '1.500' is ambiguous");
    expect(await firmly(env, '', 'import-csv', file, '--currency', 'eur', '--decimal', 'comma')).toMatchObject({ code: 0 });
    const beta = await getClient(appContext(store), 'agency', 'beta');
    expect(beta.invoices.map((i) => [i.totalMinor, i.currency])).toEqual([[150_000, 'EUR']]);
  });

  it('reads standard input', async () => {
    expect(await firmly(env, english, 'import-csv', '-')).toMatchObject({ code: 0, stdout: expect.stringContaining('wrote 2 invoices') });
  });

  it('names every row of an unknown client', async () => {
    const outcome = await firmly(env, '', 'import-csv', write('type,number,client,date,due,amount,currency\ninvoice,1,zed,2026-03-01,2026-03-31,1,DKK\ninvoice,2,zed,2026-03-01,2026-03-31,1,DKK\n', 'zed.csv'));
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.split('\n').filter((line) => line.includes('zed.csv: line'))).toEqual([
      `${join(tmp, 'zed.csv')}: line 2, column client: no client 'zed' in this workspace: add the client first (a client.added event)`,
      `${join(tmp, 'zed.csv')}: line 3, column client: no client 'zed' in this workspace: add the client first (a client.added event)`,
    ]);
  });

  it('exits 2 on a missing file or a bad option', async () => {
    expect(await firmly(env, '', 'import-csv', join(tmp, 'nope.csv'))).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file') });
    expect(await firmly(env, '', 'import-csv', write(english), '--currency', 'kroner')).toMatchObject({ code: 2, stderr: expect.stringContaining('not an ISO 4217 currency code') });
    expect((await firmly(env, '', 'import-csv', write(english), '--decimal', 'dot')).code).toBe(2);
  });
});
