import type { Command } from 'commander';
import { isFirmlyError } from '../../core/errors.ts';
import { formatDecimal, type Money } from '../../core/money.ts';
import { lateInterest, lateInterestJson, type LateInterest } from '../../core/law/late-interest.ts';
import { LateInterestRequest } from '../../core/law/late-interest-request.ts';
import { UsageError, type CliEnv } from '../io.ts';

interface InterestOptions {
  jurisdiction: string;
  principal: string;
  currency: string;
  due: string;
  paid: string;
  dayCount?: string;
  rate?: string;
  govukDailyRounding?: boolean;
  debtor?: string;
  claimArose?: string;
  locale?: string;
  json?: boolean;
}

/** The option each request field comes from, so a refusal names what the user typed. */
const optionOf: Record<string, string> = {
  jurisdiction: '--jurisdiction', principal: '--principal', currency: '--currency', dueDate: '--due', paidDate: '--paid',
  dayCount: '--day-count', ratePct: '--rate', govUkDailyRounding: '--govuk-daily-rounding', debtor: '--debtor',
  claimArose: '--claim-arose', locale: '--locale',
};

const money = (m: Money) => `${m.currency} ${formatDecimal(m)}`;
const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const padLeft = (text: string, width: number) => (text.length >= width ? text : ' '.repeat(width - text.length) + text);

function summary(result: LateInterest, o: InterestOptions): string {
  const lines = [`Late-payment interest (${o.jurisdiction}${o.rate !== undefined ? ', contractual rate' : ''}): ${o.currency} ${o.principal} due ${o.due}, paid ${o.paid}, ${result.daysLate} days late`, ''];
  if (result.periods.length > 0) {
    lines.push(`  ${pad('from', 12)}${pad('to', 12)}${padLeft('days', 5)}  ${pad('rate', 9)}basis`);
    for (const p of result.periods) {
      const basis = p.statutory
        ? `reference ${p.statutory.referenceRatePct} %${p.statutory.referenceDate ? ` on ${p.statutory.referenceDate}` : ''} + ${p.statutory.marginPct} (grade ${p.statutory.grade})`
        : 'contractual';
      lines.push(`  ${pad(p.from, 12)}${pad(p.to, 12)}${padLeft(String(p.days), 5)}  ${pad(`${p.ratePct} %`, 9)}${basis}`);
    }
    lines.push('');
  }
  const method = result.dailyRounding ? 'daily interest rounded to the minor unit, times the days' : 'exact, rounded once, half up';
  lines.push(`Interest:            ${money(result.interest)}  (${result.dayCount}, ${method})`);
  lines.push(`Fixed compensation:  ${money(result.fixedCompensation)}`);
  if (result.interest.currency === result.fixedCompensation.currency) {
    lines.push(`Total:               ${money({ minor: result.interest.minor + result.fixedCompensation.minor, currency: result.interest.currency })}`);
  }
  lines.push('', `Rule: ${result.rule}`);
  const sources = [...new Map(result.periods.flatMap((p) => (p.statutory ? [[p.statutory.source, p.statutory.grade] as const] : []))).entries()];
  if (sources.length > 0) {
    lines.push('Sources:');
    for (const [source, grade] of sources) lines.push(`  [${grade}] ${source}`);
  }
  return lines.join('\n') + '\n';
}

export function registerInterest(program: Command, env: CliEnv): void {
  program.command('interest')
    .description('statutory (or contractual) late-payment interest and fixed compensation on one late payment; needs no database')
    .requiredOption('--jurisdiction <code>', 'DK, GB, DE, EU or NONE')
    .requiredOption('--principal <amount>', 'the amount paid late, e.g. 25000.00')
    .requiredOption('--currency <code>', 'ISO 4217 currency of the principal, e.g. DKK')
    .requiredOption('--due <date>', 'the due date, YYYY-MM-DD')
    .requiredOption('--paid <date>', 'the payment date (or the date to count to), YYYY-MM-DD')
    .option('--day-count <convention>', 'act365 (default), 30e360 or actact')
    .option('--rate <pct>', 'a contractual rate in percent a year instead of the statutory rate, e.g. 8.00')
    .option('--govuk-daily-rounding', "GB only: round the day's interest to the penny, times the days, as gov.uk does")
    .option('--debtor <kind>', 'business (default) or consumer')
    .option('--claim-arose <date>', 'when the obligation arose, if before the due date (DE margin, DK and DE compensation)')
    .option('--locale <locale>', 'language of the rule sentence: en (default) or da')
    .option('--json', 'print the result as one line of JSON')
    .addHelpText('after', '\nExample:\n  firmly interest --jurisdiction DK --principal 25000.00 --currency DKK --due 2025-05-31 --paid 2025-08-29 --json')
    .action((o: InterestOptions) => {
      const request = LateInterestRequest.safeParse({
        jurisdiction: o.jurisdiction, principal: o.principal, currency: o.currency, dueDate: o.due, paidDate: o.paid,
        ...(o.dayCount !== undefined ? { dayCount: o.dayCount } : {}),
        ...(o.rate !== undefined ? { ratePct: o.rate } : {}),
        ...(o.govukDailyRounding ? { govUkDailyRounding: true } : {}),
        ...(o.debtor !== undefined ? { debtor: o.debtor } : {}),
        ...(o.claimArose !== undefined ? { claimArose: o.claimArose } : {}),
        ...(o.locale !== undefined ? { locale: o.locale } : {}),
      });
      if (!request.success) {
        throw new UsageError(request.error.issues.map((i) => `${optionOf[String(i.path[0])] ?? 'interest'}: ${i.message}`).join('; '));
      }
      let result: LateInterest;
      try {
        result = lateInterest(request.data);
      } catch (error) {
        // The input was well-formed but does not fit the law (a GB debt not in pounds): still bad usage.
        if (isFirmlyError(error) && error.code === 'input.invalid') throw new UsageError(error.message);
        throw error; // a rate the data does not know: the work failed (exit 1), and the message asks for it
      }
      for (const p of result.periods) {
        const grade = p.statutory?.grade;
        if (grade === 'C' || grade === 'D') {
          env.stderr.write(`firmly: warning: the rate from ${p.from} is grade ${grade} (not verified): ${p.statutory?.source}\n`);
        }
      }
      env.stdout.write(o.json ? JSON.stringify(lateInterestJson(result)) + '\n' : summary(result, o));
    });
}
