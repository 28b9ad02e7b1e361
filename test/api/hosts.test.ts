import { request as httpRequest } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/app.ts';
import { testNow } from '../support/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';

// #19 F4: the server answers only for the host names it serves. A DNS-rebinding page reaches
// it from the user's own browser with its own name in Host; it must get nothing, from any route.

interface Answer { status: number; type: string; body: string }

/** A real HTTP request to the listening server with whatever Host (and other headers) a browser could send. */
function get(server: RunningServer, path: string, headers: Record<string, string>): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const routes = ['/', '/clients/acme', '/api/session', '/api/setup', '/healthz', '/api/portal', '/api/openapi.json', '/api/workspaces/default/clients'];

describe.each(testDatabases())('the host names the server answers for, on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  const running: RunningServer[] = [];
  const serve = async (deps: { publicUrl?: string } = {}, options: ServerOptions = {}, host = '127.0.0.1') => {
    const server = await startServer({ ctx, workspaceId: 'default', ...deps }, { host, port: 0 }, { logLevel: 'silent', ...options });
    running.push(server);
    return server;
  };

  beforeEach(async () => {
    store = await open();
    ctx = appContext(store, fixedClock(testNow));
  });
  afterEach(async () => {
    for (const server of running.splice(0)) await server.close();
    await store.close();
  });

  it('refuses every route — web app, API, health, portal — for a host that is not its own, naming it', async () => {
    const server = await serve();
    for (const path of routes) {
      const res = await get(server, path, { host: `attacker.example:${new URL(server.url).port}` });
      expect(res.status, path).toBe(421);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'host.not_allowed', host: `attacker.example:${new URL(server.url).port}`, detail: expect.stringContaining('ALLOWED_HOSTS') });
    }
    // Lookalikes of allowed names are other names.
    for (const host of ['localhost.attacker.example', '127.0.0.1.nip.io', 'evil-localhost', '0.0.0.0', '[::2]', 'localhost:80@evil']) {
      expect((await get(server, '/healthz', { host })).status, host).toBe(421);
    }
  });

  it('answers for the localhost names whatever the port, and for the listen address', async () => {
    const server = await serve();
    const { port } = new URL(server.url);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, '127.1.2.3', 'LOCALHOST', 'localhost.', 'studio.localhost:3000']) {
      expect((await get(server, '/healthz', { host })).status, host).toBe(200);
      expect((await get(server, '/api/session', { host })).status, host).toBe(401);
    }
  });

  it('answers for PUBLIC_URL\'s host and the ALLOWED_HOSTS names, and only those', async () => {
    const config = loadConfig({ PUBLIC_URL: 'https://firmly.studio.example/', ALLOWED_HOSTS: 'Firmly.lan, 192.168.1.20, *.studio.test, [fd00::7]' });
    const server = await serve({ publicUrl: config.publicUrl }, { allowedHosts: config.allowedHosts });
    for (const host of ['firmly.studio.example', 'firmly.lan:8080', '192.168.1.20:8080', 'office.studio.test', '[fd00::7]:8080']) {
      expect((await get(server, '/healthz', { host })).status, host).toBe(200);
    }
    for (const host of ['studio.example', 'studio.test', 'other.firmly.lan', '192.168.1.21']) {
      expect((await get(server, '/healthz', { host })).status, host).toBe(421);
    }
  });

  it('behind a proxy trusted with TRUST_PROXY, judges the forwarded host; otherwise ignores X-Forwarded-Host', async () => {
    const proxied = await serve({ publicUrl: 'https://firmly.studio.example' }, { trustProxy: true });
    expect((await get(proxied, '/healthz', { host: '127.0.0.1', 'x-forwarded-host': 'firmly.studio.example' })).status).toBe(200);
    expect((await get(proxied, '/healthz', { host: 'firmly.studio.example', 'x-forwarded-host': 'attacker.example' })).status).toBe(421);
    const direct = await serve({ publicUrl: 'https://firmly.studio.example' });
    expect((await get(direct, '/healthz', { host: 'localhost', 'x-forwarded-host': 'attacker.example' })).status).toBe(200);
  });

  it('on all interfaces, answers for this machine\'s addresses and name, as someone on the LAN types them', async () => {
    const server = await serve({}, {}, '0.0.0.0');
    const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((i) => i.family === 'IPv4').map((i) => i.address);
    for (const host of [...addresses, hostname()]) expect((await get(server, '/healthz', { host })).status, host).toBe(200);
    expect((await get(server, '/healthz', { host: 'attacker.example' })).status).toBe(421);
  });
});
