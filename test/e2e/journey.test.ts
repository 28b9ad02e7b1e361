import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoStory, loadDemo } from '../../src/app/demo.ts';
import { issueSetupCode } from '../../src/app/setup-code.ts';
import { addUser } from '../../src/app/users.ts';
import { createWorkspace } from '../../src/app/workspace.ts';
import type { RunningServer } from '../../src/server/app.ts';
import { expectAccessible } from '../support/browser.ts';
import { openBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import type { SmtpListener } from '../support/smtp-listener.ts';

// The web app as a person uses it, in a real Chromium against a real server, database and SMTP
// listener, on the demo agency: sign in, see the late payer flagged, review and send its
// reminder, and let a client approve a post through the portal. axe-core checks every page.
// FIRMLY_SCREENSHOTS=DIR keeps a screenshot of each page there (docs/screenshots in the repo).

const workspaceId = 'demo';
const owner = { email: 'owner@agency.example', password: 'correct horse battery staple' };
const latePayer = 'Harbour & Finch Ltd';
const portalClient = { id: 'lykke', name: 'Klinik Lykke ApS', post: 'Solcreme hver dag' };
const screenshots = process.env.FIRMLY_SCREENSHOTS;

describe('the web app in Chromium (demo workspace, SQLite)', { timeout: 90_000 }, () => {
  let app: BrowserApp | undefined;
  let smtp: SmtpListener;
  let server: RunningServer;
  let browser: Browser;
  let staff: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser } = app = await openBrowserApp({
      workspaceId,
      mailFrom: { name: 'Demo Agency', address: 'hello@agency.example' },
      prepare: async (ctx) => {
        await createWorkspace(ctx, workspaceId);
        await loadDemo(ctx, workspaceId, { at: demoStory().end }); // the dates it was written with
        await addUser(ctx, { ...owner, workspaceId, role: 'owner' });
      },
    }));
    smtp = app.smtp!; // mailFrom was given
    staff = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    page = await staff.newPage();
    if (screenshots) mkdirSync(screenshots, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  /** With FIRMLY_SCREENSHOTS: the page as it shows, or `full` the whole page; `phone` at 390 px wide too. */
  const shoot = async (target: Page, name: string, options: { full?: boolean; phone?: boolean } = {}) => {
    if (!screenshots) return;
    await target.screenshot({ path: join(screenshots, `${name}.png`), fullPage: options.full ?? false });
    if (options.phone) {
      const size = target.viewportSize();
      await target.setViewportSize({ width: 390, height: 844 });
      await target.screenshot({ path: join(screenshots, `${name}-phone.png`) });
      if (size) await target.setViewportSize(size);
    }
  };

  test('sign in, and the dashboard shows the late payer flagged', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to Firmly');
    await expectAccessible(page, 'the sign-in page');
    await shoot(page, 'sign-in');
    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    const row = page.locator('tr').filter({ has: page.getByRole('link', { name: latePayer, exact: true }) });
    await expect.poll(() => row.textContent()).toContain('Late payer');
    // Only flagged clients carry the badge: the demo's steady clients do not.
    const steady = page.locator('tr').filter({ has: page.getByRole('link', { name: 'Bageriet Kornblomst', exact: false }) });
    if (await steady.count()) expect(await steady.first().textContent()).not.toContain('Late payer');
    await expectAccessible(page, 'the dashboard');
    await shoot(page, 'dashboard', { full: true, phone: true });
  });

  test('the late payer\'s page explains the flag with evidence', async () => {
    await page.getByRole('link', { name: latePayer, exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: latePayer }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Late payer/);
    await expect.poll(() => page.locator('main').textContent()).toMatch(/days? late/i);
    await expectAccessible(page, 'the client page');
    await shoot(page, 'client');

    await page.getByRole('link', { name: 'Record an event' }).click();
    await page.getByRole('heading', { level: 1, name: 'Record an event' }).waitFor();
    await expectAccessible(page, 'the record page');
    await shoot(page, 'record');
  });

  test('its reminder is reviewed, approved and sent, and reaches the SMTP server', async () => {
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    const sweep = page.getByRole('button', { name: 'Run today\'s sweep' });
    if (await sweep.count()) await sweep.click();
    const review = page.locator('li, tr')
      .filter({ hasText: latePayer }).filter({ hasText: 'Payment reminder' })
      .getByRole('link', { name: 'Review & send' }).first();
    await review.waitFor();
    await review.click();

    await page.getByRole('button', { name: 'Approve' }).waitFor();
    const subject = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
    expect(subject).not.toBe('');
    await expectAccessible(page, 'an outbox message');
    await shoot(page, 'outbox-message');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining([expect.stringContaining('Sent')]));

    const received = await smtp.messages();
    expect(received.map((m) => m.subject)).toContain(subject);
    // To the client's contacts on record, exactly once.
    expect(received.filter((m) => m.subject === subject)).toHaveLength(1);
    expect(received.find((m) => m.subject === subject)?.to).toContain('oliver@harbourandfinch.example');

    await page.getByRole('link', { name: 'Outbox' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    await expectAccessible(page, 'the outbox');
    await shoot(page, 'outbox');

    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expectAccessible(page, 'the settings');
    await shoot(page, 'settings');
  });

  test('the client approves a post through the portal, and the app shows the request answered', async () => {
    await page.goto(`${server.url}/clients/${portalClient.id}`);
    await page.getByRole('heading', { level: 1, name: portalClient.name }).waitFor();
    await page.getByRole('button', { name: 'Create portal link' }).click();
    const shown = page.getByLabel('Portal link', { exact: true });
    await shown.waitFor();
    const url = (await shown.inputValue()).match(/^https?:\/\/[^/]+\/portal#[A-Za-z0-9_-]{43,}$/)?.[0]; // ≥ 256 bits, base64url
    expect(url).toBeDefined();

    const client = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'da-DK' });
    try {
      const portal = await client.newPage();
      await portal.goto(url!);
      await portal.getByRole('heading', { level: 1 }).waitFor();
      await expect.poll(() => portal.locator('main, body').first().textContent()).toContain(portalClient.post);
      await expectAccessible(portal, 'the portal');
      await shoot(portal, 'portal');
      await portal.getByLabel(/Language|Sprog/).selectOption('en');
      const item = portal.locator('li, article, tr, section > div').filter({ hasText: portalClient.post }).last();
      await item.getByRole('button', { name: 'Approve', exact: true }).click();
      await expect.poll(() => portal.getByRole('status').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/thank/i)]));
    } finally {
      await client.close();
    }

    await page.reload();
    await page.getByRole('heading', { level: 1, name: portalClient.name }).waitFor();
    const request = page.locator('tr').filter({ hasText: portalClient.post }).first();
    await expect.poll(() => request.textContent()).toContain('Answered');
  });
});

