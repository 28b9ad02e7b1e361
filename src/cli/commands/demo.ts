import type { Command } from 'commander';
import { loadDemo } from '../../app/demo.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { printImportReport } from './import.ts';

export function registerDemo(program: Command, env: CliEnv): void {
  program.command('demo')
    .description('load the demo agency (Nordlys Social ApS) into the workspace; loading it again adds nothing')
    .action(async (_options, command: Command) => {
      const report = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => loadDemo(ctx, config.workspaceId));
      printImportReport(env, report, false);
    });
}
