import type { Command } from 'commander';
import { demoWorkspaceId, loadDemo, removeDemo, type DemoLoad } from '../../app/demo.ts';
import { UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { parseDateOption } from './assess.ts';
import { printImportReport } from './import.ts';

/** What a load did, in words; the import's own report when it imported. */
export function printDemoLoad(env: CliEnv, load: DemoLoad): void {
  if (load.kind === 'already-loaded') {
    const dated = load.datedOn ? ` (dated to ${load.datedOn})` : '';
    env.stdout.write(`The workspace "${load.workspaceId}" already holds the demo${dated}; nothing was added. `
      + '`firmly demo --remove` removes it, to load it again for another day.\n');
    return;
  }
  printImportReport(env, load.report, false);
  env.stdout.write(`The demo is in the workspace "${load.workspaceId}", its story moved by ${load.shiftDays} days to end on ${load.storyEnd}`
    + (load.storyEnd === load.datedOn ? '.\n' : ` (whole weeks keep weekdays, so it ends up to 6 days before ${load.datedOn}).\n`));
}

export function registerDemo(program: Command, env: CliEnv): void {
  program.command('demo')
    .description(`load the demo agency (Nordlys Social ApS) into its own workspace "${demoWorkspaceId}", dated so that its story ends this week; loading it again adds nothing`)
    .option('--at <date>', 'date the demo relative to this day, YYYY-MM-DD, instead of today (a reproducible demo; 2026-11-20 gives the dates it was written with)')
    .option('--remove', `delete the demo workspace "${demoWorkspaceId}" with everything in it`)
    .action(async (options: { at?: string; remove?: boolean }, command: Command) => {
      if (options.remove && options.at !== undefined) throw new UsageError('--remove and --at do not go together');
      const at = parseDateOption(options.at, '--at');
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (options.remove) {
        await withApp(env, globals, (ctx) => removeDemo(ctx, demoWorkspaceId));
        env.stdout.write(`Removed the demo workspace "${demoWorkspaceId}" and everything in it.\n`);
        return;
      }
      printDemoLoad(env, await withApp(env, globals, (ctx) => loadDemo(ctx, demoWorkspaceId, { at })));
    });
}
