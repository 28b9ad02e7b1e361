import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { parseImapUrl } from '../../src/config.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aWorkspace, jsonl } from '../support/events.ts';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener.ts';
import { signedInRoles, type Client } from './helpers.ts';

// The workspace's settings over HTTP (#6): read by anyone in it, changed by owners only, as
// ledger events; the mail servers shown and checked without ever giving a password away.

const ws = 'ws';
const smtpPassword = 'smtp-s3cret-Pa55';
const imapPassword = 'imap-s3cret-Pa55';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(testDatabases())('the settings API on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let listener: SmtpListener;
  let owner: Client;
  let member: Client;
  let viewer: Client;
  const settingsEvents = async () =>
    (await store.raw('select type, data from ledger_event where workspace_id = ? and type like ? order by seq', [ws, 'workspace.%']) as { type: string; data: string }[])
      .map((row) => ({ type: row.type, data: JSON.parse(row.data) as Record<string, unknown> }));

  beforeEach(async () => {
    store = await open();
    ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
    await importLedger(ctx, ws, [{ name: 'inline', open: () => Readable.from([jsonl(aWorkspace())]) }]);
    listener = await startSmtpListener({ login: { user: 'studio', pass: smtpPassword } });
    const imap = parseImapUrl(`imap://studio%40mail.example:${imapPassword}@127.0.0.1:${await closedPort()}`, 'Firmly');
    const deps = { ctx, workspaceId: ws, mail: { smtp: { url: `smtp://studio:${smtpPassword}@127.0.0.1:${listener.port}`, from: { name: 'Studio Test', address: 'hello@studio.example' } }, imap } };
    app = await buildServer(deps, { logLevel: 'silent' });
    ({ owner, member, viewer } = await signedInRoles(app, ctx, ws, ['owner', 'member', 'viewer']));
  });
  afterEach(async () => {
    await app.close();
    await listener.close();
    await store.close();
  });

  it('shows the workspace, its thresholds and the mail servers, never a password', async () => {
    const res = await viewer.get(`/api/workspaces/${ws}/settings`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      workspace: { name: 'Studio Test', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: { amount: '650.00', currency: 'DKK' } },
      rules: { effective: { latePayer: { graceDays: 3 }, plan: { firstPaymentReminderAfterDays: 1 } }, overrides: {} },
      mail: {
        smtp: { configured: true, host: `127.0.0.1:${listener.port}`, from: 'Studio Test <hello@studio.example>' },
        imap: { configured: true, host: expect.stringMatching(/^127\.0\.0\.1:\d+$/), folder: 'Firmly' },
      },
    });
    expect(res.body).not.toContain(smtpPassword);
    expect(res.body).not.toContain(imapPassword);
  });

  it('records the workspace\'s settings as a workspace.configured event, shown from then on', async () => {
    const data = { name: 'Studio Nord', currency: 'EUR', locale: 'en', timezone: 'Europe/Berlin', jurisdiction: 'DE', targetHourlyRate: { amount: '95.00', currency: 'EUR' } };
    const res = await owner.request({ method: 'PUT', url: `/api/workspaces/${ws}/settings/workspace`, payload: data });
    expect(res.statusCode).toBe(200);
    expect(res.json().workspace).toEqual(data);
    expect((await viewer.get(`/api/workspaces/${ws}/settings`)).json().workspace).toEqual(data);
    const events = await settingsEvents();
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual({ type: 'workspace.configured', data });

    // Saved again within the same millisecond (the clock is fixed): the later one still wins.
    await owner.request({ method: 'PUT', url: `/api/workspaces/${ws}/settings/workspace`, payload: { ...data, name: 'Studio Syd' } });
    expect((await viewer.get(`/api/workspaces/${ws}/settings`)).json().workspace.name).toBe('Studio Syd');
  });

  it('refuses settings the ledger refuses, naming the field, and records nothing', async () => {
    const data = { name: 'Studio Nord', currency: 'EUR', locale: 'en', timezone: 'Mars/Olympus', jurisdiction: 'DE', targetHourlyRate: { amount: '95.00', currency: 'EUR' } };
    const res = await owner.request({ method: 'PUT', url: `/api/workspaces/${ws}/settings/workspace`, payload: data });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'input.invalid', detail: expect.stringContaining('timezone') });
    const extra = await owner.request({ method: 'PUT', url: `/api/workspaces/${ws}/settings/workspace`, payload: { ...data, timezone: 'Europe/Berlin', colour: 'red' } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().detail).toContain('colour');
    expect(await settingsEvents()).toHaveLength(1);
  });

  it('records the thresholds as a workspace.rules event; the effective rules follow', async () => {
    const rules = { latePayer: { graceDays: 5 }, plan: { secondPaymentReminderAfterDays: 10 } };
    const res = await owner.request({ method: 'PUT', url: `/api/workspaces/${ws}/settings/rules`, payload: { rules } });
    expect(res.statusCode).toBe(200);
    expect(res.json().rules).toMatchObject({ overrides: rules, effective: { latePayer: { graceDays: 5, fullyLateDays: 14 }, plan: { secondPaymentReminderAfterDays: 10, firstPaymentReminderAfterDays: 1 } } });
    expect((await settingsEvents()).at(-1)).toEqual({ type: 'workspace.rules', data: { rules } });

    const bad = await owner.request({ method: 'PUT', url: `/api/workspaces/${ws}/settings/rules`, payload: { rules: { latePayer: { graceDays: -1 } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('graceDays');
    expect((await viewer.get(`/api/workspaces/${ws}/settings`)).json().rules.overrides).toEqual(rules);
  });

  it('lets only an owner change the settings or check the mail servers', async () => {
    const data = { name: 'X', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: { amount: '1.00', currency: 'DKK' } };
    for (const client of [member, viewer]) {
      for (const request of [
        { method: 'PUT' as const, url: `/api/workspaces/${ws}/settings/workspace`, payload: data },
        { method: 'PUT' as const, url: `/api/workspaces/${ws}/settings/rules`, payload: { rules: {} } },
        { method: 'POST' as const, url: `/api/workspaces/${ws}/settings/mail/test`, payload: { which: 'smtp' } },
      ]) {
        const res = await client.request(request);
        expect.soft(res.statusCode, request.url).toBe(403);
        expect.soft(res.json().code, request.url).toBe('auth.forbidden');
      }
    }
    expect(await settingsEvents()).toHaveLength(1);
  });

  it('checks the SMTP server by signing in, sending nothing, and says why when it cannot', async () => {
    const ok = await owner.request({ method: 'POST', url: `/api/workspaces/${ws}/settings/mail/test`, payload: { which: 'smtp' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, detail: expect.stringContaining(`127.0.0.1:${listener.port}`) });
    expect(listener.accepted()).toBe(0);

    await listener.close();
    const down = await owner.request({ method: 'POST', url: `/api/workspaces/${ws}/settings/mail/test`, payload: { which: 'smtp' } });
    expect(down.statusCode).toBe(200);
    expect(down.json()).toMatchObject({ ok: false, detail: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect(down.body).not.toContain(smtpPassword);
  });

  it('refuses a wrong SMTP password and an unreachable IMAP server without repeating the password', async () => {
    await listener.close();
    listener = await startSmtpListener({ port: listener.port, login: { user: 'studio', pass: 'another' } });
    const refused = await owner.request({ method: 'POST', url: `/api/workspaces/${ws}/settings/mail/test`, payload: { which: 'smtp' } });
    expect(refused.json()).toMatchObject({ ok: false, detail: expect.stringMatching(/EAUTH|535/) });
    expect(refused.body).not.toContain(smtpPassword);

    const imap = await owner.request({ method: 'POST', url: `/api/workspaces/${ws}/settings/mail/test`, payload: { which: 'imap' } });
    expect(imap.statusCode).toBe(200);
    expect(imap.json()).toMatchObject({ ok: false, detail: expect.stringContaining('imap://studio%40mail.example@127.0.0.1:') });
    expect(imap.body).not.toContain(imapPassword);
    const wrong = await owner.request({ method: 'POST', url: `/api/workspaces/${ws}/settings/mail/test`, payload: { which: 'pop3' } });
    expect(wrong.statusCode).toBe(400);
  });
});
