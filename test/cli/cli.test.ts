import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { openStore } from '../../src/store/database.ts';
import { startServer } from '../../src/server/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { runFirmly, type Outcome } from '../support/cli.ts';
import { projectRoot, scenarioFiles } from '../support/paths.ts';
import { aClient, anInvoice, aWorkspace, jsonl } from '../support/events.ts';

const run = promisify(execFile);
const tmp = mkdtempSync(join(tmpdir(), 'firmly-cli-'));


/** Runs one command line in-process against the database described by `env`, capturing its output. */
async function firmly(env: Record<string, string>, ...argv: string[]): Promise<Outcome> {
  return firmlyWithInput(env, '', ...argv);
}

const firmlyWithInput = runFirmly;

describe.each(testDatabases())('the firmly command line on $name', ({ name, open }) => {
  let store: TestStore;
  let env: Record<string, string>;
  beforeEach(async () => {
    store = await open();
    env = { ...store.env };
  });
  afterEach(async () => { await store.close(); });

  const scenario = scenarioFiles()[1] as string;

  it('imports a scenario, verifies it and exports it as JSON Lines', async () => {
    expect(await firmly(env, 'import', scenario)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Imported \d+ events \(0 already/) });
    const verified = await firmly(env, 'verify');
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringContaining('Ledger intact') });
    const exported = await firmly(env, 'export');
    const lines = exported.stdout.trim().split('\n');
    expect(lines.length).toBe(Number(/(\d+) events/.exec(verified.stdout)?.[1]));
    expect(JSON.parse(lines[0] as string)).toMatchObject({ seq: 1, prevHash: '0'.repeat(64) });
  });

  it('rejects a file with a bad line as FILE:LINE: reason, exits 1 and writes nothing', async () => {
    const file = join(tmp, `bad-${name}.jsonl`);
    writeFileSync(file, jsonl(aWorkspace(), aClient('c1')) + '{"id":"e9","type":"client.added","at":"2026-13-01T00:00:00Z","data":{}}\n');
    const outcome = await firmly(env, 'import', file);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(`${file}:3: `);
    expect(outcome.stderr).toContain('nothing was written');
    expect(await store.raw('select * from ledger_event')).toEqual([]);
  });

  it('exits 1 naming the seq of an event changed with plain SQL', async () => {
    await firmly(env, 'import', scenario);
    await store.raw(`update ledger_event set data = replace(data, '"DKK"', '"DKX"') where seq = 7`);
    const outcome = await firmly(env, 'verify');
    expect(outcome).toMatchObject({ code: 1, stderr: expect.stringContaining('ledger broken at seq 7') });
    expect(JSON.parse((await firmly(env, 'verify', '--json')).stdout)).toMatchObject({ ok: false, seq: 7 });
  });

  it('rebuilds the read models and exports one client only', async () => {
    await firmly(env, 'import', scenario);
    expect(await firmly(env, 'rebuild')).toMatchObject({ code: 0, stdout: expect.stringMatching(/Rebuilt the read models from \d+ events/) });
    const c1 = (await firmly(env, 'export', '--client', 'c1')).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(c1.length).toBeGreaterThan(10);
    expect(await firmly(env, 'export', '--client', 'nobody')).toMatchObject({ code: 1, stderr: expect.stringContaining('no client "nobody"') });
  });

  it('copies a workspace through a pipe: export, then import from standard input', async () => {
    await firmly(env, 'import', scenario);
    const exported = (await firmly(env, 'export')).stdout;
    expect(await firmlyWithInput(env, exported, 'import', '--workspace', 'copy', '-')).toMatchObject({ code: 0 });
    const facts = (text: string) => text.trim().split('\n').map((l) => { const { id, type, at, data } = JSON.parse(l); return { id, type, at, data }; });
    expect(facts((await firmly(env, 'export', '--workspace', 'copy')).stdout)).toEqual(facts(exported));
    const bad = await firmlyWithInput(env, '{"id":1}\n', 'import', '--workspace', 'copy', '-');
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('<stdin>:1: ') });
  });

  it('assesses as of a day, as a table or as the JSON of LEDGER.md', async () => {
    await firmly(env, 'import', scenario);
    const json = JSON.parse((await firmly(env, 'assess', '--at', '2026-07-22', '--json')).stdout);
    expect(json.at).toBe('2026-07-22');
    expect(json.clients.map((c: { clientId: string }) => c.clientId)).toEqual(['c1', 'c2', 'c3']);
    expect(json.clients[1]).toMatchObject({ clientId: 'c2', archetypes: { unresponsive: { flagged: true } } });
    const table = await firmly(env, 'assess', '--at', '2026-07-22', '--client', 'c2');
    expect(table).toMatchObject({ code: 0, stdout: expect.stringContaining('unresponsive: ') });
    expect(await firmly(env, 'assess', '--at', '2026-02-30')).toMatchObject({ code: 2, stderr: expect.stringContaining('--at') });
  });

  it('backtests a client: the first day each archetype would have been flagged', async () => {
    await firmly(env, 'import', scenario);
    const result = JSON.parse((await firmly(env, 'backtest', '--client', 'c3', '--until', '2026-07-22', '--json')).stdout);
    const latePayer = result.flags.find((f: { archetype: string }) => f.archetype === 'latePayer');
    expect(latePayer.date).toMatch(/^2026-0[1-7]-\d\d$/);
    expect(latePayer.actions.length).toBeGreaterThan(0);
    expect(result.flags.find((f: { archetype: string }) => f.archetype === 'unresponsive')).toMatchObject({ date: null });
    const dayBefore = JSON.parse((await firmly(env, 'assess', '--at', new Date(Date.parse(latePayer.date) - 86_400_000).toISOString().slice(0, 10), '--client', 'c3', '--json')).stdout);
    expect(dayBefore.clients[0].archetypes.latePayer.flagged).toBe(false);
  });

  it('prints a client\'s statement of account as a table or as JSON, and refuses what it cannot do', async () => {
    await firmly(env, 'import', scenario);
    const json = await firmly(env, 'statement', '--client', 'c3', '--at', '2026-07-22', '--json');
    expect(json.code).toBe(0);
    const statement = JSON.parse(json.stdout);
    expect(statement).toMatchObject({ clientId: 'c3', at: '2026-07-22', lateCharges: { basis: expect.any(String), dayCount: 'act365' } });
    const [balance] = statement.balances;
    expect(Number(balance.balance.amount)).toBeCloseTo(Number(balance.invoiced.amount) - Number(balance.credited.amount) - Number(balance.paid.amount), 2);
    const table = await firmly(env, 'statement', '--client', 'c3', '--at', '2026-07-22');
    expect(table.stdout).toContain(`balance ${balance.balance.amount} ${balance.currency}`);
    expect(await firmly(env, 'statement', '--client', 'nobody', '--at', '2026-07-22')).toMatchObject({ code: 1, stderr: expect.stringContaining('no client "nobody"') });
    expect(await firmly(env, 'statement', '--client', 'c3', '--day-count', 'act999')).toMatchObject({ code: 2, stderr: expect.stringContaining('--day-count') });
  });

  it('keeps workspaces apart with --workspace', async () => {
    await firmly(env, '--workspace', 'one', 'import', scenario);
    expect(await firmly(env, 'export', '--workspace', 'two')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('no workspace "two"') });
    expect(await firmly(env, 'verify', '--workspace', 'two')).toMatchObject({ code: 1, stderr: expect.stringContaining('no workspace "two"') });
    expect((await firmly(env, 'export', '--workspace', 'one')).stdout).not.toBe('');
  });

  it('backs up SQLite online, or explains pg_dump on PostgreSQL', async () => {
    await firmly(env, 'import', scenario);
    const target = join(tmp, `backup-${name}-${Date.now()}.db`);
    const outcome = await firmly(env, 'backup', target);
    if (name === 'sqlite') {
      expect(outcome).toMatchObject({ code: 0, stdout: expect.stringContaining('Backed up') });
      const copy = await openStore({ kind: 'sqlite', file: target }, { migrate: false });
      const rows = await copy.db.selectFrom('ledgerEvent').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await copy.close();
      expect(rows.n).toBeGreaterThan(100);
      expect(await firmly(env, 'backup', target)).toMatchObject({ code: 1, stderr: expect.stringContaining('already exists') });
    } else {
      expect(outcome).toMatchObject({ code: 1, stderr: expect.stringContaining('pg_dump') });
      expect(existsSync(target)).toBe(false);
    }
  });
});

