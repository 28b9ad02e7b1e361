import type { Command } from 'commander';
import { createWorkspace, describeDatabase } from '../../app/workspace.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';

export function registerInit(program: Command, env: CliEnv): void {
  program.command('init')
    .description('create the database (or bring its schema up to date) and the workspace')
    .action(async (_options, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      await withApp(env, globals, async (ctx, config) => {
        await createWorkspace(ctx, config.workspaceId);
        env.stdout.write(`Ready: ${describeDatabase(ctx)}, workspace "${config.workspaceId}".\n`);
      });
    });
}
