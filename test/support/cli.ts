import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { appContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { openStore } from '../../src/store/database.ts';
import { startServer } from '../../src/server/app.ts';

export interface Outcome { code: number; stdout: string; stderr: string }

/** The clock of the CLI suites. */
export const cliClock = fixedClock('2026-11-27T10:00:00Z');

/**
 * Runs one command line in-process against the database described by `env` (as the
 * environment would), with `input` on standard input, capturing its output and exit code.
 */
export async function runFirmly(env: Record<string, string>, input: string, ...argv: string[]): Promise<Outcome> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => { out += chunk; });
  stderr.on('data', (chunk) => { err += chunk; });
  const code = await runCli(argv, {
    configure: (overrides) => loadConfig(env, overrides),
    open: async (config) => appContext(await openStore(config.database), cliClock),
    serve: (ctx, config) => startServer({ ctx, workspaceId: config.workspaceId }, config.http, { logLevel: 'silent' }),
    stdin: Readable.from([input]),
    stdout,
    stderr,
  });
  return { code, stdout: out, stderr: err };
}
