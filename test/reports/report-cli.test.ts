import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFirmly } from '../support/cli.ts';
import { testDatabases, type TestDatabase, type TestStore } from '../support/databases.ts';
import { scenarioFiles } from '../support/paths.ts';
import { pdfText } from './pdf-text.ts';

const dir = mkdtempSync(join(tmpdir(), 'firmly-report-cli-'));
// `verify --dossier` must need no database: this one cannot be reached.
const noDatabase = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };

/**
 * The dossier with one byte of one of its files replaced; the ZIP itself is rebuilt intact.
 * With `forgeDigest` the manifest's SHA-256 of the file is updated too, as a forger would,
 * so that only the hash chain can tell.
 */
function withChangedByte(zip: Uint8Array, name: string, position: number, delta: number, forgeDigest = false): Uint8Array {
  const files = unzipSync(zip);
  const bytes = new Uint8Array(files[name] as Uint8Array);
  bytes[position] = ((bytes[position] as number) + delta) % 256;
  const changed = { ...files, [name]: bytes };
  if (forgeDigest) {
    const manifest = JSON.parse(Buffer.from(files['manifest.json'] as Uint8Array).toString('utf8')) as { files: Record<string, string> };
    manifest.files[name] = createHash('sha256').update(bytes).digest('hex');
    changed['manifest.json'] = new Uint8Array(Buffer.from(JSON.stringify(manifest)));
  }
  return zipSync(changed);
}

describe.each(testDatabases())('firmly report on $name', ({ open }: TestDatabase) => {
  let store: TestStore;
  let dossier: Uint8Array;
  // Files of their own per database: `report --out` keeps a file that exists (#19).
  const tag = Math.random().toString(36).slice(2);
  const dossierFile = join(dir, `dossier-${tag}.zip`);
  beforeAll(async () => {
    store = await open();
    expect((await runFirmly(store.env, '', 'import', scenarioFiles()[1] as string)).code).toBe(0);
    const made = await runFirmly(store.env, '', 'report', 'dossier', '--client', 'c2', '--to', '2026-07-22', '--out', dossierFile);
    expect(made).toMatchObject({ code: 0, stdout: expect.stringContaining('Wrote the dossier report for Fenwick ApS (c2)') });
    dossier = new Uint8Array(readFileSync(dossierFile));
  }, 60_000);
  afterAll(() => store.close());

  it('writes each report to the file named, and says what it wrote', async () => {
    for (const kind of ['final', 'waiting', 'approvals']) {
      const out = join(dir, `${kind}-${tag}.pdf`);
      const result = await runFirmly(store.env, '', 'report', kind, '--client', 'c1', '--from', '2026-01-01', '--to', '2026-06-30', '--out', out, '--json');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ kind, clientId: 'c1', from: '2026-01-01', to: '2026-06-30', out });
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    }
    const highlighted = join(dir, `highlighted-${tag}.pdf`);
    await runFirmly(store.env, '', 'report', 'final', '--client', 'c1', '--highlight', 'Ny hjemmeside lanceret', 'Flere følgere på Instagram', '--out', highlighted);
    expect(await pdfText(readFileSync(highlighted))).toMatch(/Højdepunkter[\s\S]*Ny hjemmeside lanceret[\s\S]*Flere følgere på Instagram/);
  });

  it('verifies the dossier offline', async () => {
    const result = await runFirmly(noDatabase, '', 'verify', '--dossier', dossierFile);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Dossier intact: \d+ events of Fenwick ApS \(c2\), chain head at export seq \d+/) });
  });

  it('fails verification when any byte of the events is changed', async () => {
    const events = unzipSync(dossier)['events.jsonl'] as Uint8Array;
    await fc.assert(fc.asyncProperty(fc.nat({ max: events.length - 1 }), fc.integer({ min: 1, max: 255 }), fc.boolean(), async (position, delta, forgeDigest) => {
      const file = join(dir, 'tampered.zip');
      writeFileSync(file, withChangedByte(dossier, 'events.jsonl', position, delta, forgeDigest));
      const result = await runFirmly(noDatabase, '', 'verify', '--dossier', file);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^firmly: dossier broken: /);
    }), { numRuns: 10 });
  });

  it('fails verification when the PDF or a chain link is changed', async () => {
    for (const name of ['dossier.pdf', 'chain.jsonl']) {
      const file = join(dir, `tampered-${name}.zip`);
      writeFileSync(file, withChangedByte(dossier, name, 100, 1));
      expect(await runFirmly(noDatabase, '', 'verify', '--dossier', file)).toMatchObject({ code: 1, stderr: expect.stringContaining(`${name} does not match its SHA-256`) });
    }
  });

  it('exits 2 on a kind it does not know or a bad date, and 1 on an unknown client or a missing dossier', async () => {
    expect((await runFirmly(store.env, '', 'report', 'summary', '--client', 'c1', '--out', join(dir, 'x.pdf'))).code).toBe(2);
    expect((await runFirmly(store.env, '', 'report', 'final', '--client', 'c1', '--to', '2026-13-01', '--out', join(dir, 'x.pdf'))).code).toBe(2);
    expect(await runFirmly(store.env, '', 'report', 'final', '--client', 'nobody', '--out', join(dir, 'x.pdf'))).toMatchObject({ code: 1, stderr: expect.stringContaining('no client "nobody"') });
    expect(await runFirmly(noDatabase, '', 'verify', '--dossier', join(dir, 'missing.zip'))).toMatchObject({ code: 1, stderr: expect.stringContaining('no such file') });
  });
});
