import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFirmly } from '../support/cli.ts';
import { aClient, aWorkspace, jsonl } from '../support/events.ts';
import { asShownBytes, digestSqlite, expectNoCrash, fuzzParameters, fuzzTimeout, mutationsOf, oddText } from '../support/fuzz.ts';
import { demoFile, scenarioFiles } from '../support/paths.ts';

// `firmly import-csv` against hostile input, in-process on SQLite. Whatever the bytes: exit 0
// or 1 and never a stack trace; a refusal names FILE and line for every problem and leaves
// every table exactly as it was; an accepted import leaves a chain that verifies.

const dir = mkdtempSync(join(tmpdir(), 'firmly-fuzz-csv-'));
const env = { FIRMLY_DATA: dir, FIRMLY_WORKSPACE: 'agency' };
const input = join(dir, 'accounts.csv');
const escaped = input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Options = readonly string[];
const options: fc.Arbitrary<Options> = fc.constantFrom<Options>([], [], [], ['--currency', 'DKK'], ['--decimal', 'comma'], ['--decimal', 'point'], ['--currency', 'eur', '--decimal', 'comma']);

async function importChecked(bytes: Buffer, flags: Options): Promise<void> {
  writeFileSync(input, bytes);
  const before = digestSqlite(dir);
  const outcome = await runFirmly(env, '', 'import-csv', ...flags, input);
  expectNoCrash(outcome);
  if (outcome.code === 1) {
    const lines = outcome.stderr.trimEnd().split('\n');
    const summary = lines.pop();
    expect(summary, outcome.stderr).toMatch(/^firmly: import rejected: .*nothing was written$/);
    expect(lines.length, outcome.stderr).toBeGreaterThan(0);
    const named = new RegExp(`^${escaped}: line [1-9]\\d*(, column .+)?: \\S`);
    expect(lines[0]).toMatch(named);
    for (const line of lines) expect(line).toMatch(named);
    expect(digestSqlite(dir)).toEqual(before);
  } else {
    const verified = await runFirmly(env, '', 'verify');
    expect(verified, `accepted, then: ${verified.stderr}`).toMatchObject({ code: 0 });
  }
}

// ── structured inputs ───────────────────────────────────────────────────────────────────

/** A header for a column, written as people do: any alias, any case, stray spaces. */
const headerNames = {
  type: ['type', 'Type', 'Bilagstype', 'KIND'], number: ['number', 'Nummer', 'Ref', 'Bilagsnr'], client: ['client', 'Kunde', 'Customer ID', 'kunde_nr'],
  date: ['date', 'Dato', 'Invoice date', 'Bogføringsdato'], due: ['due', 'Forfald', 'Due date'], amount: ['amount', 'Beløb', 'Total', 'Beløb inkl. moms'],
  currency: ['currency', 'Valuta', 'CCY'], invoice: ['invoice', 'Faktura', 'Invoice no'], note: ['note', 'Tekst', 'Bemærkning', '#ignored'],
} as const;
type Column = keyof typeof headerNames;
const columns = Object.keys(headerNames) as Column[];

const dateText = fc.oneof(
  fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).chain((d) => {
    const [y, m, day] = d.toISOString().slice(0, 10).split('-') as [string, string, string];
    return fc.constantFrom(`${y}-${m}-${day}`, `${day}-${m}-${y}`, `${Number(day)}.${Number(m)}.${y}`, `${day}/${m}/${y}`, `${day}-${m}-${y.slice(2)}`);
  }),
  fc.constantFrom('2026-02-30', '0000-01-01', '9999-12-31', '2026-13-01', '31.02.2026', '', ' ', '2026-03-01T10:00'),
  oddText,
);
const amountText = fc.oneof(
  fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }).chain((minor) => {
    const units = Math.trunc(Math.abs(minor) / 100);
    const cents = String(Math.abs(minor) % 100).padStart(2, '0');
    const sign = minor < 0 ? '-' : '';
    const grouped = (sep: string) => String(units).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
    return fc.constantFrom(`${sign}${units}.${cents}`, `${sign}${units},${cents}`, `${sign}${grouped('.')},${cents}`, `${sign}${grouped(',')}.${cents}`,
      `${sign}${grouped(' ')},${cents}`, `${sign}${grouped('\u00A0')},${cents}`, `${sign}${units}`, `${sign}${grouped('.')}`);
  }),
  fc.constantFrom('9'.repeat(30), '1e5', '0', '0,00', '-0', '1.2.3', '12,345,67', 'NaN', 'Infinity', '1.234,567', '', '€100', '100 kr.'),
  oddText,
);
const cell = {
  type: fc.oneof(fc.constantFrom('invoice', 'Faktura', 'credit', 'kreditnota', 'payment', 'Betaling', 'indbetaling'), oddText),
  number: fc.oneof(fc.integer({ min: 1, max: 40 }).map((n) => `INV-${n}`), fc.constant('x'.repeat(101)), oddText),
  client: fc.oneof(fc.constantFrom('acme', 'beta', 'acme', 'gamma'), oddText),
  date: dateText,
  due: dateText,
  amount: amountText,
  currency: fc.oneof(fc.constantFrom('DKK', 'dkk', 'EUR', '', 'XXX', 'DK'), oddText),
  invoice: fc.oneof(fc.integer({ min: 1, max: 40 }).map((n) => `INV-${n}`), fc.constantFrom('INV-1 INV-2', 'INV-1,INV-1', 'INV-1+INV-3', ''), oddText),
  note: fc.oneof(oddText, fc.constant('y'.repeat(2001))),
};

