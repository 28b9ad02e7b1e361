import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Temporal } from 'temporal-polyfill';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/app/clock.ts';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { startAssessment } from '../../src/app/assess-workspace.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { buildServer, type ServerOptions, type TypedServer } from '../../src/server/app.ts';
import { linkCreationLimit } from '../../src/server/routes/portal-links.ts';
import { portalRateLimit } from '../../src/server/routes/portal.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aClient, anInvoice, aPayment, aRequest, aWorkspace, dkk, jsonl, raw, type RawEvent } from '../support/events.ts';
import { aUser, signIn, type Client } from './helpers.ts';

// The client portal (#6): links staff make, list and revoke; the public portal a link opens.

function handClock(start: string): Clock & { advance(ms: number): void } {
  let now = Temporal.Instant.from(start);
  return { now: () => now, advance: (ms) => { now = now.add({ milliseconds: ms }); } };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const start = '2026-11-27T10:00:00Z';
const links = '/api/workspaces/studio/clients/c1/portal-links';

/** Text a client may see as it is: markup in it is words, not HTML, and its lines stay lines. */
const springCaption = 'Spring is here 🌷\n<b>20 % off</b> & "free" <script>alert(1)</script>\n\n#spring';

const studio: RawEvent[] = [
  aWorkspace({ id: 's01' }),
  aClient('c1', { id: 's02' }),
  aClient('c2', { id: 's03' }),
  raw('deliverable.created', {
    deliverableId: 'd1', clientId: 'c1', network: 'instagram', title: 'Spring reel',
    caption: springCaption, plannedFor: '2026-12-03', mediaUrl: 'https://cdn.studio.example/spring.mp4?v=2&s=1',
  }, { id: 's04' }),
  raw('deliverable.created', { deliverableId: 'd2', clientId: 'c1', title: 'Newsletter' }, { id: 's05' }),
  aRequest('c1', 'r1', '2026-11-20', { id: 's06', at: '2026-11-10T09:00:00Z' }),
  raw('request.sent', { requestId: 'a1', clientId: 'c1', kind: 'approval', subject: 'Approve the reel', dueDate: '2026-11-30', deliverableId: 'd1' }, { id: 's07', at: '2026-11-11T09:00:00Z' }),
  raw('request.sent', { requestId: 'a2', clientId: 'c1', kind: 'approval', subject: 'Approve the newsletter', dueDate: '2026-12-01', deliverableId: 'd2' }, { id: 's08', at: '2026-11-12T09:00:00Z' }),
  aRequest('c1', 'r-done', '2026-11-01', { id: 's09', at: '2026-10-20T09:00:00Z' }),
  raw('request.answered', { requestId: 'r-done', channel: 'email' }, { id: 's10', at: '2026-10-21T09:00:00Z' }),
  aRequest('c2', 'r-c2', '2026-11-30', { id: 's11' }),
  // Overdue, paid, credited in full, and not yet due.
  anInvoice('c1', 'i1', '1000.00', '2026-11-01', { id: 's12' }),
  anInvoice('c1', 'i2', '500.00', '2026-10-01', { id: 's13' }),
  aPayment('c1', 'p1', '500.00', '2026-10-01', ['i2'], { id: 's14' }),
  anInvoice('c1', 'i3', '300.00', '2026-10-15', { id: 's15' }),
  raw('invoice.credited', { invoiceId: 'i3', amount: dkk('300.00'), reason: 'cancelled' }, { id: 's16' }),
  raw('invoice.issued', { invoiceId: 'i4', clientId: 'c1', number: 'N-i4', issueDate: '2026-11-20', dueDate: '2026-12-20', total: dkk('250.50') }, { id: 's17', at: '2026-11-20T09:00:00Z' }),
];

const other: RawEvent[] = [aWorkspace({ id: 'o1' }), aClient('c1', { id: 'o2' }), aRequest('c1', 'r-other', '2026-11-30', { id: 'o3' })];

describe.each(testDatabases())('the client portal on $name', ({ open }) => {
  let store: TestStore;
  let clock: ReturnType<typeof handClock>;
  let ctx: AppContext;
  let app: TypedServer;
  let member: Client;
  const servers: TypedServer[] = [];

  const server = async (options: ServerOptions = {}) => {
    const built = await buildServer({ ctx, workspaceId: 'studio' }, { logLevel: 'silent', ...options });
    servers.push(built);
    return built;
  };
  const load = (workspaceId: string, events: RawEvent[]) =>
    importLedger(ctx, workspaceId, [{ name: `${workspaceId}.jsonl`, open: () => Readable.from([jsonl(...events)]) }]);

  beforeEach(async () => {
    store = await open();
    clock = handClock(start);
    ctx = appContext(store, clock);
    await load('studio', studio);
    await load('other', other);
    await aUser(ctx, 'member@studio.example', 'studio', 'member');
    await aUser(ctx, 'viewer@studio.example', 'studio', 'viewer');
    await aUser(ctx, 'outsider@other.example', 'other', 'owner');
    app = await server();
    member = await signIn(app, 'member@studio.example');
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    await store.close();
  });

  const makeLink = async (body: Record<string, unknown> = {}, url = links) => {
    const res = await member.request({ method: 'POST', url, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { link: { id: string }; token: string; url: string };
  };
  const portal = (token: string | undefined, options: { method?: 'GET' | 'POST'; url?: string; payload?: unknown; remoteAddress?: string } = {}) =>
    app.inject({
      method: options.method ?? 'GET', url: options.url ?? '/api/portal',
      headers: token === undefined ? {} : { 'x-portal-token': token },
      ...(options.payload !== undefined ? { payload: options.payload as Record<string, unknown> } : {}),
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    });
  const count = async (sql: string, params: unknown[] = []) => Number((await store.raw(sql, params) as { n: number | string }[])[0]?.n);
  const eventsOf = async (type: string) => (await store.raw('select data, at from ledger_event where workspace_id = ? and type = ? order by seq', ['studio', type]) as { data: string; at: string }[])
    .map((row) => ({ at: row.at, data: JSON.parse(row.data) as Record<string, unknown> }));

  it('makes a link with a 256-bit token and its URL, valid 30 days by default or as many as asked', async () => {
    const made = await makeLink();
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(made.token, 'base64url')).toHaveLength(32);
    expect(made.url).toBe(`http://localhost:80/portal#${made.token}`);
    expect(made.link).toEqual({ id: expect.stringMatching(/^pl_/), clientId: 'c1', createdAt: '2026-11-27T10:00:00.000Z', expiresAt: '2026-12-27T10:00:00.000Z', revokedAt: null });

    const week = await makeLink({ days: 7 });
    expect(week.link).toMatchObject({ expiresAt: '2026-12-04T10:00:00.000Z' });
    expect(week.token).not.toBe(made.token);
    for (const days of [0, 366, 1.5, '7']) {
      const res = await member.request({ method: 'POST', url: links, payload: { days } });
      expect(res.statusCode, `days ${String(days)}`).toBe(400);
      expect(res.json()).toMatchObject({ code: 'input.invalid' });
    }
  });

  it('keeps only the SHA-256 of the token, never the token itself', async () => {
    const { token, link } = await makeLink();
    const rows = await store.raw('select * from portal_link') as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: link.id, token_hash: createHash('sha256').update(token).digest('hex') });
    expect(JSON.stringify(rows)).not.toContain(token);
    const listed = await member.get(links);
    expect(listed.body).not.toContain(token);
    expect(listed.body).not.toContain(rows[0]?.token_hash);
  });

  it('lists the client\'s links, newest first, with their last use', async () => {
    const first = await makeLink();
    clock.advance(MINUTE);
    const second = await makeLink();
    clock.advance(MINUTE);
    expect((await portal(first.token)).statusCode).toBe(200);
    const res = await member.get(links);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ links: [
      { id: second.link.id, clientId: 'c1', createdAt: '2026-11-27T10:01:00.000Z', expiresAt: '2026-12-27T10:01:00.000Z', revokedAt: null, lastUsedAt: null },
      { id: first.link.id, clientId: 'c1', createdAt: '2026-11-27T10:00:00.000Z', expiresAt: '2026-12-27T10:00:00.000Z', revokedAt: null, lastUsedAt: '2026-11-27T10:02:00.000Z' },
    ] });
    expect((await member.get('/api/workspaces/studio/clients/c2/portal-links')).json()).toEqual({ links: [] });
  });

  it('refuses a viewer making or revoking links (403) but lets them see the list', async () => {
    const { link } = await makeLink();
    const viewer = await signIn(app, 'viewer@studio.example');
    expect((await viewer.request({ method: 'POST', url: links, payload: {} })).json()).toMatchObject({ status: 403, code: 'auth.forbidden' });
    expect((await viewer.request({ method: 'DELETE', url: `${links}/${link.id}` })).statusCode).toBe(403);
    expect((await viewer.get(links)).statusCode).toBe(200);
    expect(await store.raw('select revoked_at from portal_link')).toEqual([{ revoked_at: null }]);
  });

  it('answers 404 to a non-member on every link route, and for a client that is not on record', async () => {
    const { link } = await makeLink();
    const outsider = await signIn(app, 'outsider@other.example');
    for (const res of [
      await outsider.get(links),
      await outsider.request({ method: 'POST', url: links, payload: {} }),
      await outsider.request({ method: 'DELETE', url: `${links}/${link.id}` }),
    ]) expect(res.json()).toMatchObject({ status: 404, code: 'workspace.not_found' });
    expect((await member.request({ method: 'POST', url: '/api/workspaces/studio/clients/nobody/portal-links', payload: {} })).json()).toMatchObject({ status: 404, code: 'client.not_found' });
    // A link id of another client's is not found under this one.
    expect((await member.request({ method: 'DELETE', url: `/api/workspaces/studio/clients/c2/portal-links/${link.id}` })).json()).toMatchObject({ status: 404, code: 'portal.link_not_found' });
    expect(await count('select count(*) as n from portal_link')).toBe(1);
  });

  it('shows the client what waits on them: open requests, approvals, invoices with what is outstanding, and the balance', async () => {
    const { token } = await makeLink();
    const res = await portal(token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      client: { name: 'Client c1', locale: 'da' },
      workspace: { name: 'Studio Test' },
      requests: [{ requestId: 'r1', kind: 'feedback', subject: 'Content plan', sentAt: '2026-11-10T09:00:00.000Z', dueDate: '2026-11-20', deliverable: null }],
      approvals: [
        { requestId: 'a1', kind: 'approval', subject: 'Approve the reel', sentAt: '2026-11-11T09:00:00.000Z', dueDate: '2026-11-30', deliverable: {
          deliverableId: 'd1', title: 'Spring reel', network: 'instagram',
          caption: springCaption, plannedFor: '2026-12-03', mediaUrl: 'https://cdn.studio.example/spring.mp4?v=2&s=1',
        } },
        { requestId: 'a2', kind: 'approval', subject: 'Approve the newsletter', sentAt: '2026-11-12T09:00:00.000Z', dueDate: '2026-12-01', deliverable: { deliverableId: 'd2', title: 'Newsletter', network: null, caption: null, plannedFor: null, mediaUrl: null } },
      ],
      invoices: expect.arrayContaining([
        { invoiceId: 'i1', number: 'N-i1', issueDate: '2026-11-01', dueDate: '2026-11-01', total: dkk('1000.00'), outstanding: dkk('1000.00'), status: 'overdue' },
        { invoiceId: 'i2', number: 'N-i2', issueDate: '2026-10-01', dueDate: '2026-10-01', total: dkk('500.00'), outstanding: dkk('0.00'), status: 'paid' },
        { invoiceId: 'i3', number: 'N-i3', issueDate: '2026-10-15', dueDate: '2026-10-15', total: dkk('300.00'), outstanding: dkk('0.00'), status: 'credited' },
        { invoiceId: 'i4', number: 'N-i4', issueDate: '2026-11-20', dueDate: '2026-12-20', total: dkk('250.50'), outstanding: dkk('250.50'), status: 'open' },
      ]),
      balance: [dkk('1250.50')],
    });
    expect(res.json().invoices).toHaveLength(4);
    expect(res.body).not.toContain('r-c2');
    expect(res.body).not.toContain('r-done');
  });

  it('sends a caption exactly as written, as JSON text: escaping it is the page\'s job, and nothing in it is markup', async () => {
    const { token } = await makeLink();
    const res = await portal(token);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().approvals[0].deliverable.caption).toBe(springCaption);
    // The body is JSON, so "<" reaches the browser as data of a string, never as a tag of a page.
    expect(res.body).toContain(JSON.stringify(springCaption));
  });

  it('refuses a deliverable whose media is not an http(s) link, naming the field, and records nothing', async () => {
    const before = await count('select count(*) as n from ledger_event where workspace_id = ?', ['studio']);
    for (const mediaUrl of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://files.example/a.jpg', 'not a link']) {
      const res = await member.request({ method: 'POST', url: '/api/workspaces/studio/events', payload: {
        type: 'deliverable.created', data: { deliverableId: 'd-bad', clientId: 'c1', title: 'Bad media', mediaUrl },
      } });
      expect(res.statusCode, mediaUrl).toBe(400);
      expect(res.body, mediaUrl).toContain('mediaUrl');
    }
    const planned = await member.request({ method: 'POST', url: '/api/workspaces/studio/events', payload: {
      type: 'deliverable.created', data: { deliverableId: 'd-bad', clientId: 'c1', title: 'Bad day', plannedFor: '2026-02-30' },
    } });
    expect(planned.statusCode).toBe(400);
    expect(planned.body).toContain('plannedFor');
    expect(await count('select count(*) as n from ledger_event where workspace_id = ?', ['studio'])).toBe(before);
  });

  it('records a view at most once per link per 30 minutes', async () => {
    const { token, link } = await makeLink();
    await portal(token);
    clock.advance(29 * MINUTE);
    await portal(token);
    expect(await eventsOf('portal.viewed')).toEqual([{ at: '2026-11-27T10:00:00.000Z', data: { clientId: 'c1', linkId: link.id } }]);
    clock.advance(MINUTE);
    await portal(token);
    await portal(token);
    expect((await eventsOf('portal.viewed')).map((e) => e.at)).toEqual(['2026-11-27T10:00:00.000Z', '2026-11-27T10:30:00.000Z']);
    // A second link is a visit of its own.
    const other = await makeLink();
    await portal(other.token);
    expect(await eventsOf('portal.viewed')).toHaveLength(3);
  });

  it('answers an unknown, expired or revoked link the same 404', async () => {
    const expiring = await makeLink({ days: 1 });
    const revoked = await makeLink();
    expect((await portal(expiring.token)).statusCode).toBe(200);
    expect((await member.request({ method: 'DELETE', url: `${links}/${revoked.link.id}` })).statusCode).toBe(204);
    expect((await member.request({ method: 'DELETE', url: `${links}/${revoked.link.id}` })).statusCode).toBe(204);
    clock.advance(DAY);

    const answers = [
      await portal(expiring.token),
      await portal(revoked.token),
      await portal('A'.repeat(43)),
      await portal('not a token'),
      await portal(undefined),
      await portal(revoked.token, { method: 'POST', url: '/api/portal/approvals/approve-all' }),
      await portal(expiring.token, { method: 'POST', url: '/api/portal/requests/a1/answer', payload: { verdict: 'approved' } }),
    ];
    for (const res of answers) expect(res.json()).toMatchObject({ status: 404, code: 'portal.link_not_found', detail: 'this portal link is unknown, expired or revoked; ask for a new one' });
    const listed = (await member.get(links)).json().links as { id: string; revokedAt: string | null }[];
    expect(listed.find((l) => l.id === revoked.link.id)?.revokedAt).toBe('2026-11-27T10:00:00.000Z');
    expect(await eventsOf('request.answered')).toHaveLength(1); // the one imported
  });

  it('records an answer as request.answered on the portal channel, with the comment, and refuses a second one', async () => {
    const { token } = await makeLink();
    clock.advance(5 * MINUTE);
    const res = await portal(token, { method: 'POST', url: '/api/portal/requests/r1/answer', payload: { comment: '  Looks good, go ahead.  ' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ answered: ['r1'] });
    expect((await eventsOf('request.answered')).at(-1)).toEqual({ at: '2026-11-27T10:05:00.000Z', data: { requestId: 'r1', channel: 'portal', comment: 'Looks good, go ahead.' } });

    const again = await portal(token, { method: 'POST', url: '/api/portal/requests/r1/answer', payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ledger.conflict', detail: '"Content plan" was already answered on 2026-11-27; nothing was changed' });
    expect(await eventsOf('request.answered')).toHaveLength(2);

    const changes = await portal(token, { method: 'POST', url: '/api/portal/requests/a1/answer', payload: { verdict: 'changes', comment: 'Shorter, please' } });
    expect(changes.json()).toEqual({ answered: ['a1'] });
    expect((await eventsOf('request.answered')).at(-1)?.data).toEqual({ requestId: 'a1', channel: 'portal', verdict: 'changes', comment: 'Shorter, please' });
    const after = (await portal(token)).json();
    expect(after.requests).toEqual([]);
    expect(after.approvals.map((r: { requestId: string }) => r.requestId)).toEqual(['a2']);
  });

  it('needs a verdict for an approval and validates the comment', async () => {
    const { token } = await makeLink();
    const none = await portal(token, { method: 'POST', url: '/api/portal/requests/a1/answer', payload: { comment: 'ok' } });
    expect(none.json()).toMatchObject({ status: 400, code: 'input.invalid' });
    const long = await portal(token, { method: 'POST', url: '/api/portal/requests/r1/answer', payload: { comment: 'x'.repeat(4001) } });
    expect(long.json()).toMatchObject({ status: 400, code: 'input.invalid' });
    const bad = await portal(token, { method: 'POST', url: '/api/portal/requests/a1/answer', payload: { verdict: 'maybe' } });
    expect(bad.json()).toMatchObject({ status: 400, code: 'input.invalid' });
    expect(await eventsOf('request.answered')).toHaveLength(1);
  });

  it('reaches nothing of another client or workspace: their requests are not found', async () => {
    const { token } = await makeLink();
    for (const requestId of ['r-c2', 'r-other', 'no-such-request']) {
      const res = await portal(token, { method: 'POST', url: `/api/portal/requests/${requestId}/answer`, payload: { verdict: 'approved' } });
      expect(res.json(), requestId).toMatchObject({ status: 404, code: 'request.not_found', detail: `no request "${requestId}"` });
    }
    expect(await eventsOf('request.answered')).toHaveLength(1);
    expect(await count('select count(*) as n from ledger_event where workspace_id = ? and type = ?', ['other', 'request.answered'])).toBe(0);
  });

  it('approves every open approval in one go, which the client\'s assessment then shows answered', async () => {
    const { token } = await makeLink();
    const res = await portal(token, { method: 'POST', url: '/api/portal/approvals/approve-all' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ answered: ['a1', 'a2'] });
    expect((await eventsOf('request.answered')).slice(1).map((e) => e.data)).toEqual([
      { requestId: 'a1', channel: 'portal', verdict: 'approved' },
      { requestId: 'a2', channel: 'portal', verdict: 'approved' },
    ]);
    expect((await portal(token, { method: 'POST', url: '/api/portal/approvals/approve-all' })).json()).toEqual({ answered: [] });
    expect((await portal(token)).json().approvals).toEqual([]);

    const run = await startAssessment(ctx, 'studio', '2026-11-27' as IsoDate);
    for await (const { history } of run.eachHistory({ clientIds: ['c1'] })) {
      for (const id of ['a1', 'a2']) {
        expect(history.state.get('request', id)).toMatchObject({ status: 'answered', answerChannel: 'portal', verdict: 'approved', answeredAt: '2026-11-27T10:00:00.000Z' });
      }
      expect(history.state.get('request', 'r1')).toMatchObject({ status: 'open' });
      expect(history.anomalies).toEqual([]);
    }
    const detail = (await member.get('/api/workspaces/studio/clients/c1')).json() as { requests: { requestId: string; status: string }[] };
    expect(detail.requests.filter((r) => r.requestId.startsWith('a')).map((r) => r.status)).toEqual(['answered', 'answered']);
  });

  it('answers each request once and records one view when the client clicks twice at once', async () => {
    const { token } = await makeLink();
    const approveAll = () => portal(token, { method: 'POST', url: '/api/portal/approvals/approve-all' });
    const all = await Promise.all([approveAll(), approveAll(), portal(token, { method: 'POST', url: '/api/portal/requests/a1/answer', payload: { verdict: 'changes' } })]);
    // Whoever comes first answers a1; the others find it answered (409, or approve-all leaves it out).
    const claimed = all.filter((r) => r.statusCode === 200).flatMap((r) => r.json().answered as string[]);
    expect(claimed.sort()).toEqual(['a1', 'a2']);
    expect(all.every((r) => r.statusCode === 200 || r.json().code === 'ledger.conflict')).toBe(true);
    const answered = (await eventsOf('request.answered')).slice(1).map((e) => e.data.requestId);
    expect(answered.sort()).toEqual(['a1', 'a2']);
    await Promise.all([portal(token), portal(token), portal(token)]);
    expect(await eventsOf('portal.viewed')).toHaveLength(1);
  });

  it(`answers 429 with Retry-After after ${portalRateLimit.max} portal requests a minute from one address`, async () => {
    const { token } = await makeLink();
    for (let i = 0; i < portalRateLimit.max; i++) expect((await portal(i % 2 ? token : 'wrong', { remoteAddress: '203.0.113.7' })).statusCode).not.toBe(429);
    const limited = await portal(token, { remoteAddress: '203.0.113.7' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ status: 429, code: 'auth.rate_limited', retryAfter: Number(limited.headers['retry-after']) });
    expect((await portal(token, { remoteAddress: '203.0.113.8' })).statusCode).toBe(200);
  });

  it(`limits link making to ${linkCreationLimit.max} a minute per person`, async () => {
    for (let i = 0; i < linkCreationLimit.max; i++) await makeLink();
    const limited = await member.request({ method: 'POST', url: links, payload: {} });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'auth.rate_limited' });
    expect(await count('select count(*) as n from portal_link')).toBe(linkCreationLimit.max);
  });

  it('never writes the token to the log', async () => {
    const lines: string[] = [];
    const logged = await server({ logLevel: 'trace', logStream: { write: (line) => { lines.push(line); } } });
    const staff = await signIn(logged, 'member@studio.example');
    const made = (await staff.request({ method: 'POST', url: links, payload: {} })).json() as { token: string };
    await logged.inject({ url: '/api/portal', headers: { 'x-portal-token': made.token } });
    await logged.inject({ method: 'POST', url: '/api/portal/requests/r1/answer', headers: { 'x-portal-token': made.token }, payload: {} });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(made.token);
  });
});
