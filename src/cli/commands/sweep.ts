import type { Command } from 'commander';
import { workspaceToday } from '../../app/assess-workspace.ts';
import { runSweep } from '../../app/run-sweep.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { parseDateOption } from './assess.ts';

export function registerSweep(program: Command, env: CliEnv): void {
  program.command('sweep')
    .description('carry out the actions due: record work paused or resumed and requests deemed answered, and queue each message in the outbox, at most once per action')
    .option('--at <date>', 'the day to sweep, YYYY-MM-DD (default: today in the workspace\'s time zone)')
    .option('--dry-run', 'list what would be done, change nothing')
    .option('--full', 'assess every client, not only those changed since the last sweep or with something coming due')
    .option('--json', 'print the report as JSON')
    .action(async (options: { at?: string; dryRun?: boolean; full?: boolean; json?: boolean }, command: Command) => {
      const at = parseDateOption(options.at, '--at');
      const report = await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) =>
        runSweep(ctx, config.workspaceId, at ?? (await workspaceToday(ctx, config.workspaceId)), { dryRun: options.dryRun === true, full: options.full === true }));
      if (options.json) {
        env.stdout.write(JSON.stringify(report) + '\n');
        return;
      }
      const list = options.dryRun ? report.planned : report.done;
      const scope = `${report.mode}, ${report.clientsAssessed} client(s) assessed`;
      env.stdout.write(options.dryRun
        ? `Sweep of ${report.at} (dry run, ${scope}): ${list.length} action(s) due.\n`
        : `Sweep of ${report.at} (${scope}): ${report.done.length} action(s) carried out, ${report.alreadyDone.length} already done, ${report.eventsAppended} event(s) recorded.\n`);
      for (const action of list) env.stdout.write(`  ${action.kind} due ${action.due} [${action.key}]\n`);
      if (report.unassessable.length > 0) env.stdout.write(`${report.unassessable.length} client(s) skipped, they cannot be assessed:\n`);
      for (const f of report.unassessable) env.stdout.write(`  ${f.clientId}: ${f.error.message} [${f.error.code}]\n`);
    });
}
