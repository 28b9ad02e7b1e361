import { fork } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssessChildArgs, AssessChildResult, SweepFigures } from './assess-child.ts';
import { generateLedger } from './generate-ledger.ts';
import { RssSampler } from './memory.ts';
import { withPg } from './postgres.ts';
import { count, mib, secs, table } from './report.ts';
import type { IsoDate } from '../src/core/dates.ts';

// npm run bench:assess
//   BENCH_CLIENTS=10000        clients in the generated workspace
//   BENCH_EVENTS=2000000       events (~200 a client)
//   BENCH_DB=sqlite|postgres|both
//   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test
//   BENCH_SEED=20260301
//   BENCH_KEEP=1               keep the temp dir
//
// The generated ledger's last day is held back as "one new day": the history is imported
// and assessed and swept as of the day before; then the new day is recorded and swept
// incrementally, and — the baseline, in the same run — swept fully (dry run).

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const clients = Number(env.BENCH_CLIENTS ?? 10_000);
const events = Number(env.BENCH_EVENTS ?? clients * 200);
const which = (env.BENCH_DB ?? 'both').toLowerCase();
const pgUrl = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const seed = Number(env.BENCH_SEED ?? 20_260_301);
const keep = env.BENCH_KEEP === '1';
if (!Number.isSafeInteger(clients) || clients < 1 || !Number.isSafeInteger(events) || events < clients) throw new Error('BENCH_CLIENTS and BENCH_EVENTS must be positive integers, events ≥ clients');
if (!['sqlite', 'postgres', 'both'].includes(which)) throw new Error(`BENCH_DB must be sqlite, postgres or both, not ${env.BENCH_DB}`);
const databases = (which === 'both' ? ['sqlite', 'postgres'] : [which]) as ('sqlite' | 'postgres')[];

interface Measured extends AssessChildResult {
  readonly peakRss: Record<string, number | undefined>;
}

const dayOf = (line: string) => (JSON.parse(line) as { at: string }).at.slice(0, 10);

/** Splits the ledger into the history and its last day, streaming. */
async function splitLastDay(file: string, dir: string): Promise<{ history: string; newDay: string; day: IsoDate; lastHistoryDay: IsoDate; dayEvents: number }> {
  const lines = readFileSync(file, 'utf8').slice(-4096).trimEnd().split('\n');
  const day = dayOf(lines.at(-1) as string) as IsoDate;
  const history = join(dir, 'history.jsonl');
  const newDay = join(dir, 'new-day.jsonl');
  const historyOut = createWriteStream(history);
  const dayOut = createWriteStream(newDay);
  let dayEvents = 0;
  let lastHistoryDay = '';
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line === '') continue;
    const date = dayOf(line);
    const out = date < day ? historyOut : dayOut;
    if (date < day) lastHistoryDay = date;
    else dayEvents += 1;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  historyOut.end();
  dayOut.end();
  await Promise.all([once(historyOut, 'finish'), once(dayOut, 'finish')]);
  return { history, newDay, day, lastHistoryDay: lastHistoryDay as IsoDate, dayEvents };
}

function runChild(args: AssessChildArgs): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'assess-child.ts'), [JSON.stringify(args)], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const rss = new RssSampler(child.pid as number, 50);
    let result: AssessChildResult | undefined;
    let failure: string | undefined;
    child.on('message', (message: { kind: string; phase?: string; result?: AssessChildResult; message?: string }) => {
      if (message.kind === 'phase' && message.phase) rss.phase = message.phase;
      else if (message.kind === 'result') result = message.result;
      else if (message.kind === 'error') failure = message.message;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      rss.stop();
      const phases = ['import', 'assess', 'first-sweep', 'import-day', 'incremental-sweep', 'full-sweep'];
      if (result && code === 0) resolve({ ...result, peakRss: Object.fromEntries(phases.map((p) => [p, rss.peak(p)])) });
      else reject(new Error(`${args.db} benchmark failed (exit ${code}): ${failure ?? 'no result'}`));
    });
  });
}

const sweepRow = (what: string, s: SweepFigures, rss: number | undefined) =>
  [what, secs(s.ms), count(s.clientsAssessed), `${(s.ms / Math.max(1, s.clientsAssessed)).toFixed(2)} ms`, count(s.planned), count(s.done), mib(rss), mib(s.peakHeapUsed)];

