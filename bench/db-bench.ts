import { statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { appContext } from '../src/app/context.ts';
import { importLedger } from '../src/app/import-ledger.ts';
import { openStore, type DatabaseTarget } from '../src/store/database.ts';
import { sha256Hex } from '../src/store/hash.ts';
import { verifyLedger } from '../src/store/ledger-store.ts';
import { HeapSampler, procStatusBytes } from './memory.ts';
import { startProfiler, stopProfiler, summarize, type ProfileSummary } from './profile.ts';
import { rawAllPostgres, rawAllSqlite, type RawAllResult } from './raw-all-baseline.ts';
import { rawPostgres, rawSqlite, type RawResult } from './raw-baseline.ts';

// One database, in a process of its own so that its memory figures are its own:
// import → raw baseline (ledger rows) → raw baseline (all rows) → verify. Started by run.ts, which samples this process's RSS
// from outside and is told the phase boundaries over IPC.

export interface ChildArgs {
  readonly db: 'sqlite' | 'postgres';
  readonly file: string;
  readonly events: number;
  readonly tmpDir: string;
  readonly pgUrl: string;
  readonly pgSchema: string;
  readonly profileDir: string | undefined;
}

export interface DbResult {
  readonly db: 'sqlite' | 'postgres';
  readonly openMs: number;
  readonly import: {
    readonly ms: number;
    readonly eventsPerSec: number;
    readonly lines: number;
    readonly appended: number;
    readonly peakHeapUsed: number;
    /** Peak RSS as sampled from inside (the parent's /proc sampling is in run.ts). */
    readonly peakRssInside: number;
    /** Kernel high-water mark of resident memory at the end of the import (process start included). */
    readonly vmHwm: number | undefined;
    readonly heapSamples: number;
    readonly heapSamplesExpected: number;
  };
  /** Baseline 1: the ledger_event rows alone, raw multi-row inserts in one transaction. */
  readonly raw: RawResult & { readonly rowsPerSec: number };
  /** Import time ÷ baseline 1 insert time. */
  readonly ratio: number;
  /** Baseline 2: every row the import wrote (ledger_event and all read-model tables), the same way. */
  readonly rawAll: RawAllResult & { readonly rowsPerSec: number };
  /** Import time ÷ baseline 2 insert time. */
  readonly ratioAll: number;
  readonly verify: { readonly ms: number; readonly eventsPerSec: number; readonly events: number };
  readonly storage: { readonly bytes: number; readonly what: string };
  readonly profile: ProfileSummary | undefined;
}

const WORKSPACE = 'bench';

const send = (message: unknown) => new Promise<void>((resolve) => {
  if (process.send) process.send(message, () => resolve());
  else resolve();
});
const phase = (name: string) => send({ kind: 'phase', phase: name });

async function main(args: ChildArgs): Promise<DbResult> {
  const target: DatabaseTarget = args.db === 'sqlite'
    ? { kind: 'sqlite', file: join(args.tmpDir, 'bench.sqlite') }
    : { kind: 'postgres', url: args.pgUrl, schema: args.pgSchema };

  let started = performance.now();
  const store = await openStore(target);
  const openMs = performance.now() - started;
  try {
    const ctx = appContext(store);

    await phase('import');
    const profiler = args.profileDir ? await startProfiler() : undefined;
    const heap = new HeapSampler(50);
    started = performance.now();
    const report = await importLedger(ctx, WORKSPACE, [args.file]);
    const importMs = performance.now() - started;
    const memory = heap.stop();
    const vmHwm = procStatusBytes('self', 'VmHWM');
    const profileFile = args.profileDir ? join(args.profileDir, `import-${args.db}.cpuprofile.json`) : undefined;
    const profile = profiler && profileFile ? summarize(await stopProfiler(profiler, profileFile), profileFile) : undefined;
    await phase('after-import');
    if (report.rejected.length > 0 || report.appended !== args.events) {
      throw new Error(`import did not take the whole ledger: ${JSON.stringify({ ...report, rejected: report.rejected.slice(0, 5) })}`);
    }

    await phase('baseline');
    const raw = store.sqlite ? rawSqlite(store.sqlite, WORKSPACE) : await rawPostgres(args.pgUrl, args.pgSchema, WORKSPACE);
    if (raw.rows !== args.events) throw new Error(`baseline read ${raw.rows} rows, expected ${args.events}`);

    // The ledger baseline leaves its rows behind as garbage (~1 GB at 1M events) and V8 sizes its
    // next major collection after them; collect now (run.ts starts this process with --expose-gc)
    // so that the all-rows baseline, which reads in chunks, is measured with a heap of its own.
    (globalThis as { gc?: () => void }).gc?.();
    await phase('baseline-all');
    const rawAll = store.sqlite ? rawAllSqlite(store.sqlite, WORKSPACE) : await rawAllPostgres(args.pgUrl, args.pgSchema, WORKSPACE);
    if (rawAll.tables.ledger_event !== args.events || rawAll.rows <= args.events) {
      throw new Error(`all-rows baseline read ${JSON.stringify(rawAll.tables)}, expected ${args.events} ledger events and read-model rows`);
    }

    await phase('verify');
    started = performance.now();
    const verification = await verifyLedger(store.db, WORKSPACE, sha256Hex);
    const verifyMs = performance.now() - started;
    if (!verification.ok || verification.events !== args.events) throw new Error(`verify failed: ${JSON.stringify(verification)}`);

    const storage = args.db === 'sqlite'
      ? { bytes: statSync(join(args.tmpDir, 'bench.sqlite')).size + walSize(join(args.tmpDir, 'bench.sqlite-wal')), what: 'SQLite file + WAL (ledger, read models, both raw copies)' }
      : { bytes: Number((await sql<{ n: string }>`select pg_total_relation_size('ledger_event')::text as n`.execute(store.db)).rows[0]?.n), what: 'ledger_event with its indexes and TOAST' };

    return {
      db: args.db,
      openMs,
      import: {
        ms: importMs, eventsPerSec: args.events / (importMs / 1000), lines: report.lines, appended: report.appended,
        peakHeapUsed: memory.peakHeapUsed, peakRssInside: memory.peakRss, vmHwm,
        heapSamples: memory.samples, heapSamplesExpected: memory.expectedSamples,
      },
      raw: { ...raw, rowsPerSec: raw.rows / (raw.insertMs / 1000) },
      ratio: importMs / raw.insertMs,
      rawAll: { ...rawAll, rowsPerSec: rawAll.rows / (rawAll.insertMs / 1000) },
      ratioAll: importMs / rawAll.insertMs,
      verify: { ms: verifyMs, eventsPerSec: verification.events / (verifyMs / 1000), events: verification.events },
      storage,
      profile,
    };
  } finally {
    await store.close();
  }
}

function walSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
try {
  const result = await main(args);
  await send({ kind: 'result', result });
} catch (error) {
  await send({ kind: 'error', message: (error as Error).stack ?? String(error) });
  process.exitCode = 1;
}
