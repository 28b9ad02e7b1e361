import { Readable } from 'node:stream';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importLedger } from '../../src/app/import-ledger.ts';
import { addUser } from '../../src/app/users.ts';
import type { RunningServer } from '../../src/server/app.ts';
import { expectAccessible, signInThroughPage } from '../support/browser.ts';
import { openBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import { aClient, anInvoice, aWorkspace, jsonl, raw } from '../support/events.ts';

// #12 items 2–4 in the web app: a client on hold says so on the dashboard and on its page,
// with the reason in the page's language; archived clients are hidden until asked for; the
// contract terms list their amendments. Today is 27 November 2026 (testNow).

const workspaceId = 'ws';
const owner = { email: 'owner@studio.example', password: 'correct horse battery staple' };
const ledger = jsonl(
  aWorkspace({ at: '2026-10-01T08:00:00Z' }),
  raw('client.added', { clientId: 'held', name: 'Held & Co', locale: 'da', jurisdiction: 'DK', currency: 'DKK', contacts: [{ name: 'Kim', email: 'kim@held.example' }] }, { at: '2026-10-01T08:00:00Z' }),
  raw('contract.signed', {
    contractId: 'k-held', clientId: 'held', startDate: '2026-10-01', networks: ['instagram'], fee: { amount: '8000.00', currency: 'DKK', cycle: 'monthly' },
    paymentTerms: { netDays: 14 }, feedbackDays: 3, approval: { mode: 'none' }, stopWorkAfterDays: 30, lateInterest: 'statutory',
  }, { at: '2026-10-01T09:00:00Z' }),
  raw('contract.amended', { contractId: 'k-held', effectiveDate: '2026-11-01', stopWorkAfterDays: 7, reminderFees: true, note: 'Tighter after October' }, { at: '2026-10-20T09:00:00Z' }),
  anInvoice('held', 'i1', '8000.00', '2026-11-01', { at: '2026-10-15T10:00:00Z' }),
  raw('escalation.held', { clientId: 'held', until: '2026-12-15', reason: 'promise', note: 'Pays when the grant arrives' }, { at: '2026-11-20T09:00:00Z' }),
  aClient('gone', { at: '2026-10-01T08:00:00Z' }),
  raw('client.archived', { clientId: 'gone', reason: 'Project finished' }, { at: '2026-11-01T09:00:00Z' }),
);

describe('holds and archived clients in Chromium', { timeout: 90_000 }, () => {
  let app: BrowserApp | undefined;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = app = await openBrowserApp({
      workspaceId,
      prepare: async (ctx) => {
        await importLedger(ctx, workspaceId, [{ name: 'holds.jsonl', open: () => Readable.from([ledger]) }]);
        await addUser(ctx, { ...owner, workspaceId, role: 'owner' });
      },
    }));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  test('the dashboard shows the hold in the page\'s language and hides archived clients behind a toggle', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signInThroughPage(page, server.url, owner);

    const row = (name: string) => page.locator('tr').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect.poll(() => row('Held & Co').textContent()).toContain('On hold until 15 Dec 2026 — promised to pay');
    expect(await page.getByRole('link', { name: 'Client gone', exact: true }).count()).toBe(0);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 archived client hidden');
    // Nothing is due while held: no reminder, no stop-work on the list of today's actions.
    expect(await page.getByText('Nothing is due today').count()).toBe(1);
    await expectAccessible(page, 'the dashboard with a held client');

    await page.getByLabel('Show archived clients').check();
    await expect.poll(() => row('Client gone').textContent()).toContain('Archived');
    await expectAccessible(page, 'the dashboard with archived clients shown');

    await page.getByLabel('Language').selectOption('da');
    await page.getByRole('heading', { level: 1, name: 'Kunder' }).waitFor();
    await expect.poll(() => row('Held & Co').textContent()).toContain('Sat i bero til 15. dec. 2026 — lovet at betale');
    await expect.poll(() => row('Client gone').textContent()).toContain('Arkiveret');
    await context.close();
  });

  test('the client page shows the hold with its note, the archived state, and the contract\'s amendments', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Held & Co', exact: true }).click();
    await page.getByText('On hold until 15 Dec 2026 — promised to pay').waitFor();
    expect(await page.locator('.client-header').getByText('Pays when the grant arrives').count()).toBe(1);

    const terms = page.locator('.card').filter({ hasText: 'Contract k-held' });
    await expect.poll(() => terms.textContent()).toContain('when a payment is 7 days overdue');
    const text = await terms.textContent();
    expect(text).toContain('Reminder fees');
    expect(text).toContain('May be charged');
    expect(text).toMatch(/Amendments.*From 1 Nov 2026:.*Stop work: when a payment is 7 days overdue; Reminder fees: May be charged.*Tighter after October/);
    await expectAccessible(page, 'the page of a held client');

    await page.goto(`${server.url}/clients/gone`);
    await page.getByText('Archived on 1 Nov 2026').waitFor();
    expect(await page.locator('.client-header').getByText('Project finished').count()).toBe(1);
    await expectAccessible(page, 'the page of an archived client');
    await context.close();
  });
});
