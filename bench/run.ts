import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildArgs, DbResult } from './db-bench.ts';
import { generateLedger } from './generate-ledger.ts';
import { RssSampler } from './memory.ts';
import { withPg } from './postgres.ts';
import { count, mib, perSec, secs, table } from './report.ts';

// npm run bench
//   BENCH_EVENTS=1000000       events in the generated ledger
//   BENCH_DB=sqlite|postgres|both
//   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test
//   BENCH_SEED=20260301        PRNG seed of the ledger
//   BENCH_CLIENTS=2000         default: one per 500 events, at most 2,000
//   BENCH_PROFILE=1            CPU-profile the imports (slower), to bench/results/import-<db>.cpuprofile.json
//   BENCH_KEEP=1               keep the temp dir (ledger file, SQLite file, profiles)

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const events = Number(env.BENCH_EVENTS ?? 1_000_000);
const which = (env.BENCH_DB ?? 'both').toLowerCase();
const pgUrl = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const seed = Number(env.BENCH_SEED ?? 20_260_301);
const clients = env.BENCH_CLIENTS ? Number(env.BENCH_CLIENTS) : undefined;
const profile = env.BENCH_PROFILE === '1';
const keep = env.BENCH_KEEP === '1';

if (!Number.isSafeInteger(events) || events < 1) throw new Error(`BENCH_EVENTS must be a positive integer, not ${env.BENCH_EVENTS}`);
if (!['sqlite', 'postgres', 'both'].includes(which)) throw new Error(`BENCH_DB must be sqlite, postgres or both, not ${env.BENCH_DB}`);
const databases = (which === 'both' ? ['sqlite', 'postgres'] : [which]) as ('sqlite' | 'postgres')[];

interface Measured extends DbResult {
  /** Peak RSS of the database's process during the import, sampled from /proc every 50 ms. */
  readonly importPeakRss: number | undefined;
  readonly baselinePeakRss: number | undefined;
  readonly baselineAllPeakRss: number | undefined;
  readonly wallMs: number;
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memory: totalmem(),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};

function runChild(args: ChildArgs): Promise<Measured> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // fork with tsx as loader, so the pid is the measured node process itself; --expose-gc lets it
    // collect the ledger baseline's garbage before the all-rows baseline.
    const child = fork(join(here, 'db-bench.ts'), [JSON.stringify(args)], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const rss = new RssSampler(child.pid as number, 50);
    let result: DbResult | undefined;
    let failure: string | undefined;
    child.on('message', (message: { kind: string; phase?: string; result?: DbResult; message?: string }) => {
      if (message.kind === 'phase' && message.phase) rss.phase = message.phase;
      else if (message.kind === 'result') result = message.result;
      else if (message.kind === 'error') failure = message.message;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      rss.stop();
      if (result && code === 0) {
        resolve({ ...result, importPeakRss: rss.peak('import'), baselinePeakRss: rss.peak('baseline'), baselineAllPeakRss: rss.peak('baseline-all'), wallMs: performance.now() - started });
      } else reject(new Error(`${args.db} benchmark failed (exit ${code}): ${failure ?? 'no result'}`));
    });
  });
}

