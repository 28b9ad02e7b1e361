import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse/sync';
import { readAccountsCsv, sortProblems, type AccountEntry, type AccountKind, type AccountsCsvOptions } from '../core/csv/accounts-csv.ts';
import { detectSeparator, type CsvProblem, type CsvTable } from '../core/csv/csv-table.ts';
import type { EventType } from '../core/ledger/events.ts';
import { chainHead, LedgerAppender, readEvents } from '../store/ledger-store.ts';
import { listClients } from '../store/views/client-queries.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';

export interface CsvImportCounts {
  readonly invoices: number;
  readonly credits: number;
  readonly payments: number;
}

export interface CsvImportReport {
  /** Data rows read (blank rows not counted). */
  readonly rows: number;
  /** Events appended, by kind. */
  readonly written: CsvImportCounts;
  /** Rows already in the ledger, identical (a file imported again): nothing added for them. */
  readonly skipped: CsvImportCounts;
  /** Empty when the import was committed; otherwise nothing was written. */
  readonly rejected: readonly CsvProblem[];
  /** Problems beyond those listed. */
  readonly moreRejected: number;
}

export interface CsvImportOptions extends AccountsCsvOptions {
  readonly maxReported?: number;
}

/** A file by path, or bytes read elsewhere (standard input) under a name for messages. */
export type CsvSource = string | { readonly name: string; readonly read: () => Promise<Uint8Array> };

const noCounts: CsvImportCounts = { invoices: 0, credits: 0, payments: 0 };
const kindOf: Partial<Record<EventType, AccountKind>> = { 'invoice.issued': 'invoice', 'invoice.credited': 'credit', 'payment.received': 'payment' };
const countKey = { invoice: 'invoices', credit: 'credits', payment: 'payments' } as const;

class ImportAborted extends Error {}

/**
 * Imports invoices, credit notes and payments from CSV files into a workspace's ledger, all or
 * nothing: every cell and every row is checked (src/core/csv), then against what is on record,
 * and a single bad row leaves the database as it was. Problems name the file, line and column.
 */
export async function importAccountsCsv(ctx: AppContext, workspaceId: string, sources: readonly CsvSource[], options: CsvImportOptions = {}): Promise<CsvImportReport> {
  const maxReported = options.maxReported ?? 100;
  const rejected = (rows: number, problems: readonly CsvProblem[]): CsvImportReport => ({
    rows, written: noCounts, skipped: noCounts, rejected: problems.slice(0, maxReported), moreRejected: Math.max(0, problems.length - maxReported),
  });

  const tables: CsvTable[] = [];
  const problems: CsvProblem[] = [];
  for (const source of sources) {
    const name = typeof source === 'string' ? source : source.name;
    const bytes = typeof source === 'string' ? await readFile(source) : await source.read();
    const text = decodeUtf8(name, bytes);
    const table = typeof text === 'string' ? splitCsv(name, text) : text;
    if ('reason' in table) problems.push(table);
    else tables.push(table);
  }
  if (problems.length > 0) return rejected(0, problems);
  const read = readAccountsCsv(tables, options);
  problems.push(...read.problems);

  // With problems in the file, the good rows are still checked against the ledger (and rolled
  // back), so that one run names every bad row.
  try {
    return await ctx.store.db.transaction().execute(async (trx) => {
      const appender = await LedgerAppender.open(trx, { workspaceId, dialect: ctx.store.dialect, sha256: ctx.sha256, now: () => nowIso(ctx.clock) });
      const before = await chainHead(trx, workspaceId);
      const clients = new Set((await listClients(trx, workspaceId)).map((c) => c.client.clientId as string));
      const found = await appendAll(appender, read.entries, clients, maxReported - problems.length);
      problems.push(...found.problems);
      if (problems.length > 0) throw new ImportAborted();
      await appender.close();
      // What this append added is exactly the chain after the old head; the rest were duplicates.
      const added = found.appended === 0 ? [] : await readEvents(trx, workspaceId, {}, { afterSeq: before.seq, limit: found.appended });
      const written = count(added.map((event) => kindOf[event.type]));
      const all = count(read.entries.map((entry) => entry.kind));
      return {
        rows: read.rows, written,
        skipped: { invoices: all.invoices - written.invoices, credits: all.credits - written.credits, payments: all.payments - written.payments },
        rejected: [], moreRejected: 0,
      };
    });
  } catch (error) {
    if (!(error instanceof ImportAborted)) throw error;
    return rejected(read.rows, sortProblems(problems, tables));
  }
}

function count(kinds: readonly (AccountKind | undefined)[]): CsvImportCounts {
  const counts = { invoices: 0, credits: 0, payments: 0 };
  for (const kind of kinds) if (kind) counts[countKey[kind]] += 1;
  return counts;
}

