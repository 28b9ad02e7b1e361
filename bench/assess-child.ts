import { join } from 'node:path';
import { appContext } from '../src/app/context.ts';
import { importLedger } from '../src/app/import-ledger.ts';
import { assessWorkspace } from '../src/app/assess-workspace.ts';
import { runSweep, type SweepReport } from '../src/app/run-sweep.ts';
import type { IsoDate } from '../src/core/dates.ts';
import { openStore, type DatabaseTarget } from '../src/store/database.ts';
import { HeapSampler } from './memory.ts';

// One database, in a process of its own so that its memory figures are its own:
// import the history → full assessment of the last day → first (full) sweep of that day →
// record one new day → incremental sweep of the new day → full dry-run sweep of the same
// day, the baseline. Started by assess-run.ts, which samples this process's RSS per phase.

export interface AssessChildArgs {
  readonly db: 'sqlite' | 'postgres';
  readonly history: string;
  readonly newDay: string;
  readonly lastHistoryDay: IsoDate;
  readonly day: IsoDate;
  readonly tmpDir: string;
  readonly pgUrl: string;
  readonly pgSchema: string;
}

export interface Timed { readonly ms: number; readonly peakHeapUsed: number }
export interface SweepFigures extends Timed { readonly clientsAssessed: number; readonly clientsChanged: number | null; readonly clientsDue: number | null; readonly done: number; readonly planned: number; readonly eventsAppended: number }

export interface AssessChildResult {
  readonly db: 'sqlite' | 'postgres';
  readonly importHistory: Timed & { readonly events: number };
  readonly assess: Timed & { readonly clients: number; readonly flagged: number; readonly actions: number };
  readonly firstSweep: SweepFigures;
  readonly importDay: Timed & { readonly events: number; readonly clients: number };
  readonly incrementalSweep: SweepFigures;
  readonly fullSweepSameDay: SweepFigures;
}

const WORKSPACE = 'bench';
const send = (message: unknown) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
const phase = (name: string) => send({ kind: 'phase', phase: name });

async function measured<T>(name: string, run: () => Promise<T>): Promise<{ value: T; ms: number; peakHeapUsed: number }> {
  await phase(name);
  (globalThis as { gc?: () => void }).gc?.();
  const heap = new HeapSampler(50);
  const started = performance.now();
  const value = await run();
  const ms = performance.now() - started;
  const { peakHeapUsed } = heap.stop();
  await phase('idle');
  return { value, ms, peakHeapUsed };
}

const sweepFigures = (m: { value: SweepReport; ms: number; peakHeapUsed: number }): SweepFigures => ({
  ms: m.ms, peakHeapUsed: m.peakHeapUsed, clientsAssessed: m.value.clientsAssessed, clientsChanged: m.value.clientsChanged ?? null, clientsDue: m.value.clientsDue ?? null, done: m.value.done.length, planned: m.value.planned.length, eventsAppended: m.value.eventsAppended,
});

async function main(args: AssessChildArgs): Promise<AssessChildResult> {
  const target: DatabaseTarget = args.db === 'sqlite'
    ? { kind: 'sqlite', file: join(args.tmpDir, 'assess-bench.sqlite') }
    : { kind: 'postgres', url: args.pgUrl, schema: args.pgSchema };
  const store = await openStore(target);
  try {
    const ctx = appContext(store);
    const history = await measured('import', () => importLedger(ctx, WORKSPACE, [args.history]));
    const assess = await measured('assess', () => assessWorkspace(ctx, WORKSPACE, args.lastHistoryDay));
    const clients = assess.value.clients;
    const flagged = clients.filter((c) => Object.values(c.archetypes).some((d) => d.flagged)).length;
    const actions = clients.reduce((n, c) => n + c.actions.length, 0);
    const firstSweep = await measured('first-sweep', () => runSweep(ctx, WORKSPACE, args.lastHistoryDay));
    const day = await measured('import-day', () => importLedger(ctx, WORKSPACE, [args.newDay]));
    const dayClients = await store.db.selectFrom('ledgerEvent').select('clientId').distinct()
      .where('workspaceId', '=', WORKSPACE).where('seq', '>', history.value.appended + firstSweep.value.eventsAppended).where('clientId', 'is not', null).execute();
    const incremental = await measured('incremental-sweep', () => runSweep(ctx, WORKSPACE, args.day));
    const baseline = await measured('full-sweep', () => runSweep(ctx, WORKSPACE, args.day, { full: true, dryRun: true }));
    if (incremental.value.mode !== 'incremental') throw new Error(`the sweep after the first was ${incremental.value.mode}`);
    return {
      db: args.db,
      importHistory: { ms: history.ms, peakHeapUsed: history.peakHeapUsed, events: history.value.appended },
      assess: { ms: assess.ms, peakHeapUsed: assess.peakHeapUsed, clients: clients.length, flagged, actions },
      firstSweep: sweepFigures(firstSweep),
      importDay: { ms: day.ms, peakHeapUsed: day.peakHeapUsed, events: day.value.appended, clients: dayClients.length },
      incrementalSweep: sweepFigures(incremental),
      fullSweepSameDay: sweepFigures(baseline),
    };
  } finally {
    await store.close();
  }
}

try {
  const result = await main(JSON.parse(process.argv[2] as string) as AssessChildArgs);
  await send({ kind: 'result', result });
  process.exit(0);
} catch (error) {
  await send({ kind: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
}
