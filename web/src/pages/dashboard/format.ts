import type { Money } from '../../api/types.ts';

/** "1250.00" → 1250: for ordering rows only, never for arithmetic or display. */
export const amountOf = (money: Money): number => Number(money.amount) || 0;

/** Whether a decimal string such as "0.00" or "-0" is zero. */
export const isZero = (amount: string): boolean => /^-?0*(\.0*)?$/.test(amount);

/** Today as YYYY-MM-DD in the browser's time zone. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
