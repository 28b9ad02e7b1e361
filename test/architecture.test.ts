import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsIn, sourceFiles } from './support/imports.ts';
import { projectRoot } from './support/paths.ts';

// The dependency direction of ARCHITECTURE.md and STYLE.md §2, for non-test sources:
//   server, cli ─► app ─► store, mail, reports ─► core;  nothing imports server, cli or web.
const layer = (path: string) => /^src\/([^/]+)/.exec(path)?.[1] ?? 'external';
const PURE_PACKAGES = ['zod', 'decimal.js', 'temporal-polyfill', 'canonicalize', 'date-holidays', 'mustache'];

const offenders = (dir: string, forbidden: (target: string) => boolean) =>
  importsIn(dir).filter((edge) => forbidden(edge.target)).map((edge) => `${edge.file} → ${edge.specifier}`);

describe('the dependency direction', () => {
  it('finds the imports it checks (the scanner works)', () => {
    expect(importsIn('src/store').some((e) => e.target === 'src/core/ledger/chain.ts')).toBe(true);
  });

  it('core has no I/O and no outward imports', () => {
    expect(offenders('src/core', (t) => t.startsWith('node:') || (t.startsWith('src/') ? layer(t) !== 'core' : !PURE_PACKAGES.includes(t)))).toEqual([]);
  });

  it('core asks no clock, no randomness and no environment', () => {
    const impure = /\bprocess\.|Date\.now\(|new Date\(\)|Math\.random\(|Temporal\.Now\b|\bconsole\./;
    const found = sourceFiles('src/core').filter((file) => impure.test(readFileSync(join(projectRoot, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('the HTTP contract (src/contract) is pure: zod and core only', () => {
    expect(offenders('src/contract', (t) => t.startsWith('node:') || (t.startsWith('src/') ? !['core', 'contract'].includes(layer(t)) : t !== 'zod'))).toEqual([]);
  });

  it('store depends only on core', () => {
    expect(offenders('src/store', (t) => t.startsWith('src/') && !['store', 'core'].includes(layer(t)))).toEqual([]);
  });

  it('app does not reach into the server or the CLI', () => {
    expect(offenders('src/app', (t) => t.startsWith('src/') && ['server', 'cli', 'web', 'config.ts', 'main.ts'].includes(layer(t)))).toEqual([]);
  });

  it('the server and the CLI go through the use cases, never straight to the store', () => {
    expect(offenders('src/server', (t) => t.startsWith('src/') && layer(t) === 'store')).toEqual([]);
    expect(offenders('src/cli', (t) => t.startsWith('src/') && layer(t) === 'store')).toEqual([]);
  });

  it('nothing imports the server, the CLI or the web app except the composition root', () => {
    const all = importsIn('src').filter((e) => e.file !== 'src/main.ts');
    const bad = all.filter((e) => ['server', 'cli', 'web'].includes(layer(e.target)) && layer(e.target) !== layer(e.file));
    expect(bad.map((e) => `${e.file} → ${e.specifier}`)).toEqual([]);
  });

  it('only config.ts and the composition root read the environment', () => {
    const found = sourceFiles('src').filter((file) => !['src/config.ts', 'src/main.ts'].includes(file) && /process\.env\b/.test(readFileSync(join(projectRoot, file), 'utf8')));
    expect(found).toEqual([]);
  });
});
