import { Argument, type Command } from 'commander';
import { generateReport, reportKinds, type ReportKind } from '../../app/reports/generate-report.ts';
import { checkOutputFile, writeOutputBytes } from '../../app/output-file.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { parseDateOption } from './assess.ts';

interface ReportOptions {
  client: string;
  from?: string;
  to?: string;
  highlight?: string[];
  out: string;
  force?: boolean;
  json?: boolean;
}

export function registerReport(program: Command, env: CliEnv): void {
  program.command('report')
    .description('write a report about one client: final (PDF for the client), waiting (how long requests waited on the client), approvals (revision rounds and approval load), dossier (ZIP: evidence PDF, the client\'s events and their hash-chain proof)')
    .addArgument(new Argument('<kind>', 'the report').choices(reportKinds))
    .requiredOption('--client <id>', 'the client')
    .option('--from <date>', 'first day of the period, YYYY-MM-DD (default: the start of the engagement)')
    .option('--to <date>', 'last day of the period and of the statement, YYYY-MM-DD (default: today in the workspace\'s time zone)')
    .option('--highlight <text...>', 'lines to add under Highlights in the final report')
    .requiredOption('--out <file>', 'where to write the PDF (the ZIP for dossier); an existing file is kept unless --force')
    .option('--force', 'overwrite the file named by --out')
    .option('--json', 'print what was written as JSON')
    .action(async (kind: ReportKind, options: ReportOptions, command: Command) => {
      const from = parseDateOption(options.from, '--from');
      const to = parseDateOption(options.to, '--to');
      const force = options.force === true;
      await checkOutputFile(options.out, { force }); // before the work: a bad path is said at once
      const report = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        generateReport(ctx, config.workspaceId, kind, { clientId: options.client, from, to, highlights: options.highlight }));
      await writeOutputBytes(options.out, report.bytes, { force });
      const { client, scope } = report.data;
      const summary = { kind, clientId: client.id, client: client.name, from: scope.period.from, to: scope.period.to, out: options.out, bytes: report.bytes.length };
      if (options.json) env.stdout.write(JSON.stringify(summary) + '\n');
      else env.stdout.write(`Wrote the ${kind} report for ${client.name} (${client.id}), ${scope.period.from} to ${scope.period.to}: ${options.out} (${report.bytes.length} bytes)\n`);
    });
}
