import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseEventLine } from '../core/ledger/parse-event.ts';
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
        let lineNo = 0;
        const reader = createInterface({ input: input.setEncoding('utf8'), crlfDelay: Infinity });
        for await (const raw of reader) {
          lineNo += 1;
          const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
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
