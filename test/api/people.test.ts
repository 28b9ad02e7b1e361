import { Readable } from 'node:stream';
import { Temporal } from 'temporal-polyfill';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/app/clock.ts';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aWorkspace, jsonl } from '../support/events.ts';
import { startSmtpListener, type ReceivedMail, type SmtpListener } from '../support/smtp-listener.ts';
import { aUser, clientFor, password, sessionCookieOf, signedInRoles, signIn, type Client } from './helpers.ts';

// Workspaces and people over HTTP (#12 item 5): an owner creates workspaces and adds people
// with a password or a mailed invitation; a signed-out user resets a forgotten password by
// a mailed link. Real SMTP listener, both databases, the clock moved by hand for expiry.

const ws = 'ws';
const from = { name: 'Studio Test', address: 'hello@studio.example' };
const newPassword = 'a brand new passphrase 42';
const tokenIn = (mail: ReceivedMail | undefined, page: string): string => {
  const match = new RegExp(`/${page}#([A-Za-z0-9_-]{43})`).exec(mail?.text ?? '');
  if (!match?.[1]) throw new Error(`no ${page} link in ${mail?.text}`);
  return match[1];
};

/** A clock the test moves forward. */
function movableClock(start: string): Clock & { advance(ms: number): void } {
  let now = Temporal.Instant.from(start);
  return { now: () => now, advance: (ms) => void (now = now.add({ milliseconds: ms })) };
}