/** Quotes a field as a spreadsheet would (always, or only when needed), not at all (a separator in a value then splits it), or opens a quote and forgets it. */
const quoting = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('needed', 'needed', 'always', 'never') }, { weight: 1, arbitrary: fc.constant('opened') });
function writeField(value: string, separator: string, how: string): string {
  const needs = value.includes(separator) || value.includes('"') || value.includes('\n') || value.includes('\r');
  if (how === 'never' || (how === 'needed' && !needs)) return value;
  if (how === 'opened') return `"${value}`; // a quote never closed, unless a later one closes it
  return `"${value.replace(/"/g, '""')}"`;
}

/** A row that imports: an invoice or a payment of a known client, in one of the written forms the format accepts. */
const validRow = fc.record({
  kind: fc.constantFrom('invoice', 'Faktura', 'payment', 'Betaling'),
  client: fc.constantFrom('acme', 'beta'),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  dateForm: fc.constantFrom('iso', 'dashed', 'dotted'),
  minor: fc.integer({ min: 1, max: 99_999_999 }),
  amountForm: fc.constantFrom('point', 'comma', 'grouped'),
  note: fc.string({ unit: 'grapheme', maxLength: 20 }),
});
type ValidRow = typeof validRow extends fc.Arbitrary<infer T> ? T : never;

function rowCells(row: ValidRow, index: number, tag: number): Record<Column, string> {
  const dd = String(row.day).padStart(2, '0');
  const mm = String(row.month).padStart(2, '0');
  const date = row.dateForm === 'iso' ? `2026-${mm}-${dd}` : row.dateForm === 'dashed' ? `${dd}-${mm}-2026` : `${row.day}.${row.month}.2026`;
  const units = String(Math.trunc(row.minor / 100));
  const cents = String(row.minor % 100).padStart(2, '0');
  const amount = row.amountForm === 'point' ? `${units}.${cents}` : row.amountForm === 'comma' ? `${units},${cents}` : `${units.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents}`;
  const invoice = row.kind === 'invoice' || row.kind === 'Faktura';
  return {
    type: row.kind, number: invoice ? `INV-${tag}-${index}` : `PAY-${tag}-${index}`, client: row.client, date, due: invoice ? date : '',
    amount, currency: 'DKK', invoice: '', note: row.note,
  };
}

const required: Column[] = ['type', 'number', 'client', 'date', 'due', 'amount', 'currency'];

