import type { Command } from 'commander';
import { clientStatement } from '../../app/client-statement.ts';
import { workspaceToday } from '../../app/assess-workspace.ts';
import { statementJson } from '../../core/accounts/statement-json.ts';
import { dayCounts, type DayCount } from '../../core/law/day-count.ts';
import { formatDecimal, type Money } from '../../core/money.ts';
import { UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { parseDateOption } from './assess.ts';

const amount = (m: Money) => `${formatDecimal(m)} ${m.currency}`;

export function registerStatement(program: Command, env: CliEnv): void {
  program.command('statement')
    .description('a client\'s statement of account: invoices, credit notes and payments with running balances, what is overdue, and the late interest and compensation earned so far')
    .requiredOption('--client <id>', 'the client')
    .option('--at <date>', 'as of the end of this day, YYYY-MM-DD (default: today in the workspace\'s time zone)')
    .option('--day-count <convention>', `day count for interest: ${dayCounts.join(', ')}`, 'act365')
    .option('--json', 'print the statement as JSON')
    .action(async (options: { client: string; at?: string; dayCount: string; json?: boolean }, command: Command) => {
      const at = parseDateOption(options.at, '--at');
      if (!(dayCounts as readonly string[]).includes(options.dayCount)) throw new UsageError(`--day-count must be one of ${dayCounts.join(', ')}, not "${options.dayCount}"`);
      const result = await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) =>
        clientStatement(ctx, config.workspaceId, options.client, at ?? (await workspaceToday(ctx, config.workspaceId)), { dayCount: options.dayCount as DayCount }));
      const { statement } = result;
      if (options.json) {
        env.stdout.write(JSON.stringify(statementJson(result, statement)) + '\n');
        return;
      }
      const out: string[] = [`Statement of account: ${result.name} (${result.clientId}) as of ${statement.at}`, ''];
      for (const line of statement.lines) {
        out.push(`  ${line.date}  ${line.kind.padEnd(7)}  ${line.reference.padEnd(24)} ${amount(line.amount).padStart(18)} ${amount(line.balance).padStart(18)}`);
      }
      out.push('');
      for (const b of statement.balances) {
        out.push(`  ${b.currency}: invoiced ${amount(b.invoiced)}, credited ${amount(b.credited)}, paid ${amount(b.paid)}; balance ${amount(b.balance)}`
          + `${b.onAccount.minor > 0 ? ` (on account ${amount(b.onAccount)})` : ''}; overdue ${amount(b.overdue)}; late interest ${amount(b.interest)}`
          + (b.interestIncomplete ? ' (incomplete: see below)' : ''));
      }
      for (const c of statement.compensation) out.push(`  Fixed compensation: ${amount(c)}`);
      const late = statement.invoices.filter((i) => i.daysLate > 0);
      if (late.length > 0) {
        out.push('', '  Late invoices:');
        for (const i of late) {
          out.push(`    ${i.number} due ${i.dueDate}: ${i.daysLate} day(s) late${i.settledOn ? `, paid ${i.settledOn}` : `, open ${amount(i.open)}`}`
            + (i.late?.interest ? `; interest ${amount(i.late.interest)}` : '') + (i.late?.compensation ? `, compensation ${amount(i.late.compensation)}` : ''));
          if (i.late?.missingRate) out.push(`      interest unknown: ${i.late.missingRate}`);
          else if (i.late?.rule) out.push(`      ${i.late.rule}`);
        }
      }
      env.stdout.write(out.join('\n') + '\n');
    });
}
