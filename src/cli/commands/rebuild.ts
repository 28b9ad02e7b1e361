import type { Command } from 'commander';
import { rebuildWorkspace } from '../../app/maintain-ledger.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';

export function registerRebuild(program: Command, env: CliEnv): void {
  program.command('rebuild')
    .description('recreate every read model from the ledger, and each event\'s client_id, in one transaction')
    .action(async (_options, command: Command) => {
      const { events, clientIdsRepaired } = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => rebuildWorkspace(ctx, config.workspaceId));
      const repaired = clientIdsRepaired === undefined ? '' : ` Set client_id right on ${clientIdsRepaired} ${clientIdsRepaired === 1 ? 'event' : 'events'}.`;
      env.stdout.write(`Rebuilt the read models from ${events} events.${repaired}\n`);
    });
}
