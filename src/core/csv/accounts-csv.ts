import type { IsoDate } from '../dates.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { parseEvent } from '../ledger/parse-event.ts';
import { IdWire } from '../ledger/wire.ts';
import { formatDecimal, isCurrencyCode, type CurrencyCode, type Money } from '../money.ts';
import type { CsvProblem, CsvRecord, CsvTable } from './csv-table.ts';
import { amountToMoney, parseAmount, type DecimalSeparator } from './parse-amount.ts';
import { parseCsvDate } from './parse-date.ts';

// Invoices, credit notes and payments from a CSV file (issue 4, item 5) → ledger events.
// One row is one document; its `type` column says which. Every event's id and `at` follow
// from the row alone, so importing the same file again finds the same events and adds
// nothing, and a changed row is refused as a conflict rather than recorded twice.

export const accountKinds = ['invoice', 'credit', 'payment'] as const;
export type AccountKind = (typeof accountKinds)[number];

export const accountColumns = ['type', 'number', 'client', 'date', 'due', 'amount', 'currency', 'invoice', 'note'] as const;
export type AccountColumn = (typeof accountColumns)[number];

/** Header names accepted per column, compared without case, spaces, `_`, `-`, `.` and `#`: English, then Danish. */
export const columnAliases: Readonly<Record<AccountColumn, readonly string[]>> = {
  type: ['type', 'kind', 'documenttype', 'art', 'bilagstype', 'dokumenttype'],
  number: ['number', 'no', 'nr', 'ref', 'reference', 'nummer', 'bilagsnr', 'bilagsnummer'],
  client: ['client', 'clientid', 'customer', 'customerid', 'customerno', 'customernumber', 'kunde', 'kundeid', 'kundenr', 'kundenummer'],
  date: ['date', 'issuedate', 'invoicedate', 'paymentdate', 'dato', 'fakturadato', 'betalingsdato', 'bogføringsdato'],
  due: ['due', 'duedate', 'dueon', 'forfald', 'forfaldsdato', 'forfaldsdag', 'betalingsfrist'],
  amount: ['amount', 'total', 'sum', 'totalinclvat', 'beløb', 'belob', 'beloeb', 'totalbeløb', 'beløbinklmoms'],
  currency: ['currency', 'ccy', 'valuta'],
  invoice: ['invoice', 'invoices', 'invoiceno', 'invoicenr', 'invoicenumber', 'invoiceid', 'faktura', 'fakturaer', 'fakturanr', 'fakturanummer'],
  note: ['note', 'notes', 'reason', 'description', 'text', 'comment', 'tekst', 'beskrivelse', 'bemærkning', 'kommentar', 'årsag'],
};

/** Values of the type column, compared as headers are: English, then Danish. */
export const kindAliases: ReadonlyMap<string, AccountKind> = new Map([
  ['invoice', 'invoice'], ['faktura', 'invoice'],
  ['credit', 'credit'], ['creditnote', 'credit'], ['kreditnota', 'credit'],
  ['payment', 'payment'], ['betaling', 'payment'], ['indbetaling', 'payment'],
]);

