import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parseEventLine } from '../core/ledger/parse-event.ts';
import { invalidUtf8Offset } from '../core/text.ts';
import type { LedgerEvent } from '../core/ledger/events.ts';
import { LedgerAppender } from '../store/ledger-store.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';

export interface RejectedLine {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export interface ImportReport {
  readonly lines: number;
  readonly appended: number;
  readonly skipped: number;
  /** Empty when the import was committed; otherwise nothing was written. */
  readonly rejected: readonly RejectedLine[];
  /** Rejections beyond those listed (the list is capped to keep memory bounded). */
  readonly moreRejected: number;
}

export interface ImportOptions {
  readonly batchSize?: number;
  readonly maxReported?: number;
  /** Called after each batch is written (still uncommitted): events appended and lines read so far. */
  readonly onProgress?: (appended: number, lines: number) => void;
}

/** Where lines come from: a file by path, or any stream (standard input) under a name for messages. */
export type ImportSource = string | { readonly name: string; readonly open: () => Readable };

class ImportAborted extends Error {}

interface Pending {
  readonly event: LedgerEvent;
  readonly file: string;
  readonly line: number;
}

/**
 * Imports JSON Lines files (or streams) into a workspace's ledger, all or nothing: every line is
 * checked (shape, then against what is on record), and a single bad line leaves the
 * database as it was. Files are streamed, so their size is bounded by disk, not memory.
 */
export async function importLedger(ctx: AppContext, workspaceId: string, sources: readonly ImportSource[], options: ImportOptions = {}): Promise<ImportReport> {
  const batchSize = options.batchSize ?? 2_000;
  const maxReported = options.maxReported ?? 100;
  const rejected: RejectedLine[] = [];
  let moreRejected = 0;
  let lines = 0;
  let appended = 0;
  let skipped = 0;
  const reject = (entry: RejectedLine) => {
    if (rejected.length < maxReported) rejected.push(entry);
    else moreRejected += 1;
  };

  try {
    await ctx.store.db.transaction().execute(async (trx) => {
      const appender = await LedgerAppender.open(trx, { workspaceId, dialect: ctx.store.dialect, sha256: ctx.sha256, now: () => nowIso(ctx.clock) });
      let batch: Pending[] = [];
      const flush = async () => {
        const pending = batch;
        batch = [];
        if (pending.length === 0 || rejected.length > 0) return;
        const outcome = await appender.append(pending.map((p) => p.event));
        appended += outcome.appended;
        skipped += outcome.skipped;
        options.onProgress?.(appended, lines);
        for (const { index, reason } of outcome.rejections) {
          const { file, line } = pending[index] as Pending;
          reject({ file, line, reason });
        }
      };

      for (const source of sources) {
        const file = typeof source === 'string' ? source : source.name;
        const input = typeof source === 'string' ? createReadStream(source) : source.open();
        for await (const chunk of linesOf(input)) {
          for (const line of chunk) {
            if ('invalidByte' in line) {
              lines += 1;
              reject({ file, line: line.lineNo, reason: `not valid UTF-8: byte ${line.invalidByte + 1} of the line (offset ${line.fileOffset} in the file) cannot be decoded` });
              continue;
            }
            const { lineNo, text } = line;
            if (text.trim() === '') continue;
            lines += 1;
            const parsed = parseEventLine(text);
            if (!parsed.ok) {
              reject({ file, line: lineNo, reason: parsed.reason });
              continue;
            }
            // After the first rejection, keep reading to report every malformed line,
            // but stop appending: nothing will be committed.
            if (rejected.length > 0) continue;
            batch.push({ event: parsed.event, file, line: lineNo });
            if (batch.length >= batchSize) await flush();
          }
        }
      }
      await flush();
      if (rejected.length > 0) throw new ImportAborted();
      await appender.close();
    });
  } catch (error) {
    if (!(error instanceof ImportAborted)) throw error;
    return { lines, appended: 0, skipped: 0, rejected, moreRejected };
  }
  return { lines, appended, skipped, rejected, moreRejected };
}

type Line = { readonly lineNo: number; readonly text: string } | { readonly lineNo: number; readonly invalidByte: number; readonly fileOffset: number };

const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The lines of a byte stream, a chunk's worth at a time, each decoded only if it is valid
 * UTF-8 (LEDGER.md: JSON Lines, UTF-8). A decoder with replacement, as readline's was, turned
 * bad bytes into U+FFFD and imported them silently (#19 F1); a fatal one could not say which
 * line. Lines end at LF, a CR before it is dropped, a UTF-8 BOM opening the stream is skipped.
 * Memory holds one chunk and the line in progress, so files are bounded by disk.
 */
async function* linesOf(input: Readable): AsyncGenerator<Line[]> {
  let carry: Buffer = Buffer.alloc(0);
  let carryOffset = 0; // where `carry` starts in the stream
  let lineNo = 0;
  const lineOf = (bytes: Buffer, offset: number): Line => {
    lineNo += 1;
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === CR) end -= 1;
    let start = 0;
    if (lineNo === 1 && bytes.subarray(0, 3).equals(BOM)) start = 3;
    const body = bytes.subarray(start, end);
    if (isUtf8(body)) return { lineNo, text: body.toString('utf8') };
    const at = invalidUtf8Offset(body);
    return { lineNo, invalidByte: start + at, fileOffset: offset + start + at };
  };
  for await (const raw of input) {
    // A stream in object mode (tests, Readable.from) may hand over strings: their bytes are UTF-8 by construction.
    const chunk: Buffer = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : (raw as Buffer);
    const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    const dataOffset = carryOffset;
    const out: Line[] = [];
    let start = 0;
    for (let nl = data.indexOf(LF, start); nl !== -1; nl = data.indexOf(LF, start)) {
      out.push(lineOf(data.subarray(start, nl), dataOffset + start));
      start = nl + 1;
    }
    // Copied, so that the chunk it came from can be collected.
    carry = start === 0 ? data : Buffer.from(data.subarray(start));
    carryOffset = dataOffset + start;
    if (out.length > 0) yield out;
  }
  if (carry.length > 0) yield [lineOf(carry, carryOffset)];
}
