import { describe, expect, it } from 'vitest';
import { demoStory } from '../../src/app/demo.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import type { AppContext } from '../../src/app/context.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { useTestApp } from '../support/app.ts';
import { runFirmly } from '../support/cli.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aClient, aWorkspace, jsonl } from '../support/events.ts';
import { rowsOf, useWorkspaceFully } from '../support/workspace-rows.ts';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `firmly demo [--at DATE] [--remove]` (#12): the demo in its own workspace "demo", dated
// relative to a day, loaded once, removed whole; the user's own workspace is never touched.

describe.each(testDatabases())('firmly demo on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  useTestApp(open, (s, c) => { store = s; ctx = c; });

  const own = async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'firmly-own-')), 'own.jsonl');
    writeFileSync(file, jsonl(aWorkspace(), aClient('acme')));
    await importLedger(ctx, 'default', [file]);
    return rowsOf(store, 'default');
  };
  const firstDay = async (workspaceId: string) => {
    const [row] = await store.raw(`select min(at) as at from ledger_event where workspace_id = ?`, [workspaceId]) as { at: string }[];
    return row!.at.slice(0, 10);
  };

  it('loads the demo dated to --at into its own workspace, says so, and adds nothing the second time, for any day', async () => {
    const before = await own();
    const first = await runFirmly(store.env, '', 'demo', '--at', '2026-12-08');
    expect(first, first.stderr).toMatchObject({ code: 0 });
    expect(first.stdout).toContain(`Imported ${demoStory().events.length} events`);
    expect(first.stdout).toContain('the workspace "demo", its story moved by 14 days to end on 2026-12-04');
    expect(await firstDay('demo')).toBe('2025-11-17'); // the story's first event, 3 November 2025, two weeks later
    expect(await store.raw('select demo, demo_dated_on from workspace where id = ?', ['demo'])).toEqual([{ demo: 1, demo_dated_on: '2026-12-08' }]);

    for (const again of [['--at', '2026-12-08'], ['--at', '2027-03-01'], []]) {
      const second = await runFirmly(store.env, '', 'demo', ...again);
      expect(second, second.stderr).toMatchObject({ code: 0 });
      expect(second.stdout).toContain('The workspace "demo" already holds the demo (dated to 2026-12-08); nothing was added.');
    }
    expect((await rowsOf(store, 'demo')).ledger_event).toBe(demoStory().events.length);
    expect(await rowsOf(store, 'default')).toEqual(before);
  });

  it('gives the dates the demo was written with for --at 2026-11-20', async () => {
    expect((await runFirmly(store.env, '', 'demo', '--at', demoStory().end)).code).toBe(0);
    expect(await firstDay('demo')).toBe('2025-11-03');
  });

  it('--remove deletes every row of the demo workspace and nothing of the user\'s', async () => {
    const before = await own();
    expect((await runFirmly(store.env, '', 'demo', '--at', demoStory().end)).code).toBe(0);
    await useWorkspaceFully(ctx, store, 'demo', demoStory().end as IsoDate, 'harbourfinch');
    const loaded = await rowsOf(store, 'demo');
    for (const table of ['ledger_event', 'ledger_head', 'client', 'invoice', 'outbox_message', 'sweep_state', 'letter_template', 'portal_link', 'mail_cursor', 'workspace']) {
      expect({ table, rows: loaded[table] ?? 0 }).not.toEqual({ table, rows: 0 });
    }
    const removed = await runFirmly(store.env, '', 'demo', '--remove');
    expect(removed, removed.stderr).toMatchObject({ code: 0, stdout: 'Removed the demo workspace "demo" and everything in it.\n' });
    expect(await rowsOf(store, 'demo')).toEqual({});
    expect(await rowsOf(store, 'default')).toEqual(before);

    const again = await runFirmly(store.env, '', 'demo', '--remove');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no workspace "demo"');
    // And it loads again afterwards, for another day.
    expect((await runFirmly(store.env, '', 'demo', '--at', '2027-03-01')).stdout).toContain('to end on 2027-02-26');
  });

  it('refuses to remove or fill a workspace "demo" that is not the demo', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'firmly-own-')), 'own.jsonl');
    writeFileSync(file, jsonl(aWorkspace(), aClient('acme')));
    await importLedger(ctx, 'demo', [file]);
    const before = await rowsOf(store, 'demo');
    const remove = await runFirmly(store.env, '', 'demo', '--remove');
    expect(remove.code).toBe(1);
    expect(remove.stderr).toContain('workspace "demo" is not a demo');
    const load = await runFirmly(store.env, '', 'demo');
    expect(load.code).toBe(1);
    expect(load.stderr).toContain('already holds a ledger that is not the demo');
    expect(await rowsOf(store, 'demo')).toEqual(before);
  });

  it('refuses a bad --at and --remove with --at as usage errors', async () => {
    expect(await runFirmly(store.env, '', 'demo', '--at', '2026-13-01')).toMatchObject({ code: 2 });
    expect(await runFirmly(store.env, '', 'demo', '--remove', '--at', '2026-11-20')).toMatchObject({ code: 2 });
  });
});
