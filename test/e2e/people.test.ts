import { Readable } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importLedger } from '../../src/app/import-ledger.ts';
import { addUser } from '../../src/app/users.ts';
import type { RunningServer } from '../../src/server/app.ts';
import { expectAccessible, signInThroughPage } from '../support/browser.ts';
import { openBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import type { TestStore } from '../support/databases.ts';
import { aWorkspace, jsonl } from '../support/events.ts';
import type { ReceivedMail, SmtpListener } from '../support/smtp-listener.ts';

// People in the browser (#12 item 5), in a real Chromium against a real server, SQLite and
// SMTP listener: a forgotten password reset by the mailed link, and a person invited from
// Settings who accepts in a browser of their own. axe-core checks every new page.

const workspaceId = 'studio';
const owner = { email: 'owner@studio.example', password: 'correct horse battery staple' };
const linkIn = (mail: ReceivedMail | undefined, page: string): string => {
  const match = new RegExp(`https?://[^\\s]+/${page}#[A-Za-z0-9_-]{43}`).exec(mail?.text ?? '');
  if (!match) throw new Error(`no ${page} link in ${mail?.text}`);
  return match[0];
};

describe('people in Chromium (SQLite)', { timeout: 90_000 }, () => {
  let app: BrowserApp | undefined;
  let store: TestStore;
  let smtp: SmtpListener;
  let server: RunningServer;
  let browser: Browser;
  const mailTo = async (email: string): Promise<ReceivedMail> => {
    await expect.poll(async () => (await smtp.messages()).filter((m) => m.to.includes(email)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    return (await smtp.messages()).filter((m) => m.to.includes(email)).at(-1) as ReceivedMail;
  };
  const fresh = async (): Promise<Page> => (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' })).newPage();

  beforeAll(async () => {
    ({ store, server, browser } = app = await openBrowserApp({
      workspaceId,
      mailFrom: { name: 'Studio', address: 'hello@studio.example' },
      prepare: async (ctx) => {
        await importLedger(ctx, workspaceId, [{ name: 'inline', open: () => Readable.from([jsonl(aWorkspace())]) }]);
        await addUser(ctx, { ...owner, workspaceId, role: 'owner' });
      },
    }));
    smtp = app.smtp!; // mailFrom was given
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  test('a forgotten password is reset by the mailed link, once, and the new one signs in', async () => {
    const page = await fresh();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await expectAccessible(page, 'the forgot-password form');
    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'a link is on its way' }).count()).toBe(1);

    const link = linkIn(await mailTo(owner.email), 'reset-password');
    const resetPage = await fresh();
    await resetPage.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await resetPage.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await expectAccessible(resetPage, 'the reset-password page');
    await resetPage.getByLabel('New password').fill('a new and longer passphrase');
    await resetPage.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => resetPage.getByRole('status').textContent()).toContain('Your password is set');
    expect(resetPage.url()).not.toContain('#'); // the used token left the address

    // The link works once.
    const again = await fresh();
    await again.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await again.getByLabel('New password').fill('yet another passphrase');
    await again.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => again.getByRole('alert').textContent()).toContain('unknown, expired or used already');

    await page.goto(server.url);
    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByLabel('Password').fill('a new and longer passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    owner.password = 'a new and longer passphrase';
  });

  test('an owner invites someone from Settings, who accepts in their own browser and is in with the role given', async () => {
    const page = await fresh();
    await signInThroughPage(page, server.url, owner);
    await page.goto(`${server.url}/settings`);
    const people = page.getByRole('region', { name: 'People' });
    await people.getByRole('cell', { name: /^owner@studio\.example/ }).waitFor();
    await expectAccessible(page, 'Settings with People and Workspaces');

    const add = people.getByRole('form', { name: 'Add a person' });
    await add.getByLabel('E-mail').fill('newcomer@studio.example');
    await add.getByLabel('Role').selectOption('viewer');
    await add.getByLabel('Mail them an invitation link').check();
    await add.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => add.getByRole('status').filter({ hasText: 'invitation was mailed' }).count()).toBe(1);
    await expect.poll(() => people.getByRole('listitem').filter({ hasText: 'newcomer@studio.example' }).count()).toBe(1);

    const mail = await mailTo('newcomer@studio.example');
    expect(mail.subject).toBe('Invitation til Studio Test i Firmly'); // the workspace's language, Danish
    const invitee = await fresh();
    await invitee.goto(linkIn(mail, 'invitation').replace(/^https?:\/\/[^/]+/, server.url));
    await invitee.getByRole('heading', { level: 1, name: 'Join Studio Test' }).waitFor();
    expect(await invitee.locator('main').textContent()).toContain('newcomer@studio.example');
    await expectAccessible(invitee, 'the accept-invitation page');
    await invitee.getByLabel('Choose a password').fill('the newcomer picks this');
    await invitee.getByRole('button', { name: 'Accept and sign in' }).click();
    await invitee.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();

    // A viewer: Settings reads, People lists, nothing to change.
    await invitee.goto(`${server.url}/settings`);
    const theirPeople = invitee.getByRole('region', { name: 'People' });
    await theirPeople.getByRole('cell', { name: /^newcomer@studio\.example/ }).waitFor();
    expect(await theirPeople.textContent()).toContain('Your role here: Viewer');
    expect(await theirPeople.getByRole('button', { name: 'Add person' }).count()).toBe(0);

    // Back with the owner: the newcomer is a member now, and the owner changes their role.
    await page.reload();
    const row = people.getByRole('row').filter({ hasText: 'newcomer@studio.example' });
    await row.getByLabel(/Role/).selectOption('member');
    await row.getByRole('button', { name: /Change role/ }).click();
    await expect.poll(async () => (await store.raw("select m.role from membership m join app_user u on u.id = m.user_id where u.email = 'newcomer@studio.example'") as { role: string }[])[0]?.role).toBe('member');
  });
});
