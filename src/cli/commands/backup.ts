import type { Command } from 'commander';
import { backupDatabase } from '../../app/backup-database.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';

export function registerBackup(program: Command, env: CliEnv): void {
  program.command('backup')
    .description('copy the SQLite database to FILE while it stays in use (on PostgreSQL: explains pg_dump)')
    .argument('<file>', 'where to write the copy; must not exist yet')
    .action(async (file: string, _options, command: Command) => {
      const result = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx) => backupDatabase(ctx, file));
      env.stdout.write(`Backed up to ${result.file} (${result.bytes} bytes).\n`);
    });
}
