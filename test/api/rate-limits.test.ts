import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { loadConfig } from '../../src/config.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { linkCreationLimit } from '../../src/server/routes/portal-links.ts';
import { portalRateLimit } from '../../src/server/routes/portal.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { handClock } from '../support/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aClient, aWorkspace, jsonl } from '../support/events.ts';
import { aUser, clientFor, signIn } from './helpers.ts';

// #19 item 6: the portal's and link making's rate limits live in the database, so two
// instances behind a load balancer share them and a restart does not reset them.


const links = '/api/workspaces/studio/clients/c1/portal-links';

describe.each(testDatabases())('rate limits shared through the database on $name', ({ open }) => {
  let store: TestStore;
  let clock: ReturnType<typeof handClock>;
  const stores: Store[] = [];
  const servers: TypedServer[] = [];

  /** A server of its own over the same database: another instance, or the same one restarted. */
  const instance = async (): Promise<TypedServer> => {
    const own = await openStore(loadConfig(store.env).database, { migrate: false });
    stores.push(own);
    const built = await buildServer({ ctx: appContext(own, clock), workspaceId: 'studio' }, { logLevel: 'silent' });
    servers.push(built);
    return built;
  };
  const portal = (app: TypedServer, remoteAddress = '203.0.113.7') =>
    app.inject({ method: 'GET', url: '/api/portal', headers: { 'x-portal-token': 'not-a-link' }, remoteAddress });
  const counted = async () => Number((await store.raw('select count(*) as n from counted_attempt') as { n: number | string }[])[0]?.n);

  beforeEach(async () => {
    store = await open();
    clock = handClock('2026-11-27T10:00:00Z');
    const ctx: AppContext = appContext(store, clock);
    await importLedger(ctx, 'studio', [{ name: 'studio.jsonl', open: () => Readable.from([jsonl(aWorkspace(), aClient('c1'))]) }]);
    await aUser(ctx, 'member@studio.example', 'studio', 'member');
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    for (const s of stores.splice(0)) await s.close();
    await store.close();
  });

  it(`lets one address make ${portalRateLimit.max} portal requests a minute across two instances, and no more after a restart`, async () => {
    const [a, b] = [await instance(), await instance()];
    for (let i = 0; i < portalRateLimit.max; i++) expect((await portal(i % 2 ? a : b)).statusCode).toBe(404);
    for (const app of [a, b]) {
      const limited = await portal(app);
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBe(60);
      expect(limited.json()).toMatchObject({ status: 429, code: 'auth.rate_limited', retryAfter: 60 });
    }
    expect((await portal(a, '203.0.113.8')).statusCode).toBe(404); // another address has its own count

    // Both instances stop; a new one over the same database still refuses, for the rest of the minute.
    for (const s of servers.splice(0)) await s.close();
    clock.advance(20_000);
    const restarted = await instance();
    const limited = await portal(restarted);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBe(40);

    // A minute after the first request the address may ask again, and the old rows are gone.
    clock.advance(40_000);
    expect((await portal(restarted)).statusCode).toBe(404);
    expect(await counted()).toBe(1);
  });

  it(`lets one person make ${linkCreationLimit.max} links a minute across two instances, and no more after a restart`, async () => {
    const [a, b] = [await instance(), await instance()];
    const onA = await signIn(a, 'member@studio.example');
    const onB = clientFor(b, onA.cookie, onA.csrf); // the session is in the database: either instance knows it
    const make = (client: typeof onA) => client.request({ method: 'POST', url: links, payload: {} });
    for (let i = 0; i < linkCreationLimit.max; i++) expect((await make(i % 2 ? onA : onB)).statusCode).toBe(201);
    for (const client of [onA, onB]) {
      const limited = await make(client);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ status: 429, code: 'auth.rate_limited' });
    }
    for (const s of servers.splice(0)) await s.close();
    const restarted = await instance();
    expect((await make(clientFor(restarted, onA.cookie, onA.csrf))).statusCode).toBe(429);
    expect(Number((await store.raw('select count(*) as n from portal_link') as { n: number | string }[])[0]?.n)).toBe(linkCreationLimit.max);
  });
});
