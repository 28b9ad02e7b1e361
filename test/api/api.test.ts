import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { demoFile } from '../support/paths.ts';
import { aUser, signIn, type Client } from './helpers.ts';

describe.each(testDatabases())('the HTTP API on $name', ({ open }) => {
  let store: TestStore;
  let app: TypedServer;
  let viewer: Client;
  let demoEvents = 0;

  beforeAll(async () => {
    store = await open();
    const ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
    demoEvents = (await importLedger(ctx, 'demo', [demoFile])).appended;
    await aUser(ctx, 'viewer@nordlys.example', 'demo', 'viewer');
    app = await buildServer({ ctx, workspaceId: 'demo' }, { logLevel: 'silent' });
    viewer = await signIn(app, 'viewer@nordlys.example');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const get = (url: string) => viewer.get(url);

  it('answers /healthz with the database in use', async () => {
    const res = await get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: store.dialect });
  });

  it('lists the demo clients by name with what they owe', async () => {
    const res = await get('/api/workspaces/demo/clients');
    expect(res.statusCode).toBe(200);
    const { clients } = res.json();
    expect(clients.length).toBeGreaterThanOrEqual(8);
    const names = clients.map((c: { name: string }) => c.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'en')));
    const latePayer = clients.find((c: { clientId: string }) => c.clientId === 'harbourfinch');
    expect(latePayer).toMatchObject({ currency: 'GBP', openInvoices: 2, open: [{ amount: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'GBP' }] });
  });

  it('shows one client with contract, invoices and requests, money as decimal strings', async () => {
    const res = await get('/api/workspaces/demo/clients/harbourfinch');
    expect(res.statusCode).toBe(200);
    const client = res.json();
    expect(client.contracts[0]).toMatchObject({ fee: { currency: 'GBP' }, lateInterest: 'statutory' });
    expect(client.invoices.length).toBeGreaterThan(5);
    expect(client.invoices[0].total.amount).toMatch(/^\d+\.\d{2}$/);
    expect(client.invoices.filter((i: { settledOn: string | null }) => i.settledOn === null)).toHaveLength(2);
    expect(Array.isArray(client.requests)).toBe(true);
    expect(client).not.toHaveProperty('workspaceId');
  });

  it('answers an unknown client with a 404 problem document', async () => {
    const res = await get('/api/workspaces/demo/clients/nobody');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, code: 'client.not_found', type: '/problems/client.not_found', instance: '/api/workspaces/demo/clients/nobody' });
  });

  it('answers an unknown route with a 404 problem document', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'route.not_found' });
  });

  it('pages through the whole ledger in seq order', async () => {
    const seen: number[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const res = await get(`/api/workspaces/demo/events?limit=1000&after=${after}`);
      expect(res.statusCode).toBe(200);
      const page: { events: { seq: number }[]; next: number | null } = res.json();
      seen.push(...page.events.map((e) => e.seq));
      after = page.next;
    }
    expect(seen).toEqual(Array.from({ length: demoEvents }, (_, i) => i + 1));
  });

  it('filters events by client and by type', async () => {
    const res = await get('/api/workspaces/demo/events?clientId=harbourfinch&type=invoice.issued,payment.received&limit=500');
    const { events } = res.json();
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e: { type: string }) => e.type))).toEqual(new Set(['invoice.issued', 'payment.received']));
    expect(events.every((e: { data: { clientId: string } }) => e.data.clientId === 'harbourfinch')).toBe(true);
  });

  it.each([
    ['/api/workspaces/demo/events?type=invoice.paid', /type/],
    ['/api/workspaces/demo/events?limit=0', /limit/],
    ['/api/workspaces/demo/events?limit=abc', /limit/],
    ['/api/workspaces/demo/events?after=-1', /after/],
  ])('rejects a bad query %s with a 400 problem naming the parameter', async (url, parameter) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'input.invalid', detail: expect.stringMatching(parameter) });
  });

  it('publishes a valid OpenAPI 3 document describing every route', async () => {
    const res = await get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const document = res.json();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const ws = '/api/workspaces/{workspaceId}';
    const client = `${ws}/clients/{clientId}`;
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/portal', '/api/portal/approvals/approve-all', '/api/portal/requests/{requestId}/answer',
      '/api/session', '/api/setup', '/api/workspaces', ws,
      '/api/invitations/inspect', '/api/invitations/accept', '/api/password-reset', '/api/password-reset/complete',
      `${ws}/members`, `${ws}/members/{userId}`, `${ws}/members/invitations`, `${ws}/members/invitations/{invitationId}`,
      `${ws}/assessment`, `${ws}/clients`, client, `${client}/assessment`, `${client}/insights`,
      `${client}/portal-links`, `${client}/portal-links/{linkId}`, `${client}/reports/{kind}`,
      ...['', '/start', '/handover', '/withdraw-requests', '/termination-letter', '/skip', '/complete'].map((step) => `${client}/offboarding${step}`),
      `${ws}/dashboard`, `${ws}/events`,
      `${ws}/outbox`, `${ws}/outbox/{messageId}`, `${ws}/outbox/{messageId}/approve`, `${ws}/outbox/{messageId}/discard`,
      `${ws}/outbox/{messageId}/mark-sent`, `${ws}/outbox/{messageId}/retry`, `${ws}/outbox/{messageId}/send`,
      `${ws}/settings`, `${ws}/settings/mail/test`, `${ws}/settings/rules`, `${ws}/settings/workspace`,
      `${ws}/sweep`, `${ws}/templates`, `${ws}/templates/{templateId}/{locale}`, `${ws}/templates/{templateId}/{locale}/preview`,
      '/healthz',
    ].sort());
    expect(document.components.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'firmly_session' }),
      portal: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Portal-Token' }),
      csrf: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' }),
    });
    expect(document.paths['/api/portal'].get.security).toEqual([{ portal: [] }]);
    expect(document.paths['/healthz'].get.security).toEqual([]);
    expect(document.paths['/api/workspaces/{workspaceId}/sweep'].post.security).toEqual([{ session: [], csrf: [] }]);
    expect(document.paths['/api/password-reset/complete'].post.security).toEqual([]);
    expect(document.paths['/api/workspaces'].post.description).toContain('owner of at least one workspace');
  });

  it('assesses the workspace as of a day: the late payer flagged with its stop-work notice due', async () => {
    const res = await get('/api/workspaces/demo/assessment?at=2026-11-20');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.at).toBe('2026-11-20');
    const latePayer = body.clients.find((c: { clientId: string }) => c.clientId === 'harbourfinch');
    expect(latePayer).toMatchObject({ stage: 'escalated', archetypes: { latePayer: { flagged: true, evidence: expect.arrayContaining([expect.any(String)]) } } });
    expect(latePayer.actions.map((a: { kind: string }) => a.kind)).toContain('work.pause');
    const one = await get('/api/workspaces/demo/clients/harbourfinch/assessment?at=2026-11-20');
    expect(one.json()).toEqual(latePayer);
  });

  it('refuses an impossible assessment date and an unknown client', async () => {
    expect((await get('/api/workspaces/demo/assessment?at=2026-02-30')).json()).toMatchObject({ status: 400, code: 'input.invalid' });
    expect((await get('/api/workspaces/demo/clients/nobody/assessment?at=2026-11-20')).json()).toMatchObject({ status: 404, code: 'client.not_found' });
  });

  it('sends security headers', async () => {
    const res = await get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