function print(results: readonly Measured[]): void {
  for (const r of results) {
    console.log(`\n${r.db}: history ${count(r.importHistory.events)} events imported in ${secs(r.importHistory.ms)}; `
      + `new day ${count(r.importDay.events)} events about ${count(r.importDay.clients)} clients imported in ${secs(r.importDay.ms)}`);
    console.log(table(['step', 'time', 'clients', 'per client', 'actions due', 'carried out', 'peak RSS', 'peak heap'], [
      ['full assess (history)', secs(r.assess.ms), count(r.assess.clients), `${(r.assess.ms / Math.max(1, r.assess.clients)).toFixed(2)} ms`, count(r.assess.actions), '—', mib(r.peakRss.assess), mib(r.assess.peakHeapUsed)],
      sweepRow('first sweep (full)', r.firstSweep, r.peakRss['first-sweep']),
      sweepRow('incremental sweep, new day', r.incrementalSweep, r.peakRss['incremental-sweep']),
      sweepRow('full sweep, new day (dry run)', r.fullSweepSameDay, r.peakRss['full-sweep']),
    ]));
    console.log(`${r.db}: ${count(r.assess.flagged)} clients flagged; incremental sweep ${secs(r.incrementalSweep.ms)} vs full assessment ${secs(r.assess.ms)}: `
      + `${(r.assess.ms / r.incrementalSweep.ms).toFixed(2)}× faster; vs full sweep of the same day ${secs(r.fullSweepSameDay.ms)}: ${(r.fullSweepSameDay.ms / r.incrementalSweep.ms).toFixed(2)}× faster; `
      + `assessed ${count(r.incrementalSweep.clientsAssessed)} of ${count(r.assess.clients)} clients `
      + `(${count(r.incrementalSweep.clientsChanged ?? 0)} with new events, ${count(r.incrementalSweep.clientsDue ?? 0)} with something coming due)`);
  }
}

async function main(): Promise<void> {
  console.log(`Firmly assessment benchmark: ${count(clients)} clients, ${count(events)} events, ${databases.join(' + ')}`);
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memory: totalmem(), node: process.version };
  console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${mib(machine.memory)}, Node ${machine.node}`);
  const tmpDir = mkdtempSync(join(tmpdir(), 'firmly-assess-bench-'));
  const results: Measured[] = [];
  try {
    const ledger = await generateLedger({ file: join(tmpDir, 'ledger.jsonl'), events, seed, clients });
    const split = await splitLastDay(ledger.file, tmpDir);
    console.log(`Ledger: ${count(ledger.events)} events, ${count(ledger.clients)} clients over ${ledger.months} months, ${mib(ledger.bytes)}, generated in ${secs(ledger.ms)}; `
      + `history to ${split.lastHistoryDay}, new day ${split.day} with ${count(split.dayEvents)} events`);
    for (const db of databases) {
      const pgSchema = `firmly_assess_bench_${process.pid}_${Date.now()}`;
      if (db === 'postgres') await withPg(pgUrl, (c) => c.query(`create schema ${pgSchema}`));
      try {
        console.log(`\n${db}: running…`);
        results.push(await runChild({ db, history: split.history, newDay: split.newDay, day: split.day, lastHistoryDay: split.lastHistoryDay, tmpDir, pgUrl, pgSchema }));
      } finally {
        if (db === 'postgres') await withPg(pgUrl, (c) => c.query(`drop schema if exists ${pgSchema} cascade`));
        else rmSync(join(tmpDir, 'assess-bench.sqlite'), { force: true });
      }
    }
    print(results);
    const out = join(here, 'results');
    mkdirSync(out, { recursive: true });
    const { file: _file, ...ledgerFigures } = ledger;
    writeFileSync(join(out, 'assess-latest.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, clients, events, seed, ledger: ledgerFigures, results }, null, 2)}\n`);
    console.log(`\nFigures written to ${join(out, 'assess-latest.json')}`);
  } finally {
    if (keep) console.log(`Kept ${tmpDir}`);
    else rmSync(tmpDir, { recursive: true, force: true });
  }
}

await main();
