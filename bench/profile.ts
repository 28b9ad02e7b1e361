import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

// CPU profile of one phase (the import), taken with the inspector so that the rest of
// the run (baseline, verify) is not in it, and summarised by where the time goes.

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface ProfileEntry {
  readonly name: string;
  readonly ms: number;
  readonly pct: number;
}

export interface ProfileSummary {
  readonly file: string;
  readonly totalMs: number;
  /** Self time grouped by package or by our source file. */
  readonly byArea: readonly ProfileEntry[];
  /** Self time per function. */
  readonly topSelf: readonly ProfileEntry[];
  /** Time with the function on the (synchronous) stack, for the functions of interest. */
  readonly inclusive: readonly ProfileEntry[];
}

export async function startProfiler(intervalUs = 500): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  return session;
}

export async function stopProfiler(session: Session, file: string): Promise<CpuProfile> {
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  return profile as unknown as CpuProfile;
}

/** Where the file lives, shortened: `zod`, `kysely`, `src/store/ledger-store.ts`, `node:internal/...`. */
function area(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const ours = /\/(src\/.*|bench\/.*)$/.exec(url);
  if (ours) return ours[1] as string;
  if (url.startsWith('node:')) return url.replace(/^node:internal\/(\w+).*/, 'node:$1');
  return url;
}

const label = (frame: CallFrame) => `${frame.functionName || '(anonymous)'} ${area(frame)}:${frame.lineNumber + 1}`;

/** Functions whose inclusive time says which step of an import costs what. */
const INTERESTING = [
  'importLedger', 'parseEventLine', 'parseEvent', 'append', 'withoutDuplicates', 'canonicalJson', 'collectNeeds',
  'loadViews', 'projectEvent', 'sealEvent', 'chainInput', 'flushViews', 'changes', 'toRow', 'fromRow', 'chunksFor',
  'executeQuery', 'compileQuery', 'compile', 'transformQuery', 'parse', 'stringify', 'digest', 'update', 'createHash',
  'all', 'run', 'query', 'openInvoicesOf',
];

export function summarize(profile: CpuProfile, file: string, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; attribute it to the sample it precedes's predecessor,
  // as Chrome DevTools does: sample i lasts until sample i + 1.
  for (let i = 0; i < samples.length; i += 1) {
    const us = deltas[i + 1] ?? 0;
    const id = samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + us);
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const areaUs = new Map<string, number>();
  const fnUs = new Map<string, number>();
  const inclusiveUs = new Map<string, number>();
  const interesting = new Set(INTERESTING);
  for (const [id, us] of selfUs) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    areaUs.set(area(frame), (areaUs.get(area(frame)) ?? 0) + us);
    fnUs.set(label(frame), (fnUs.get(label(frame)) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = (byId.get(cur) as ProfileNode).callFrame;
      if (!interesting.has(f.functionName)) continue;
      const key = `${f.functionName} ${area(f)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusiveUs.set(key, (inclusiveUs.get(key) ?? 0) + us);
    }
  }
  const entries = (map: Map<string, number>, n: number): ProfileEntry[] => [...map]
    .sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: Math.round((us / totalUs) * 1000) / 10 }));
  return {
    file, totalMs: Math.round(totalUs / 1000), byArea: entries(areaUs, top), topSelf: entries(fnUs, top),
    inclusive: entries(inclusiveUs, 40).filter((e) => e.pct >= 0.5),
  };
}
