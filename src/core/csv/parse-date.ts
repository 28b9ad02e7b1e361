import { tryParseIsoDate, type IsoDate } from '../dates.ts';

export type DateResult = { readonly ok: true; readonly date: IsoDate } | { readonly ok: false; readonly reason: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
// Danish order, day first: 01-03-2026, 1.3.2026. Never month first, so never ambiguous.
const DANISH = /^(\d{1,2})([-.])(\d{1,2})\2(\d{4})$/;
const SLASHED = /^\d{1,2}\/\d{1,2}\/\d{2,4}$/;
const SHORT_YEAR = /^\d{1,2}([-.])\d{1,2}\1\d{2}$/;

/**
 * A calendar date as spreadsheets write it: ISO `2026-03-31`, or day first with `-` or `.`
 * (`31-03-2026`, `31.3.2026`). `03/04/2026` is refused: 3 April in Denmark and Britain, March 4 in
 * the United States, and nothing in the text says which.
 */
export function parseCsvDate(text: string): DateResult {
  const written = text.trim();
  let iso: string | undefined;
  const danish = DANISH.exec(written);
  if (ISO.test(written)) iso = written;
  else if (danish) iso = `${danish[4]}-${(danish[3] as string).padStart(2, '0')}-${(danish[1] as string).padStart(2, '0')}`;
  if (iso !== undefined) {
    const date = tryParseIsoDate(iso);
    return date ? { ok: true, date } : { ok: false, reason: `'${written}' is not a date: there is no such day` };
  }
  if (SLASHED.test(written)) {
    return { ok: false, reason: `'${written}' is ambiguous: day/month or month/day? Write YYYY-MM-DD or DD-MM-YYYY` };
  }
  if (SHORT_YEAR.test(written)) return { ok: false, reason: `'${written}' needs a four-digit year` };
  return { ok: false, reason: `'${written}' is not a date (YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY)` };
}
