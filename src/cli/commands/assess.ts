import type { Command } from 'commander';
import { assessWorkspace, workspaceToday } from '../../app/assess-workspace.ts';
import { checkDate, type IsoDate } from '../../core/dates.ts';
import { formatDecimal } from '../../core/money.ts';
import { assessmentJson } from '../../core/assess/assessment-json.ts';
import { UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';

export function parseDateOption(text: string | undefined, option: string): IsoDate | undefined {
  if (text === undefined) return undefined;
  const checked = checkDate(text);
  if (!checked.ok) throw new UsageError(`${option}: ${checked.reason}`);
  return checked.date;
}

const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));

export function registerAssess(program: Command, env: CliEnv): void {
  program.command('assess')
    .description('assess every client as of the end of a day: stage, the three difficult-client decisions, economics, due actions')
    .option('--at <date>', 'the day to assess, YYYY-MM-DD (default: today in the workspace\'s time zone)')
    .option('--client <id>', 'only this client')
    .option('--json', 'print the JSON of LEDGER.md')
    .action(async (options: { at?: string; client?: string; json?: boolean }, command: Command) => {
      const at = parseDateOption(options.at, '--at');
      const result = await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) => {
        const date = at ?? (await workspaceToday(ctx, config.workspaceId));
        return assessWorkspace(ctx, config.workspaceId, date, options.client === undefined ? {} : { clientIds: [options.client] });
      });
      if (options.client !== undefined && result.clients.length === 0 && result.unassessable.length === 0) throw new UsageError(`no client "${options.client}"`);
      if (options.json) {
        env.stdout.write(JSON.stringify(assessmentJson(result.at, result.clients, result.unassessable)) + '\n');
        return;
      }
      env.stdout.write(`Assessment as of ${result.at}\n\n`);
      env.stdout.write(`${pad('client', 16)}${pad('stage', 12)}${pad('unresponsive', 14)}${pad('controlling', 13)}${pad('late payer', 12)}rate/h         actions\n`);
      for (const c of result.clients) {
        const mark = (a: 'unresponsive' | 'controlling' | 'latePayer') => `${c.archetypes[a].score}${c.archetypes[a].flagged ? ' FLAG' : ''}`;
        const rate = c.economics.window.hourlyRate;
        const rateText = rate ? `${formatDecimal(rate)} ${rate.currency}` : '—';
        env.stdout.write(`${pad(c.clientId, 16)}${pad(c.stage, 12)}${pad(mark('unresponsive'), 14)}${pad(mark('controlling'), 13)}${pad(mark('latePayer'), 12)}${pad(rateText, 15)}${c.actions.length}\n`);
      }
      // A client that cannot be assessed is a row of its own, with the reason (#19 F2).
      for (const f of result.unassessable) env.stdout.write(`${pad(f.clientId, 16)}cannot be assessed: ${f.error.message} [${f.error.code}]\n`);
      for (const c of result.clients) {
        const flagged = (['unresponsive', 'controlling', 'latePayer'] as const).filter((a) => c.archetypes[a].flagged);
        if (flagged.length === 0 && c.actions.length === 0) continue;
        env.stdout.write(`\n${c.name} (${c.clientId}), ${c.stage}\n`);
        for (const a of flagged) env.stdout.write(`  ${a}: ${c.archetypes[a].explanation.en}\n`);
        for (const action of c.actions) env.stdout.write(`  → ${action.kind} due ${action.due} [${action.key}]\n`);
      }
    });
}
