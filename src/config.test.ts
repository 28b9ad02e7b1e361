import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function configError(act: () => unknown): ConfigError {
  try {
    act();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('loadConfig', () => {
  it('runs on SQLite under ./data, on 127.0.0.1:8080, in the default workspace when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      dataDir: resolve('data'),
      database: { kind: 'sqlite', file: resolve('data', 'firmly.db') },
      workspaceId: 'default',
      http: { host: '127.0.0.1', port: 8080 },
      logLevel: 'info',
      allowedHosts: [],
    });
  });

  it('gives absolute paths for a relative data directory', () => {
    const config = loadConfig({ FIRMLY_DATA: 'var/firmly' });
    expect(config.dataDir).toBe(resolve('var/firmly'));
    expect(config.database).toEqual({ kind: 'sqlite', file: resolve('var/firmly/firmly.db') });
  });

  it.each(['postgres://firmly@db.example/firmly', 'postgresql://firmly:secret@localhost:5432/firmly'])(
    'selects PostgreSQL for DATABASE_URL=%s', (url) => {
      expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url });
    });

  it('stays on SQLite when DATABASE_URL is set but empty', () => {
    expect(loadConfig({ DATABASE_URL: '' }).database).toEqual({ kind: 'sqlite', file: resolve('data', 'firmly.db') });
  });

  it('reports a MySQL URL and a non-numeric port in one error', () => {
    const error = configError(() => loadConfig({ DATABASE_URL: 'mysql://root@localhost/firmly', PORT: 'abc' }));
    expect(error.message).toMatch(/^Invalid configuration:/);
    expect(error.message).toMatch(/^ {2}DATABASE_URL: must be a postgres:\/\/ URL/m);
    expect(error.message).toMatch(/^ {2}PORT: /m);
  });

  it.each(['-1', '65536', '80.5'])('rejects PORT=%s', (port) => {
    expect(configError(() => loadConfig({ PORT: port })).message).toMatch(/^ {2}PORT: /m);
  });

  it('accepts PORT=0, which asks for any free port', () => {
    expect(loadConfig({ PORT: '0' }).http.port).toBe(0);
  });

  it('does not take an empty PORT for port 0 (any free port)', () => {
    // An empty DATABASE_URL means "unset" and an empty HOST is an error; `PORT=` in a shell or
    // .env file must not quietly start the server on a random port.
    let port: number | undefined;
    try {
      port = loadConfig({ PORT: '' }).http.port;
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return;
    }
    expect(port).toBe(8080);
  });

  it.each(['with space', 'a/b', 'x'.repeat(65)])('rejects the workspace name %j', (name) => {
    expect(configError(() => loadConfig({ FIRMLY_WORKSPACE: name })).message).toMatch(/^ {2}FIRMLY_WORKSPACE: /m);
  });

  it('takes an empty variable as unset, but refuses an empty --workspace', () => {
    expect(loadConfig({ FIRMLY_WORKSPACE: '', PORT: '' })).toMatchObject({ workspaceId: 'default', http: { port: 8080 } });
    expect(configError(() => loadConfig({}, { workspace: '' })).message).toMatch(/^ {2}FIRMLY_WORKSPACE: /m);
  });

  it('rejects an unknown log level', () => {
    expect(configError(() => loadConfig({ LOG_LEVEL: 'verbose' })).message).toMatch(/^ {2}LOG_LEVEL: /m);
  });

  it('lets command-line overrides win over the environment', () => {
    const config = loadConfig(
      { FIRMLY_DATA: '/srv/env-data', FIRMLY_WORKSPACE: 'env', HOST: '10.0.0.1', PORT: '9000' },
      { dataDir: '/srv/cli-data', workspace: 'cli', host: '0.0.0.0', port: 3000 },
    );
    expect(config).toMatchObject({
      dataDir: resolve('/srv/cli-data'), database: { kind: 'sqlite', file: resolve('/srv/cli-data/firmly.db') },
      workspaceId: 'cli', http: { host: '0.0.0.0', port: 3000 },
    });
  });

  it('keeps the environment where an override is left undefined', () => {
    const config = loadConfig({ FIRMLY_DATA: '/srv/env-data', PORT: '9000' }, { dataDir: undefined, port: undefined });
    expect(config.dataDir).toBe(resolve('/srv/env-data'));
    expect(config.http.port).toBe(9000);
  });

  it('checks an override like the variable it replaces', () => {
    expect(configError(() => loadConfig({}, { port: 'eighty' })).message).toMatch(/^ {2}PORT: /m);
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' }).http.port).toBe(8080);
  });

  it('takes ALLOWED_HOSTS as comma-separated names and addresses, normalised', () => {
    expect(loadConfig({ ALLOWED_HOSTS: ' Firmly.LAN , 192.168.1.20,[fd00::7],*.studio.example, ' }).allowedHosts)
      .toEqual(['firmly.lan', '192.168.1.20', 'fd00::7', '*.studio.example']);
  });

  it.each(['https://firmly.lan', 'firmly.lan:8080', 'firmly lan', 'a..b', 'fir%mly', '*'])('refuses ALLOWED_HOSTS=%s, saying what it takes', (value) => {
    expect(configError(() => loadConfig({ ALLOWED_HOSTS: value })).message).toMatch(/^ {2}ALLOWED_HOSTS: comma-separated host names/m);
  });
});