describe('the firmly command line', () => {
  it('initialises a database and workspace with init, and says where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firmly-init-'));
    expect(await firmly({ FIRMLY_DATA: dir }, 'init', '--workspace', 'agency')).toMatchObject({
      code: 0, stdout: `Ready: SQLite ${join(dir, 'firmly.db')}, workspace "agency".\n`,
    });
    expect(await firmly({ FIRMLY_DATA: dir }, 'verify', '--workspace', 'agency')).toMatchObject({ code: 0, stdout: expect.stringContaining('0 events') });
  });

  it('takes --data before or after the command name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firmly-data-'));
    const file = join(dir, 'one.jsonl');
    writeFileSync(file, jsonl(aWorkspace(), aClient('c1'), anInvoice('c1', 'i1', '10.00', '2026-03-01')));
    expect((await firmly({}, '--data', dir, 'import', file)).code).toBe(0);
    expect(existsSync(join(dir, 'firmly.db'))).toBe(true);
    expect(await firmly({}, 'verify', '--data', dir)).toMatchObject({ code: 0, stdout: expect.stringContaining('3 events') });
  });

  it.each([
    [['bogus'], /unknown command 'bogus'/],
    [['import'], /missing required argument 'files'/],
    [['export', '--frobnicate'], /unknown option '--frobnicate'/],
    [['import', '/no/such/file.jsonl'], /no such file/],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const outcome = await firmly({ FIRMLY_DATA: tmp }, ...argv);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(message);
  });

  it('serves beyond this machine now that sign-in guards the API, warning while it is plain http', async () => {
    const ctx = appContext(await openStore({ kind: 'sqlite', file: join(tmp, 'exposed', 'firmly.db') }), fixedClock('2026-11-27T10:00:00Z'));
    const exposed = await startServer({ ctx, workspaceId: 'default' }, { host: '0.0.0.0', port: 0 }, { logLevel: 'silent' });
    try {
      expect(exposed.warnings).toEqual([expect.stringContaining('plain http')]);
      const base = exposed.url.replace('localhost', '127.0.0.1');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/api/workspaces/default/clients`)).status).toBe(401);
    } finally {
      await exposed.close();
    }
    const proxied = await startServer({ ctx, workspaceId: 'default' }, { host: '0.0.0.0', port: 0 }, { logLevel: 'silent', trustProxy: true });
    expect(proxied.warnings).toEqual([]);
    await proxied.close();
    await ctx.store.close();
  });

  it('says so when the port is taken', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as AddressInfo;
    try {
      const outcome = await firmly({ FIRMLY_DATA: tmp, PORT: String(port) }, 'serve');
      expect(outcome).toMatchObject({ code: 1, stderr: expect.stringContaining(`port ${port} on 127.0.0.1 is already in use`) });
    } finally {
      blocker.close();
    }
  });

  it('exits 2 on bad configuration, naming every bad variable', async () => {
    const outcome = await firmly({ PORT: 'eighty', DATABASE_URL: 'mysql://x' }, 'verify');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/PORT/);
    expect(outcome.stderr).toMatch(/DATABASE_URL/);
  });

  it.each(['init', 'import', 'export', 'verify', 'rebuild', 'serve', 'demo', 'backup', 'assess', 'sweep', 'backtest'])('explains %s with --help', async (command) => {
    const outcome = await firmly({}, command, '--help');
    expect(outcome).toMatchObject({ code: 0, stdout: expect.stringContaining(`Usage: firmly ${command}`) });
  });

  it('runs as the package bin from a checkout', async () => {
    const { stdout } = await run(process.execPath, [join(projectRoot, 'bin', 'firmly.js'), '--help'], { cwd: projectRoot });
    expect(stdout).toContain('Usage: firmly [options] [command]');
    const failed = await run(process.execPath, [join(projectRoot, 'bin', 'firmly.js'), 'import', '/no/such.jsonl']).catch((e) => e);
    expect(failed.code).toBe(2);
  });
});