describe.each(testDatabases())('workspaces and people over the API on $name', ({ open }) => {
  let store: TestStore;
  let clock: ReturnType<typeof movableClock>;
  let ctx: AppContext;
  let app: TypedServer;
  let smtp: SmtpListener;
  let logs: string[];
  let owner: Client;
  let member: Client;
  let viewer: Client;
  const mailsTo = async (email: string) => (await smtp.messages()).filter((m) => m.to.includes(email));
  const nextMailTo = async (email: string, count = 1): Promise<ReceivedMail> => {
    await expect.poll(async () => (await mailsTo(email)).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
    return (await mailsTo(email))[count - 1] as ReceivedMail;
  };
  const post = (url: string, payload: object, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload, headers });

  beforeEach(async () => {
    store = await open();
    clock = movableClock('2026-11-27T10:00:00Z');
    ctx = appContext(store, clock);
    await importLedger(ctx, ws, [{ name: 'inline', open: () => Readable.from([jsonl(aWorkspace())]) }]);
    smtp = await startSmtpListener();
    logs = [];
    app = await buildServer({ ctx, workspaceId: ws, mail: { smtp: { url: smtp.url, from } }, publicUrl: 'https://firmly.example' },
      { logLevel: 'info', logStream: { write: (line) => void logs.push(line) } });
    ({ owner, member, viewer } = await signedInRoles(app, ctx, ws, ['owner', 'member', 'viewer']));
  });
  afterEach(async () => {
    await app.close();
    await smtp.close();
    await store.close();
  });

  describe('workspaces', () => {
    const second = { id: 'second-shop', name: 'Second Shop', currency: 'EUR', locale: 'en', timezone: 'Europe/Berlin', jurisdiction: 'DE', targetHourlyRate: { amount: '90.00', currency: 'EUR' } };

    it('lets an owner create a configured workspace of which they are the owner', async () => {
      const res = await owner.request({ method: 'POST', url: '/api/workspaces', payload: second });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({ workspace: { id: 'second-shop', name: 'Second Shop', role: 'owner', demo: false } });
      expect((await owner.get('/api/workspaces')).json().workspaces).toContainEqual({ id: 'second-shop', name: 'Second Shop', role: 'owner', demo: false });
      const settings = (await owner.get('/api/workspaces/second-shop/settings')).json();
      expect(settings.workspace).toMatchObject({ name: 'Second Shop', currency: 'EUR', locale: 'en', timezone: 'Europe/Berlin', jurisdiction: 'DE' });
      const events = await store.raw('select type from ledger_event where workspace_id = ?', ['second-shop']) as { type: string }[];
      expect(events.map((e) => e.type)).toEqual(['workspace.configured']);
      // Only its creator: the other owner of `ws` is not a member of it.
      expect((await owner.get('/api/workspaces/second-shop/members')).json().members.map((m: { email: string }) => m.email)).toEqual(['owner@studio.example']);
    });

    it('answers 409 for an id in use and creates nothing for settings the ledger refuses', async () => {
      const taken = await owner.request({ method: 'POST', url: '/api/workspaces', payload: { ...second, id: ws } });
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toMatchObject({ code: 'action.already_done', field: 'id' });
      const bad = await owner.request({ method: 'POST', url: '/api/workspaces', payload: { ...second, currency: 'EURO' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toContain('currency');
      expect(await store.raw('select id from workspace where id = ?', ['second-shop'])).toEqual([]);
      const badId = await owner.request({ method: 'POST', url: '/api/workspaces', payload: { ...second, id: 'no spaces/here' } });
      expect(badId.statusCode).toBe(400);
    });

    it('refuses someone who owns no workspace', async () => {
      const res = await member.request({ method: 'POST', url: '/api/workspaces', payload: second });
      expect(res.statusCode).toBe(403);
      expect(await store.raw('select id from workspace where id = ?', ['second-shop'])).toEqual([]);
    });
  });

  describe('members', () => {
    it('adds someone with a password the owner hands over; they sign in with the role given, and it is enforced', async () => {
      const added = await owner.request({ method: 'POST', url: `/api/workspaces/${ws}/members`, payload: { email: 'New.Person@Studio.example', role: 'viewer', password: 'handed over at lunch' } });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json()).toMatchObject({ email: 'new.person@studio.example', role: 'viewer', since: '2026-11-27T10:00:00.000Z' });
      const hash = (await store.raw('select password_hash from app_user where email = ?', ['new.person@studio.example']) as { password_hash: string }[])[0]?.password_hash;
      expect(hash).toMatch(/^\$argon2id\$/);

      const signedIn = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'new.person@studio.example', password: 'handed over at lunch' } });
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json().workspaces).toEqual([{ id: ws, name: 'Studio Test', role: 'viewer', demo: false }]);
      const them = clientFor(app, sessionCookieOf(signedIn) as string, signedIn.json().csrfToken);
      expect((await them.get(`/api/workspaces/${ws}/members`)).statusCode).toBe(200);
      const change = await them.request({ method: 'POST', url: `/api/workspaces/${ws}/members`, payload: { email: 'x@studio.example', role: 'owner', password: 'twelve chars ok' } });
      expect(change.statusCode).toBe(403);
      expect((await them.request({ method: 'PUT', url: `/api/workspaces/${ws}/settings/workspace`, payload: {} })).statusCode).toBe(403);
    });

    it('refuses a short password, a member twice, and a password for an existing account (which joins without one)', async () => {
      const short = await owner.request({ method: 'POST', url: `/api/workspaces/${ws}/members`, payload: { email: 'short@studio.example', role: 'member', password: 'short' } });
      expect(short.statusCode).toBe(400);
      expect(short.json()).toMatchObject({ field: 'password' });
      const twice = await owner.request({ method: 'POST', url: `/api/workspaces/${ws}/members`, payload: { email: 'member@studio.example', role: 'owner' } });
      expect(twice.statusCode).toBe(409);
      await aUser(ctx, 'elsewhere@other.example', 'other', 'owner');
      const takeover = await owner.request({ method: 'POST', url: `/api/workspaces/${ws}/members`, payload: { email: 'elsewhere@other.example', role: 'member', password: 'their account now' } });
      expect(takeover.statusCode).toBe(409);
      expect(takeover.json()).toMatchObject({ field: 'password' });
      const joined = await owner.request({ method: 'POST', url: `/api/workspaces/${ws}/members`, payload: { email: 'elsewhere@other.example', role: 'member' } });
      expect(joined.statusCode).toBe(201);
      expect((await signIn(app, 'elsewhere@other.example')).csrf).toBeTruthy(); // their own password still works
    });

    it('lists members with role and since, read-only for a viewer', async () => {
      const res = await viewer.get(`/api/workspaces/${ws}/members`);
      expect(res.statusCode).toBe(200);
      expect(res.json().members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
        ['member@studio.example', 'member'], ['owner@studio.example', 'owner'], ['viewer@studio.example', 'viewer']]);
      const memberId = res.json().members[0].userId as string;
      expect((await viewer.request({ method: 'PATCH', url: `/api/workspaces/${ws}/members/${memberId}`, payload: { role: 'owner' } })).statusCode).toBe(403);
      expect((await member.request({ method: 'DELETE', url: `/api/workspaces/${ws}/members/${memberId}` })).statusCode).toBe(403);
    });

    it('shows no one the members of a workspace they are not in', async () => {
      await aUser(ctx, 'boss@other.example', 'other', 'owner');
      const res = await owner.get('/api/workspaces/other/members');
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('boss@other.example');
      const id = (await store.raw('select id from app_user where email = ?', ['boss@other.example']) as { id: string }[])[0]?.id as string;
      expect((await owner.request({ method: 'DELETE', url: `/api/workspaces/other/members/${id}` })).statusCode).toBe(404);
      expect((await owner.request({ method: 'PATCH', url: `/api/workspaces/${ws}/members/${id}`, payload: { role: 'viewer' } })).statusCode).toBe(404);
    });

    it('never leaves a workspace without an owner, and changes and removes the others', async () => {
      const members = (await owner.get(`/api/workspaces/${ws}/members`)).json().members as { userId: string; email: string }[];
      const id = (email: string) => members.find((m) => m.email === email)?.userId as string;
      const demote = await owner.request({ method: 'PATCH', url: `/api/workspaces/${ws}/members/${id('owner@studio.example')}`, payload: { role: 'member' } });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().code).toBe('member.last_owner');
      const leave = await owner.request({ method: 'DELETE', url: `/api/workspaces/${ws}/members/${id('owner@studio.example')}` });
      expect(leave.statusCode).toBe(409);
      expect(leave.json().code).toBe('member.last_owner');

      const promote = await owner.request({ method: 'PATCH', url: `/api/workspaces/${ws}/members/${id('member@studio.example')}`, payload: { role: 'owner' } });
      expect(promote.statusCode).toBe(200);
      expect(promote.json()).toMatchObject({ email: 'member@studio.example', role: 'owner' });
      // With a second owner the first may step down.
      expect((await owner.request({ method: 'PATCH', url: `/api/workspaces/${ws}/members/${id('owner@studio.example')}`, payload: { role: 'viewer' } })).statusCode).toBe(200);
      const removed = await member.request({ method: 'DELETE', url: `/api/workspaces/${ws}/members/${id('viewer@studio.example')}` });
      expect(removed.statusCode).toBe(204);
      expect((await viewer.get(`/api/workspaces/${ws}/settings`)).statusCode).toBe(404);
      expect((await member.request({ method: 'DELETE', url: `/api/workspaces/${ws}/members/${id('viewer@studio.example')}` })).statusCode).toBe(404);
    });
  });

  describe('invitations', () => {
    const invite = (email: string, role = 'member') => owner.request({ method: 'POST', url: `/api/workspaces/${ws}/members/invitations`, payload: { email, role } });

    it('mails a link in the workspace\'s language that lets the invitee choose a password and join, once', async () => {
      const res = await invite('newcomer@studio.example');
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ email: 'newcomer@studio.example', role: 'member', expiresAt: '2026-12-04T10:00:00.000Z' });
      const mail = await nextMailTo('newcomer@studio.example');
      expect(mail.language).toBe('da');
      expect(mail.subject).toBe('Invitation til Studio Test i Firmly');
      expect(mail.text).toContain('owner@studio.example har inviteret dig');
      expect(mail.from).toEqual(['hello@studio.example']);
      const token = tokenIn(mail, 'invitation');
      expect(mail.text).toContain(`https://firmly.example/invitation#${token}`);
      expect(JSON.stringify(await store.raw('select * from invitation'))).not.toContain(token);
      expect((await owner.get(`/api/workspaces/${ws}/members`)).json().invitations).toHaveLength(1);

      const info = await post('/api/invitations/inspect', { token });
      expect(info.statusCode).toBe(200);
      expect(info.json()).toEqual({ email: 'newcomer@studio.example', role: 'member', workspaceId: ws, workspaceName: 'Studio Test', hasAccount: false, expiresAt: '2026-12-04T10:00:00.000Z' });
      const short = await post('/api/invitations/accept', { token, password: 'too short' });
      expect(short.statusCode).toBe(400);
      const accepted = await post('/api/invitations/accept', { token, password: newPassword });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(sessionCookieOf(accepted)).toBeTruthy();
      expect(accepted.json().workspaces).toEqual([{ id: ws, name: 'Studio Test', role: 'member', demo: false }]);
      const them = clientFor(app, sessionCookieOf(accepted) as string, accepted.json().csrfToken);
      expect((await them.get(`/api/workspaces/${ws}/outbox`)).statusCode).toBe(200);
      expect((await them.request({ method: 'PUT', url: `/api/workspaces/${ws}/settings/rules`, payload: { rules: {} } })).statusCode).toBe(403);

      const again = await post('/api/invitations/accept', { token, password: newPassword });
      expect(again.statusCode).toBe(404);
      expect(again.json().code).toBe('invitation.not_found');
      expect((await post('/api/invitations/inspect', { token })).statusCode).toBe(404);
      expect((await owner.get(`/api/workspaces/${ws}/members`)).json().invitations).toEqual([]);
    });

    it('refuses a link after its 7 days', async () => {
      expect((await invite('late@studio.example', 'viewer')).statusCode).toBe(201);
      const token = tokenIn(await nextMailTo('late@studio.example'), 'invitation');
      clock.advance(7 * 24 * 60 * 60 * 1000);
      const res = await post('/api/invitations/accept', { token, password: newPassword });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('invitation.not_found');
      expect(await store.raw('select id from app_user where email = ?', ['late@studio.example'])).toEqual([]);
    });

    it('lets someone with an account accept with their own password only', async () => {
      await aUser(ctx, 'known@other.example', 'other', 'owner');
      expect((await invite('known@other.example', 'viewer')).statusCode).toBe(201);
      const token = tokenIn(await nextMailTo('known@other.example'), 'invitation');
      expect((await post('/api/invitations/inspect', { token })).json().hasAccount).toBe(true);
      const wrong = await post('/api/invitations/accept', { token, password: 'not their password at all' });
      expect(wrong.statusCode).toBe(401);
      const right = await post('/api/invitations/accept', { token, password });
      expect(right.statusCode).toBe(200);
      expect(right.json().workspaces).toEqual([{ id: 'other', name: null, role: 'owner', demo: false }, { id: ws, name: 'Studio Test', role: 'viewer', demo: false }]);
    });

    it('withdraws an invitation, refuses a member twice, and keeps nothing when the mail is not sent', async () => {
      const made = await invite('maybe@studio.example');
      const token = tokenIn(await nextMailTo('maybe@studio.example'), 'invitation');
      expect((await owner.request({ method: 'DELETE', url: `/api/workspaces/${ws}/members/invitations/${made.json().id}` })).statusCode).toBe(204);
      expect((await post('/api/invitations/accept', { token, password: newPassword })).statusCode).toBe(404);
      expect((await invite('member@studio.example')).statusCode).toBe(409);
      expect((await member.request({ method: 'POST', url: `/api/workspaces/${ws}/members/invitations`, payload: { email: 'x@studio.example', role: 'member' } })).statusCode).toBe(403);

      await smtp.close();
      const failed = await invite('unlucky@studio.example');
      expect(failed.statusCode).toBe(502);
      expect(failed.json().code).toBe('mail.not_sent');
      expect(await store.raw('select id from invitation where email = ?', ['unlucky@studio.example'])).toEqual([]);
      smtp = await startSmtpListener(); // for afterEach
    });

    it('refuses tokens that open nothing, and a page of another site', async () => {
      expect((await post('/api/invitations/accept', { token: 'x'.repeat(43), password: newPassword })).statusCode).toBe(404);
      expect((await post('/api/invitations/inspect', { token: 'not even a token' })).statusCode).toBe(404);
      const forged = await post('/api/invitations/accept', { token: 'x'.repeat(43), password: newPassword }, { origin: 'https://evil.example' });
      expect(forged.statusCode).toBe(403);
      expect(forged.json()).toMatchObject({ reason: 'origin' });
      for (let i = 0; i < 8; i++) await post('/api/invitations/inspect', { token: `${i}`.repeat(43) });
      const limited = await post('/api/invitations/inspect', { token: 'y'.repeat(43) });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
    });
  });

  describe('password reset', () => {
    const ask = (email: string, locale = 'en') => post('/api/password-reset', { email, locale });

    it('mails a link that sets a new password once and signs out every session', async () => {
      expect((await app.inject({ url: '/api/password-reset' })).json()).toEqual({ available: true });
      const res = await ask('Member@Studio.example', 'da');
      expect(res.statusCode).toBe(202);
      const mail = await nextMailTo('member@studio.example');
      expect(mail.subject).toBe('Vælg en ny adgangskode til Firmly');
      expect(mail.language).toBe('da');
      const token = tokenIn(mail, 'reset-password');
      expect(mail.text).toContain(`https://firmly.example/reset-password#${token}`);
      expect(JSON.stringify(await store.raw('select * from password_reset'))).not.toContain(token);

      const short = await post('/api/password-reset/complete', { token, password: 'too short' });
      expect(short.statusCode).toBe(400);
      const done = await post('/api/password-reset/complete', { token, password: newPassword });
      expect(done.statusCode, done.body).toBe(204);
      expect((await member.get('/api/session')).statusCode).toBe(401); // the session open before is gone
      expect((await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'member@studio.example', password } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'member@studio.example', password: newPassword } })).statusCode).toBe(200);
      const reused = await post('/api/password-reset/complete', { token, password: 'yet another passphrase' });
      expect(reused.statusCode).toBe(404);
      expect(reused.json().code).toBe('password_reset.not_found');
      // Nothing in the log holds a token.
      expect(logs.join('\n')).not.toContain(token);
    });

    it('answers an unknown email exactly as a known one, and mails nothing to it', async () => {
      const unknown = await ask('nobody@studio.example');
      const known = await ask('viewer@studio.example');
      expect(unknown.statusCode).toBe(202);
      expect(unknown.body).toBe(known.body);
      expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
      await nextMailTo('viewer@studio.example'); // sent after the unknown one would have been
      expect((await smtp.messages()).map((m) => m.to)).toEqual([['viewer@studio.example']]);
    });

    it('lets a newer link supersede an older one, and a link expire after an hour', async () => {
      await ask('owner@studio.example');
      const first = tokenIn(await nextMailTo('owner@studio.example', 1), 'reset-password');
      await ask('owner@studio.example');
      const second = tokenIn(await nextMailTo('owner@studio.example', 2), 'reset-password');
      expect((await post('/api/password-reset/complete', { token: first, password: newPassword })).statusCode).toBe(404);
      clock.advance(60 * 60 * 1000);
      expect((await post('/api/password-reset/complete', { token: second, password: newPassword })).statusCode).toBe(404);
      expect((await owner.get('/api/session')).statusCode).toBe(200);
    });

    it('limits requests per email, whether or not it has an account', async () => {
      for (const email of ['viewer@studio.example', 'nobody@studio.example']) {
        for (let i = 0; i < 3; i++) expect((await ask(email)).statusCode).toBe(202);
        const limited = await ask(email);
        expect(limited.statusCode).toBe(429);
        expect(limited.headers['retry-after']).toBeDefined();
      }
    });

    it('refuses a page of another site', async () => {
      const res = await post('/api/password-reset', { email: 'member@studio.example' }, { referer: 'https://evil.example/page' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ reason: 'origin' });
    });
  });

  describe('without SMTP', () => {
    it('says so, and neither resets nor invites', async () => {
      const bare = await buildServer({ ctx, workspaceId: ws }, { logLevel: 'silent' });
      try {
        expect((await bare.inject({ url: '/api/password-reset' })).json()).toEqual({ available: false });
        const reset = await bare.inject({ method: 'POST', url: '/api/password-reset', payload: { email: 'member@studio.example' } });
        expect(reset.statusCode).toBe(501);
        expect(reset.json().detail).toContain('firmly user password');
        const boss = await signIn(bare, 'owner@studio.example');
        const invited = await boss.request({ method: 'POST', url: `/api/workspaces/${ws}/members/invitations`, payload: { email: 'x@studio.example', role: 'member' } });
        expect(invited.statusCode).toBe(501);
      } finally {
        await bare.close();
      }
    });
  });
});
