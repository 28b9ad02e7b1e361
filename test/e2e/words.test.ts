import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDemo } from '../../src/app/demo.ts';
import { queueTerminationLetter, startOffboarding } from '../../src/app/offboarding.ts';
import { listOutboxMessages } from '../../src/app/outbox-review.ts';
import { createPortalLink } from '../../src/app/portal-links.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import { addUser } from '../../src/app/users.ts';
import { createWorkspace } from '../../src/app/workspace.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import type { RunningServer } from '../../src/server/app.ts';
import { testNow } from '../support/app.ts';
import { openBrowserApp, type BrowserApp } from '../support/browser-app.ts';

// Issue 12, item 7: every word a person reads is in their language. Each page of the demo, in
// English and in Danish, must show no ISO date, no raw amount ("2900.00 GBP") and no internal
// key ("action.offboarding.termination"): the server sends machine values and keys, the page
// formats and translates them. The letter preview is left out: it is the letter exactly as
// the client gets it, formatted by the server in the client's language.

const workspaceId = 'demo';
const owner = { email: 'owner@agency.example', password: 'correct horse battery staple' };

/** 2026-11-20, not inside a longer run of digits (an id such as inv-20261120 is no date). */
const isoDate = /(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/g;
/** 2900.00 GBP: a decimal string with a currency code after it. */
const rawMoney = /\d+\.\d{2} [A-Z]{3}\b/g;
/** action.offboarding.termination, client.offboarding.step.final-invoice: lower-case words joined by at least two dots. */
const internalKey = /\b[a-z]+(?:\.[a-z][a-zA-Z-]+){2,}\b/g;

/**
 * What may legitimately look like a key: e-mail addresses, web addresses and host names
 * (smtp.agency.example, cdn.studio.example). Removed before the patterns look.
 */
function withoutAddresses(text: string): string {
  return text
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/[\w.+-]+@[\w.-]+/g, ' ')
    .replace(/\b[\w-]+(?:\.[\w-]+)+\.(?:example|test|invalid|localhost|com|org|net|dk|de|uk|nl|io)\b/g, ' ');
}

/** Each hit with a few words around it, so the failure says where to look. */
function findings(text: string): string[] {
  const clean = withoutAddresses(text);
  const out: string[] = [];
  for (const [name, pattern] of [['ISO date', isoDate], ['raw amount', rawMoney], ['internal key', internalKey]] as const) {
    for (const m of clean.matchAll(pattern)) {
      out.push(`${name} "${m[0]}" in "…${clean.slice(Math.max(0, m.index - 50), m.index + m[0].length + 30).replace(/\s+/g, ' ')}…"`);
    }
  }
  return out;
}

/** What the checklist of Harbour & Finch (owing £2,900 overdue, started today) says in each language. */
const checklistWords = {
  en: ['Started on 27 Nov 2026: Lack of timely payment (three reminders unanswered).', 'The client owes £2,900.00 overdue', 'on or after 27 Nov 2026', 'The termination letter is in the outbox (Waiting for review)'],
  da: ['Startet 27. nov. 2026: Manglende rettidig betaling (three reminders unanswered).', 'Kunden skylder 2.900,00 £', 'den 27. nov. 2026 eller senere', 'Opsigelsesbrevet ligger i udbakken (Afventer gennemsyn)'],
} as const;

