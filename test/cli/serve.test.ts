import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUser } from '../../src/app/users.ts';
import type { AppContext } from '../../src/app/context.ts';
import { useTestApp } from '../support/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { projectRoot } from '../support/paths.ts';

// #19 F4: `firmly serve` (and `npm start`, which runs it) prints a one-time setup code while no
// user exists, and only that code lets the first owner be created through the web app.

/** Starts `firmly serve` on a free port, returns what it printed up to "Firmly is running", and stops it. */
function serveOnce(env: Record<string, string>, withServer: (url: string, stdout: string) => Promise<void>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'firmly.js'), 'serve', '--port', '0'], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /Firmly is running at (\S+)/.exec(stdout)?.[1];
      if (url && !started) {
        started = true;
        withServer(url, stdout).then(() => child.kill('SIGTERM'), (error: unknown) => { child.kill('SIGKILL'); reject(error); });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    const signalOf = () => child.signalCode;
    child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`serve exited ${code} (${signalOf()}): ${stderr} ${stdout}`))));
  });
}

const codeIn = (stdout: string) => /enter the setup code (\d{4}-\d{4}-\d{4}-\d{4}) /.exec(stdout)?.[1];

const setUp = (url: string, setupCode: string | undefined) => fetch(`${url}/api/setup`, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'first@studio.example', password: 'correct horse battery staple', setupCode }),
});

describe.each(testDatabases())('firmly serve on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  useTestApp(open, (s, c) => { store = s; ctx = c; });

  it('prints a setup code while no user exists, a fresh one at a restart, and none once the owner exists', { timeout: 120_000 }, async () => {
    const first = await serveOnce(store.env, async (url) => {
      expect((await setUp(url, undefined)).status).toBe(403);
    });
    const firstCode = codeIn(first);
    expect(first).toMatch(/No one can sign in yet: open http:\/\/localhost:\d+ and enter the setup code \d{4}-\d{4}-\d{4}-\d{4} to create the owner/);
    expect(first).toContain('firmly user add EMAIL` (no code needed)');
    expect(first).not.toContain('printed before');

    const second = await serveOnce(store.env, async (url, stdout) => {
      expect(codeIn(stdout)).not.toBe(firstCode);
      expect(stdout).toContain('This start made a new setup code; the one printed before still works until the owner is created.');
      // The code printed by the earlier start, typed as a person reads it off the terminal.
      expect((await setUp(url, firstCode)).status).toBe(201);
    });
    expect(codeIn(second)).toBeDefined();

    const third = await serveOnce(store.env, async () => undefined);
    expect(third).not.toMatch(/setup code|No one can sign in/);
    expect(await store.raw('select code_hash from setup_code')).toEqual([]);
  });

  it('prints no code when the owner was made with `firmly user add`', { timeout: 60_000 }, async () => {
    await addUser(ctx, { email: 'owner@studio.example', password: 'correct horse battery staple', workspaceId: 'default', role: 'owner' });
    const out = await serveOnce(store.env, async () => undefined);
    expect(out).toContain('Firmly is running at');
    expect(out).not.toMatch(/setup code|No one can sign in/);
    expect(await store.raw('select code_hash from setup_code')).toEqual([]);
  });
});
