import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { appContext } from '../src/app/context.ts';
import { loadDemo } from '../src/app/demo.ts';
import { createPortalLink } from '../src/app/portal-links.ts';
import { listClients } from '../src/app/read-clients.ts';
import { runSweep } from '../src/app/run-sweep.ts';
import { addUser } from '../src/app/users.ts';
import { createWorkspace } from '../src/app/workspace.ts';
import { startServer } from '../src/server/app.ts';
import { openStore, type DatabaseTarget } from '../src/store/database.ts';

// The server of `npm run bench:soak`, in a process of its own (forked by soak-run.ts): what
// `firmly serve --with-demo` does (the demo workspace, the HTTP server of main.ts on loopback),
// plus an owner, a portal link per client and one sweep, so the load has drafts to approve
// and links to open. It answers the parent's questions about its memory over IPC: the load
// is measured from outside, without a route of its own in the server.

export interface SoakServerArgs {
  readonly target: DatabaseTarget;
  /** One owner per connection (`soak-0@…`, `soak-1@…`), as several people signed in at once. */
  readonly emails: readonly string[];
  readonly password: string;
  /** Where to write heap snapshots when asked (SOAK_HEAP_SNAPSHOTS=1). */
  readonly snapshotDir?: string;
}

export interface SoakReady {
  readonly kind: 'ready';
  readonly url: string;
  readonly workspaceId: string;
  readonly clients: readonly string[];
  /** Per client, the token of its portal link. */
  readonly portalTokens: Readonly<Record<string, string>>;
  readonly setupMs: number;
}

export interface SoakMemory {
  readonly kind: 'memory';
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /** The lowest heapUsed sampled (every 250 ms) since the previous question: the floor after collections, which grows when something leaks. */
  readonly heapFloor: number;
  readonly heapLimit: number;
  readonly snapshot?: string;
  /** heapUsed right after the snapshot, which collects all garbage first: what is really alive. */
  readonly liveHeap?: number;
}

const args = JSON.parse(process.argv[2] as string) as SoakServerArgs;
const workspaceId = 'demo';
const started = performance.now();

const store = await openStore(args.target);
const ctx = appContext(store);
await createWorkspace(ctx, workspaceId);
const imported = await loadDemo(ctx, workspaceId);
if (imported.kind !== 'loaded' || imported.report.rejected.length > 0) throw new Error(`the demo did not import: ${JSON.stringify(imported)}`);
for (const email of args.emails) await addUser(ctx, { email, password: args.password, workspaceId, role: 'owner' });
const clients = (await listClients(ctx, workspaceId)).map((c) => c.client.clientId as string);
const portalTokens: Record<string, string> = {};
for (const clientId of clients) portalTokens[clientId] = (await createPortalLink(ctx, workspaceId, clientId)).token;
await runSweep(ctx, workspaceId, new Date().toISOString().slice(0, 10) as Parameters<typeof runSweep>[2]);
const server = await startServer({ ctx, workspaceId, mail: {} }, { host: '127.0.0.1', port: 0 }, { logLevel: 'warn' });

let floor = Number.POSITIVE_INFINITY;
const sampler = setInterval(() => { floor = Math.min(floor, process.memoryUsage().heapUsed); }, 250);

process.on('message', (message: { kind: string; label?: string }) => {
  if (message.kind === 'memory') {
    const usage = process.memoryUsage();
    const heapFloor = Math.min(floor, usage.heapUsed);
    floor = Number.POSITIVE_INFINITY;
    const snapshot = args.snapshotDir && message.label ? writeHeapSnapshot(`${args.snapshotDir}/soak-${args.target.kind}-${message.label.replace(/\W+/g, '-')}.heapsnapshot`) : undefined;
    const reply: SoakMemory = {
      kind: 'memory', rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers,
      heapFloor, heapLimit: getHeapStatistics().heap_size_limit, ...(snapshot ? { snapshot, liveHeap: process.memoryUsage().heapUsed } : {}),
    };
    process.send?.(reply);
  } else if (message.kind === 'stop') {
    clearInterval(sampler);
    void server.close().then(() => store.close()).then(() => process.exit(0));
  }
});

// The parent gone (killed, crashed): nobody will ask for a stop.
process.on('disconnect', () => process.exit(0));

const ready: SoakReady = { kind: 'ready', url: server.url, workspaceId, clients, portalTokens, setupMs: performance.now() - started };
process.send?.(ready);
