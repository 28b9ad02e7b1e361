import type { Command } from 'commander';
import { describeTarget } from '../../store/database.ts';
import { ensureWorkspace } from '../../store/ledger-store.ts';
import { nowIso } from '../../app/clock.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';

export function registerInit(program: Command, env: CliEnv): void {
  program.command('init')
    .description('create the database (or bring its schema up to date) and the workspace')
    .action(async (_options, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      await withApp(env, globals, async (ctx, config) => {
        await ensureWorkspace(ctx.store.db, config.workspaceId, nowIso(ctx.clock));
        env.stdout.write(`Ready: ${describeTarget(config.database)}, workspace "${config.workspaceId}".\n`);
      });
    });
}
