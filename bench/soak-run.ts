import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLetter } from '../src/app/outbox-review.ts';
import { procStatusBytes } from './memory.ts';
import { withPg } from './postgres.ts';
import { Prng } from './prng.ts';
import { count, mib, table } from './report.ts';
import type { SoakMemory, SoakReady, SoakServerArgs } from './soak-server.ts';

// npm run bench:soak — mixed traffic on loopback against the server of `firmly serve` with the
// 10-client demo, first on SQLite, then on PostgreSQL. This process is the load; the server is
// a child (soak-server.ts) whose memory is read from /proc (RSS) and over IPC (heap).
//   SOAK_SECONDS=600           length of the load per database
//   SOAK_CONNECTIONS=10        concurrent connections, each a signed-in session of its own
//   SOAK_DB=sqlite|postgres|both
//   SOAK_IDLE_SECONDS=30       idle time after the load before the last memory reading
//   SOAK_SEED=19               PRNG seed of the traffic mix
//   SOAK_HEAP_SNAPSHOTS=1      also write heap snapshots (start, middle, end, idle) to a temp folder (printed); each
//                              takes seconds and a full collection, so keep the figures of a run without them
//   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test  (a schema of its own, dropped after)

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const seconds = Number(env.SOAK_SECONDS ?? 600);
const connections = Number(env.SOAK_CONNECTIONS ?? 10);
const idleSeconds = Number(env.SOAK_IDLE_SECONDS ?? 30);
const seed = Number(env.SOAK_SEED ?? 19);
const which = (env.SOAK_DB ?? 'both').toLowerCase();
const pgUrl = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const snapshots = env.SOAK_HEAP_SNAPSHOTS === '1';
for (const [name, value] of [['SOAK_SECONDS', seconds], ['SOAK_CONNECTIONS', connections], ['SOAK_IDLE_SECONDS', idleSeconds], ['SOAK_SEED', seed]] as const) {
  if (!Number.isSafeInteger(value) || value < (name === 'SOAK_IDLE_SECONDS' || name === 'SOAK_SEED' ? 0 : 1)) throw new Error(`${name} must be a whole number, not ${env[name]}`);
}
if (!['sqlite', 'postgres', 'both'].includes(which)) throw new Error(`SOAK_DB must be sqlite, postgres or both, not ${env.SOAK_DB}`);
const databases = (which === 'both' ? ['sqlite', 'postgres'] : [which]) as ('sqlite' | 'postgres')[];

// One user per connection: sign-ins of one email in parallel count against its limit of
// attempts in flight (app/sessions.ts loginLimits.perEmail), as a guessing attack would.
const emailOf = (connection: number) => `soak-${connection}@studio.example`;
const password = `soak-${randomBytes(12).toString('hex')}`;
/** The portal allows 60 requests per address and minute (routes/portal.ts); the load stays under it, as one client's browser would. */
const portalPerMinute = 50;

// ── the server child ────────────────────────────────────────────────────────────────────

interface Server {
  readonly child: ChildProcess;
  readonly ready: SoakReady;
  memory(label?: string): Promise<SoakMemory & { procRss: number | undefined }>;
  stop(): Promise<void>;
}

function startChild(target: SoakServerArgs['target']): Promise<Server> {
  const snapshotDir = snapshots ? mkdtempSync(join(tmpdir(), 'firmly-soak-heap-')) : undefined;
  if (snapshotDir) console.log(`heap snapshots go to ${snapshotDir} (compare two with: npx tsx bench/heap-diff.ts A B)`);
  const args: SoakServerArgs = { target, emails: Array.from({ length: connections }, (_, i) => emailOf(i)), password, ...(snapshotDir ? { snapshotDir } : {}) };
  // tsx as a loader of the node process itself, so the pid whose /proc we read is the server.
  const child = fork(join(here, 'soak-server.ts'), [JSON.stringify(args)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const pending: ((m: SoakMemory) => void)[] = [];
    child.on('message', (message: SoakReady | SoakMemory) => {
      if (message.kind === 'ready') {
        resolve({
          child, ready: message,
          memory: (label) => new Promise((done) => {
            pending.push((m) => done({ ...m, procRss: procStatusBytes(child.pid as number, 'VmRSS') }));
            child.send({ kind: 'memory', label });
          }),
          stop: () => new Promise((done) => {
            child.once('exit', () => done());
            child.send({ kind: 'stop' });
          }),
        });
      } else if (message.kind === 'memory') pending.shift()?.(message);
    });
    child.once('exit', (code) => reject(new Error(`the soak server exited (${code}) before it was ready`)));
  });
}

