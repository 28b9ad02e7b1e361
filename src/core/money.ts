import { FirmlyError } from './errors.ts';
import type { Brand } from './brand.ts';

export type CurrencyCode = Brand<string, 'CurrencyCode'>;

/** An exact amount: integer minor units (øre, cent, penny) plus its currency. */
export interface Money {
  readonly minor: number;
  readonly currency: CurrencyCode;
}

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));
const digitsCache = new Map<string, number>();

/** True for an ISO 4217 code this runtime's ICU knows (DKK, EUR, GBP, …). */
export function isCurrencyCode(code: string): code is CurrencyCode {
  return /^[A-Z]{3}$/.test(code) && knownCurrencies.has(code);
}

/** Number of minor-unit digits of a currency (DKK 2, JPY 0), taken from ICU, not from a table of ours. */
export function minorDigits(currency: CurrencyCode): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

const DECIMAL = /^(-?)(\d{1,16})(?:\.(\d+))?$/;

/** "1250.50" DKK → 125050 øre; undefined when the text is not an amount in that currency. */
export function tryParseMoney(amount: string, currency: CurrencyCode): Money | undefined {
  const m = DECIMAL.exec(amount);
  if (!m) return undefined;
  const digits = minorDigits(currency);
  const fraction = m[3] ?? '';
  if (fraction.length > digits) return undefined;
  const minor = Number(m[2] + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) return undefined;
  return { minor: m[1] && minor !== 0 ? -minor : minor, currency };
}

/** "1250.50" DKK → 125050 øre. Throws `money.invalid` on text that is not an exact amount. */
export function parseMoney(amount: string, currency: CurrencyCode): Money {
  const money = tryParseMoney(amount, currency);
  if (!money) throw new FirmlyError('money.invalid', `"${amount}" is not an amount in ${currency}`);
  return money;
}

/** 125050 øre → "1250.50": the wire form, with exactly the currency's minor digits. */
export function formatDecimal(money: Money): string {
  const digits = minorDigits(money.currency);
  const sign = money.minor < 0 ? '-' : '';
  const text = String(Math.abs(money.minor)).padStart(digits + 1, '0');
  return digits === 0 ? sign + text : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export const money = (minor: number, currency: CurrencyCode): Money => ({ minor, currency });

/** Sum of amounts in one currency; mixing currencies is a programming error the caller must avoid. */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) {
    throw new FirmlyError('money.currency_mismatch', `cannot add ${b.currency} to ${a.currency}`);
  }
  const minor = a.minor + b.minor;
  if (!Number.isSafeInteger(minor)) throw new FirmlyError('money.out_of_range', 'amount too large');
  return { minor, currency: a.currency };
}