/**
 * Appends the entries, and when the ledger refuses some, tries again without them (and without
 * the rows that credit or pay a refused invoice) to name every bad row, not only the first. A
 * refused batch writes nothing, so the retries see the ledger as it was.
 */
async function appendAll(appender: LedgerAppender, entries: readonly AccountEntry[], clients: ReadonlySet<string>, maxReported: number) {
  const problems: CsvProblem[] = [];
  const problem = (entry: AccountEntry, column: keyof AccountEntry['columns'] | undefined, reason: string) => {
    const name = column === undefined ? undefined : entry.columns[column];
    problems.push(name === undefined ? { file: entry.file, line: entry.line, reason } : { file: entry.file, line: entry.line, column: name, reason });
  };
  if (maxReported <= 0) return { appended: 0, problems };
  // Clients are checked here, before the ledger's own check, to name every row of an unknown client at once.
  const refusedInvoices = new Set<string>();
  let candidates = entries.filter((entry) => {
    if (entry.clientId === undefined || clients.has(entry.clientId)) return true;
    problem(entry, 'client', `no client '${entry.clientId}' in this workspace: add the client first (a client.added event)`);
    if (entry.kind === 'invoice') refusedInvoices.add(entry.invoiceIds[0] as string);
    return false;
  });
  for (;;) {
    // A row that credits or pays a refused invoice cannot be checked until that row is fixed.
    candidates = candidates.filter((entry) => entry.kind === 'invoice' || !entry.invoiceIds.some((id) => refusedInvoices.has(id)));
    if (problems.length >= maxReported) return { appended: 0, problems };
    const outcome = await appender.append(candidates.map((entry) => entry.event));
    if (outcome.rejections.length === 0) return { appended: outcome.appended, problems };
    const refused = new Set<number>();
    for (const { index, reason } of outcome.rejections) {
      const entry = candidates[index] as AccountEntry;
      refused.add(index);
      problem(entry, undefined, reason);
      if (entry.kind === 'invoice') refusedInvoices.add(entry.invoiceIds[0] as string);
    }
    candidates = candidates.filter((_, index) => !refused.has(index));
  }
}

/** Strict UTF-8 (a byte order mark is dropped): a file saved as Windows-1252 would otherwise mangle ø and å unseen. */
function decodeUtf8(file: string, bytes: Uint8Array): string | CsvProblem {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const line = lossy.slice(0, lossy.indexOf('\uFFFD')).split('\n').length;
    return { file, line, reason: 'the file is not UTF-8 text: save it as "CSV UTF-8" (the bytes here are another encoding, Windows-1252 perhaps)' };
  }
}

/**
 * Splits CSV text into records with csv-parse: the separator (`;`, `,` or tab) is the header's,
 * fields may be quoted (`"1.234,50"`, `"say ""hi"""`) and run over lines, line ends may be CRLF or
 * LF, and blank rows (`;;;` too) are skipped. Line numbers are those an editor shows.
 */
export function splitCsv(file: string, text: string): CsvTable | CsvProblem {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex < 0) return { file, line: 1, reason: 'the file is empty: it needs a header row naming the columns' };
  const separator = detectSeparator(lines[headerIndex] as string);
  if (separator === undefined) {
    return { file, line: headerIndex + 1, reason: 'cannot tell the columns apart: the header row must name several columns separated by ; or ,' };
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(normalised, {
      delimiter: separator, record_delimiter: '\n', quote: '"', escape: '"', info: true,
      relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true,
    }) as unknown as typeof records; // with `info: true` each record comes as { record, info }, which the typings do not say

  } catch (error) {
    if (error instanceof CsvError) return { file, ...describeCsvError(error, normalised) };
    throw error;
  }
  // csv-parse counts the line a record ends on; a quoted field may hold line breaks.
  const withLines = records.map(({ record, info }) => ({ line: info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0), fields: record }));
  const [header, ...rest] = withLines;
  if (!header) return { file, line: 1, reason: 'the file is empty: it needs a header row naming the columns' };
  return { file, separator, header, records: rest };
}

function describeCsvError(error: CsvError, text: string): { line: number; reason: string } {
  const line = Number((error as unknown as { lines?: number }).lines ?? 1);
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED': {
      // The record that failed starts after the last complete one (csv-parse counts bytes).
      const done = Number((error as unknown as { bytes_records?: number }).bytes_records ?? 0);
      let start = Buffer.from(text).subarray(0, done).toString('utf8').length;
      while (text[start] === '\n') start += 1;
      return { line: text.slice(0, start).split('\n').length, reason: 'a quoted field is never closed (a " is missing)' };
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { line, reason: 'a quoted field must end at a separator; write a " inside a quoted field as ""' };
    case 'INVALID_OPENING_QUOTE':
      return { line, reason: 'a " inside a field that is not quoted: quote the whole field and write the " as ""' };
    default:
      return { line, reason: error.message };
  }
}
