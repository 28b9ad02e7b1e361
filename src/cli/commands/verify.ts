import type { Command } from 'commander';
import { verifyWorkspace, type ReadModelDifference } from '../../app/maintain-ledger.ts';
import { verifyDossierFile } from '../../app/verify-dossier.ts';
import { CommandFailure, withApp, type CliEnv, type GlobalOptions } from '../io.ts';

export function registerVerify(program: Command, env: CliEnv): void {
  program.command('verify')
    .description('recompute the hash chain of the ledger and check the columns beside it (client_id, data); exits 1 naming the first bad seq. With --read-models, also recompute every read model and name what differs. With --dossier, check an evidence dossier ZIP offline instead')
    .option('--read-models', 'also replay the ledger into the read models in memory (writing nothing) and name every stored value that differs: table, key, column, stored and recomputed value')
    .option('--dossier <file>', 'check this evidence dossier (from `firmly report dossier`) without a database')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean; dossier?: string; readModels?: boolean }, command: Command) => {
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
      const readModels = options.readModels ?? false;
      const result = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => verifyWorkspace(ctx, config.workspaceId, { readModels }));
      if (options.json) env.stdout.write(JSON.stringify(result) + '\n');
      if (!result.ok && 'seq' in result) {
        throw new CommandFailure(`ledger broken at seq ${result.seq}: ${result.reason} (${result.events} events before it are intact)`);
      }
      if (!options.json) env.stdout.write(`Ledger intact: ${result.events} events, head seq ${result.head.seq}, hash ${result.head.hash}\n`);
      if (!result.readModels) return;
      const { rows, differenceCount, differences } = result.readModels;
      if (differenceCount === 0) {
        if (!options.json) env.stdout.write(`Read models match the ledger: ${rows} rows recomputed\n`);
        return;
      }
      if (!options.json) {
        const shown = differences.slice(0, TEXT_LIMIT);
        env.stdout.write(`Read models differ from the ledger in ${differenceCount} ${differenceCount === 1 ? 'value' : 'values'}:\n`);
        for (const difference of shown) env.stdout.write(`  ${describeDifference(difference)}\n`);
        if (differenceCount > shown.length) env.stdout.write(`  … and ${differenceCount - shown.length} more (--json lists the first ${differences.length})\n`);
      }
      throw new CommandFailure(`read models differ from the ledger in ${differenceCount} ${differenceCount === 1 ? 'value' : 'values'}; \`firmly rebuild\` recreates them from it`);
    });
}

const TEXT_LIMIT = 20;

/** `invoice invoice_id="i1": open_minor is 0, the ledger gives 850000`. */
function describeDifference(d: ReadModelDifference): string {
  const show = (value: unknown) => JSON.stringify(value) ?? 'nothing';
  const key = Object.entries(d.key).map(([column, value]) => `${column}=${show(value)}`).join(' ');
  if (d.column !== null) return `${d.table} ${key}: ${d.column} is ${show(d.stored)}, the ledger gives ${show(d.recomputed)}`;
  return d.stored === null ? `${d.table} ${key}: the row is missing; the ledger gives one` : `${d.table} ${key}: the row is there but the ledger gives none`;
}
