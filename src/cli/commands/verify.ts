import type { Command } from 'commander';
import { verifyWorkspace } from '../../app/maintain-ledger.ts';
import { verifyDossierFile } from '../../app/verify-dossier.ts';
import { CommandFailure, withApp, type CliEnv, type GlobalOptions } from '../io.ts';

export function registerVerify(program: Command, env: CliEnv): void {
  program.command('verify')
    .description('recompute the hash chain of the ledger; exits 1 naming the first bad seq. With --dossier, check an evidence dossier ZIP offline instead')
    .option('--dossier <file>', 'check this evidence dossier (from `firmly report dossier`) without a database')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean; dossier?: string }, command: Command) => {
      if (options.dossier !== undefined) {
        const file = options.dossier;
        const result = await verifyDossierFile(file).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT' || error.code === 'EISDIR') throw new CommandFailure(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : 'it is a folder'}`);
          throw error;
        });
        if (options.json) env.stdout.write(JSON.stringify(result) + '\n');
        if (!result.ok) throw new CommandFailure(`dossier broken: ${result.reason}`);
        if (!options.json) {
          env.stdout.write(`Dossier intact: ${result.events} events of ${result.clientName} (${result.clientId}), chain head at export seq ${result.head.seq}, hash ${result.head.hash}\n`);
        }
        return;
      }
      const result = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => verifyWorkspace(ctx, config.workspaceId));
      if (options.json) env.stdout.write(JSON.stringify(result) + '\n');
      if (!result.ok) {
        throw new CommandFailure(`ledger broken at seq ${result.seq}: ${result.reason} (${result.events} events before it are intact)`);
      }
      if (!options.json) env.stdout.write(`Ledger intact: ${result.events} events, head seq ${result.head.seq}, hash ${result.head.hash}\n`);
    });
}
