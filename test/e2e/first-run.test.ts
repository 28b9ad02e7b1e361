import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixedClock } from '../../src/app/clock.ts';
import { loadDemo } from '../../src/app/demo.ts';
import { issueSetupCode } from '../../src/app/setup-code.ts';
import { createWorkspace } from '../../src/app/workspace.ts';
import type { RunningServer } from '../../src/server/app.ts';
import { openBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import { expectAccessible } from '../support/browser.ts';
import type { TestStore } from '../support/databases.ts';
import { rowsOf } from '../support/workspace-rows.ts';

// #12, day one: a new installation as `npm start` leaves it (the user's own empty workspace and
// the demo in its own, dated to today), and the first-run screen's two ways in.

const owner = { email: 'first@studio.example', password: 'a long first pass phrase' };

describe.each(['Start empty', 'Explore the demo'] as const)('the first run in Chromium: %s', { timeout: 90_000 }, (choice) => {
  let app: BrowserApp | undefined;
  let store: TestStore;
  let server: RunningServer;
  let browser: Browser;
  let setupCode: string;

  beforeAll(async () => {
    ({ store, server, browser } = app = await openBrowserApp({
      workspaceId: 'default',
      clock: fixedClock('2026-12-08T09:00:00Z'),
      prepare: async (ctx) => {
        await createWorkspace(ctx, 'default');
        await loadDemo(ctx); // today by the clock, as serve --with-demo does
        setupCode = (await issueSetupCode(ctx))!.code;
      },
    }));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const setUp = async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Welcome to Firmly' }).waitFor();
    await expectAccessible(page, 'the first-run screen with its choice');
    expect(await page.getByLabel('Start empty').isChecked()).toBe(true);
    await page.getByLabel('Setup code').fill(setupCode);
    await page.getByLabel('Your e-mail').fill(owner.email);
    await page.getByLabel('Choose a password').fill(owner.password);
    await page.getByLabel(choice).check();
    await page.getByRole('button', { name: 'Create the owner and sign in' }).click();
    return page;
  };

  test(choice === 'Start empty'
    ? 'lands in the owner\'s own empty workspace, with "Add a client", and the demo is gone'
    : 'lands in the demo, marked as one, and its owner removes it and lands in their own empty workspace', async () => {
    const page = await setUp();
    if (choice === 'Explore the demo') {
      await page.getByText('This is a demo workspace').waitFor();
      const row = page.locator('tr').filter({ has: page.getByRole('link', { name: 'Harbour & Finch Ltd', exact: true }) });
      await expect.poll(() => row.textContent()).toContain('Late payer');
      expect(await page.getByRole('combobox', { name: /^Workspace/ }).inputValue()).toBe('demo');
      await expectAccessible(page, 'the demo dashboard with its banner');
      // The banner is on every page of the demo, not only the dashboard.
      await page.getByRole('link', { name: 'Outbox' }).click();
      await page.getByText('This is a demo workspace').waitFor();
      await page.getByRole('button', { name: 'Remove the demo' }).click();
      await page.getByText('Remove the demo workspace with everything in it?').waitFor();
      await expectAccessible(page, 'the demo banner asking to confirm');
      await page.getByRole('button', { name: 'Yes, remove the demo' }).click();
    }
    await page.getByRole('heading', { name: 'No clients yet' }).waitFor();
    expect(await page.getByText('This workspace has no clients yet.').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Add a client' }).getAttribute('href')).toBe('/clients/new');
    expect(await page.getByText('firmly import clients.jsonl').count()).toBe(1);
    expect(await page.getByText('This is a demo workspace').count()).toBe(0);
    await expectAccessible(page, 'the empty dashboard');
    expect(await rowsOf(store, 'demo')).toEqual({});
    expect((await rowsOf(store, 'default')).membership).toBe(1);
  });
});
