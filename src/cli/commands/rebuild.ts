import type { Command } from 'commander';
import { rebuildWorkspace } from '../../app/maintain-ledger.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';

export function registerRebuild(program: Command, env: CliEnv): void {
  program.command('rebuild')
    .description('recreate every read model from the ledger, in one transaction')
    .action(async (_options, command: Command) => {
      const { events } = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => rebuildWorkspace(ctx, config.workspaceId));
      env.stdout.write(`Rebuilt the read models from ${events} events.\n`);
    });
}
