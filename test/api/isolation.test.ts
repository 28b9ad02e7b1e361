import { Readable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { jsonl, raw, type RawEvent } from '../support/events.ts';
import { aUser, signIn, type Client } from './helpers.ts';
import { findUser } from '../../src/app/users.ts';
import { createPortalLink } from '../../src/app/portal-links.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import { listOutbox } from '../../src/store/outbox-store.ts';
import type { IsoDate } from '../../src/core/dates.ts';

// The isolation walk (#6): two workspaces with their own users and data; then, for every path
// and method of the OpenAPI document — so a new route is walked without anyone remembering
// to add it — Alice of workspace A asks for Bravo's things. Every answer is 404 (401 without
// a session), never 200, and no answer carries anything of Bravo's.

const alpha = 'alpha';
const bravo = 'bravo';

interface Names { workspace: string; client: string; email: string; invoice: string; subject: string; amount: string }

function ledgerOf(prefix: string, n: Names): RawEvent[] {
  const clientId = `${prefix}-client`;
  return [
    raw('workspace.configured', { name: n.workspace, currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: { amount: '650.00', currency: 'DKK' } }, { id: `${prefix}-1` }),
    raw('client.added', { clientId, name: n.client, locale: 'en', jurisdiction: 'DK', currency: 'DKK', contacts: [{ name: 'Contact', email: n.email }] }, { id: `${prefix}-2` }),
    raw('invoice.issued', { invoiceId: `${prefix}-inv`, clientId, number: n.invoice, issueDate: '2026-03-15', dueDate: '2026-04-01', total: { amount: n.amount, currency: 'DKK' } }, { id: `${prefix}-3` }),
    raw('payment.received', { paymentId: `${prefix}-pay`, clientId, date: '2026-04-20', amount: { amount: '1000.00', currency: 'DKK' }, invoiceIds: [`${prefix}-inv`] }, { id: `${prefix}-4` }),
    raw('request.sent', { requestId: `${prefix}-req`, clientId, kind: 'feedback', subject: n.subject, dueDate: '2026-04-10' }, { id: `${prefix}-5` }),
  ];
}

const bravoNames: Names = { workspace: 'Bravo Secret Agency', client: 'Bravo Confidential Ltd', email: 'cfo@bravo-confidential.example', invoice: 'BRAVO-INV-7781', subject: 'Bravo hidden campaign', amount: '4271.39' };
/** What only Bravo's data contains: never in any answer to Alice. (Ids are left out: a 404 repeats the URL asked for.) */
const bravoSecrets = [...Object.values(bravoNames), '3271.39', 'bob@bravo.example', 'invitee@bravo.example'];

/** Per workspace prefix: ids that exist only once the walk's set-up has made them. */
const made: Record<string, { linkId: string; messageId: string; userId: string; invitationId: string }> = {};

/** For each path parameter, whose value to put in: Bravo's, or Alpha's own (the control). */
const idsOf = (prefix: string, workspaceId: string): Record<string, string> => ({
  ...made[prefix],
  // Firmly's own names, the same in every workspace.
  templateId: 'late.reminder.first',
  locale: 'da',
  kind: 'final',
  workspaceId,
  clientId: `${prefix}-client`,
  invoiceId: `${prefix}-inv`,
  paymentId: `${prefix}-pay`,
  requestId: `${prefix}-req`,
  eventId: `${prefix}-3`,
});

/** Paths outside /api/workspaces/{workspaceId}: about the signed-in user or the installation. Each must be listed here on purpose. */
const accountPaths = ['/api/session', '/api/setup', '/api/workspaces', '/healthz',
  // Opened by the token of a mailed link (in the body), never by a session.
  '/api/invitations/inspect', '/api/invitations/accept', '/api/password-reset', '/api/password-reset/complete'];
/** The client portal: public, opened by a link's token (X-Portal-Token), never by a session. */
const portalPaths = ['/api/portal', '/api/portal/requests/{requestId}/answer', '/api/portal/approvals/approve-all'];
/** Path parameters that are Firmly's own names rather than a workspace's data. */
const sharedNames = new Set(['workspaceId', 'templateId', 'locale', 'kind']);

interface Operation { readonly path: string; readonly method: string; readonly queryNames: readonly string[] }

function operationsOf(document: { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method)).flatMap(([method, op]) => {
      const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const entries: Operation[] = [{ path, method: method.toUpperCase(), queryNames }];
      if (method === 'get') entries.push({ path, method: 'HEAD', queryNames }); // Fastify answers HEAD for every GET
      return entries;
    }));
}

