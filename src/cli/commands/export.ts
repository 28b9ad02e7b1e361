import type { Command } from 'commander';
import { exportLedger } from '../../app/export-ledger.ts';
import { withApp, writer, type CliEnv, type GlobalOptions } from '../io.ts';

export function registerExport(program: Command, env: CliEnv): void {
  program.command('export')
    .description('write the ledger (or one client\'s events) as JSON Lines to standard output, in chain order')
    .option('--client <id>', 'only the events of this client')
    .action(async (options: { client?: string }, command: Command) => {
      await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        exportLedger(ctx, config.workspaceId, { clientId: options.client }, writer(env.stdout)));
    });
}
