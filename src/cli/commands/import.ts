import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { importLedger, type ImportReport, type ImportSource } from '../../app/import-ledger.ts';
import { CommandFailure, UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { oneLine } from '../safe-output.ts';

export function printImportReport(env: CliEnv, report: ImportReport, json: boolean): void {
  if (json) {
    env.stdout.write(JSON.stringify(report) + '\n');
  } else if (report.rejected.length === 0) {
    env.stdout.write(`Imported ${report.appended} events (${report.skipped} already in the ledger) from ${report.lines} lines.\n`);
  }
  if (report.rejected.length > 0) {
    for (const { file, line, reason } of report.rejected) env.stderr.write(`${oneLine(`${file}:${line}: ${reason}`)}\n`);
    const more = report.moreRejected > 0 ? ` (and ${report.moreRejected} more)` : '';
    throw new CommandFailure(`import rejected: ${report.rejected.length} bad line(s)${more}; nothing was written`);
  }
}

/** At most one line a second, the first at once. */
function progressPrinter(env: CliEnv): (appended: number, lines: number) => void {
  let last = 0;
  return (appended, lines) => {
    const now = performance.now();
    if (last !== 0 && now - last < 1000) return;
    last = now;
    env.stderr.write(`… ${appended} events appended, ${lines} lines read (uncommitted)\n`);
  };
}

export function registerImport(program: Command, env: CliEnv): void {
  program.command('import')
    .description('append the events of JSON Lines files to the ledger, all or nothing (re-importing adds nothing)')
    .argument('<files...>', 'JSON Lines files in the ledger interchange format; - reads standard input')
    .option('--json', 'print the report as JSON')
    .option('--progress', 'report progress on standard error while importing (nothing is committed until the end)')
    .action(async (files: string[], options: { json?: boolean; progress?: boolean }, command: Command) => {
      if (files.filter((file) => file === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
      for (const file of files) {
        if (file !== '-' && (!existsSync(file) || !statSync(file).isFile())) throw new UsageError(`${file}: no such file`);
      }
      const sources: ImportSource[] = files.map((file) => (file === '-' ? { name: '<stdin>', open: () => env.stdin } : file));
      const onProgress = options.progress ? progressPrinter(env) : undefined;
      const report = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => importLedger(ctx, config.workspaceId, sources, { onProgress }));
      printImportReport(env, report, options.json === true);
    });
}