/** Valid rows under a shuffled header, a few cells (or a column) perturbed, laid out and encoded as people's files are. */
const structuredFile = fc.record({
  separator: fc.constantFrom(';', ',', '\t'),
  header: fc.shuffledSubarray(columns, { minLength: columns.length - 2 })
    .filter((cols) => required.every((c) => cols.includes(c)))
    .chain((cols) => fc.tuple(...cols.map((c) => fc.constantFrom(...headerNames[c]).map((name) => [c, name] as const)))),
  dropColumn: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...columns) }),
  // Numbers of one file apart from those of the files before it: the same number with other content is (rightly) a conflict.
  tag: fc.integer({ min: 0, max: 1e9 }),
  rows: fc.array(validRow, { minLength: 1, maxLength: 8 }),
  perturbations: fc.array(fc.record({ row: fc.nat(), column: fc.constantFrom(...columns), value: fc.oneof(...columns.map((c) => cell[c])) }), { maxLength: 2 }),
  quoting: fc.array(quoting, { minLength: 1, maxLength: 4 }),
  lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  encoding: fc.oneof({ weight: 12, arbitrary: fc.constant('utf8' as const) }, { weight: 1, arbitrary: fc.constantFrom('latin1' as const, 'utf16le' as const) }),
  blank: fc.boolean(),
  /** A last row that opens a quote and never closes it (csv-parse's CSV_QUOTE_NOT_CLOSED). */
  unclosed: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
}).map(({ separator, header: fullHeader, dropColumn, tag, rows, perturbations, quoting: how, lineEnd, bom, encoding, blank, unclosed }) => {
  const header = fullHeader.filter(([c]) => c !== dropColumn);
  const cells = rows.map((row, i) => rowCells(row, i, tag));
  for (const { row, column, value } of perturbations) (cells[row % cells.length] as Record<Column, string>)[column] = value;
  let k = 0;
  const q = () => how[k++ % how.length] as string;
  const lines = [
    header.map(([, name]) => writeField(name, separator, q())).join(separator),
    ...cells.map((row) => header.map(([column]) => writeField(row[column], separator, q())).join(separator)),
  ];
  if (blank) lines.splice(1, 0, '', separator.repeat(header.length - 1));
  if (unclosed) lines.push(`invoice${separator}"INV-${tag}${lineEnd}${separator}acme`);
  const text = (bom ? '\uFEFF' : '') + lines.join(lineEnd) + lineEnd;
  return asShownBytes(Buffer.from(text, encoding));
});

// ── real files to mutate ────────────────────────────────────────────────────────────────

const english = [
  'type,number,client,date,due,amount,currency,invoice,note',
  'invoice,INV-1,acme,2026-03-01,2026-03-31,"1,250.00",DKK,,',
  'invoice,INV-2,acme,2026-04-01,2026-04-30,"1,250.00",DKK,,',
  'credit,CN-1,acme,2026-04-02,,250.00,DKK,INV-2,"discount, as agreed"',
  'payment,BANK-1,acme,2026-04-10,,1500.00,DKK,,',
].join('\n') + '\n';
const danish = [
  'Bilagstype;Bilagsnr;Kunde;Dato;Forfald;Beløb;Valuta;Faktura;Tekst',
  'Faktura;1001;beta;01-03-2026;31-03-2026;1.250,00;DKK;;',
  'Faktura;1002;beta;01.04.2026;30.04.2026;"2.500,50";DKK;;"Løn, marts"',
  'Kreditnota;K-1;beta;02-04-2026;;250,00;DKK;1002;Rabat',
  'Betaling;B-1;beta;10-04-2026;;"1.500,00";DKK;1001 1002;',
].join('\r\n') + '\r\n';
// Besides the CSV files, real bytes of another format: a CSV import must refuse a ledger file by line, not fall over.
const seeds = [Buffer.from(english), Buffer.from(danish), Buffer.from(danish.replace(/;/g, '\t')), readFileSync(demoFile).subarray(0, 4000), readFileSync(scenarioFiles()[1] as string).subarray(0, 3000)];

describe('firmly import-csv under fuzzing (SQLite, in-process)', () => {
  beforeAll(async () => {
    const setup = join(dir, 'setup.jsonl');
    writeFileSync(setup, jsonl(aWorkspace(), aClient('acme'), aClient('beta')));
    expect(await runFirmly(env, '', 'import', setup)).toMatchObject({ code: 0 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses perturbed rows by file and line and writes nothing, or imports a ledger that verifies', { timeout: fuzzTimeout(80, 80) }, async () => {
    await fc.assert(fc.asyncProperty(structuredFile, options, importChecked), fuzzParameters(80));
  });

  it('survives byte-level mutation of real CSV files: refused by file and line with nothing written, or verified', { timeout: fuzzTimeout(80, 80) }, async () => {
    const mutated = fc.constantFrom(...seeds).chain((seed) => mutationsOf(seed));
    await fc.assert(fc.asyncProperty(mutated, options, ({ bytes }, flags) => importChecked(bytes, flags)), fuzzParameters(80));
  });
});
