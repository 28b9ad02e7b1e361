import type { Readable } from 'node:stream';
import type { IsoInstant } from '../core/dates.ts';
import { mboxFromLineDate } from '../core/mail/mail-date.ts';

// Splits an mbox into its messages while reading it, one message in memory at a time.
//
// The format (RFC 4155, and the mboxo/mboxrd variants): each message starts with a line
// beginning "From " (the envelope sender and the date it arrived); a body line that would
// begin with "From " was written as ">From " (mboxo) and ">From " as ">>From " (mboxrd).
// Reading mboxrd's way — one ">" taken off every /^>+From / line — is right for both, except
// for a body line that really began with ">From " in mboxo, which cannot be told apart.
//
// Not every writer escaped: a body line "From Russia with love" is left as it was by some.
// A "From " line therefore starts a message only when the next line could begin a header
// section (`Name: value`); otherwise it stays in the body. Python's `mailbox.mbox` splits at
// every "From " line; on the shared fixtures both count the same messages (the test says so).
// A UTF-8 byte-order mark before the first line is skipped.

export interface MboxMessage {
  /** The message as stored, "From " line removed and ">From " lines unescaped. */
  readonly raw: Buffer;
  /** 1-based position in the file. */
  readonly index: number;
  /** The arrival date of its "From " line, when it has one. */
  readonly receivedAt: IsoInstant | undefined;
}

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM = Buffer.from('From ');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const startsWithFrom = (line: Buffer, at = 0) => line.length >= at + 5 && line.compare(FROM, 0, 5, at, at + 5) === 0;

/** `>From `, `>>From `, …: an escaped "From " line. */
function escapedFrom(line: Buffer): boolean {
  if (line[0] !== GT) return false;
  let i = 1;
  while (line[i] === GT) i += 1;
  return startsWithFrom(line, i);
}

/** A header field's first line: a name of printable ASCII without ":", then ":" (RFC 5322 §2.2). */
function looksLikeHeader(line: Buffer): boolean {
  let i = 0;
  while (i < line.length && line[i] !== 0x3a) {
    const c = line[i] as number;
    if (c < 0x21 || c > 0x7e) return false;
    i += 1;
  }
  return i > 0 && i < line.length;
}

/** Removes the line end (LF or CRLF) for inspection. */
const content = (line: Buffer) => line.subarray(0, line.length - (line[line.length - 1] === LF ? (line[line.length - 2] === CR ? 2 : 1) : 0));

class MessageBuilder {
  private parts: Buffer[] = [];
  private size = 0;
  constructor(readonly fromLine: Buffer | undefined) {}

  push(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  /** The message; the blank line that separates it from the next "From " line belongs to the mbox, not to it. */
  build(): Buffer {
    const all = Buffer.concat(this.parts, this.size);
    const n = all.length;
    if (n >= 4 && all[n - 1] === LF && all[n - 2] === CR && all[n - 3] === LF && all[n - 4] === CR) return all.subarray(0, n - 2);
    if (n >= 2 && all[n - 1] === LF && all[n - 2] === LF) return all.subarray(0, n - 1);
    if (n === 1 && all[0] === LF) return all.subarray(0, 0);
    return all;
  }
}

const isWhitespace = (bytes: Buffer) => bytes.every((b) => b === LF || b === CR || b === 0x20 || b === 0x09);

/**
 * Yields the messages of an mbox stream in order; memory holds one message (and one read
 * chunk) at a time, whatever the size of the file.
 */
export async function* splitMbox(input: Readable): AsyncGenerator<MboxMessage> {
  let carry: Buffer | undefined;
  let first = true;
  let index = 0;
  let current: MessageBuilder | undefined;
  /** A "From " line waiting for the next line, which decides whether it starts a message. */
  let pendingFrom: Buffer | undefined;

  const finish = (): MboxMessage | undefined => {
    const done = current;
    current = undefined;
    if (!done) return undefined;
    const raw = done.build();
    if (done.fromLine === undefined && isWhitespace(raw)) return undefined;
    index += 1;
    const fromLine = done.fromLine === undefined ? undefined : content(done.fromLine).toString('latin1');
    return { raw, index, receivedAt: fromLine === undefined ? undefined : mboxFromLineDate(fromLine) };
  };

  const body = (bytes: Buffer) => {
    current ??= new MessageBuilder(undefined);
    current.push(bytes);
  };

  /** Takes a line that may matter ("From ", ">From ", or after a "From "); returns the message it completes, if any. */
  const take = (line: Buffer): MboxMessage | undefined => {
    if (pendingFrom !== undefined) {
      const from = pendingFrom;
      pendingFrom = undefined;
      if (looksLikeHeader(content(line))) {
        const message = finish();
        current = new MessageBuilder(from);
        current.push(line);
        return message;
      }
      // An unescaped "From " in a body: keep it as text.
      body(from);
    }
    if (startsWithFrom(line)) pendingFrom = line;
    else body(escapedFrom(line) ? line.subarray(1) : line);
    return undefined;
  };

  for await (const chunk of input as AsyncIterable<Buffer>) {
    let data: Buffer = chunk;
    if (first) {
      data = carry === undefined ? data : Buffer.concat([carry, data]);
      carry = undefined;
      if (data.length < BOM.length && BOM.subarray(0, data.length).equals(data)) {
        carry = data;
        continue;
      }
      if (data.subarray(0, 3).equals(BOM)) data = data.subarray(3);
      first = false;
    }
    let start = 0;
    if (carry !== undefined) {
      // Only the line that straddles two chunks is copied, not the chunk.
      const end = data.indexOf(LF);
      if (end === -1) {
        carry = Buffer.concat([carry, data]);
        continue;
      }
      const line = Buffer.concat([carry, data.subarray(0, end + 1)]);
      carry = undefined;
      const message = take(line);
      if (message) yield message;
      start = end + 1;
    }
    // Plain body lines (most of them) are kept as one run of the chunk, not line by line.
    let run = start;
    for (let end = data.indexOf(LF, start); end !== -1; end = data.indexOf(LF, start)) {
      const b = data[start];
      if (pendingFrom !== undefined || b === 0x46 /* F */ || b === GT) {
        if (run < start) body(data.subarray(run, start));
        const message = take(data.subarray(start, end + 1));
        if (message) yield message;
        run = end + 1;
      }
      start = end + 1;
    }
    if (run < start) body(data.subarray(run, start));
    // Copy the tail: a subarray would keep the whole chunk alive until the next one.
    if (start < data.length) carry = Buffer.from(data.subarray(start));
  }
  if (carry !== undefined && carry.length > 0) {
    const message = take(carry);
    if (message) yield message;
  }
  if (pendingFrom !== undefined) {
    // A "From " line at the very end starts nothing.
    body(pendingFrom);
    pendingFrom = undefined;
  }
  const last = finish();
  if (last) yield last;
}