// ── the load ────────────────────────────────────────────────────────────────────────────

interface Failure { readonly route: string; readonly status: number; readonly body: string }

class Stats {
  readonly latencies = new Map<string, number[]>();
  readonly failures: Failure[] = [];
  errors = 0;

  record(route: string, ms: number): void {
    let list = this.latencies.get(route);
    if (!list) this.latencies.set(route, (list = []));
    list.push(ms);
  }

  fail(failure: Failure): void {
    this.errors += 1;
    if (this.failures.length < 5) this.failures.push({ ...failure, body: failure.body.slice(0, 300) });
  }

  get total(): number {
    let n = 0;
    for (const list of this.latencies.values()) n += list.length;
    return n;
  }
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

interface Session { cookie: string; csrf: string }

/** Shared among the connections: drafts not yet approved, requests the load sent and the portal has not answered. */
interface World {
  readonly ready: SoakReady;
  readonly queued: string[];
  readonly open: { clientId: string; requestId: string }[];
  portalTimes: number[];
}

interface Answer { readonly status: number; readonly headers: Headers; readonly body: string }

async function call(stats: Stats, route: string, url: string, init: RequestInit, ok: readonly number[] = [200, 201]): Promise<Answer | undefined> {
  const started = performance.now();
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (error) {
    stats.fail({ route, status: 0, body: String((error as Error).cause ?? error) });
    return undefined;
  }
  // The body is read in full: a response counts once it has arrived, as a browser would see it.
  const body = await res.text();
  stats.record(route, performance.now() - started);
  if (!ok.includes(res.status)) {
    stats.fail({ route, status: res.status, body });
    return undefined;
  }
  return { status: res.status, headers: res.headers, body };
}

async function signIn(stats: Stats, base: string, email: string): Promise<Session | undefined> {
  const res = await call(stats, 'POST /api/session', `${base}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  if (!res) return undefined;
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = JSON.parse(res.body) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** One connection: a signed-in session that sends one request after the other until `until`. */
async function connection(index: number, world: World, stats: Stats, until: number, signedIn: Session | undefined): Promise<void> {
  const random = new Prng(seed * 1000 + index);
  const pick = <T>(list: readonly T[]): T => list[random.int(0, list.length - 1)] as T;
  const { url: base, workspaceId, clients, portalTokens } = world.ready;
  const ws = `${base}/api/workspaces/${workspaceId}`;
  let session = signedIn;
  let n = 0;
  const get = (route: string, path: string) => call(stats, route, `${ws}${path}`, { headers: { cookie: session?.cookie ?? '' } });
  const send = (route: string, method: string, path: string, body?: unknown) => call(stats, route, `${ws}${path}`, {
    method, headers: { cookie: session?.cookie ?? '', 'x-csrf-token': session?.csrf ?? '', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const portalAllowed = () => {
    const now = Date.now();
    world.portalTimes = world.portalTimes.filter((t) => t > now - 60_000);
    if (world.portalTimes.length >= portalPerMinute) return false;
    world.portalTimes.push(now);
    return true;
  };

  while (Date.now() < until) {
    n += 1;
    const client = pick(clients);
    const roll = random.next() * 100;
    if (roll < 14) await get('GET dashboard', '/dashboard');
    else if (roll < 28) await get('GET client', `/clients/${client}`);
    else if (roll < 38) await get('GET client assessment', `/clients/${client}/assessment`);
    else if (roll < 47) await get('GET client insights', `/clients/${client}/insights`);
    else if (roll < 57) await get('GET client events', `/events?clientId=${client}&limit=100`);
    else if (roll < 59) await get('GET client statement (PDF)', `/clients/${client}/reports/final`);
    else if (roll < 63) await get('GET outbox', '/outbox');
    else if (roll < 72) {
      const kind = random.int(0, 2);
      if (kind === 0) {
        await send('POST events (time.logged)', 'POST', '/events', { type: 'time.logged', data: { clientId: client, date: today(), minutes: random.int(5, 240), kind: pick(['work', 'chasing', 'approvals', 'admin']) } });
      } else if (kind === 1) {
        await send('POST events (incident.noted)', 'POST', '/events', { type: 'incident.noted', data: { clientId: client, severity: pick(['low', 'medium', 'high']), summary: `Soak note ${index}-${n}: called about the brief` } });
      } else {
        const requestId = `soak-${index}-${n}`;
        const res = await send('POST events (request.sent)', 'POST', '/events', { type: 'request.sent', data: { requestId, clientId: client, kind: 'feedback', subject: `Feedback on draft ${n}`, dueDate: inDays(7) } });
        if (res) world.open.push({ clientId: client, requestId });
      }
    } else if (roll < 76) {
      const key = world.queued.pop();
      if (key === undefined) await get('GET outbox', '/outbox');
      else if (random.next() < 0.5) {
        await send('PUT outbox (edit)', 'PUT', `/outbox/${encodeURIComponent(key)}`, { subject: `Påmindelse ${n}`, text: `Hej,\n\nvi mangler stadig svar (${n}).\n` });
        world.queued.unshift(key); // still queued: it may be edited again or approved later
      } else {
        await send('POST outbox approve', 'POST', `/outbox/${encodeURIComponent(key)}/approve`);
      }
    } else if (roll < 84 && portalAllowed()) {
      const answer = random.next() < 0.4 ? world.open.shift() : undefined;
      const token = portalTokens[answer?.clientId ?? client] as string;
      if (answer) {
        await call(stats, 'POST portal answer', `${base}/api/portal/requests/${encodeURIComponent(answer.requestId)}/answer`, {
          method: 'POST', headers: { 'x-portal-token': token, 'content-type': 'application/json' }, body: JSON.stringify({ comment: 'Looks good, go ahead.' }),
        });
      } else {
        await call(stats, 'GET portal', `${base}/api/portal`, { headers: { 'x-portal-token': token } });
      }
    } else if (roll < 85) {
      await call(stats, 'DELETE /api/session', `${base}/api/session`, { method: 'DELETE', headers: { cookie: session?.cookie ?? '', 'x-csrf-token': session?.csrf ?? '' } }, [200, 204]);
      session = await signIn(stats, base, emailOf(index));
    } else {
      await get('GET dashboard', '/dashboard');
    }
  }
}

// ── one database ────────────────────────────────────────────────────────────────────────

interface Reading { readonly label: string; readonly at: number; readonly memory: SoakMemory & { procRss: number | undefined } }

interface SoakResult {
  readonly db: string;
  readonly setupMs: number;
  readonly seconds: number;
  readonly stats: Stats;
  readonly readings: readonly Reading[];
  readonly series: readonly Reading[];
  /** The server's RSS from /proc every second of the load: [seconds since the start, bytes]. */
  readonly rss: readonly (readonly [number, number])[];
}

async function soak(db: 'sqlite' | 'postgres'): Promise<SoakResult> {
  const tmp = mkdtempSync(join(tmpdir(), 'firmly-soak-'));
  const schema = `firmly_soak_${randomBytes(6).toString('hex')}`;
  if (db === 'postgres') await withPg(pgUrl, (c) => c.query(`create schema ${schema}`));
  const target: SoakServerArgs['target'] = db === 'sqlite' ? { kind: 'sqlite', file: join(tmp, 'firmly.db') } : { kind: 'postgres', url: pgUrl, schema };
  let server: Server | undefined;
  try {
    server = await startChild(target);
    const { ready } = server;
    console.log(`\n${db}: server ready in ${(ready.setupMs / 1000).toFixed(1)} s at ${ready.url} (${ready.clients.length} clients); ${connections} connections for ${seconds} s`);
    const outbox = await (async () => {
      const signInStats = new Stats();
      const session = await signIn(signInStats, ready.url, emailOf(0));
      const res = await fetch(`${ready.url}/api/workspaces/${ready.workspaceId}/outbox?status=queued`, { headers: { cookie: session?.cookie ?? '' } });
      // Letters only: a walk-away is a step for the owner, with nothing to edit (app/outbox-review.ts isLetter).
      return ((await res.json()) as { messages: { actionKey: string; template: string }[] }).messages.filter((m) => isLetter(m)).map((m) => m.actionKey);
    })();
    const world: World = { ready, queued: outbox, open: [], portalTimes: [] };
    const stats = new Stats();
    // Signed in one after the other before the clock starts, as people arrive.
    const sessions: (Session | undefined)[] = [];
    for (let i = 0; i < connections; i += 1) sessions.push(await signIn(stats, ready.url, emailOf(i)));
    const readings: Reading[] = [];
    const series: Reading[] = [];
    const started = Date.now();
    const read = async (label: string, into: Reading[], snapshot = false) => {
      const memory = await server!.memory(snapshot ? label : undefined);
      into.push({ label, at: (Date.now() - started) / 1000, memory });
    };
    await read('start', readings, snapshots);
    const until = started + seconds * 1000;
    const step = Math.max(5, Math.round(seconds / 20)) * 1000;
    const sampler = setInterval(() => void read('', series), step);
    const rss: [number, number][] = [];
    const rssSampler = setInterval(() => {
      const bytes = procStatusBytes(server!.child.pid as number, 'VmRSS');
      if (bytes !== undefined) rss.push([(Date.now() - started) / 1000, bytes]);
    }, 1000);
    const middle = setTimeout(() => void read('middle', readings, snapshots), (seconds * 1000) / 2);
    await Promise.all(Array.from({ length: connections }, (_, i) => connection(i, world, stats, until, sessions[i])));
    clearInterval(sampler);
    clearInterval(rssSampler);
    clearTimeout(middle);
    await read('end', readings, snapshots);
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    await read(`idle ${idleSeconds} s`, readings, snapshots);
    return { db, setupMs: ready.setupMs, seconds: (Date.now() - started) / 1000 - idleSeconds, stats, readings, series, rss };
  } finally {
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
    if (db === 'postgres') await withPg(pgUrl, (c) => c.query(`drop schema if exists ${schema} cascade`));
  }
}

function print(result: SoakResult): void {
  const { stats } = result;
  console.log(`\n${result.db}: ${count(stats.total)} requests in ${result.seconds.toFixed(0)} s = ${(stats.total / result.seconds).toFixed(1)} requests/s, ${stats.errors} errors`);
  const rows = [...stats.latencies].sort((a, b) => b[1].length - a[1].length).map(([route, list]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return [route, count(list.length), `${percentile(sorted, 50).toFixed(1)} ms`, `${percentile(sorted, 99).toFixed(1)} ms`, `${(sorted.at(-1) ?? 0).toFixed(0)} ms`];
  });
  console.log(table(['route', 'requests', 'p50', 'p99', 'max'], rows));
  for (const failure of stats.failures) console.log(`  error: ${failure.route} → ${failure.status} ${failure.body}`);
  console.log('\nserver memory');
  console.log(table(['when', 'at', 'RSS (/proc)', 'heap used', 'heap floor', 'heap total', 'external', ...(snapshots ? ['live heap (after snapshot)'] : [])], result.readings.map((r) => [
    r.label, `${r.at.toFixed(0)} s`, mib(r.memory.procRss), mib(r.memory.heapUsed), mib(r.memory.heapFloor), mib(r.memory.heapTotal), mib(r.memory.external),
    ...(snapshots ? [mib(r.memory.liveHeap)] : []),
  ])));
  // One reading lands anywhere on the collector's sawtooth (±60 MiB here); the median of the
  // minute before the middle and before the end says whether the process grew.
  const window = Math.min(60, result.seconds / 4);
  const median = (to: number) => {
    const values = result.rss.filter(([at]) => at > to - window && at <= to).map(([, bytes]) => bytes).sort((x, y) => x - y);
    return values[Math.floor(values.length / 2)];
  };
  const heapFloor = (to: number) => Math.min(...result.series.filter((r) => r.at > to - window && r.at <= to + 1).map((r) => r.memory.heapFloor),
    ...result.readings.filter((r) => r.at > to - window && r.at <= to + 1).map((r) => r.memory.heapFloor));
  const middle = median(result.seconds / 2);
  const end = median(result.seconds);
  if (middle && end) {
    const growth = ((end - middle) / middle) * 100;
    console.log(`median RSS over the ${window.toFixed(0)} s before the middle ${mib(middle)}, before the end ${mib(end)}: ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} % `
      + `(target: at most +10 %: ${growth <= 10 ? 'met' : 'missed'})`);
    console.log(`lowest heap used in those windows (the live set plus the least garbage): middle ${mib(heapFloor(result.seconds / 2))}, end ${mib(heapFloor(result.seconds))}`);
  }
  const rssAll = result.rss.map(([, bytes]) => bytes);
  if (rssAll.length > 0) console.log(`RSS during the load: lowest ${mib(Math.min(...rssAll))}, highest ${mib(Math.max(...rssAll))}`);
  console.log(`over time (RSS / heap floor, MiB): ${result.series.map((r) => `${r.at.toFixed(0)}s ${((r.memory.procRss ?? 0) / 2 ** 20).toFixed(0)}/${(r.memory.heapFloor / 2 ** 20).toFixed(0)}`).join(', ')}`);
}

console.log(`soak: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}`);
let failed = false;
for (const db of databases) {
  const result = await soak(db);
  print(result);
  if (result.stats.errors > 0) failed = true;
}
console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
process.exitCode = failed ? 1 : 0;
