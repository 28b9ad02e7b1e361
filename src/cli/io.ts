import type { Readable } from 'node:stream';
import type { AppContext } from '../app/context.ts';
import type { Config, ConfigOverrides } from '../config.ts';
import type { Output } from './safe-output.ts';

/**
 * What commands get from the composition root: configuration, the way to open the app, and
 * output streams. runCli hands commands `stdout` and `stderr` already neutralising control
 * characters (safe-output.ts), whatever the caller passed in.
 */
export interface CliEnv {
  readonly configure: (overrides: ConfigOverrides) => Config;
  readonly open: (config: Config) => Promise<AppContext>;
  readonly serve: (ctx: AppContext, config: Config) => Promise<{ url: string; close(): Promise<void> }>;
  readonly stdin: Readable;
  readonly stdout: Output;
  readonly stderr: Output;
}

/** Exit codes of every command: 0 ok, 1 the work failed, 2 the command line was wrong. */
export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;

/** The command ran and failed (a broken chain, a rejected import); what to say was already printed or is the message. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Writes to a stream, waiting when its buffer is full, so a large export does not pile up in memory. */
export function writer(stream: Output): (text: string) => Promise<void> | undefined {
  return (text) => (stream.write(text) ? undefined : new Promise<void>((resolve) => stream.once('drain', resolve)));
}

export interface GlobalOptions {
  readonly data?: string;
  readonly workspace?: string;
}

/** Opens the configured database for one command and closes it afterwards, whatever happens. */
export async function withApp<T>(env: CliEnv, globals: GlobalOptions, run: (ctx: AppContext, config: Config) => Promise<T>, overrides: ConfigOverrides = {}): Promise<T> {
  const config = env.configure({ dataDir: globals.data, workspace: globals.workspace, ...overrides });
  const ctx = await env.open(config);
  try {
    return await run(ctx, config);
  } finally {
    await ctx.store.close();
  }
}
