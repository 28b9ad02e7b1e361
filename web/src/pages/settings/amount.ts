import type { Locale } from '../../api/types.ts';

/**
 * An amount as typed ("1.250,50" in Danish, "1,250.50" in English, "850") as the API's
 * decimal string ("1250.50"). The last separator is the decimal one, unless it is the
 * language's thousands separator followed by exactly three digits ("1.250" in Danish) and the
 * other separator does not occur.
 */
export function normaliseAmount(text: string, locale: Locale): string {
  const s = text.replace(/[\s\u00a0']/g, '');
  const at = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  if (at === -1) return s;
  const separator = s[at];
  const grouping = locale === 'da' ? '.' : ',';
  const fraction = s.slice(at + 1);
  if (separator === grouping && fraction.length === 3 && !s.slice(0, at).includes(locale === 'da' ? ',' : '.')) {
    return s.replace(/[.,]/g, '');
  }
  return `${s.slice(0, at).replace(/[.,]/g, '')}.${fraction}`;
}
