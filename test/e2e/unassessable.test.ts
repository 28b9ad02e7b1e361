import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoStory, loadDemo } from '../../src/app/demo.ts';
import { addUser } from '../../src/app/users.ts';
import { createWorkspace } from '../../src/app/workspace.ts';
import type { LedgerEvent } from '../../src/core/ledger/events.ts';
import type { RunningServer } from '../../src/server/app.ts';
import { appendEvents } from '../../src/store/ledger-store.ts';
import { sha256Hex } from '../../src/store/hash.ts';
import { testNow } from '../support/app.ts';
import { expectAccessible, signInThroughPage } from '../support/browser.ts';
import { openBrowserApp, type BrowserApp } from '../support/browser-app.ts';

// Issue 19, F2 in the web app: a client that cannot be assessed (here a request due in year 1,
// appended as earlier versions accepted it) is a row of the dashboard marked so, with the
// reason, in English and in Danish, and every other client shows as usual.

const workspaceId = 'demo';
const owner = { email: 'owner@agency.example', password: 'correct horse battery staple' };

describe('a client that cannot be assessed, on the dashboard in Chromium', { timeout: 90_000 }, () => {
  let app: BrowserApp | undefined;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = app = await openBrowserApp({
      workspaceId,
      prepare: async (ctx, store) => {
        await createWorkspace(ctx, workspaceId);
        await loadDemo(ctx, workspaceId, { at: demoStory().end }); // the dates it was written with
        await appendEvents(store.db, { workspaceId, dialect: store.dialect, sha256: sha256Hex, now: () => testNow as never }, [{
          id: 'evt_year_one', type: 'request.sent', at: '2026-11-20T09:00:00.000Z',
          data: { requestId: 'req_year_one', clientId: 'bageriet', kind: 'feedback', subject: 'Plan', dueDate: '0001-01-02' },
        } as unknown as LedgerEvent]);
        await addUser(ctx, { ...owner, workspaceId, role: 'owner' });
      },
    }));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  test('shows the client marked "cannot be assessed" with the reason, and the others as usual, in both languages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signInThroughPage(page, server.url, owner);

    const row = (name: string) => page.locator('tr').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect.poll(() => row('Bageriet Sønderborg ApS').textContent())
      .toMatch(/^Bageriet Sønderborg ApSCannot be assessed: .*public holidays before the year 100 are not supported/);
    await expect.poll(() => row('Harbour & Finch Ltd').textContent()).toContain('Late payer');
    await expectAccessible(page, 'the dashboard with a client that cannot be assessed');

    await page.getByLabel('Language').selectOption('da');
    await page.getByRole('heading', { level: 1, name: 'Kunder' }).waitFor();
    await expect.poll(() => row('Bageriet Sønderborg ApS').textContent()).toMatch(/^Bageriet Sønderborg ApSKan ikke vurderes: /);
    await expect.poll(() => row('Harbour & Finch Ltd').textContent()).toContain('Betaler for sent');
    await context.close();
  });
});