const normalise = (name: string) => name.normalize('NFC').toLowerCase().replace(/[\s_.\-#]/g, '');

const columnOf = new Map<string, AccountColumn>(
  accountColumns.flatMap((column) => columnAliases[column].map((alias) => [alias, column] as const)),
);

/** Several invoices paid by one payment: `1001 1002`, `1001,1002`, `1001;1002` or `1001+1002`. */
const LIST = /[\s,;+]+/;

/** Every event is dated at noon UTC of its row's date: the same calendar day from UTC−11 to UTC+11. */
export const csvEventTime = (date: IsoDate): string => `${date}T12:00:00.000Z`;

export interface AccountsCsvOptions {
  /** For rows whose currency is empty, or files without a currency column. */
  readonly defaultCurrency?: CurrencyCode | undefined;
  /** When the file's decimal separator is known, `1.500` and `1,500` are no longer ambiguous. */
  readonly decimal?: DecimalSeparator | undefined;
}

/** One row as a ledger event, with what an append needs to name the row if the ledger refuses it. */
export interface AccountEntry {
  readonly file: string;
  readonly line: number;
  readonly kind: AccountKind;
  readonly event: LedgerEvent;
  readonly clientId: string | undefined;
  /** The invoice this row issues or credits, or the invoices a payment names. */
  readonly invoiceIds: readonly string[];
  /** Headers of the row's columns as its file writes them. */
  readonly columns: Readonly<Partial<Record<AccountColumn, string>>>;
}

export interface AccountsCsv {
  /** Data rows read (blank rows not counted). */
  readonly rows: number;
  /**
   * The good rows as events, in the order to append them. Rows that credit or pay an invoice
   * whose own row has a problem are left out: they cannot be checked until it is fixed.
   */
  readonly entries: readonly AccountEntry[];
  /** Every problem found, by file, line and column; none when all rows are good. */
  readonly problems: readonly CsvProblem[];
}

interface Row {
  readonly table: CsvTable;
  readonly line: number;
  readonly kind: AccountKind;
  readonly columns: Partial<Record<AccountColumn, string>>;
  readonly clientId: string | undefined;
  readonly number: string | undefined;
  /** The column that holds the row's own number, if it has one. */
  readonly numberColumn: AccountColumn | undefined;
  /** invoice: its own id; credit: the one credited; payment: those named. */
  readonly invoiceIds: readonly string[];
  readonly date: IsoDate;
  readonly due: IsoDate | undefined;
  readonly money: Money;
  readonly note: string | undefined;
}

interface Header {
  readonly index: Partial<Record<AccountColumn, number>>;
  readonly names: Partial<Record<AccountColumn, string>>;
  readonly width: number;
}

/**
 * Reads the rows of one or more CSV tables as invoices, credit notes and payments, checking
 * each cell and the rows against each other (references, currencies, dates, repeated rows).
 * All or nothing is the caller's to enforce: import the entries only when there are no problems.
 */
export function readAccountsCsv(tables: readonly CsvTable[], options: AccountsCsvOptions = {}): AccountsCsv {
  const problems: CsvProblem[] = [];
  const rows: Row[] = [];
  /** Invoice numbers whose rows have a problem. */
  const badInvoices = new Set<string>();
  let count = 0;
  for (const table of tables) {
    const header = readHeader(table, options, problems);
    if (!header) continue;
    const missing = new Set<AccountColumn>();
    for (const record of table.records) {
      if (record.fields.every((field) => field.trim() === '')) continue;
      count += 1;
      const row = readRow(table, header, record, options, problems, missing, badInvoices);
      if (row) rows.push(row);
    }
  }
  const bad = checkAcrossRows(rows, problems);
  const entries: AccountEntry[] = [];
  for (const row of rows) {
    if (bad.has(row) || (row.kind !== 'invoice' && row.invoiceIds.some((id) => badInvoices.has(id)))) continue;
    const parsed = parseEvent(toWireEvent(row));
    if (!parsed.ok) problems.push({ file: row.table.file, line: row.line, reason: parsed.reason });
    else entries.push({ file: row.table.file, line: row.line, kind: row.kind, event: parsed.event, clientId: row.clientId, invoiceIds: row.invoiceIds, columns: row.columns });
  }
  // The order `replayClient` applies events in (time, then id): the read models built by this
  // append then agree with every later replay. Ids put an invoice before its credits and
  // both before the day's payments.
  entries.sort((a, b) => compare(a.event.at, b.event.at) || compare(a.event.id, b.event.id));
  return { rows: count, entries, problems: sortProblems(problems, tables) };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** By file, line, then the column's place in its file (a problem of the whole line first). */
export function sortProblems(problems: readonly CsvProblem[], tables: readonly CsvTable[]): CsvProblem[] {
  const files = new Map(tables.map((table, i) => [table.file, { order: i, header: table.header.fields.map((f) => f.trim()) }]));
  const position = (p: CsvProblem) => (p.column === undefined ? -1 : (files.get(p.file)?.header.indexOf(p.column) ?? -1));
  return problems
    .map((problem, i) => ({ problem, i }))
    .sort((a, b) => (files.get(a.problem.file)?.order ?? 0) - (files.get(b.problem.file)?.order ?? 0)
      || a.problem.line - b.problem.line || position(a.problem) - position(b.problem) || a.i - b.i)
    .map(({ problem }) => problem);
}

function readHeader(table: CsvTable, options: AccountsCsvOptions, problems: CsvProblem[]): Header | undefined {
  const { file, header } = table;
  const index: Partial<Record<AccountColumn, number>> = {};
  const names: Partial<Record<AccountColumn, string>> = {};
  const before = problems.length;
  header.fields.forEach((field, i) => {
    const name = field.trim();
    // A column without a name, or whose name starts with #, is kept in the file and ignored.
    if (name === '' || name.startsWith('#')) return;
    const column = columnOf.get(normalise(name));
    if (column === undefined) {
      problems.push({ file, line: header.line, column: name, reason: `not a column of this format (${accountColumns.join(', ')}); start its name with # to have it ignored` });
    } else if (names[column] !== undefined) {
      problems.push({ file, line: header.line, column: name, reason: `means ${column}, as column ${names[column]} does` });
    } else {
      index[column] = i;
      names[column] = name;
    }
  });
  const required: AccountColumn[] = ['type', 'date', 'amount', ...(options.defaultCurrency ? [] : ['currency' as const])];
  for (const column of required) {
    if (index[column] === undefined) problems.push({ file, line: header.line, reason: missingColumn(column) });
  }
  return problems.length === before ? { index, names, width: header.fields.length } : undefined;
}

function missingColumn(column: AccountColumn, why?: string): string {
  const also = columnAliases[column].filter((alias) => alias !== column).slice(0, 3);
  return `missing column ${column}${also.length > 0 ? ` (or ${also.join(', ')})` : ''}${why ? `: ${why}` : ''}`;
}

function readRow(
  table: CsvTable, header: Header, record: CsvRecord, options: AccountsCsvOptions,
  problems: CsvProblem[], missing: Set<AccountColumn>, badInvoices: Set<string>,
): Row | undefined {
  const { file } = table;
  const { line } = record;
  const before = problems.length;
  const problem = (column: AccountColumn | undefined, reason: string) => {
    problems.push(column === undefined ? { file, line, reason } : { file, line, column: header.names[column] ?? column, reason });
  };
  if (record.fields.length > header.width) {
    const hint = table.separator === ',' ? '; in a file separated by commas, quote amounts written with a comma ("1234,50", "1,234.50")' : '';
    problem(undefined, `${record.fields.length} fields, but the header has ${header.width} columns${hint}`);
    return undefined;
  }
  const cell = (column: AccountColumn): string => {
    const i = header.index[column];
    return i === undefined ? '' : (record.fields[i] ?? '').trim();
  };
  /** A cell the row's type needs: a missing column is reported once, on the header line. */
  let columnMissing = false;
  const needed = (column: AccountColumn, why: string): string | undefined => {
    if (header.index[column] === undefined) {
      columnMissing = true;
      if (!missing.has(column)) problems.push({ file, line: table.header.line, reason: missingColumn(column, why) });
      missing.add(column);
      return undefined;
    }
    const value = cell(column);
    if (value === '') problem(column, `empty: ${why}`);
    return value || undefined;
  };
  const id = (column: AccountColumn, value: string, what: string): string | undefined => {
    const parsed = IdWire.safeParse(value);
    if (parsed.success) return parsed.data;
    problem(column, `'${value}' cannot be ${what}: it ${parsed.error.issues[0]?.message ?? 'is not an id'}`);
    return undefined;
  };

  const typeText = cell('type');
  const kind = kindAliases.get(normalise(typeText));
  if (typeText === '') problem('type', 'empty: invoice, credit or payment');
  else if (kind === undefined) problem('type', `'${typeText}' is not a type: invoice, credit or payment`);

  const currencyText = cell('currency');
  let currency = options.defaultCurrency;
  if (currencyText !== '') {
    const code = currencyText.toUpperCase();
    if (isCurrencyCode(code)) currency = code;
    else {
      currency = undefined;
      problem('currency', `'${currencyText}' is not an ISO 4217 currency code such as DKK, EUR or GBP`);
    }
  } else if (currency === undefined) problem('currency', 'empty: DKK, EUR, GBP, …');

  let money: Money | undefined;
  const amountText = cell('amount');
  const amount = amountText === '' ? undefined : parseAmount(amountText, options.decimal);
  if (amount === undefined) problem('amount', 'empty');
  else if (!amount.ok) problem('amount', amount.reason);
  else if (amount.amount.negative) problem('amount', `'${amountText}' is negative: amounts are positive (a credit note is a row of type credit)`);
  else if (currency !== undefined) {
    const converted = amountToMoney(amount.amount, currency, amountText);
    if (!converted.ok) problem('amount', converted.reason);
    else if (converted.money.minor === 0) problem('amount', `'${amountText}' is zero: amounts are greater than zero`);
    else money = converted.money;
  }

  let date: IsoDate | undefined;
  const dateText = cell('date');
  if (dateText === '') problem('date', 'empty');
  else {
    const parsed = parseCsvDate(dateText);
    if (parsed.ok) date = parsed.date;
    else problem('date', parsed.reason);
  }

  const note = cell('note') || undefined;
  if (note !== undefined && note.length > 2000) problem('note', 'longer than 2000 characters');
  const clientText = cell('client');
  let clientId = clientText === '' ? undefined : id('client', clientText, 'a client id');
  const numberText = cell('number');
  let number: string | undefined;
  const invoiceText = cell('invoice');
  const dueText = cell('due');
  let due: IsoDate | undefined;
  let invoiceIds: string[] = [];
  let numberColumn: AccountColumn | undefined;

  switch (kind) {
    case 'invoice': {
      if (clientText === '') clientId = needed('client', 'an invoice names its client (the clientId)');
      const ownNumber = numberText || invoiceText;
      if (numberText !== '' && invoiceText !== '' && numberText !== invoiceText) {
        problem('invoice', `'${invoiceText}' is not the number '${numberText}': on an invoice both are its number`);
      } else if (ownNumber === '') {
        needed(header.index.number === undefined ? 'invoice' : 'number', 'an invoice has a number (in column number or invoice)');
      } else {
        numberColumn = numberText === '' ? 'invoice' : 'number';
        number = id(numberColumn, ownNumber, 'an invoice number');
        if (number !== undefined && number.length > 100) {
          problem(numberColumn, 'an invoice number has at most 100 characters');
          number = undefined;
        }
        if (number !== undefined) invoiceIds = [number];
      }
      const dueValue = needed('due', 'an invoice has a due date');
      if (dueValue !== undefined) {
        const parsed = parseCsvDate(dueValue);
        if (parsed.ok) due = parsed.date;
        else problem('due', parsed.reason);
      }
      if (date !== undefined && due !== undefined && due < date) problem('due', `${due} is before the invoice's date ${date}`);
      break;
    }
    case 'credit': {
      const credited = needed('invoice', 'a credit note names the invoice it credits');
      if (credited !== undefined) {
        if (LIST.test(credited)) problem('invoice', `'${credited}': a credit note credits one invoice`);
        else {
          const invoiceId = id('invoice', credited, 'an invoice number');
          if (invoiceId !== undefined) invoiceIds = [invoiceId];
        }
      }
      if (dueText !== '') problem('due', 'only invoices have a due date; leave it empty');
      break;
    }
    case 'payment': {
      if (clientText === '') clientId = needed('client', 'a payment names the client who paid (the clientId)');
      if (invoiceText !== '') {
        const named = invoiceText.split(LIST).filter((text) => text !== '');
        const seen = new Set<string>();
        for (const text of named) {
          if (seen.has(text)) problem('invoice', `names invoice '${text}' twice`);
          seen.add(text);
          const invoiceId = id('invoice', text, 'an invoice number');
          if (invoiceId !== undefined) invoiceIds.push(invoiceId);
        }
        if (named.length > 500) problem('invoice', 'a payment names at most 500 invoices');
      }
      if (dueText !== '') problem('due', 'only invoices have a due date; leave it empty');
      break;
    }
    default:
      break;
  }
  if (kind !== 'invoice' && numberText !== '') {
    numberColumn = 'number';
    number = id('number', numberText, 'a number');
  }

  if (columnMissing || problems.length > before || kind === undefined || date === undefined || money === undefined) {
    if (kind === 'invoice' && (numberText || invoiceText)) badInvoices.add(numberText || invoiceText);
    return undefined;
  }
  return { table, line, kind, columns: header.names, clientId, number, numberColumn, invoiceIds, date, due, money, note };
}

/** Checks that need several rows: repeated rows, and credits and payments against invoices of the same import. Returns the rows at fault. */
function checkAcrossRows(rows: readonly Row[], problems: CsvProblem[]): Set<Row> {
  const bad = new Set<Row>();
  const problem = (row: Row, column: AccountColumn | undefined, reason: string) => {
    bad.add(row);
    const name = column === undefined ? undefined : row.columns[column];
    problems.push(name === undefined ? { file: row.table.file, line: row.line, reason } : { file: row.table.file, line: row.line, column: name, reason });
  };
  const at = (row: Row, other: Row) => (other.table === row.table ? `line ${other.line}` : `${other.table.file} line ${other.line}`);

  const invoices = new Map<string, Row>();
  const byId = new Map<string, Row>();
  const creditNumbers = new Map<string, Row>();
  for (const row of rows) {
    const id = eventId(row);
    const earlier = byId.get(id);
    if (earlier) {
      problem(row, row.numberColumn, repeated(row, at(row, earlier)));
      continue;
    }
    byId.set(id, row);
    if (row.kind === 'invoice') invoices.set(row.invoiceIds[0] as string, row);
    if (row.kind === 'credit' && row.number !== undefined) {
      const other = creditNumbers.get(row.number);
      if (other) problem(row, 'number', `credit note ${row.number} is also on ${at(row, other)}`);
      else creditNumbers.set(row.number, row);
    }
  }

  const credited = new Map<string, number>();
  for (const row of rows) {
    if (row.kind === 'invoice' || bad.has(row)) continue;
    for (const invoiceId of row.invoiceIds) {
      const invoice = invoices.get(invoiceId);
      if (!invoice) continue; // Not in this import: the ledger checks it on append.
      const what = `invoice ${invoiceId} (${at(row, invoice)})`;
      if (row.clientId !== undefined && row.clientId !== invoice.clientId) {
        problem(row, 'client', `${what} is client ${invoice.clientId}'s, not ${row.clientId}'s`);
      }
      if (row.money.currency !== invoice.money.currency) {
        problem(row, 'currency', `${what} is in ${invoice.money.currency}, not ${row.money.currency}`);
      }
      if (row.date < invoice.date) {
        problem(row, 'date', `${row.date} is before the date of ${what}, ${invoice.date}`);
      }
      if (row.kind === 'credit' && row.money.currency === invoice.money.currency) {
        const total = (credited.get(invoiceId) ?? 0) + row.money.minor;
        credited.set(invoiceId, total);
        if (total > invoice.money.minor) {
          problem(row, 'amount', `credit notes on ${what} come to ${formatDecimal({ ...row.money, minor: total })}, more than its total ${formatDecimal(invoice.money)}`);
        }
      }
    }
  }  return bad;
}

function repeated(row: Row, where: string): string {
  switch (row.kind) {
    case 'invoice':
      return `invoice ${row.number} is also on ${where}`;
    case 'credit':
      return row.number !== undefined
        ? `credit note ${row.number} on invoice ${row.invoiceIds[0]} is also on ${where}`
        : `the same credit (invoice, date and amount) is on ${where}; give each credit note its number`;
    case 'payment':
      return row.number !== undefined
        ? `payment ${row.number} is also on ${where}`
        : `the same payment (client, date, amount and invoices) is on ${where}; give each payment a number (its reference)`;
  }
}

/** A payment's id: its number, else what it is (who paid how much when, for which invoices). */
function paymentId(row: Row): string {
  if (row.number !== undefined) return row.number;
  const invoices = row.invoiceIds.length > 0 ? `:${row.invoiceIds.join('+')}` : '';
  return `${row.clientId}:${row.date}:${formatDecimal(row.money)}${row.money.currency}${invoices}`;
}

// Credits are keyed under their invoice so that, on the same day, an invoice's id sorts before
// its credits' ids, as `replayClient` orders events.
function eventId(row: Row): string {
  const invoiceId = row.invoiceIds[0] as string;
  switch (row.kind) {
    case 'invoice':
      return `csv:invoice:${invoiceId}`;
    case 'credit':
      return `csv:invoice:${invoiceId}:credit:${row.number ?? `${row.date}:${formatDecimal(row.money)}`}`;
    case 'payment':
      return `csv:payment:${paymentId(row)}`;
  }
}

function toWireEvent(row: Row): { id: string; type: string; at: string; data: Record<string, unknown> } {
  const money = { amount: formatDecimal(row.money), currency: row.money.currency };
  const base = { id: eventId(row), at: csvEventTime(row.date) };
  switch (row.kind) {
    case 'invoice':
      return {
        ...base, type: 'invoice.issued',
        data: { invoiceId: row.number, clientId: row.clientId, number: row.number, issueDate: row.date, dueDate: row.due, total: money },
      };
    case 'credit':
      return { ...base, type: 'invoice.credited', data: { invoiceId: row.invoiceIds[0], amount: money, ...(row.note ? { reason: row.note } : {}) } };
    case 'payment':
      return {
        ...base, type: 'payment.received',
        data: { paymentId: paymentId(row), clientId: row.clientId, date: row.date, amount: money, ...(row.invoiceIds.length > 0 ? { invoiceIds: row.invoiceIds } : {}) },
      };
  }
}