/** The URL of a documented path with each {param} (and each id-like query parameter) filled in; fails on a parameter it cannot fill. */
function urlFor(op: Operation, pathIds: Record<string, string>, queryIds: Record<string, string>): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = pathIds[name];
    if (value === undefined) throw new Error(`${op.path}: the isolation walk does not know which of the other workspace's ids to use for {${name}}; add it to idsOf`);
    return encodeURIComponent(value);
  });
  const query = op.queryNames.filter((name) => queryIds[name] !== undefined && name !== 'workspaceId').map((name) => `${name}=${encodeURIComponent(queryIds[name] as string)}`);
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}

const leaks = (res: LightMyRequestResponse) => bravoSecrets.filter((secret) => res.body.includes(secret));

describe.each(testDatabases())('workspace isolation on $name: every route of the OpenAPI document', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let alice: Client;
  let operations: Operation[];
  const bravoHead = async () => (await store.raw('select seq from ledger_head where workspace_id = ?', [bravo]) as { seq: number }[])[0]?.seq;
  let bravoSeq: number | undefined;

  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
    const load = (workspaceId: string, events: RawEvent[]) => importLedger(ctx, workspaceId, [{ name: `${workspaceId}.jsonl`, open: () => Readable.from([jsonl(...events)]) }]);
    await load(alpha, ledgerOf('alpha', { workspace: 'Alpha Studio', client: 'Alpha Bakery', email: 'hello@alpha-bakery.example', invoice: 'A-1', subject: 'Alpha plan', amount: '1250.00' }));
    await load(bravo, ledgerOf('bravo', bravoNames));
    for (const [prefix, workspaceId] of [['alpha', alpha], ['bravo', bravo]] as const) {
      await runSweep(ctx, workspaceId, '2026-11-27' as IsoDate); // queues the payment reminder the outbox routes are walked with
      const messageId = (await listOutbox(store.db, workspaceId)).find((m) => m.kind === 'payment.reminder')?.actionKey;
      if (!messageId) throw new Error(`the sweep queued no payment reminder in ${workspaceId}`);
      made[prefix] = { linkId: (await createPortalLink(ctx, workspaceId, `${prefix}-client`)).link.id, messageId, userId: '', invitationId: '' };
    }
    await aUser(ctx, 'alice@alpha.example', alpha, 'owner');
    await aUser(ctx, 'bob@bravo.example', bravo, 'owner');
    // Each workspace's owner and an open invitation, for the member routes.
    for (const [prefix, workspaceId, email] of [['alpha', alpha, 'alice@alpha.example'], ['bravo', bravo, 'bob@bravo.example']] as const) {
      const user = await findUser(ctx, email);
      const invitationId = `inv-${prefix}`;
      await store.raw('insert into invitation (id, token_hash, workspace_id, email, role, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)',
        [invitationId, `hash-${prefix}`, workspaceId, `invitee@${prefix}.example`, 'member', '2026-11-27T09:00:00.000Z', '2026-12-04T09:00:00.000Z']);
      made[prefix] = { ...(made[prefix] as { linkId: string; messageId: string }), userId: user?.id ?? '', invitationId };
    }
    app = await buildServer({ ctx, workspaceId: alpha }, { logLevel: 'silent' });
    alice = await signIn(app, 'alice@alpha.example');
    operations = operationsOf((await app.inject({ url: '/api/openapi.json' })).json());
    bravoSeq = await bravoHead();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const scoped = () => operations.filter((op) => op.path.startsWith('/api/workspaces/{workspaceId}'));
  const send = (client: Client | undefined, op: Operation, url: string) => {
    const options = { method: op.method as 'GET', url, ...(['POST', 'PUT', 'PATCH'].includes(op.method) ? { payload: {} } : {}) };
    return client ? client.request(options) : app.inject(options);
  };

  it('finds the routes to walk in the document', () => {
    expect(scoped().length).toBeGreaterThanOrEqual(6);
    expect(operations.map((op) => op.path).filter((p) => !p.startsWith('/api/workspaces/{workspaceId}') && !accountPaths.includes(p) && !portalPaths.includes(p))).toEqual([]);
  });

  it('answers Alice on her own workspace (the walk reaches the routes)', async () => {
    for (const op of scoped()) {
      const res = await send(alice, op, urlFor(op, idsOf('alpha', alpha), idsOf('alpha', alpha)));
      // Reached: past the guards and to a thing that exists. The walk's empty body may be refused (400, 409, 422).
      const where = `${op.method} ${op.path} → ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (op.method === 'GET' || op.method === 'HEAD') expect.soft(res.statusCode, where).toBe(200);
      else expect.soft([200, 201, 204, 400, 409, 422, 501], where).toContain(res.statusCode);
    }
  });

  it('answers Alice 404 for every route of Bravo\'s workspace, exactly as for a workspace that does not exist', async () => {
    for (const op of scoped()) {
      const url = urlFor(op, idsOf('bravo', bravo), idsOf('bravo', bravo));
      const res = await send(alice, op, url);
      const where = `${op.method} ${url}`;
      expect.soft(res.statusCode, where).toBe(404);
      expect.soft(leaks(res), where).toEqual([]);
      if (op.method === 'HEAD') continue;
      expect.soft(res.json(), where).toMatchObject({ code: 'workspace.not_found' });
      const nowhere = await send(alice, op, url.replace(`/workspaces/${bravo}`, '/workspaces/no-such-workspace'));
      expect.soft(res.json(), where).toEqual(JSON.parse(JSON.stringify(nowhere.json()).replaceAll('no-such-workspace', bravo)));
    }
  });

  it('answers 401 to everyone without a session, for Bravo\'s workspace and Alpha\'s alike', async () => {
    for (const op of scoped()) {
      for (const [prefix, workspaceId] of [['bravo', bravo], ['alpha', alpha]] as const) {
        const url = urlFor(op, idsOf(prefix, workspaceId), idsOf(prefix, workspaceId));
        const res = await send(undefined, op, url);
        expect.soft(res.statusCode, `${op.method} ${url}`).toBe(401);
        expect.soft(leaks(res), `${op.method} ${url}`).toEqual([]);
      }
    }
  });

  it('never shows Bravo\'s things through Alpha\'s workspace: Bravo\'s ids in Alpha\'s paths are 404, in queries find nothing', async () => {
    for (const op of scoped()) {
      const url = urlFor(op, { ...idsOf('bravo', bravo), workspaceId: alpha }, idsOf('bravo', bravo));
      const res = await send(alice, op, url);
      const where = `${op.method} ${url}`;
      expect.soft(leaks(res), where).toEqual([]);
      const namesBravoThing = [...op.path.matchAll(/\{(\w+)\}/g)].some(([, name]) => !sharedNames.has(name ?? ''));
      if (namesBravoThing) expect.soft(res.statusCode, where).toBe(404);
      // 409: a refusal about Alpha's own state (DELETE of a workspace that is not a demo), nothing of Bravo's.
      else expect.soft([200, 400, 404, 409], where).toContain(res.statusCode);
    }
  });

  it('keeps the account routes free of Bravo\'s data', async () => {
    // Signing out last: DELETE /api/session ends Alice's session.
    const account = operations.filter((op) => accountPaths.includes(op.path))
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    for (const op of account) {
      const url = urlFor(op, idsOf('bravo', bravo), idsOf('bravo', bravo));
      const res = await send(alice, op, url);
      expect.soft(leaks(res), `${op.method} ${url}`).toEqual([]);
      expect.soft(res.body, `${op.method} ${url}`).not.toContain(bravo);
    }
  });

  it('answers the portal routes 404 to a session without a portal token, with nothing of Bravo\'s', async () => {
    const portal = operations.filter((op) => portalPaths.includes(op.path));
    expect(portal.length).toBe(portalPaths.length + 1); // and HEAD /api/portal
    for (const op of portal) {
      const url = urlFor(op, idsOf('bravo', bravo), idsOf('bravo', bravo));
      const res = await send(alice, op, url);
      expect.soft(res.statusCode, `${op.method} ${url}`).toBe(404);
      expect.soft(leaks(res), `${op.method} ${url}`).toEqual([]);
      if (op.method !== 'HEAD') expect.soft(res.json(), `${op.method} ${url}`).toMatchObject({ code: 'portal.link_not_found' });
    }
  });

  it('leaves Bravo\'s ledger as it was', async () => {
    expect(await bravoHead()).toBe(bravoSeq);
  });
});
