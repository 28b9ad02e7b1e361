import type { Command } from 'commander';
import { verifyWorkspace } from '../../app/maintain-ledger.ts';
import { CommandFailure, withApp, type CliEnv, type GlobalOptions } from '../io.ts';

export function registerVerify(program: Command, env: CliEnv): void {
  program.command('verify')
    .description('recompute the hash chain of the ledger; exits 1 naming the first bad seq')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const result = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => verifyWorkspace(ctx, config.workspaceId));
      if (options.json) env.stdout.write(JSON.stringify(result) + '\n');
      if (!result.ok) {
        throw new CommandFailure(`ledger broken at seq ${result.seq}: ${result.reason} (${result.events} events before it are intact)`);
      }
      if (!options.json) env.stdout.write(`Ledger intact: ${result.events} events, head seq ${result.head.seq}, hash ${result.head.hash}\n`);
    });
}
