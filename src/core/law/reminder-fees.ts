import { Decimal } from 'decimal.js';
import { toPlainDate, type IsoDate } from '../dates.ts';
import { FirmlyError } from '../errors.ts';
import { minorDigits, type Money } from '../money.ts';
import { lawData } from './law-data.ts';

// Danish reminder fees (rykkergebyr), renteloven § 9 b stk. 1–2, with the limits in
// data/rates.json: at most DKK 100 a reminder, at most three fee-bearing reminders per
// claim (continuous arrears in one relationship count as one claim), at least 10 days
// between fee-bearing reminders (send dates), only once the claim is due — the day after
// the due date at the earliest — and none once the claim is disputed. Reminders beyond
// these limits may still be sent, without a fee. The reminder ladder asks these functions
// and so never plans a fee the law forbids.

const rule = lawData.DK.reminderFees ?? ((): never => {
  throw new Error('Invalid law data (src/core/law/data/rates.json): DK.reminderFees is missing');
})();
const DKK = rule.currency;
/** The most one reminder may carry: DKK 100.00. */
export const maxReminderFee: Money = {
  minor: rule.maxPerReminder.times(new Decimal(10).pow(minorDigits(DKK))).toNumber(),
  currency: DKK,
};

export interface FeeClaim {
  readonly dueDate: IsoDate;
  /** The day the client disputed the claim, if they did: no fee on or after it. */
  readonly disputedOn?: IsoDate | null;
}

/** A reminder already sent on the claim and the fee it carried (null or zero: none). */
export interface SentReminder {
  readonly date: IsoDate;
  readonly fee: Money | null;
}

export const feeRefusals = ['not_due', 'disputed', 'limit_reached', 'too_soon'] as const;
export type FeeRefusal = (typeof feeRefusals)[number];

export type FeeDecision =
  | { readonly allowed: true; readonly maxFee: Money }
  | { readonly allowed: false; readonly reason: FeeRefusal; /** too_soon: the first day a fee would be allowed again. */ readonly earliest?: IsoDate };

const bearsFee = (r: SentReminder) => r.fee !== null && r.fee.minor > 0;
const daysBetween = (a: IsoDate, b: IsoDate) => Math.abs(toPlainDate(a).until(toPlainDate(b), { largestUnit: 'days' }).days);

/** Whether a reminder sent on `date` may carry a fee, given the reminders already sent on the claim. */
export function reminderFeeAllowed(claim: FeeClaim, history: readonly SentReminder[], date: IsoDate): FeeDecision {
  if (date <= claim.dueDate) return { allowed: false, reason: 'not_due' };
  if (claim.disputedOn && date >= claim.disputedOn) return { allowed: false, reason: 'disputed' };
  const charged = history.filter(bearsFee);
  if (charged.length >= rule.maxFeeBearingReminders) return { allowed: false, reason: 'limit_reached' };
  const close = charged.filter((r) => daysBetween(r.date, date) < rule.minDaysBetweenFeeBearingReminders);
  if (close.length > 0) {
    const latest = close.map((r) => r.date).sort().at(-1) as IsoDate;
    const earliest = toPlainDate(latest).add({ days: rule.minDaysBetweenFeeBearingReminders }).toString() as IsoDate;
    return { allowed: false, reason: 'too_soon', earliest };
  }
  return { allowed: true, maxFee: maxReminderFee };
}

export interface PlannedReminder {
  readonly date: IsoDate;
  /** The fee this reminder carries; null when the law allows none (see `refusal`). */
  readonly fee: Money | null;
  readonly refusal: FeeRefusal | null;
}

/**
 * Which of the reminders planned for `dates` may carry a fee, and how much: `fee` (DKK,
 * capped at DKK 100) where the law allows one, none otherwise. Dates are taken in order;
 * each fee planned counts against the limits for the later ones.
 */
export function planReminderFees(claim: FeeClaim, history: readonly SentReminder[], dates: readonly IsoDate[], fee: Money = maxReminderFee): PlannedReminder[] {
  if (fee.currency !== DKK) throw new FirmlyError('money.currency_mismatch', `Danish reminder fees are in ${DKK}, not ${fee.currency}`);
  if (fee.minor < 0) throw new FirmlyError('input.invalid', 'A reminder fee cannot be negative');
  const charged = Math.min(fee.minor, maxReminderFee.minor);
  const known: SentReminder[] = [...history];
  return [...dates].sort().map((date) => {
    const decision = reminderFeeAllowed(claim, known, date);
    if (!decision.allowed || charged === 0) return { date, fee: null, refusal: decision.allowed ? null : decision.reason };
    const planned = { date, fee: { minor: charged, currency: DKK } };
    known.push(planned);
    return { ...planned, refusal: null };
  });
}
