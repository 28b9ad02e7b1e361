import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { verifyWorkspace } from '../../src/app/maintain-ledger.ts';
import { dumpViews } from '../../src/store/views/view-store.ts';
import { generateLedger } from '../../bench/generate-ledger.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { useTestApp } from '../support/app.ts';
import { projectRoot, scenarioFiles } from '../support/paths.ts';

const tmp = mkdtempSync(join(tmpdir(), 'firmly-crash-'));
const bigFile = join(tmp, 'big.jsonl');
const bigEvents = 40_000;
await generateLedger({ file: bigFile, events: bigEvents, seed: 7 });

/** Starts `firmly import --progress` and kills it with SIGKILL once it has written its first batches. */
function importAndKill(env: Record<string, string>, workspace: string): Promise<{ progressed: boolean; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'firmly.js'), 'import', '--progress', '--workspace', workspace, bigFile], {
      env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let progressed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      if (!progressed && /events appended/.test(chunk.toString())) {
        progressed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ progressed, signal }));
  });
}

describe.each(testDatabases())('an import killed half-way on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  useTestApp(open, (s, c) => { store = s; ctx = c; });

  it('leaves every workspace as it was, with a chain that verifies, and can be run again', async () => {
    await importLedger(ctx, 'big', [scenarioFiles()[0] as string]);
    const before = await dumpViews(store.db, 'big');
    const head = await verifyWorkspace(ctx, 'big');

    const { progressed, signal } = await importAndKill(store.env, 'big');
    expect(progressed).toBe(true);
    expect(signal).toBe('SIGKILL');

    expect(await verifyWorkspace(ctx, 'big')).toEqual(head);
    expect(await dumpViews(store.db, 'big')).toEqual(before);

    expect(await importLedger(ctx, 'fresh', [bigFile])).toMatchObject({ appended: bigEvents, rejected: [] });
    expect(await verifyWorkspace(ctx, 'fresh')).toMatchObject({ ok: true, events: bigEvents });
  });
});
