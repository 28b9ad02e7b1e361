// Lighthouse 12 (Debian's Chromium) on the dashboard and a client page of the demo workspace,
// signed in, plus the JavaScript the dashboard loads. `npm run bench:web`.
// Starts its own server on a temporary SQLite database; needs `npm run build:web` first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { appContext } from '../src/app/context.ts';
import { demoStory, loadDemo } from '../src/app/demo.ts';
import { addUser } from '../src/app/users.ts';
import { createWorkspace } from '../src/app/workspace.ts';
import { startServer } from '../src/server/app.ts';
import { openStore } from '../src/store/database.ts';
import { chromiumFlags, chromiumPath } from '../test/support/browser.ts';

const workspaceId = 'demo';
const credentials = { email: 'bench@agency.example', password: 'lighthouse bench password' };
const pages = [
  { name: 'dashboard', path: '/' },
  { name: 'client (harbourfinch)', path: '/clients/harbourfinch' },
];
const presets = (process.env.LIGHTHOUSE_PRESETS ?? 'mobile,desktop').split(',');

const dir = mkdtempSync(join(tmpdir(), 'firmly-lighthouse-'));
const store = await openStore({ kind: 'sqlite', file: join(dir, 'firmly.db') });
const ctx = appContext(store);
let chrome: chromeLauncher.LaunchedChrome | undefined;
const cleanUp = async () => {
  await chrome?.kill();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
};
// An interrupted run must not leave a Chromium behind (STACK.md §6).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

try {
  await createWorkspace(ctx, workspaceId);
  await loadDemo(ctx, workspaceId, { at: demoStory().end }); // the dates it was written with
  await addUser(ctx, { ...credentials, workspaceId, role: 'owner' });
  const server = await startServer({ ctx, workspaceId }, { host: '127.0.0.1', port: 0 }, { logLevel: 'warn' });
  const signIn = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  if (!signIn.ok || !cookie) throw new Error(`sign-in failed: ${signIn.status}`);

  // The API behind the two pages, timed on its own (signed in, 20 requests each after one warm-up).
  console.log('| API route | p50 ms | p95 ms | max ms |\n|---|---|---|---|');
  for (const path of ['/dashboard', '/clients/harbourfinch/insights', '/clients/harbourfinch/assessment', '/clients/harbourfinch']) {
    const url = `${server.url}/api/workspaces/${workspaceId}${path}`;
    await fetch(url, { headers: { cookie } });
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(0);
    console.log(`| GET …${path} | ${at(0.5)} | ${at(0.95)} | ${times[times.length - 1]!.toFixed(0)} |`);
  }
  console.log('');

  console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version} with ${chromiumPath}, server ${server.url}\n`);
  console.log('| page | preset | performance | accessibility | best practices | SEO | LCP ms | TBT ms | CLS | JS transferred (KiB) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const page of pages) {
    for (const preset of presets) {
      // A fresh Chromium per audit, and one more try if it paints nothing (NO_FCP happens on a
      // loaded machine): audits then do not inherit each other's caches or a wedged tab.
      let result: Awaited<ReturnType<typeof lighthouse>>;
      for (let attempt = 1; ; attempt++) {
        chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: ['--headless', ...chromiumFlags] });
        result = await lighthouse(`${server.url}${page.path}`, {
          port: chrome.port, output: 'json', logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
          extraHeaders: { Cookie: cookie },
        }, preset === 'desktop'
          ? { extends: 'lighthouse:default', settings: { formFactor: 'desktop', screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false }, throttlingMethod: 'simulate' } }
          : undefined);
        await chrome.kill();
        chrome = undefined;
        if (!result?.lhr.runtimeError || attempt === 3) break;
      }
      if (!result) throw new Error(`no Lighthouse result for ${page.path}`);
      if (result.lhr.runtimeError) console.log(`|  | runtime error: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message} |||||||||`);
      const { categories, audits } = result.lhr;
      const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
      const items = (audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
      const jsBytes = items.filter((i) => i.resourceType === 'Script').reduce((sum, i) => sum + (i.transferSize ?? 0), 0);
      const failing = Object.values(audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id);
      console.log(`| ${page.name} | ${preset} | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${score('seo')} | `
        + `${Math.round(audits['largest-contentful-paint']?.numericValue ?? 0)} | ${Math.round(audits['total-blocking-time']?.numericValue ?? 0)} | `
        + `${(audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)} | ${(jsBytes / 1024).toFixed(1)} |`);
      if (failing.length) console.log(`|  | failing audits: ${failing.join(', ')} |||||||||`);
    }
  }
  await server.close();
} finally {
  await cleanUp();
}
