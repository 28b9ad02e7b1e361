import { existsSync, statSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { Option, type Command } from 'commander';
import { importAccountsCsv, type CsvImportCounts, type CsvImportReport, type CsvSource } from '../../app/import-accounts-csv.ts';
import { describeProblem } from '../../core/csv/csv-table.ts';
import { isCurrencyCode } from '../../core/money.ts';
import { CommandFailure, UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { oneLine } from '../safe-output.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const describeCounts = (c: CsvImportCounts) =>
  `${plural(c.invoices, 'invoice', 'invoices')}, ${plural(c.credits, 'credit note', 'credit notes')}, ${plural(c.payments, 'payment', 'payments')}`;

export function printCsvImportReport(env: CliEnv, report: CsvImportReport, json: boolean): void {
  if (json) {
    env.stdout.write(JSON.stringify(report) + '\n');
  } else if (report.rejected.length === 0) {
    env.stdout.write(`Imported ${plural(report.rows, 'row', 'rows')}: wrote ${describeCounts(report.written)}; already in the ledger: ${describeCounts(report.skipped)}.\n`);
  }
  if (report.rejected.length > 0) {
    for (const problem of report.rejected) env.stderr.write(`${oneLine(`${problem.file}: ${describeProblem(problem)}`)}\n`);
    const more = report.moreRejected > 0 ? ` (and ${report.moreRejected} more)` : '';
    throw new CommandFailure(`import rejected: ${plural(report.rejected.length, 'problem', 'problems')}${more}; nothing was written`);
  }
}

export function registerImportCsv(program: Command, env: CliEnv): void {
  program.command('import-csv')
    .description('append invoices, credit notes and payments from CSV files to the ledger, all or nothing (re-importing adds nothing)')
    .argument('<files...>', 'CSV files with a header row (see the README for the columns); - reads standard input')
    .option('--json', 'print the report as JSON')
    .option('--currency <code>', 'currency of rows whose currency is empty (or of a file without a currency column)')
    .addOption(new Option('--decimal <separator>', 'the files\' decimal separator, so that 1.500 or 1,500 are no longer ambiguous').choices(['comma', 'point']))
    .action(async (files: string[], options: { json?: boolean; currency?: string; decimal?: 'comma' | 'point' }, command: Command) => {
      if (files.filter((file) => file === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
      for (const file of files) {
        if (file !== '-' && (!existsSync(file) || !statSync(file).isFile())) throw new UsageError(`${file}: no such file`);
      }
      const currency = options.currency?.toUpperCase();
      if (currency !== undefined && !isCurrencyCode(currency)) throw new UsageError(`--currency ${options.currency}: not an ISO 4217 currency code such as DKK`);
      const decimal = options.decimal === undefined ? undefined : options.decimal === 'comma' ? ',' : '.';
      const sources: CsvSource[] = files.map((file) => (file === '-' ? { name: '<stdin>', read: () => buffer(env.stdin) } : file));
      const report = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        importAccountsCsv(ctx, config.workspaceId, sources, { defaultCurrency: currency, decimal }));
      printCsvImportReport(env, report, options.json === true);
    });
}
