import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { importLedger, type ImportReport } from '../../app/import-ledger.ts';
import { CommandFailure, UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';

export function printImportReport(env: CliEnv, report: ImportReport, json: boolean): void {
  if (json) {
    env.stdout.write(JSON.stringify(report) + '\n');
  } else if (report.rejected.length === 0) {
    env.stdout.write(`Imported ${report.appended} events (${report.skipped} already in the ledger) from ${report.lines} lines.\n`);
  }
  if (report.rejected.length > 0) {
    for (const { file, line, reason } of report.rejected) env.stderr.write(`${file}:${line}: ${reason}\n`);
    const more = report.moreRejected > 0 ? ` (and ${report.moreRejected} more)` : '';
    throw new CommandFailure(`import rejected: ${report.rejected.length} bad line(s)${more}; nothing was written`);
  }
}

export function registerImport(program: Command, env: CliEnv): void {
  program.command('import')
    .description('append the events of JSON Lines files to the ledger, all or nothing (re-importing adds nothing)')
    .argument('<files...>', 'JSON Lines files in the ledger interchange format')
    .option('--json', 'print the report as JSON')
    .action(async (files: string[], options: { json?: boolean }, command: Command) => {
      for (const file of files) {
        if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`${file}: no such file`);
      }
      const report = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => importLedger(ctx, config.workspaceId, files));
      printImportReport(env, report, options.json === true);
    });
}
