import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import { verifyWorkspace } from '../../src/app/maintain-ledger.ts';
import { listOutbox } from '../../src/store/outbox-store.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { useTestApp } from '../support/app.ts';
import { projectRoot } from '../support/paths.ts';
import { aClient, aRequest, aWorkspace, jsonl } from '../support/events.ts';

const CLIENTS = 300;
const DAY = '2026-03-20' as IsoDate;
const file = join(mkdtempSync(join(tmpdir(), 'firmly-sweep-crash-')), 'many.jsonl');
writeFileSync(file, jsonl(aWorkspace(), ...Array.from({ length: CLIENTS }, (_, i) => [aClient(`c${i}`), aRequest(`c${i}`, `r${i}`, '2026-03-02')]).flat()));

describe.each(testDatabases())('a sweep killed half-way on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  useTestApp(open, (s, c) => { store = s; ctx = c; });

  it('leaves each action queued exactly once after the next sweep', async () => {
    await importLedger(ctx, 'ws', [file]);
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'firmly.js'), 'sweep', '--workspace', 'ws', '--at', DAY], {
      env: { ...process.env, ...store.env }, stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Wait for the first actions to be committed, then kill the sweep where it stands.
    let queued = 0;
    while (queued === 0 && child.exitCode === null) queued = (await listOutbox(store.db, 'ws')).length;
    child.kill('SIGKILL');
    await exited;
    const afterKill = (await listOutbox(store.db, 'ws')).length;
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(CLIENTS); // it really died half-way

    const second = await runSweep(ctx, 'ws', DAY);
    expect(second.done.length + afterKill).toBe(CLIENTS);
    const keys = (await listOutbox(store.db, 'ws')).map((m) => m.actionKey);
    expect(new Set(keys).size).toBe(CLIENTS);
    expect(keys).toHaveLength(CLIENTS);
    expect(await verifyWorkspace(ctx, 'ws')).toMatchObject({ ok: true });
  });
});
