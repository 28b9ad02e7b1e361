import { Command, CommanderError, Option } from 'commander';
import { isFirmlyError } from '../core/errors.ts';
import { ConfigError } from '../config.ts';
import { CommandFailure, exitCodes, UsageError, type CliEnv } from './io.ts';
import { neutralisingOutput } from './safe-output.ts';
import { registerInit } from './commands/init.ts';
import { registerImport } from './commands/import.ts';
import { registerImportCsv } from './commands/import-csv.ts';
import { registerImportMail } from './commands/import-mail.ts';
import { registerPollMail } from './commands/poll-mail.ts';
import { registerExport } from './commands/export.ts';
import { registerVerify } from './commands/verify.ts';
import { registerRebuild } from './commands/rebuild.ts';
import { registerServe } from './commands/serve.ts';
import { registerDemo } from './commands/demo.ts';
import { registerBackup } from './commands/backup.ts';
import { registerAssess } from './commands/assess.ts';
import { registerSweep } from './commands/sweep.ts';
import { registerBacktest } from './commands/backtest.ts';
import { registerStatement } from './commands/statement.ts';
import { registerInterest } from './commands/interest.ts';
import { registerTemplate } from './commands/template.ts';
import { registerOutbox } from './commands/outbox.ts';
import { registerUser } from './commands/user.ts';
import { registerPortal } from './commands/portal.ts';
import { registerReport } from './commands/report.ts';
import { registerOffboard } from './commands/offboard.ts';
import { registerClient } from './commands/client.ts';
import { registerContract } from './commands/contract.ts';
import { registerRequest } from './commands/request.ts';
import { registerRecord } from './commands/record.ts';

function buildProgram(env: CliEnv): Command {
  const program = new Command('firmly')
    .description('Firmly: handle difficult clients professionally. Every command works on one workspace of one database.')
    .addOption(new Option('--data <dir>', 'data folder holding firmly.db (SQLite)').env('FIRMLY_DATA'))
    .addOption(new Option('--workspace <id>', 'workspace to work on').env('FIRMLY_WORKSPACE'))
    .addHelpText('after', '\nSet DATABASE_URL=postgres://… to use PostgreSQL instead of SQLite.\nExit codes: 0 ok, 1 failure, 2 bad usage.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => env.stdout.write(s), writeErr: (s) => env.stderr.write(s) });
  for (const register of [registerInit, registerClient, registerContract, registerRequest, registerRecord, registerImport, registerImportCsv, registerImportMail, registerPollMail, registerExport, registerVerify, registerRebuild, registerServe, registerDemo, registerBackup, registerAssess, registerSweep, registerBacktest, registerStatement, registerInterest, registerTemplate, registerOutbox, registerUser, registerPortal, registerReport, registerOffboard]) {
    register(program, env);
  }
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: (s) => env.stdout.write(s), writeErr: (s) => env.stderr.write(s) });
  return program;
}

/** Runs one command line and returns its exit code; never exits the process itself. */
export async function runCli(argv: readonly string[], host: CliEnv): Promise<number> {
  // The only place output streams are handed out: every command, Commander's help and
  // errors, and the messages below print through the neutralising ones (#19 F5).
  const env: CliEnv = { ...host, stdout: neutralisingOutput(host.stdout), stderr: neutralisingOutput(host.stderr) };
  const program = buildProgram(env);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return exitCodes.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
        ? exitCodes.ok
        : exitCodes.usage;
    }
    if (error instanceof CommandFailure) {
      if (error.message) env.stderr.write(`firmly: ${error.message}\n`);
      return exitCodes.failure;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      env.stderr.write(`firmly: ${error.message}\n`);
      return exitCodes.usage;
    }
    if (isFirmlyError(error)) {
      env.stderr.write(`firmly: ${error.message}\n`);
      return exitCodes.failure;
    }
    env.stderr.write(`firmly: ${(error as Error).stack ?? String(error)}\n`);
    return exitCodes.failure;
  }
}
