import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from 'mailparser';
import type { IsoInstant } from '../core/dates.ts';
import { parseMailDate } from '../core/mail/mail-date.ts';
import { normalizeAddress, type InboundMail, type MailAddress } from '../core/mail/match-mail.ts';
import { contentMessageId, firstMessageId, hashedMessageId, isUsableMessageId, messageIdsIn } from '../core/mail/message-id.ts';
import { toWellFormedText } from '../core/text.ts';

// One raw message → what matching and recording need. mailparser parses the MIME structure and
// the address headers; the Date and the Message-ID headers are read from the raw header lines
// (mailparser replaces an unreadable Date with the time of parsing, core/mail/mail-date.ts).
// Mail is text from outside that we keep rather than refuse: every decoded string (names, the
// subject, the snippet) is made well-formed here, once (core/text.ts: NUL, refused controls and
// lone surrogates become U+FFFD), so that one odd message can neither stop an import nor be
// stored differently by SQLite and PostgreSQL (which refuses NUL in text).

export interface ParsedInbound {
  readonly mail: InboundMail;
  /** From the Date header; undefined when it is missing or unreadable. */
  readonly date: IsoInstant | undefined;
  /** When the message reached us: the source's (mbox "From " line, IMAP INTERNALDATE), else the top Received header's. */
  readonly receivedAt: IsoInstant | undefined;
  /** The start of the text, for a person deciding about unmatched mail. */
  readonly snippet: string;
}

// Bodies are not needed beyond a snippet: skip what only a mail viewer wants.
const parserOptions = {
  skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, keepCidLinks: true, checksumAlgo: false as const,
  // HTML-only mail is turned into text for the snippet, but not a page of megabytes.
  maxHtmlLengthToParse: 500_000,
};

const snippetLength = 500;

/** A header's value from mailparser's raw lines: the first such header, unfolded. */
function rawHeader(parsed: ParsedMail, key: string): string | undefined {
  const line = parsed.headerLines.find((h) => h.key === key)?.line;
  if (line === undefined) return undefined;
  const colon = line.indexOf(':');
  return line.slice(colon + 1).replace(/\r?\n[ \t]/g, ' ').trim();
}

/** Every value of a repeatable header, each unfolded: References may come in several. */
function rawHeaders(parsed: ParsedMail, key: string): string[] {
  return parsed.headerLines.filter((h) => h.key === key).map((h) => h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]/g, ' ').trim());
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const flat = (list: readonly EmailAddress[]): MailAddress[] => list.flatMap((a) =>
    a.group ? flat(a.group) : a.address ? [{ name: toWellFormedText(a.name ?? ''), address: normalizeAddress(toWellFormedText(a.address)) }] : []);
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => flat(v.value));
}

/** SHA-256 of the message without carriage returns, so a copy with CRLF line ends (IMAP) and one with LF (mbox) agree. */
function contentHash(raw: Buffer): string {
  const hash = createHash('sha256');
  let from = 0;
  for (let cr = raw.indexOf(13); cr !== -1; cr = raw.indexOf(13, from)) {
    hash.update(raw.subarray(from, cr));
    from = cr + 1;
  }
  hash.update(raw.subarray(from));
  return hash.digest('hex');
}

/** The Message-ID the ledger keeps: the header's, or one derived from the header (too long) or the content (none). */
function messageIdOf(parsed: ParsedMail, raw: Buffer): string {
  const header = rawHeader(parsed, 'message-id');
  const id = firstMessageId(header);
  if (id !== undefined && isUsableMessageId(id)) return id;
  if (id !== undefined) return hashedMessageId(createHash('sha256').update(id, 'utf8').digest('hex'));
  return contentMessageId(contentHash(raw));
}

/** The date of the topmost Received header (the last hop, our side): after its last ";". */
function receivedHeaderDate(parsed: ParsedMail): IsoInstant | undefined {
  const received = rawHeader(parsed, 'received');
  if (received === undefined) return undefined;
  const semicolon = received.lastIndexOf(';');
  return semicolon === -1 ? undefined : parseMailDate(received.slice(semicolon + 1));
}

/** Parses one raw message (its bytes, as sent); `receivedAt` is when the source says it arrived. */
export async function parseInbound(raw: Buffer, receivedAt?: IsoInstant): Promise<ParsedInbound> {
  const parsed = await simpleParser(raw, parserOptions);
  const mail: InboundMail = {
    messageId: messageIdOf(parsed, raw),
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: toWellFormedText((parsed.subject ?? '').replace(/[\r\n]+/g, ' ')),
    inReplyTo: messageIdsIn(rawHeader(parsed, 'in-reply-to')),
    references: rawHeaders(parsed, 'references').flatMap((value) => messageIdsIn(value)),
  };
  const text = toWellFormedText((parsed.text ?? '').replace(/\s+/g, ' ').trim());
  return {
    mail,
    date: parseMailDate(rawHeader(parsed, 'date')),
    receivedAt: receivedAt ?? receivedHeaderDate(parsed),
    snippet: [...text].slice(0, snippetLength).join(''),
  };
}

/**
 * Stands in for a message mailparser could not read, so that it is kept (as unmatched mail,
 * with the reason in its snippet) rather than lost.
 */
export function unparseableInbound(raw: Buffer, error: unknown, receivedAt?: IsoInstant): ParsedInbound {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    mail: { messageId: contentMessageId(contentHash(raw)), from: [], to: [], cc: [], subject: '', inReplyTo: [], references: [] },
    date: undefined,
    receivedAt,
    snippet: toWellFormedText(`(this message could not be parsed: ${reason})`).slice(0, snippetLength),
  };
}
