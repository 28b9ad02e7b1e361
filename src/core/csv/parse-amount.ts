import { minorDigits, tryParseMoney, type CurrencyCode, type Money } from '../money.ts';

// Amounts as spreadsheets and invoicing tools write them: `1234.50`, `1234,50`, `1.234,50`,
// `1,234.50`, `1 234,50`. Where the text alone cannot tell a thousands separator from a
// decimal one (`1,234`, `1.500`) it is rejected rather than guessed: a Danish `1.500` is
// 1500 kroner, an English `1.500` one and a half, and a wrong guess is off by a factor of
// 1000 in a letter to a client.

export const decimalSeparators = [',', '.'] as const;
export type DecimalSeparator = (typeof decimalSeparators)[number];

/** An amount as written, reduced to its digits: sign, whole units and decimals, no separators. */
export interface WrittenAmount {
  readonly negative: boolean;
  /** Whole units, digits only (`"1234"`). */
  readonly units: string;
  /** Decimals as written, digits only, possibly empty (`"5"` for `1234,5`). */
  readonly decimals: string;
}

export type AmountResult = { readonly ok: true; readonly amount: WrittenAmount } | { readonly ok: false; readonly reason: string };

const SEPARATOR = /[.,\u0020\u00A0\u202F]/;
const SEPARATORS = /[.,\u0020\u00A0\u202F]/g;
/** Space, no-break space and narrow no-break space only ever group thousands (`1 234,50`, SI style). */
const asGroupKind = (sep: string): string => (sep === '.' || sep === ',' ? sep : ' ');

const fail = (reason: string): AmountResult => ({ ok: false, reason });

/**
 * Reads an amount written with a decimal point or comma, with or without thousands separators.
 * `decimal` says which separator is the decimal one when the file's convention is known;
 * without it a lone separator followed by exactly three digits (`1,234`) is ambiguous and rejected.
 * @example parseAmount('1.234,50') // { negative: false, units: '1234', decimals: '50' }
 */
export function parseAmount(text: string, decimal?: DecimalSeparator): AmountResult {
  const written = text.trim();
  const notAnAmount = fail(`'${written}' is not an amount`);
  let body = written;
  const negative = body.startsWith('-');
  if (negative) body = body.slice(1);
  // A separator first or last (`,50`, `1234.`) or two in a row leaves an empty digit group.
  const groups = body.split(SEPARATOR);
  if (groups.some((group) => !/^\d+$/.test(group))) return notAnAmount;
  const seps = (body.match(SEPARATORS) ?? []).map(asGroupKind);
  if (seps.length === 0) return { ok: true, amount: { negative, units: body, decimals: '' } };

  const kinds = new Set(seps);
  let decimalSep: string | undefined;
  if (decimal !== undefined) {
    decimalSep = kinds.has(decimal) ? decimal : undefined;
  } else if (kinds.has('.') && kinds.has(',')) {
    decimalSep = seps.findLast((sep) => sep !== ' ');
  } else if (kinds.has(' ')) {
    decimalSep = [...kinds].find((sep) => sep !== ' ');
  } else if (seps.length === 1) {
    const [units, decimals] = groups as [string, string];
    // `1,234` is 1234 with a thousands separator or 1.234 with a decimal one; `0,234` and
    // `1234,567` are not (a thousands group never starts with 0 nor has four digits).
    if (decimals.length === 3 && /^[1-9]\d{0,2}$/.test(units)) {
      return fail(`'${written}' is ambiguous: is '${seps[0]}' a thousands separator or a decimal one? Write the decimals too (${units}${seps[0]}${decimals}${seps[0] === '.' ? ',' : '.'}00) or no separator (${units}${decimals})`);
    }
    decimalSep = seps[0];
  }
  if (decimalSep !== undefined && seps.indexOf(decimalSep) !== seps.length - 1) {
    return fail(`'${written}' is not an amount: the decimal separator '${decimalSep}' must come once, after the thousands separators`);
  }
  const unitGroups = decimalSep === undefined ? groups : groups.slice(0, -1);
  const groupSeps = decimalSep === undefined ? seps : seps.slice(0, -1);
  if (groupSeps.length > 0) {
    const misgrouped = new Set(groupSeps).size > 1 || !/^[1-9]\d{0,2}$/.test(unitGroups[0] as string) || unitGroups.slice(1).some((g) => g.length !== 3);
    if (misgrouped) return fail(`'${written}' is not an amount: thousands separators must group the digits by three`);
  }
  return { ok: true, amount: { negative, units: unitGroups.join(''), decimals: decimalSep === undefined ? '' : (groups.at(-1) as string) } };
}

export type MoneyResult = { readonly ok: true; readonly money: Money } | { readonly ok: false; readonly reason: string };

/** A written amount in a currency → exact minor units; more decimals than the currency has is an error, never rounded. */
export function amountToMoney(amount: WrittenAmount, currency: CurrencyCode, written: string): MoneyResult {
  const digits = minorDigits(currency);
  if (amount.decimals.length > digits) {
    const n = amount.decimals.length;
    return { ok: false, reason: `'${written.trim()}' has ${n} decimal${n === 1 ? '' : 's'}; ${currency} has ${digits}` };
  }
  const decimal = `${amount.negative ? '-' : ''}${amount.units}${amount.decimals ? `.${amount.decimals}` : ''}`;
  const money = tryParseMoney(decimal, currency);
  return money ? { ok: true, money } : { ok: false, reason: `'${written.trim()}' is too large an amount` };
}
