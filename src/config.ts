import { resolve } from 'node:path';
import { z } from 'zod';
import type { DatabaseTarget } from './store/database.ts';

// Every environment variable Firmly reads, in one place (the README's configuration
// table mirrors this). Nobody else reads process.env.
const Env = z.object({
  FIRMLY_DATA: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional()
    .refine((url) => url === undefined || /^postgres(ql)?:\/\//.test(url), 'must be a postgres:// URL (leave it unset for SQLite)'),
  FIRMLY_WORKSPACE: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only, at most 64').default('default'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.string().regex(/^\d{1,5}$/, 'must be a port number 0–65535').default('8080')
    .transform(Number).refine((port) => port <= 65535, 'must be a port number 0–65535'), // "0" stays 0: any free port
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface ConfigOverrides {
  readonly dataDir?: string | undefined;
  readonly workspace?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: string | number | undefined;
}

export interface Config {
  readonly dataDir: string;
  readonly database: DatabaseTarget;
  readonly workspaceId: string;
  readonly http: { readonly host: string; readonly port: number };
  readonly logLevel: z.infer<typeof Env>['LOG_LEVEL'];
}

/** Parses the environment (and command-line overrides) once, reporting every bad value at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: ConfigOverrides = {}): Config {
  // An empty variable (`PORT=` in a shell or an .env file) means "not set", not "zero".
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const merged = {
    ...set,
    ...(overrides.dataDir !== undefined ? { FIRMLY_DATA: overrides.dataDir } : {}),
    ...(overrides.workspace !== undefined ? { FIRMLY_WORKSPACE: overrides.workspace } : {}),
    ...(overrides.host !== undefined ? { HOST: overrides.host } : {}),
    ...(overrides.port !== undefined ? { PORT: String(overrides.port) } : {}),
  };
  const r = Env.safeParse(merged);
  if (!r.success) {
    throw new ConfigError('Invalid configuration:\n' + r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const e = r.data;
  const dataDir = resolve(e.FIRMLY_DATA);
  const database: DatabaseTarget = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL }
    : { kind: 'sqlite', file: resolve(dataDir, 'firmly.db') };
  return { dataDir, database, workspaceId: e.FIRMLY_WORKSPACE, http: { host: e.HOST, port: e.PORT }, logLevel: e.LOG_LEVEL };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
