import { isSupportedInstant, tryParseInstant, type IsoInstant } from '../dates.ts';

// Dates as mail carries them: the Date header (RFC 5322 §3.3, with the obsolete forms of
// §4.3 that old archives are full of: two-digit years, named zones, comments) and the
// asctime() date of an mbox "From " line (`Sat Dec  2 12:34:56 2017`). Parsed here rather
// than by mailparser, which turns an unreadable Date into the time of parsing — a message
// would then seem to have been written during the import.

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// RFC 5322 §4.3 obs-zone. Military letters are "-0000" there (their sign was defined the wrong
// way round in RFC 822, so they carry no information): read as UTC, as is an unknown name.
const zones: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, edt: -4 * 60, est: -5 * 60, cdt: -5 * 60, cst: -6 * 60, mdt: -6 * 60, mst: -7 * 60, pdt: -7 * 60, pst: -8 * 60,
  // Not in the RFC, but common in the archives of European lists.
  cet: 60, cest: 120, bst: 60, met: 60, mest: 120, eet: 120, eest: 180, wet: 0, west: 60,
};

/** Drops RFC 5322 comments, `(EDT)`, nested ones included. */
function withoutComments(text: string): string {
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '(') depth += 1;
    else if (ch === ')' && depth > 0) depth -= 1;
    else if (depth === 0) out += ch;
  }
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A mail date → the instant in UTC; undefined when it names no real moment. Takes the Date
 * header's forms and asctime(); an RFC 3339 timestamp (which some robots write) as well.
 * A missing zone is read as UTC.
 * @example parseMailDate('Wed, 20 Sep 1995 00:19:00 (EDT) -0400') === '1995-09-20T04:19:00.000Z'
 */
export function parseMailDate(text: string | undefined): IsoInstant | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const iso = tryParseInstant(trimmed);
  if (iso !== undefined) return iso;

  const tokens = withoutComments(trimmed).replace(/,/g, ' ').split(/\s+/).filter((t) => t !== '');
  let month: number | undefined;
  let time: [number, number, number] | undefined;
  let offset: number | undefined;
  const numbers: string[] = [];
  for (const token of tokens) {
    const lower = token.toLowerCase().replace(/\.$/, '');
    const monthIndex = lower.length >= 3 ? months.indexOf(lower.slice(0, 3)) : -1;
    if (/^\d{1,2}:\d{1,2}(:\d{1,2})?$/.test(token)) {
      if (time !== undefined) return undefined;
      const [h, m, s] = token.split(':').map(Number) as [number, number, number | undefined];
      time = [h, m, s ?? 0];
    } else if (/^[+-]\d{4}$/.test(token)) {
      const minutes = Number(token.slice(1, 3)) * 60 + Number(token.slice(3, 5));
      if (Number(token.slice(3, 5)) > 59) return undefined;
      offset = token[0] === '-' ? -minutes : minutes;
    } else if (/^\d+$/.test(token)) {
      numbers.push(token);
    } else if (monthIndex >= 0 && month === undefined && /^[a-z]+$/.test(lower)) {
      month = monthIndex + 1;
    } else if (Object.hasOwn(zones, lower)) {
      offset ??= zones[lower];
    } else if (/^[a-z]{1,5}$/.test(lower)) {
      // A day name, a military or unknown zone: no information.
    } else {
      return undefined;
    }
  }
  if (month === undefined || time === undefined || numbers.length !== 2) return undefined;
  // Day first (RFC 5322) or, in asctime, the day before the year too: the day is the number of
  // one or two digits that comes first, unless that is the only four-digit one.
  const [first, second] = numbers as [string, string];
  const [dayText, yearText] = first.length <= 2 && second.length >= 2 ? [first, second] : [second, first];
  if (dayText.length > 2) return undefined;
  const day = Number(dayText);
  let year = Number(yearText);
  if (yearText.length === 2) year += year < 50 ? 2000 : 1900; // RFC 5322 §4.3
  else if (yearText.length === 3) year += 1900;
  else if (yearText.length !== 4) return undefined;
  const [hour, minute, second0] = time;
  const second1 = Math.min(second0, 59); // a leap second is a second early rather than no date
  const zone = offset ?? 0;
  const sign = zone < 0 ? '-' : '+';
  const abs = Math.abs(zone);
  return tryParseInstant(`${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second1)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`);
}

/** The date of an mbox "From " line (`From sender@host Sat Dec  2 12:34:56 2017`), or undefined (`From -`). */
export function mboxFromLineDate(line: string): IsoInstant | undefined {
  const m = /^From \S*\s+(.*\S)\s*$/.exec(line);
  return m ? parseMailDate(m[1]) : undefined;
}

export type MailTimeSource = 'date' | 'receipt' | 'import';

/**
 * When a message happened, for the ledger: its Date header, else when it was received (the
 * mbox "From " line, the IMAP INTERNALDATE, the last Received header), else now — and never
 * later than now, which a sender's wrong clock would otherwise make it. A date outside the
 * ledger's range (`Date: 1 Jan 1900`) counts as no date: the ledger would refuse the event.
 */
export function mailTime(dateHeader: IsoInstant | undefined, receivedHeader: IsoInstant | undefined, now: IsoInstant): { at: IsoInstant; source: MailTimeSource } {
  const date = dateHeader !== undefined && isSupportedInstant(dateHeader) ? dateHeader : undefined;
  const receivedAt = receivedHeader !== undefined && isSupportedInstant(receivedHeader) ? receivedHeader : undefined;
  const [at, source]: [IsoInstant, MailTimeSource] = date !== undefined ? [date, 'date'] : receivedAt !== undefined ? [receivedAt, 'receipt'] : [now, 'import'];
  return { at: at > now ? now : at, source };
}
