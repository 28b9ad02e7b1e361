import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { openPortal } from '../../src/app/portal-links.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { cliClock, runFirmly } from '../support/cli.ts';
import { aClient, aWorkspace, jsonl } from '../support/events.ts';

describe.each(testDatabases())('firmly portal on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let env: Record<string, string>;
  beforeEach(async () => {
    store = await open();
    ctx = appContext(store, cliClock);
    env = { ...store.env };
    const events = jsonl(aWorkspace({ id: 'e1' }), aClient('c1', { id: 'e2' }), aClient('c2', { id: 'e3' }));
    await importLedger(ctx, 'default', [{ name: 'default.jsonl', open: () => Readable.from([events]) }]);
  });
  afterEach(async () => { await store.close(); });

  const tokenOf = (url: string) => url.trim().split('#')[1] as string;

  it('prints only the URL on standard output, at http://localhost:PORT unless PUBLIC_URL says otherwise', async () => {
    const made = await runFirmly(env, '', 'portal', 'link', '--client', 'c1');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^http:\/\/localhost:8080\/portal#[A-Za-z0-9_-]{43}\n$/);
    expect(made.stderr).toMatch(/^Portal link pl_\S+ for client "c1", valid until 2026-12-27T10:00:00.000Z\./);
    const token = tokenOf(made.stdout);
    expect(await openPortal(ctx, token)).toMatchObject({ workspaceId: 'default', clientId: 'c1' });
    const rows = await store.raw('select token_hash from portal_link') as { token_hash: string }[];
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);

    const json = await runFirmly({ ...env, PUBLIC_URL: 'https://firmly.studio.example/', PORT: '9000' }, '', 'portal', 'link', '--client', 'c2', '--days', '7', '--json');
    const body = JSON.parse(json.stdout) as { link: { clientId: string; expiresAt: string }; token: string; url: string };
    expect(body.url).toBe(`https://firmly.studio.example/portal#${body.token}`);
    expect(body.link).toMatchObject({ clientId: 'c2', expiresAt: '2026-12-04T10:00:00.000Z', revokedAt: null });
  });

  it.each([
    [['portal', 'link', '--client', 'c1', '--days', '0'], 2, /--days must be a whole number from 1 to 365, not "0"/],
    [['portal', 'link', '--client', 'c1', '--days', '366'], 2, /--days must be/],
    [['portal', 'link', '--client', 'c1', '--days', 'soon'], 2, /--days must be/],
    [['portal', 'link'], 2, /required option '--client <clientId>'/],
    [['portal', 'link', '--client', 'nobody'], 1, /no client "nobody"/],
    [['portal', 'revoke', 'pl_nothing'], 1, /no portal link "pl_nothing" in workspace "default"/],
  ])('refuses %j (exit %i) and makes no link', async (argv, code, message) => {
    const outcome = await runFirmly(env, '', ...argv);
    expect(outcome.code).toBe(code);
    expect(outcome.stderr).toMatch(message);
    expect(await store.raw('select id from portal_link')).toEqual([]);
  });

  it('lists a client\'s links without their tokens and revokes one, which then opens nothing', async () => {
    const first = await runFirmly(env, '', 'portal', 'link', '--client', 'c1', '--json');
    const { link, token } = JSON.parse(first.stdout) as { link: { id: string }; token: string };
    await runFirmly(env, '', 'portal', 'link', '--client', 'c2');

    const listed = await runFirmly(env, '', 'portal', 'list', '--client', 'c1');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toBe(`${link.id}  created 2026-11-27  expires 2026-12-27  active              last used never\n`);
    expect(listed.stdout).not.toContain(token);

    expect(await runFirmly(env, '', 'portal', 'revoke', link.id)).toMatchObject({ code: 0, stdout: `Revoked portal link ${link.id} of client "c1".\n` });
    await expect(openPortal(ctx, token)).rejects.toMatchObject({ code: 'portal.link_not_found' });
    const json = JSON.parse((await runFirmly(env, '', 'portal', 'list', '--client', 'c1', '--json')).stdout) as unknown[];
    expect(json).toEqual([{ id: link.id, clientId: 'c1', createdAt: '2026-11-27T10:00:00.000Z', expiresAt: '2026-12-27T10:00:00.000Z', revokedAt: '2026-11-27T10:00:00.000Z', lastUsedAt: null }]);
    expect((await runFirmly(env, '', 'portal', 'list', '--client', 'c1')).stdout).toContain('revoked 2026-11-27');
    expect((await runFirmly(env, '', 'portal', 'list', '--client', 'c2')).stdout).toMatch(/ active /);
  });
});