function printResults(results: readonly Measured[]): void {
  console.log('');
  console.log(table(
    ['database', 'import', 'events/s', 'raw ledger', 'rows/s', 'import/raw ledger', 'raw all', 'rows', 'rows/s', 'import/raw all',
      'peak RSS', 'peak heap', 'verify', 'verify ev/s'],
    results.map((r) => [
      r.db, secs(r.import.ms), perSec(r.import.eventsPerSec),
      secs(r.raw.insertMs), perSec(r.raw.rowsPerSec), `${r.ratio.toFixed(1)}×`,
      secs(r.rawAll.insertMs), count(r.rawAll.rows), perSec(r.rawAll.rowsPerSec), `${r.ratioAll.toFixed(1)}×`,
      mib(r.importPeakRss), mib(r.import.peakHeapUsed), secs(r.verify.ms), perSec(r.verify.eventsPerSec),
    ]),
  ));
  console.log('');
  for (const r of results) {
    const tables = Object.entries(r.rawAll.tables).map(([name, rows]) => `${name} ${count(rows)}`).join(', ');
    console.log(`${r.db}: open+migrate ${secs(r.openMs)}; raw ledger baseline: read back ${secs(r.raw.readMs)} (not counted), batches of ${r.raw.batchSize}, `
      + `peak RSS ${mib(r.baselinePeakRss)}; raw all-rows baseline: ${count(r.rawAll.rows)} rows in ${Object.keys(r.rawAll.tables).length} tables (${tables}), `
      + `read back ${secs(r.rawAll.readMs)} in chunks of ${count(r.rawAll.chunkRows)} (not counted), batches of ${r.rawAll.batchSize}, peak RSS ${mib(r.baselineAllPeakRss)}; `
      + `RSS high-water mark at end of import ${mib(r.import.vmHwm)}; heap sampled ${r.import.heapSamples}/${r.import.heapSamplesExpected} times; `
      + `${r.storage.what}: ${mib(r.storage.bytes)}; process wall ${secs(r.wallMs)}`);
  }
  for (const r of results) {
    if (!r.profile) continue;
    console.log(`\nWhere ${r.db} import time goes (CPU profile ${r.profile.file}, ${secs(r.profile.totalMs)} sampled; profiling slows the import):`);
    console.log(table(['self time by area', 'ms', '%'], r.profile.byArea.slice(0, 15).map((e) => [e.name, String(e.ms), `${e.pct}`])));
    console.log('');
    console.log(table(['inclusive (sync stack)', 'ms', '%'], r.profile.inclusive.map((e) => [e.name, String(e.ms), `${e.pct}`])));
    console.log('');
    console.log(table(['self time by function', 'ms', '%'], r.profile.topSelf.slice(0, 20).map((e) => [e.name, String(e.ms), `${e.pct}`])));
  }
}

async function main(): Promise<void> {
  console.log(`Firmly import benchmark: ${count(events)} events, ${databases.join(' + ')}`);
  console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${mib(machine.memory)}, Node ${machine.node} (${machine.platform})`);

  const out = join(here, 'results');
  mkdirSync(out, { recursive: true });
  const tmpDir = mkdtempSync(join(tmpdir(), 'firmly-bench-'));
  const results: Measured[] = [];
  try {
    const ledger = await generateLedger({ file: join(tmpDir, 'ledger.jsonl'), events, seed, ...(clients ? { clients } : {}) });
    if (ledger.events !== events) throw new Error(`generated ${ledger.events} events, expected ${events}`);
    console.log(`Ledger: ${count(ledger.events)} events, ${count(ledger.clients)} clients over ${ledger.months} months, `
      + `${mib(ledger.bytes)} (${Math.round(ledger.bytes / ledger.events)} B/event), generated in ${secs(ledger.ms)}: ${ledger.file}`);

    for (const db of databases) {
      const pgSchema = `firmly_bench_${process.pid}_${Date.now()}`;
      const args: ChildArgs = { db, file: ledger.file, events, tmpDir, pgUrl, pgSchema, profileDir: profile ? join(here, 'results') : undefined };
      console.log(`\n${db}: importing…`);
      if (db === 'postgres') await withPg(pgUrl, (c) => c.query(`create schema ${pgSchema}`));
      try {
        const result = await runChild(args);
        results.push(result);
        console.log(`${db}: import ${secs(result.import.ms)} (${perSec(result.import.eventsPerSec)}), raw ledger ${secs(result.raw.insertMs)}, `
          + `raw all rows ${secs(result.rawAll.insertMs)} (${count(result.rawAll.rows)} rows), verify ${secs(result.verify.ms)}`);
      } finally {
        if (db === 'postgres') await withPg(pgUrl, (c) => c.query(`drop schema if exists ${pgSchema} cascade`));
        else rmSync(join(tmpDir, 'bench.sqlite'), { force: true });
      }
    }

    printResults(results);
    const file = join(out, 'latest.json');
    const { file: _ledgerFile, ...ledgerFigures } = ledger;
    writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, events, seed, ledger: ledgerFigures, results }, null, 2)}\n`);
    console.log(`\nFigures written to ${file}`);
  } finally {
    if (keep) console.log(`Kept ${tmpDir}`);
    else rmSync(tmpDir, { recursive: true, force: true });
  }
}

await main();
