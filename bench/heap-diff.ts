import { readFileSync } from 'node:fs';
import { count, mib, table } from './report.ts';

// npx tsx bench/heap-diff.ts A.heapsnapshot B.heapsnapshot — what grew between two heap
// snapshots (from SOAK_HEAP_SNAPSHOTS=1 npm run bench:soak): objects by constructor (or kind),
// count and self size in each, largest growth first. A leak shows as a constructor whose count
// grows with the traffic; a plateau as the same totals.

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

function summarise(file: string): Map<string, { count: number; size: number }> {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] as number] as string;
    // Objects by constructor; strings, code, arrays and the rest by kind (their names are contents).
    const key = type === 'object' || type === 'closure' ? `${type} ${snap.strings[snap.nodes[i + nameAt] as number]}` : `(${type})`;
    const group = groups.get(key) ?? { count: 0, size: 0 };
    group.count += 1;
    group.size += snap.nodes[i + sizeAt] as number;
    groups.set(key, group);
  }
  return groups;
}

const [first, second] = process.argv.slice(2);
if (!first || !second) throw new Error('usage: tsx bench/heap-diff.ts BEFORE.heapsnapshot AFTER.heapsnapshot');
const a = summarise(first);
const b = summarise(second);
const total = (m: Map<string, { size: number }>) => [...m.values()].reduce((s, g) => s + g.size, 0);
const rows = [...new Set([...a.keys(), ...b.keys()])]
  .map((key) => ({ key, a: a.get(key) ?? { count: 0, size: 0 }, b: b.get(key) ?? { count: 0, size: 0 } }))
  .sort((x, y) => (y.b.size - y.a.size) - (x.b.size - x.a.size))
  .slice(0, 25);
console.log(`${first}: ${mib(total(a))}; ${second}: ${mib(total(b))}`);
console.log(table(['constructor / kind', 'count before', 'count after', 'size before', 'size after', 'growth'], rows.map((r) => [
  r.key.slice(0, 60), count(r.a.count), count(r.b.count), mib(r.a.size), mib(r.b.size), `${((r.b.size - r.a.size) / 1024).toFixed(0)} KiB`,
])));
