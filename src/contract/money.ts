import { z } from 'zod';
import { formatDecimal, type CurrencyCode, type Money } from '../core/money.ts';

// Money on the wire: `{"amount":"1250.00","currency":"DKK"}`, a decimal string in the
// currency's minor digits (as in LEDGER.md), never minor units or a float. The one place the
// server turns an amount into its wire form.

export const MoneyView = z.object({ amount: z.string(), currency: z.string() }).meta({ id: 'Money' });
export type WireMoney = z.output<typeof MoneyView>;

/** `minor` units of `currency` as the wire's money. */
export const wireMoney = (minor: number, currency: CurrencyCode | string): WireMoney =>
  ({ amount: formatDecimal({ minor, currency: currency as CurrencyCode }), currency });

/** A core Money as the wire's money. */
export const wireMoneyOf = (money: Money): WireMoney => wireMoney(money.minor, money.currency);
export const wireMoneyOrNull = (money: Money | null): WireMoney | null => (money === null ? null : wireMoneyOf(money));
