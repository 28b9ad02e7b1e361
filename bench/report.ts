// Formatting for the console: plain, aligned columns.

export const mib = (bytes: number | undefined) => (bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`);
export const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const perSec = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
export const count = (n: number) => n.toLocaleString('en-US');

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
