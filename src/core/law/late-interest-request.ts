import { z } from 'zod';
import { FirmlyError } from '../errors.ts';
import { tryParseMoney } from '../money.ts';
import { CurrencyWire, DateWire, JurisdictionWire, LocaleWire, RatePctWire } from '../ledger/wire.ts';
import { dayCounts } from './day-count.ts';
import { debtorKinds } from './law-data.ts';
import type { LateInterestInput } from './late-interest.ts';

// A request for late-payment interest as it arrives from outside (the CLI today, the HTTP
// API later): text in, a checked LateInterestInput out, or every problem named by field.

export const LateInterestRequest = z.strictObject({
  jurisdiction: JurisdictionWire,
  principal: z.string({ error: 'amounts are decimal strings such as "25000.00"' })
    .regex(/^-?\d+(\.\d+)?$/, 'not an amount such as "25000.00" (digits and a decimal point, no thousands separators)'),
  currency: CurrencyWire,
  dueDate: DateWire,
  paidDate: DateWire,
  dayCount: z.enum(dayCounts).optional(),
  /** A contractual rate in percent a year, instead of the statutory rate. */
  ratePct: RatePctWire.optional(),
  debtor: z.enum(debtorKinds).optional(),
  claimArose: DateWire.optional(),
  /** gov.uk's published method: the day's interest rounded to the penny, times the days. */
  govUkDailyRounding: z.boolean().optional(),
  locale: LocaleWire.optional(),
}).transform((r, ctx): LateInterestInput => {
  const principal = tryParseMoney(r.principal, r.currency);
  if (!principal) ctx.addIssue({ code: 'custom', path: ['principal'], message: `"${r.principal}" is not an exact amount in ${r.currency}` });
  else if (principal.minor < 0) ctx.addIssue({ code: 'custom', path: ['principal'], message: 'must be zero or more' });
  if (r.govUkDailyRounding && r.jurisdiction !== 'GB') {
    ctx.addIssue({ code: 'custom', path: ['govUkDailyRounding'], message: 'gov.uk daily rounding is the GB method; use it with jurisdiction GB' });
  }
  if (r.claimArose !== undefined && r.claimArose > r.dueDate) {
    ctx.addIssue({ code: 'custom', path: ['claimArose'], message: `must be on or before the due date ${r.dueDate}` });
  }
  if (!principal || principal.minor < 0) return z.NEVER;
  return {
    jurisdiction: r.jurisdiction,
    principal,
    dueDate: r.dueDate,
    paidDate: r.paidDate,
    ...(r.dayCount ? { dayCount: r.dayCount } : {}),
    ...(r.ratePct !== undefined ? { contractualRatePct: r.ratePct } : {}),
    ...(r.debtor ? { debtor: r.debtor } : {}),
    ...(r.claimArose ? { claimArose: r.claimArose } : {}),
    ...(r.govUkDailyRounding ? { dailyRounding: true } : {}),
    ...(r.locale ? { locale: r.locale } : {}),
  };
});

export interface RequestIssue {
  readonly field: string;
  readonly message: string;
}

/** Parses a request; throws `input.invalid` whose details list every issue by field. */
export function parseLateInterestRequest(input: unknown): LateInterestInput {
  const parsed = LateInterestRequest.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: RequestIssue[] = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(request)', message: i.message }));
  throw new FirmlyError('input.invalid', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
}
