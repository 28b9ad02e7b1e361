import { Readable } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { createPortalLink } from '../../src/app/portal-links.ts';
import { addUser } from '../../src/app/users.ts';
import type { RunningServer } from '../../src/server/app.ts';
import { expectAccessible, signInThroughPage } from '../support/browser.ts';
import { openBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import type { TestStore } from '../support/databases.ts';
import { aClient, aWorkspace, jsonl, raw } from '../support/events.ts';

// Issue 12, item 6: a member enters what a post is (its text, network, planned day, media) on
// the record page; the client sees exactly that in the portal before approving, and "approve
// all" lists what it approves and approves nothing until confirmed. Real server, SQLite and
// Chromium; the ledger is read back to see what was (not) answered.

const workspaceId = 'studio';
const member = { email: 'member@studio.example', password: 'correct horse battery staple' };
/** Markup a client might paste: it must show as these characters, and its lines as lines. */
const caption = 'Solcreme hver dag ☀️\n<img src=x onerror="alert(1)"> <b>20 % rabat</b>\n\n#sommer';
const media = 'https://cdn.studio.example/sol/reel.mp4?v=2';

const ledger = [
  aWorkspace(),
  aClient('lykke', { at: '2026-11-01T09:00:00Z' }),
  raw('deliverable.created', { deliverableId: 'd-nyhed', clientId: 'lykke', network: 'facebook', title: 'Nyhedsbrev december', plannedFor: '2026-12-01' }, { at: '2026-11-20T09:00:00Z' }),
  raw('request.sent', { requestId: 'a-nyhed', clientId: 'lykke', kind: 'approval', subject: 'Godkend nyhedsbrevet', dueDate: '2026-11-30', deliverableId: 'd-nyhed' }, { at: '2026-11-20T09:05:00Z' }),
];

describe('what the client approves, in Chromium (SQLite)', { timeout: 120_000 }, () => {
  let app: BrowserApp | undefined;
  let store: TestStore;
  let ctx: AppContext;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ store, ctx, server, browser } = app = await openBrowserApp({
      workspaceId,
      prepare: async (ctx) => {
        await importLedger(ctx, workspaceId, [{ name: 'studio.jsonl', open: () => Readable.from([jsonl(...ledger)]) }]);
        await addUser(ctx, { ...member, workspaceId, role: 'member' });
      },
    }));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const answered = async () => (await store.raw('select data from ledger_event where workspace_id = ? and type = ? order by seq', [workspaceId, 'request.answered']) as { data: string }[])
    .map((row) => JSON.parse(row.data) as { requestId: string; channel: string; verdict?: string });

  const record = async (page: Page, kind: string) => {
    await page.goto(`${server.url}/clients/lykke/record`);
    await page.getByLabel('What happened?').selectOption(kind);
  };

  test('a member records a post with its text, planned day and media link, and asks for its approval', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signInThroughPage(page, server.url, member);

    await record(page, 'deliverable.created');
    await page.getByLabel('Title').fill('Sommerreel');
    await page.getByLabel('Network (optional)').fill('instagram');
    await page.getByLabel('Text of the post (optional)').fill(caption);
    await page.getByLabel('Planned publishing day (optional)').fill('2026-12-03');
    // A link the browser's own check lets through, and ours does not.
    await page.getByLabel('Link to the media (optional)').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await expect.poll(() => page.locator('.field-error').allTextContents()).toEqual(['Enter an address that starts with https:// or http://.']);
    expect(await page.getByLabel('Link to the media (optional)').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(async () => (await page.getByLabel('Text of the post (optional)').getAttribute('aria-describedby')) ?? '').not.toBe('');
    await expectAccessible(page, 'the record page with the post fields');

    await page.getByLabel('Link to the media (optional)').fill(media);
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Recorded')]));
    const created = (await store.raw('select data from ledger_event where workspace_id = ? and type = ? order by seq desc limit 1', [workspaceId, 'deliverable.created']) as { data: string }[])[0];
    expect(JSON.parse(created!.data)).toMatchObject({ clientId: 'lykke', title: 'Sommerreel', network: 'instagram', caption, plannedFor: '2026-12-03', mediaUrl: media });

    await record(page, 'request.sent');
    await page.getByLabel('Kind of request').selectOption('approval');
    await page.getByLabel('Subject').fill('Godkend sommerreelen');
    await page.getByLabel('Answer due by').fill('2026-12-02');
    await page.getByLabel('Deliverable (optional)').selectOption({ label: 'Sommerreel' });
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Recorded')]));
    await context.close();
  });

  test('the client sees the text, network, planned day and a link to the media before the buttons', async () => {
    const { token } = await createPortalLink(ctx, workspaceId, 'lykke');
    const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 390, height: 844 } });
    const portal = await context.newPage();
    await portal.goto(`${server.url}/portal#${token}`);
    await portal.getByRole('heading', { level: 1 }).waitFor();
    const item = portal.getByRole('listitem').filter({ has: portal.getByRole('heading', { level: 3, name: 'Sommerreel' }) });
    await item.waitFor();

    // The caption as typed: the markup is text, nothing of it became an element, the lines stay lines.
    const shown = item.locator('.portal-caption');
    expect(await shown.innerText()).toBe(caption);
    expect(await item.locator('img, b, script').count()).toBe(0);
    // Nothing of another site is loaded into the page: no image, video or frame at all.
    expect(await portal.locator('img, video, iframe, object, embed').count()).toBe(0);
    const facts = await item.locator('dl').innerText();
    expect(facts).toContain('Netværk\ninstagram');
    expect(facts).toContain('Planlagt til\n3. dec. 2026');
    expect(facts).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    const link = item.getByRole('link', { name: /^Se mediet på cdn\.studio\.example/ });
    expect(await link.getAttribute('href')).toBe(media);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect((await link.getAttribute('rel'))?.split(/\s+/).sort()).toEqual(['noopener', 'noreferrer']);
    expect(await link.textContent()).toContain('(åbner i en ny fane)');

    // Before the buttons: the facts come first in the item's reading order.
    const order = await item.evaluate((li) => {
      const el = li as unknown as { querySelector(s: string): { compareDocumentPosition(o: unknown): number } };
      return el.querySelector('dl').compareDocumentPosition(el.querySelector('button'));
    });
    expect(order & 4).toBe(4); // DOCUMENT_POSITION_FOLLOWING: the button comes after the facts
    await expectAccessible(portal, 'the portal with a post\'s facts');

    await portal.getByLabel(/Language|Sprog/).selectOption('en');
    await expect.poll(() => item.locator('dl').innerText()).toContain('Planned for\n3 Dec 2026');
    await context.close();
  });

  test('"approve all" lists every post it approves; Cancel approves nothing, Confirm approves them all', async () => {
    const before = await answered();
    const { token } = await createPortalLink(ctx, workspaceId, 'lykke');
    const context = await browser.newContext({ locale: 'en-GB' });
    const portal = await context.newPage();
    await portal.goto(`${server.url}/portal#${token}`);
    await portal.getByRole('heading', { level: 3, name: 'Sommerreel' }).waitFor();
    await portal.getByLabel('Sprog').selectOption('en'); // the client's language is Danish

    await portal.getByRole('button', { name: 'Approve all' }).click();
    const dialog = portal.getByRole('dialog', { name: 'Approve all 2 posts as they are?' });
    await dialog.waitFor();
    expect((await dialog.getByRole('listitem').allInnerTexts()).map((s) => s.trim())).toEqual([
      'Nyhedsbrev december — facebook · planned for 1 Dec 2026',
      'Sommerreel — instagram · planned for 3 Dec 2026',
    ]);
    // Cancel has focus: Enter alone approves nothing.
    expect(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((b) => (b as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === b)).toBe(true);
    await expectAccessible(portal, 'the approve-all confirmation');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await answered()).toEqual(before);
    await portal.getByRole('button', { name: 'Approve all' }).click();
    await dialog.waitFor();
    await portal.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await answered()).toEqual(before);
    expect(await portal.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(2);

    await portal.getByRole('button', { name: 'Approve all' }).click();
    await dialog.getByRole('button', { name: 'Yes, approve all' }).click();
    await expect.poll(() => portal.getByRole('status').allTextContents()).toEqual(expect.arrayContaining(['Thank you — all 2 posts are approved.']));
    await dialog.waitFor({ state: 'hidden' });
    const after = await answered();
    expect(after.slice(before.length).map((a) => [a.requestId, a.channel, a.verdict]).sort()).toEqual([
      ['a-nyhed', 'portal', 'approved'],
      [expect.stringMatching(/^req/), 'portal', 'approved'],
    ]);
    expect(after).toHaveLength(before.length + 2);
    await expect.poll(() => portal.getByText('There are no posts waiting for your approval.').count()).toBe(1);
    await expectAccessible(portal, 'the portal after approving all');
    await context.close();
  });
});
