/** Digits after the decimal point in `currency` (DKK 2, JPY 0), from Intl rather than a table of ours. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * A typed amount as the wire's decimal string: "1.234,56", "1234,56", "1 234.5" and "1234.56"
 * all give "1234.56". With both separators the last one is the decimal mark; a separator that
 * appears more than once groups thousands; a single one is the decimal mark. Undefined when
 * the text is no amount, or has more decimals than the currency has. With the page's `locale`,
 * a single separator that is that language's thousands separator followed by exactly three
 * digits groups thousands ("1.250" in Danish, "1,250" in English); without it, such a text is
 * refused as ambiguous rather than guessed.
 * @example parseAmount('1.250,5', 'DKK') → '1250.50'
 */
export function parseAmount(text: string, currency: string, locale?: 'en' | 'da'): string | undefined {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(compact)) return undefined;
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let whole = compact;
  let fraction = '';
  const split = (at: number) => {
    whole = compact.slice(0, at);
    fraction = compact.slice(at + 1);
  };
  if (lastDot >= 0 && lastComma >= 0) split(Math.max(lastDot, lastComma));
  else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const grouping = locale === 'da' ? '.' : locale === 'en' ? ',' : null;
    const groupsThousands = mark === grouping && compact.length - compact.lastIndexOf(mark) - 1 === 3;
    if (compact.indexOf(mark) === compact.lastIndexOf(mark) && !groupsThousands) split(compact.lastIndexOf(mark));
  }
  whole = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return undefined;
  const digits = minorDigits(currency);
  if (fraction.length > digits) return undefined;
  const normalised = whole.replace(/^0+(?=\d)/, '');
  return digits === 0 ? normalised : `${normalised}.${fraction.padEnd(digits, '0')}`;
}
