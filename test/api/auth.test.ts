import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { loginLimits, sessionLifetime } from '../../src/app/sessions.ts';
import { issueSetupCode, setupCodeLimits } from '../../src/app/setup-code.ts';
import { removeUser } from '../../src/app/users.ts';
import { createWorkspace } from '../../src/app/workspace.ts';
import { buildServer, type ServerOptions, type TypedServer } from '../../src/server/app.ts';
import { handClock } from '../support/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aClient, anInvoice, aWorkspace, jsonl } from '../support/events.ts';
import { aUser, clientFor, password, sessionCookieOf, signIn } from './helpers.ts';

/** Waits for something another connection does (not for time): polls, failing after 10 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('gave up waiting');
}


const sweepUrl = '/api/workspaces/studio/sweep';
const sweepBody = { at: '2026-11-20', dryRun: true };

describe.each(testDatabases())('sign-in, sessions and CSRF on $name', ({ open }) => {
  let store: TestStore;
  let clock: ReturnType<typeof handClock>;
  let ctx: AppContext;
  let app: TypedServer;
  const servers: TypedServer[] = [];

  const server = async (options: ServerOptions = {}) => {
    const built = await buildServer({ ctx, workspaceId: 'studio' }, { logLevel: 'silent', ...options });
    servers.push(built);
    return built;
  };

  beforeEach(async () => {
    store = await open();
    clock = handClock('2026-11-27T10:00:00Z');
    ctx = appContext(store, clock);
    const events = jsonl(aWorkspace({ id: 's1' }), aClient('c1', { id: 's2' }), anInvoice('c1', 'i1', '1000.00', '2026-10-01', { id: 's3' }));
    await importLedger(ctx, 'studio', [{ name: 'studio.jsonl', open: () => Readable.from([events]) }]);
    await aUser(ctx, 'owner@studio.example', 'studio', 'owner');
    await aUser(ctx, 'member@studio.example', 'studio', 'member');
    await aUser(ctx, 'viewer@studio.example', 'studio', 'viewer');
    app = await server();
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    await store.close();
  });

  const login = (email: string, pass: string, extra: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
    app.inject({ method: 'POST', url: '/api/session', payload: { email, password: pass }, ...extra });

  it('signs in, says who is signed in with their workspaces, roles and CSRF token, and signs out', async () => {
    const res = await login('Owner@Studio.example', password);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ user: { email: 'owner@studio.example' }, workspaces: [{ id: 'studio', name: 'Studio Test', role: 'owner' }] });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const owner = clientFor(app, sessionCookieOf(res) as string, body.csrfToken);

    expect(res.headers['cache-control']).toBe('no-store');
    const again = await owner.get('/api/session');
    expect(again.json()).toEqual(body);
    expect(again.headers['cache-control']).toBe('no-store');
    expect((await owner.get('/api/workspaces')).json()).toEqual({ workspaces: [{ id: 'studio', name: 'Studio Test', role: 'owner', demo: false }] });

    const out = await owner.request({ method: 'DELETE', url: '/api/session' });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'firmly_session')).toMatchObject({ value: '' });
    expect((await owner.get('/api/session')).statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown email alike, without a cookie', async () => {
    const wrong = await login('owner@studio.example', 'not the password at all');
    const unknown = await login('nobody@studio.example', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toMatchObject({ code: 'auth.required', detail: 'wrong email or password' });
    expect(sessionCookieOf(wrong)).toBeUndefined();
    expect(sessionCookieOf(unknown)).toBeUndefined();
  });

  it(`refuses failed sign-in number ${loginLimits.perEmail + 1} for one email within a minute with 429 and Retry-After, even with the right password`, async () => {
    for (let i = 0; i < loginLimits.perEmail; i++) {
      expect((await login('member@studio.example', `wrong guess ${i}!!!`, { remoteAddress: `198.51.100.${i}` })).statusCode).toBe(401);
    }
    clock.advance(10_000);
    const limited = await login('member@studio.example', password, { remoteAddress: '198.51.100.99' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('50');
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'auth.rate_limited' });
    expect(sessionCookieOf(limited)).toBeUndefined();
    // Unknown emails are limited the same way (no enumeration through the limit either).
    for (let i = 0; i < loginLimits.perEmail; i++) await login('ghost@studio.example', `wrong guess ${i}!!!`, { remoteAddress: `198.51.100.${i}` });
    expect((await login('ghost@studio.example', password, { remoteAddress: '198.51.100.99' })).statusCode).toBe(429);

    clock.advance(50_000);
    expect((await login('member@studio.example', password)).statusCode).toBe(200);
  });

  it(`refuses failed sign-in number ${loginLimits.perAddress + 1} from one address, whatever the email`, async () => {
    for (let i = 0; i < loginLimits.perAddress; i++) {
      expect((await login(`guess${i}@studio.example`, 'not the password at all', { remoteAddress: '203.0.113.9' })).statusCode).toBe(401);
    }
    expect((await login('owner@studio.example', password, { remoteAddress: '203.0.113.9' })).statusCode).toBe(429);
    expect((await login('owner@studio.example', password, { remoteAddress: '203.0.113.10' })).statusCode).toBe(200);
  });

  it('counts only failures: signing in often is fine', async () => {
    for (let i = 0; i < loginLimits.perEmail + 3; i++) expect((await login('owner@studio.example', password)).statusCode).toBe(200);
  });

  it('keeps parallel guesses within the limit', async () => {
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => login('owner@studio.example', `parallel guess ${i}!`)));
    const statuses = outcomes.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(loginLimits.perEmail);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(12 - loginLimits.perEmail);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/; Secure only when https reached us through a trusted proxy', async () => {
    const plain = (await login('owner@studio.example', password)).cookies.find((c) => c.name === 'firmly_session');
    expect(plain).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(plain?.secure).toBeUndefined();

    const untrusted = await login('owner@studio.example', password, { headers: { 'x-forwarded-proto': 'https' } });
    expect(untrusted.cookies.find((c) => c.name === 'firmly_session')?.secure).toBeUndefined();

    app = await server({ trustProxy: true });
    const proxied = await login('owner@studio.example', password, { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.cookies.find((c) => c.name === 'firmly_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: true });
    expect(proxied.headers['set-cookie']).toMatch(/HttpOnly/);
  });

  it('stores only the SHA-256 of the 256-bit session token', async () => {
    const token = sessionCookieOf(await login('owner@studio.example', password)) as string;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const ids = (await store.raw('select id from user_session') as { id: string }[]).map((r) => r.id);
    expect(ids).toContain(createHash('sha256').update(token).digest('hex'));
    expect(ids).not.toContain(token);
  });

  it('refuses a state-changing request without the session\'s CSRF token, or with a wrong one', async () => {
    const member = await signIn(app, 'member@studio.example');
    const other = await signIn(app, 'member@studio.example');
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: sweepUrl, payload: sweepBody, cookies: { firmly_session: member.cookie }, headers });

    for (const headers of [{}, { 'x-csrf-token': 'not-the-token' }, { 'x-csrf-token': other.csrf }] as Record<string, string>[]) {
      const res = await post(headers);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'auth.forbidden', reason: 'csrf' });
    }
    expect((await post({ 'x-csrf-token': member.csrf })).statusCode).toBe(200);

    const signOut = await app.inject({ method: 'DELETE', url: '/api/session', cookies: { firmly_session: member.cookie } });
    expect(signOut.statusCode).toBe(403);
    expect((await member.get('/api/session')).statusCode).toBe(200);
  });

  it('refuses sign-in and setup posted from another site\'s page, and accepts them from its own', async () => {
    // Names the server is told it has, so that the Origin check is what answers, not the Host allowlist.
    app = await server({ allowedHosts: ['firmly.example', 'evil.example'] });
    const from = (headers: Record<string, string>) => login('owner@studio.example', password, { headers });
    expect((await from({ origin: 'https://evil.example' })).json()).toMatchObject({ status: 403, code: 'auth.forbidden', reason: 'origin' });
    expect((await from({ origin: 'null' })).statusCode).toBe(403);
    expect((await from({ referer: 'https://evil.example/login' })).statusCode).toBe(403);
    expect((await from({ origin: 'http://localhost.evil.example' })).statusCode).toBe(403);
    expect((await from({ origin: 'https://firmly.example', host: 'evil.example' })).statusCode).toBe(403);
    expect((await from({ origin: 'http://localhost:80' })).statusCode).toBe(200);
    expect((await from({ origin: 'https://Firmly.example', host: 'firmly.example:8080' })).statusCode).toBe(200);
    expect((await from({ referer: 'https://firmly.example/sign-in', host: 'firmly.example' })).statusCode).toBe(200);
    const setup = await app.inject({ method: 'POST', url: '/api/setup', payload: { email: 'x@evil.example', password }, headers: { origin: 'https://evil.example' } });
    expect(setup.statusCode).toBe(403);
  });

  it('lets a viewer read but not run the sweep, a member and an owner run it', async () => {
    const viewer = await signIn(app, 'viewer@studio.example');
    expect((await viewer.get('/api/workspaces/studio/clients')).statusCode).toBe(200);
    const refused = await viewer.request({ method: 'POST', url: sweepUrl, payload: sweepBody });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'auth.forbidden', reason: 'role', needed: 'member', role: 'viewer' });

    for (const email of ['member@studio.example', 'owner@studio.example']) {
      const res = await (await signIn(app, email)).request({ method: 'POST', url: sweepUrl, payload: sweepBody });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ at: '2026-11-20', clientsAssessed: 1, done: [], eventsAppended: 0 });
    }
  });

  it('runs the sweep for a member: the late invoice\'s reminders are queued once', async () => {
    const member = await signIn(app, 'member@studio.example');
    const first = (await member.request({ method: 'POST', url: sweepUrl, payload: { at: '2026-11-20' } })).json();
    expect(first.done.length).toBeGreaterThan(0);
    expect(first.done.map((a: { kind: string }) => a.kind)).toContain('payment.reminder');
    const again = (await member.request({ method: 'POST', url: sweepUrl, payload: { at: '2026-11-20', full: true } })).json();
    const today = await member.request({ method: 'POST', url: sweepUrl }); // no body at all, as curl -X POST sends
    expect(today.json()).toMatchObject({ at: '2026-11-27' });
    // Queued once: the second sweep of the day plans nothing the outbox already holds (#19).
    expect(again).toMatchObject({ done: [], alreadyDone: [], planned: [] });
  });

  it('extends a session while it is used, and ends it unused for the idle time', async () => {
    const used = await signIn(app, 'owner@studio.example');
    const unused = await signIn(app, 'member@studio.example');
    clock.advance(sessionLifetime.idleMs - 1000);
    expect((await used.get('/api/session')).statusCode).toBe(200);
    clock.advance(2000);
    expect((await used.get('/api/session')).statusCode).toBe(200);
    const expired = await unused.get('/api/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'auth.required' });
    expect(expired.cookies.find((c) => c.name === 'firmly_session')).toMatchObject({ value: '' });
    expect(await store.raw('select id from user_session')).toHaveLength(1);
  });

  it('ends a session at its absolute lifetime however much it is used', async () => {
    const busy = await signIn(app, 'owner@studio.example');
    const day = 24 * 60 * 60 * 1000;
    for (let elapsed = 0; elapsed < sessionLifetime.absoluteMs; elapsed += day) {
      expect((await busy.get('/api/workspaces')).statusCode).toBe(200);
      clock.advance(day);
    }
    expect((await busy.get('/api/workspaces')).statusCode).toBe(401);
  });

  it('signs a removed user out at once', async () => {
    const member = await signIn(app, 'member@studio.example');
    await removeUser(ctx, 'member@studio.example');
    expect((await member.get('/api/workspaces/studio/clients')).statusCode).toBe(401);
  });

  it('keeps health and the OpenAPI document public and everything else behind sign-in', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/openapi.json' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/setup' })).json()).toEqual({ needed: false });
    for (const url of ['/api/session', '/api/workspaces', '/api/workspaces/studio/clients']) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await app.inject({ url: '/api/workspaces/studio/clients', cookies: { firmly_session: 'x'.repeat(43) } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/nothing-here' })).json()).toMatchObject({ status: 404, code: 'route.not_found' });
  });

  it('never writes the password, the session token or the CSRF token to the log', async () => {
    const lines: string[] = [];
    app = await server({ logLevel: 'trace', logStream: { write: (line) => { lines.push(line); } } });
    const member = await signIn(app, 'member@studio.example');
    await login('member@studio.example', 'a wrong password here');
    await member.request({ method: 'POST', url: sweepUrl, payload: sweepBody });
    await member.get('/api/workspaces/nope/clients');
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(4);
    for (const secret of [password, 'a wrong password here', member.cookie, member.csrf]) expect(log).not.toContain(secret);
  });
});

describe.each(testDatabases())('the first-run setup on $name', ({ name, open }) => {
  let store: TestStore;
  let clock: ReturnType<typeof handClock>;
  let ctx: AppContext;
  let app: TypedServer;
  /** What `firmly serve` printed. */
  let code: string;

  beforeEach(async () => {
    store = await open();
    clock = handClock('2026-11-27T10:00:00Z');
    ctx = appContext(store, clock);
    await createWorkspace(ctx, 'imported-earlier');
    app = await buildServer({ ctx, workspaceId: 'default' }, { logLevel: 'silent' });
    code = (await issueSetupCode(ctx))!.code;
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  /** `setupCode` null: none sent. */
  const setup = (email: string, pass = password, setupCode: string | null = code, extra: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
    app.inject({ method: 'POST', url: '/api/setup', payload: { email, password: pass, ...(setupCode === null ? {} : { setupCode }) }, ...extra });
  const userCount = async () => (await store.raw('select email from app_user')).length;

  it('refuses a setup from a DNS-rebinding page (Host and Origin both the attacker\'s) and creates no one', async () => {
    const res = await setup('x@attacker.example', password, code, { headers: { host: 'attacker.example', origin: 'http://attacker.example' } });
    expect(res.statusCode).toBe(421);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'host.not_allowed', host: 'attacker.example', detail: expect.stringContaining('ALLOWED_HOSTS') });
    expect(sessionCookieOf(res)).toBeUndefined();
    expect(await userCount()).toBe(0);
    expect((await setup('first@studio.example')).statusCode).toBe(201);
  });

  it('needs the setup code: refused without it, with a wrong one and once used; accepted as typed, with spaces', async () => {
    const missing = await setup('first@studio.example', password, null);
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: 'auth.forbidden', reason: 'setup_code', detail: expect.stringContaining('missing') });
    const wrongDigit = code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    for (const wrong of [wrongDigit, '0000-0000-0000-0000', 'not a code', '']) {
      const res = await setup('first@studio.example', password, wrong);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'auth.forbidden', reason: 'setup_code' });
      expect(sessionCookieOf(res)).toBeUndefined();
    }
    expect(await userCount()).toBe(0);

    expect((await setup('first@studio.example', password, code.replaceAll('-', ' '))).statusCode).toBe(201);
    expect(await store.raw('select code_hash from setup_code')).toEqual([]);
    // Used up with the owner's creation: a removed owner does not bring it back.
    await removeUser(ctx, 'first@studio.example');
    const reused = await setup('again@studio.example');
    expect(reused.json()).toMatchObject({ status: 403, reason: 'setup_code' });
    expect(await userCount()).toBe(0);
  });

  it('stores only the SHA-256 of the code, and accepts any code issued while no one has signed up', async () => {
    const second = (await issueSetupCode(ctx))!;
    expect(second.earlier).toBe(1);
    const stored = JSON.stringify(await store.raw('select * from setup_code'));
    for (const c of [code, second.code]) {
      expect(stored).not.toContain(c);
      expect(stored).not.toContain(c.replaceAll('-', ''));
    }
    expect((await setup('first@studio.example', password, code)).statusCode).toBe(201);
    expect(await issueSetupCode(ctx)).toBeUndefined();
  });

  it('rate-limits wrong setup codes per address and overall, whatever the code, and frees them after the window', async () => {
    for (let i = 0; i < setupCodeLimits.perAddress; i++) {
      expect((await setup('first@studio.example', password, `1111-2222-3333-${String(i).padStart(4, '0')}`, { remoteAddress: '198.51.100.1' })).statusCode).toBe(403);
    }
    const limited = await setup('first@studio.example', password, code, { remoteAddress: '198.51.100.1' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await userCount()).toBe(0);

    for (let i = setupCodeLimits.perAddress; i < setupCodeLimits.overall; i++) {
      expect((await setup('first@studio.example', password, `1111-2222-3333-${String(i).padStart(4, '0')}`, { remoteAddress: `203.0.113.${i}` })).statusCode).toBe(403);
    }
    expect((await setup('first@studio.example', password, code, { remoteAddress: '192.0.2.7' })).statusCode).toBe(429);

    clock.advance(setupCodeLimits.windowMs + 1);
    expect((await setup('first@studio.example', password, code, { remoteAddress: '198.51.100.1' })).statusCode).toBe(201);
  });

  it('creates the first owner of every workspace once, signs them in, and refuses after', async () => {
    expect((await app.inject({ url: '/api/setup' })).json()).toEqual({ needed: true });
    const res = await setup('First@Studio.example');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      user: { email: 'first@studio.example' },
      workspaces: [{ id: 'default', role: 'owner' }, { id: 'imported-earlier', role: 'owner' }],
    });
    const owner = clientFor(app, sessionCookieOf(res) as string, res.json().csrfToken);
    expect((await owner.get('/api/workspaces/default/clients')).statusCode).toBe(200);

    expect((await app.inject({ url: '/api/setup' })).json()).toEqual({ needed: false });
    const again = await setup('second@studio.example');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'action.already_done' });
    expect(sessionCookieOf(again)).toBeUndefined();
  });

  it('makes exactly one owner when setups race', async () => {
    // On PostgreSQL the setups are held inside their transactions first — a SHARE lock on
    // `workspace` stops each at its first write there, after it has looked for users — so they
    // truly overlap; SQLite runs one transaction at a time per process anyway.
    const hold = name === 'postgres';
    if (hold) {
      await store.raw('begin');
      await store.raw('lock table workspace in share mode');
    }
    const racing = Promise.all(Array.from({ length: 8 }, (_, i) => setup(`owner${i}@studio.example`)));
    try {
      if (hold) await until(async () => Number((await store.raw('select count(*) as n from pg_locks where not granted') as { n: string }[])[0]?.n) >= 8);
    } finally {
      if (hold) await store.raw('commit');
    }
    const outcomes = await racing;
    expect(outcomes.map((r) => r.statusCode).sort()).toEqual([201, ...Array(7).fill(409)]);
    expect(await store.raw('select email from app_user')).toHaveLength(1);
    expect(await store.raw('select code_hash from setup_code')).toEqual([]);
  });

  it('refuses a password shorter than 12 characters and a malformed email', async () => {
    const short = await setup('first@studio.example', 'eleven char');
    expect(short.json()).toMatchObject({ status: 400, code: 'input.invalid', detail: expect.stringContaining('at least 12 characters') });
    expect((await setup('not-an-email')).json()).toMatchObject({ status: 400, code: 'input.invalid' });
    expect((await app.inject({ url: '/api/setup' })).json()).toEqual({ needed: true });
    // A setup refused for its password leaves the code working.
    expect((await setup('first@studio.example')).statusCode).toBe(201);
  });
});
