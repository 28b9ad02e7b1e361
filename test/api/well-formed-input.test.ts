import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { verifyLedger } from '../../src/store/ledger-store.ts';
import { sha256Hex } from '../../src/store/hash.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { demoFile } from '../support/paths.ts';
import { signedInRoles, type Client } from './helpers.ts';

// Issue 19, F1 over HTTP: a lone surrogate or a NUL anywhere in a request is a 400 naming the
// field, the same on SQLite and PostgreSQL, and nothing is written. Before, the lone-surrogate
// id was committed and answered 500, and `verify` failed from then on.

const ws = 'demo';
const events = `/api/workspaces/${ws}/events`;
const clientAdded = (over: Record<string, unknown> = {}) =>
  ({ type: 'client.added', data: { clientId: 'newco', name: 'New Co', locale: 'en', contacts: [{ name: 'Ann', email: 'ann@newco.example' }], ...over } });

describe.each(testDatabases())('ill-formed text over HTTP on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let owner: Client;
  let member: Client;

  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
    await importLedger(ctx, ws, [demoFile]);
    app = await buildServer({ ctx, workspaceId: ws }, { logLevel: 'silent' });
    ({ owner, member } = await signedInRoles(app, ctx, ws, ['owner', 'member']));
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const ledger = async () => (await store.raw('select seq, hash from ledger_head where workspace_id = ?', [ws]) as { seq: number | string; hash: string }[])
    .map((r) => `${Number(r.seq)}:${r.hash}`)[0];
  const storedRows = async () => Number((await store.raw('select count(*) as n from ledger_event where workspace_id = ?', [ws]) as { n: number | string }[])[0]?.n);

  /** Sends `payload`, expects a 400 whose detail is `detail`, and checks nothing was written and the chain still verifies. */
  async function refused(client: Client, method: 'POST' | 'PUT', url: string, payload: unknown, detail: string | RegExp) {
    const [head, rows] = [await ledger(), await storedRows()];
    const res = await client.request({ method, url, payload: payload as Record<string, unknown> });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('input.invalid');
    expect(res.json().detail).toMatch(detail);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(await ledger()).toBe(head);
    expect(await storedRows()).toBe(rows);
    expect(await verifyLedger(store.db, ws, sha256Hex)).toMatchObject({ ok: true });
  }

  it('refuses an event whose id holds a lone surrogate, and the ledger stays as it was', async () => {
    await refused(member, 'POST', events, { ...clientAdded(), id: 'x\udc00y' }, 'body.id: contains a lone surrogate (U+DC00) at character 2');
  });

  it('refuses a lone surrogate in the data of an event, naming the field', async () => {
    await refused(member, 'POST', events, clientAdded({ contacts: [{ name: 'Ann\ud800', email: 'ann@newco.example' }] }),
      'body.data.contacts.0.name: contains a lone surrogate (U+D800) at character 4');
  });

  it('refuses a NUL in a name the same way on both databases', async () => {
    await refused(member, 'POST', events, clientAdded({ name: 'New\u0000Co' }), 'body.data.name: contains NUL (U+0000) at character 4');
  });

  it('refuses an ill-formed key', async () => {
    await refused(member, 'POST', events, clientAdded({ ['x\udc00']: 1 }), 'body.data: the key "x\\udc00" contains a lone surrogate (U+DC00) at character 2');
  });

  it.each(['0001-01-02', '0000-06-01', '9999-12-31'])('refuses a request due %s and says the range', async (dueDate) => {
    await refused(member, 'POST', events,
      { type: 'request.sent', data: { requestId: `r-${dueDate}`, clientId: 'bageriet', kind: 'feedback', subject: 'Plan', dueDate } },
      `request.sent: data.dueDate: ${dueDate} is outside the dates Firmly supports (1970-01-01 to 2199-12-31)`);
  });

  it('refuses ill-formed text in bodies that are not events: settings, templates, outbox edits', async () => {
    await refused(owner, 'PUT', `/api/workspaces/${ws}/settings/workspace`,
      { name: 'Studio\u0000', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: { amount: '650.00', currency: 'DKK' } },
      'body.name: contains NUL (U+0000) at character 7');
    await refused(owner, 'PUT', `/api/workspaces/${ws}/templates/late.reminder/en`, { subject: 'Hi\udc00', body: 'Text' },
      'body.subject: contains a lone surrogate (U+DC00) at character 3');
    await refused(member, 'PUT', `/api/workspaces/${ws}/outbox/anything`, { subject: 'Hi', text: 'a\u0000' }, 'body.text: contains NUL (U+0000) at character 2');
  });

  it('refuses a NUL in a query before it reaches the database', async () => {
    const res = await member.get(`/api/workspaces/${ws}/events?clientId=a%00b`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().detail).toBe('query.clientId: contains NUL (U+0000) at character 2');
  });

  it('refuses a sign-in whose email holds a lone surrogate with a 400, not a 500', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'a\udc00@x.example', password: 'whatever' } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().detail).toBe('body.email: contains a lone surrogate (U+DC00) at character 2');
  });

  it('still records text with tabs, line breaks and any script', async () => {
    const res = await member.request({ method: 'POST', url: events, payload: clientAdded({ name: 'Ærø Café 😀\tŁódź' }) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().event.data.name).toBe('Ærø Café 😀\tŁódź');
    expect(await verifyLedger(store.db, ws, sha256Hex)).toMatchObject({ ok: true });
  });
});