describe('the first run in Chromium: no user yet', { timeout: 90_000 }, () => {
  let app: BrowserApp | undefined;
  let server: RunningServer;
  let browser: Browser;
  /** What `firmly serve` prints for the person at the machine to type (it calls the same function). */
  let setupCode: string;

  beforeAll(async () => {
    ({ server, browser } = app = await openBrowserApp({
      workspaceId: 'default',
      prepare: async (ctx) => {
        // As `npm start` leaves a new installation (#12): the user's own empty workspace, and the demo in its own.
        await createWorkspace(ctx, 'default');
        await loadDemo(ctx, workspaceId, { at: demoStory().end }); // the dates it was written with
        setupCode = (await issueSetupCode(ctx))!.code;
      },
    }));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  test('the first visitor creates the owner on the welcome screen, chooses the demo and lands in it, in Danish if they choose', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Welcome to Firmly' }).waitFor();
    await expectAccessible(page, 'the first-run screen');
    await page.getByLabel('Language').selectOption('da');
    await page.getByRole('heading', { level: 1, name: 'Velkommen til Firmly' }).waitFor();
    await page.getByLabel('Opsætningskode').fill('1234-5678-9012-3456');
    await page.getByLabel('Din e-mail').fill('first@studio.example');
    await page.getByLabel('Vælg en adgangskode').fill('a long first pass phrase');
    await page.getByRole('button', { name: 'Opret ejeren og log ind' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Det er ikke opsætningskoden');
    await page.getByLabel('Opsætningskode').fill(setupCode);
    await page.getByLabel('Vælg en adgangskode').fill('short');
    await page.getByRole('button', { name: 'Opret ejeren og log ind' }).click();
    // The browser refuses a password under 12 characters before anything is sent.
    expect(await page.getByLabel('Vælg en adgangskode').evaluate((el) => (el as unknown as { validity: { valid: boolean } }).validity.valid)).toBe(false);
    await page.getByLabel('Vælg en adgangskode').fill('a long first pass phrase');
    await page.getByLabel('Udforsk demoen').check();
    await page.getByRole('button', { name: 'Opret ejeren og log ind' }).click();

    await page.getByRole('heading', { level: 1, name: 'Kunder' }).waitFor();
    await page.getByText('Dette er et demo-arbejdsområde').waitFor();
    expect(await page.getByRole('combobox', { name: /^Arbejdsområde/ }).inputValue()).toBe(workspaceId);
    const row = page.locator('tr').filter({ has: page.getByRole('link', { name: latePayer, exact: true }) });
    await expect.poll(() => row.textContent()).toContain('Betaler for sent');
    await expectAccessible(page, 'the dashboard in Danish');

    // The welcome screen is gone for good: a second browser gets the sign-in screen.
    const other = await browser.newPage();
    await other.goto(server.url);
    await other.getByRole('heading', { level: 1, name: 'Sign in to Firmly' }).waitFor();
    await other.close();
    await context.close();
  });
});