describe('words on every page are the reader\'s language (demo, SQLite, Chromium)', { timeout: 300_000 }, () => {
  let app: BrowserApp | undefined;
  let server: RunningServer;
  let browser: Browser;
  let clientIds: string[];
  let messageIds: string[];
  const portalTokens: string[] = [];

  beforeAll(async () => {
    ({ server, browser } = app = await openBrowserApp({
      workspaceId,
      prepare: async (ctx, store) => {
        await createWorkspace(ctx, workspaceId);
        await loadDemo(ctx, workspaceId);
        await addUser(ctx, { ...owner, workspaceId, role: 'owner' });
        // Drafts in the outbox, and a client being let go who owes money overdue, so the
        // offboarding checklist has amounts, dates and a letter in the outbox to speak of.
        await runSweep(ctx, workspaceId, testNow.slice(0, 10) as IsoDate);
        await startOffboarding(ctx, workspaceId, 'harbourfinch', { reason: 'payment', note: 'three reminders unanswered' });
        await queueTerminationLetter(ctx, workspaceId, 'harbourfinch');
        const rows = await store.raw('select client_id from client where workspace_id = ? order by client_id', [workspaceId]) as { client_id: string }[];
        clientIds = rows.map((r) => r.client_id);
        messageIds = (await listOutboxMessages(ctx, workspaceId)).map((m) => m.actionKey);
        for (const clientId of ['harbourfinch', 'lykke']) portalTokens.push((await createPortalLink(ctx, workspaceId, clientId)).token);
      },
    }));
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  /** The page's visible text (screen-reader-only text included), without the letter as the client gets it. */
  const visibleText = (page: Page) => page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { body: { innerText: string }; querySelectorAll(s: string): Iterable<{ style: { display: string } }> } }).document;
    const letters = [...doc.querySelectorAll('[data-letter-preview]')];
    for (const el of letters) el.style.display = 'none';
    const text = doc.body.innerText;
    for (const el of letters) el.style.display = '';
    return text;
  });

  /** Waits until the page has loaded what it shows: no "Loading…" left. */
  const settled = async (page: Page) => {
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expect.poll(() => page.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
  };

  for (const [locale, browserLocale] of [['en', 'en-GB'], ['da', 'da-DK']] as const) {
    test(`no ISO date, raw amount or internal key on any page in ${locale === 'en' ? 'English' : 'Danish'}`, async () => {
      const context = await browser.newContext({ locale: browserLocale, viewport: { width: 1280, height: 900 } });
      await context.addInitScript((l) => {
        const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage;
        storage.setItem('firmly.locale', l);
        storage.setItem('firmly.portal.locale', l);
      }, locale);
      const page = await context.newPage();
      await page.goto(server.url);
      await page.locator('input[type=email]').fill(owner.email);
      await page.locator('input[type=password]').fill(owner.password);
      await page.locator('button[type=submit]').click();
      await page.locator('table').first().waitFor();

      const paths = [
        '/',
        ...clientIds.flatMap((id) => [`/clients/${encodeURIComponent(id)}`]),
        '/clients/harbourfinch/record',
        '/outbox',
        ...messageIds.map((id) => `/outbox/${encodeURIComponent(id)}`),
        '/settings',
        ...portalTokens.map((token) => `/portal#${token}`),
      ];
      const problems: string[] = [];
      for (const path of paths) {
        await page.goto(`${server.url}${path}`);
        await settled(page);
        if (path.startsWith('/portal')) expect(await page.locator('html').getAttribute('lang'), path).toBe(locale);
        const text = await visibleText(page);
        for (const finding of findings(text)) problems.push(`${path.replace(/#.*/, '#…')}: ${finding}`);
        // The patterns cannot tell English from Danish: the offboarding checklist, made on the
        // server, is checked for the page's own words, with the day and amount formatted.
        if (path === '/clients/harbourfinch') {
          const spaced = text.replace(/[\u00a0\u202f]/g, ' '); // Intl puts no-break spaces in amounts
          for (const words of checklistWords[locale]) if (!spaced.includes(words)) problems.push(`${path}: the checklist does not say "${words}"`);
        }
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  test('the patterns catch what they are meant to, and leave addresses alone', () => {
    expect(findings('Started on 2026-11-20: payment.')).toHaveLength(1);
    expect(findings('The client owes 2900.00 GBP overdue')).toHaveLength(1);
    expect(findings('action.offboarding.termination')).toHaveLength(1);
    expect(findings('client.offboarding.step.final-invoice')).toHaveLength(1);
    expect(findings('oliver@harbourandfinch.example, smtp.agency.example:587, https://cdn.studio.example/a.b.c 20. nov. 2026 £2,900.00 2.900,00 £')).toEqual([]);
  });
});
