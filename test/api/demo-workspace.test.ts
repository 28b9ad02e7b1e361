import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { demoStory, loadDemo } from '../../src/app/demo.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { issueSetupCode } from '../../src/app/setup-code.ts';
import { createWorkspace } from '../../src/app/workspace.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { testNow } from '../support/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { demoFile } from '../support/paths.ts';
import { rowsOf, useWorkspaceFully } from '../support/workspace-rows.ts';
import { aUser, signIn, type Client } from './helpers.ts';

// #12: the demo workspace over HTTP. Sessions and workspace lists say which workspace is a
// demo; an owner deletes a demo (and only a demo) with everything in it, in one transaction.

describe.each(testDatabases())('the demo workspace over HTTP on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let owner: Client;
  let member: Client;
  let stranger: Client;

  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, fixedClock(testNow));
    await importLedger(ctx, 'default', [demoFile]); // the user's own workspace, full of data that is not a demo
    await aUser(ctx, 'owner@studio.example', 'default', 'owner');
    await aUser(ctx, 'other@elsewhere.example', 'elsewhere', 'owner');
    // Loaded after the owners exist: every owner becomes an owner of the demo.
    const load = await loadDemo(ctx, 'demo', { at: demoStory().end });
    expect(load.kind).toBe('loaded');
    await aUser(ctx, 'member@studio.example', 'demo', 'member');
    await useWorkspaceFully(ctx, store, 'demo', demoStory().end as IsoDate, 'harbourfinch');
    app = await buildServer({ ctx, workspaceId: 'default' }, { logLevel: 'silent' });
    owner = await signIn(app, 'owner@studio.example');
    member = await signIn(app, 'member@studio.example');
    stranger = await signIn(app, 'other@elsewhere.example');
    // The stranger owns a workspace of their own and so became an owner of the demo too; take it back to test a non-member.
    await store.raw(`delete from membership where workspace_id = 'demo' and user_id = (select id from app_user where email = 'other@elsewhere.example')`);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('says in the session and the workspace list which workspace is the demo', async () => {
    const session = (await owner.get('/api/session')).json();
    expect(session.workspaces).toEqual([
      { id: 'default', name: 'Nordlys Social ApS', role: 'owner', demo: false },
      { id: 'demo', name: 'Nordlys Social ApS', role: 'owner', demo: true },
    ]);
    expect((await member.get('/api/workspaces')).json().workspaces).toEqual([{ id: 'demo', name: 'Nordlys Social ApS', role: 'member', demo: true }]);
  });

  it('refuses a member (403), a non-member (404) and a workspace that is not a demo (409), and deletes nothing', async () => {
    const before = { demo: await rowsOf(store, 'demo'), own: await rowsOf(store, 'default') };
    expect((await member.request({ method: 'DELETE', url: '/api/workspaces/demo' })).statusCode).toBe(403);
    expect((await stranger.request({ method: 'DELETE', url: '/api/workspaces/demo' })).statusCode).toBe(404);
    const notDemo = await owner.request({ method: 'DELETE', url: '/api/workspaces/default' });
    expect(notDemo.statusCode).toBe(409);
    expect(notDemo.json()).toMatchObject({ code: 'workspace.not_demo', workspaceId: 'default' });
    expect((await owner.request({ method: 'DELETE', url: '/api/workspaces/demo', headers: { 'x-csrf-token': 'wrong' } })).statusCode).toBe(403);
    expect({ demo: await rowsOf(store, 'demo'), own: await rowsOf(store, 'default') }).toEqual(before);
  });

  it('lets an owner delete the demo: every row of it goes, the other workspaces stay as they were', async () => {
    const own = await rowsOf(store, 'default');
    const elsewhere = await rowsOf(store, 'elsewhere');
    const demo = await rowsOf(store, 'demo');
    for (const table of ['ledger_event', 'client', 'invoice', 'outbox_message', 'letter_template', 'portal_link', 'membership', 'mail_cursor']) {
      expect({ table, rows: demo[table] ?? 0 }).not.toEqual({ table, rows: 0 });
    }
    const res = await owner.request({ method: 'DELETE', url: '/api/workspaces/demo' });
    expect(res.statusCode, res.body).toBe(204);
    expect(await rowsOf(store, 'demo')).toEqual({});
    expect(await rowsOf(store, 'default')).toEqual(own);
    expect(await rowsOf(store, 'elsewhere')).toEqual(elsewhere);
    expect((await owner.get('/api/session')).json().workspaces.map((w: { id: string }) => w.id)).toEqual(['default']);
    // The member had only the demo; their session stays, with no workspace left.
    expect((await member.get('/api/session')).json().workspaces).toEqual([]);
    expect((await owner.request({ method: 'DELETE', url: '/api/workspaces/demo' })).statusCode).toBe(404);
  });
});

describe.each(testDatabases())('the first-run choice on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;

  beforeAll(async () => { store = await open(); });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const setUp = async (start: 'empty' | 'demo') => {
    const code = (await issueSetupCode(ctx))!.code;
    return app.inject({ method: 'POST', url: '/api/setup', payload: { email: 'first@studio.example', password: 'a long first pass phrase', setupCode: code, start } });
  };

  it('"empty" removes the demo that serve --with-demo loaded: the owner has only their own empty workspace', async () => {
    ctx = appContext(store, fixedClock(testNow));
    await createWorkspace(ctx, 'default');
    await loadDemo(ctx, 'demo', { at: demoStory().end });
    app = await buildServer({ ctx, workspaceId: 'default' }, { logLevel: 'silent' });
    const res = await setUp('empty');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().workspaces).toEqual([{ id: 'default', name: null, role: 'owner', demo: false }]);
    expect(await rowsOf(store, 'demo')).toEqual({});
  });
});

describe.each(testDatabases())('the first-run choice of the demo on $name', ({ open }) => {
  let store: TestStore;
  let app: TypedServer;
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('"demo" loads the demo, dated to today, into its own workspace, owned by the new owner', async () => {
    store = await open();
    const ctx = appContext(store, fixedClock('2026-12-08T10:00:00Z'));
    await createWorkspace(ctx, 'default');
    app = await buildServer({ ctx, workspaceId: 'default' }, { logLevel: 'silent' });
    const code = (await issueSetupCode(ctx))!.code;
    const res = await app.inject({ method: 'POST', url: '/api/setup', payload: { email: 'first@studio.example', password: 'a long first pass phrase', setupCode: code, start: 'demo' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().workspaces).toEqual([
      { id: 'default', name: null, role: 'owner', demo: false },
      { id: 'demo', name: 'Nordlys Social ApS', role: 'owner', demo: true },
    ]);
    expect(await store.raw('select demo_dated_on from workspace where id = ?', ['demo'])).toEqual([{ demo_dated_on: '2026-12-08' }]);
    expect((await rowsOf(store, 'default')).ledger_event).toBeUndefined();
  });

  it('refuses a start that is neither, naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/setup', payload: { email: 'x@studio.example', password: 'a long first pass phrase', start: 'full' } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('start');
  });
});
