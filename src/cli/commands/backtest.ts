import type { Command } from 'commander';
import { backtestClient } from '../../app/backtest-client.ts';
import { workspaceToday } from '../../app/assess-workspace.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { parseDateOption } from './assess.ts';

export function registerBacktest(program: Command, env: CliEnv): void {
  program.command('backtest')
    .description('replay one client day by day: the first date each difficult-client archetype would have been flagged, and what the playbook would have done then')
    .requiredOption('--client <id>', 'the client')
    .option('--until <date>', 'last day to replay, YYYY-MM-DD (default: today)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { client: string; until?: string; json?: boolean }, command: Command) => {
      const until = parseDateOption(options.until, '--until');
      const result = await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) =>
        backtestClient(ctx, config.workspaceId, options.client, until ?? (await workspaceToday(ctx, config.workspaceId))));
      if (options.json) {
        env.stdout.write(JSON.stringify(result) + '\n');
        return;
      }
      env.stdout.write(`Backtest of ${options.client}, ${result.from} to ${result.until}\n`);
      for (const flag of result.flags) {
        if (flag.date === null) {
          env.stdout.write(`  ${flag.archetype}: never flagged\n`);
          continue;
        }
        env.stdout.write(`  ${flag.archetype}: first flagged on ${flag.date} (score ${flag.score}): ${flag.explanation}\n`);
        for (const action of flag.actions) env.stdout.write(`    → ${action.kind} due ${action.due} [${action.key}]\n`);
      }
    });
}
