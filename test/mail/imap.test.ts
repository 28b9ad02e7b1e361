import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assessWorkspace } from '../../src/app/assess-workspace.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { listUnmatchedMail } from '../../src/app/import-mail.ts';
import { verifyWorkspace } from '../../src/app/maintain-ledger.ts';
import { pollImap } from '../../src/app/poll-imap.ts';
import { getClient } from '../../src/app/read-clients.ts';
import { runCli } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { startServer } from '../../src/server/app.ts';
import { openStore } from '../../src/store/database.ts';
import { testNow, useTestApp } from '../support/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { dovecotAvailable, imapUrl, testFolder, type TestFolder } from '../support/dovecot.ts';
import { aClient, aRequest, aWorkspace, jsonl, raw } from '../support/events.ts';

// Against the real Dovecot of test/support/dovecot.ts: mail is delivered with IMAP APPEND (as
// STACK.md's recipe has no LDA), then `pollImap` reads it as `firmly poll-mail` would.

const ws = 'agency';
const ours = '<firmly.req-1@studio.example>';

const reply = (o: { id: string; from: string; date: string; inReplyTo?: string; subject?: string }) => [
  `From: ${o.from}`,
  'To: Studio <hello@studio.example>',
  `Subject: ${o.subject ?? 'Re: Content plan for March'}`,
  `Date: ${o.date}`,
  `Message-ID: <${o.id}>`,
  ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`, `References: ${o.inReplyTo}`] : []),
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Hej, planen er godkendt. Mvh Kim Ærø',
  '',
].join('\n');

const describeWithDovecot = dovecotAvailable ? describe : describe.skip;

describeWithDovecot.each(testDatabases())('polling IMAP (Dovecot) on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let folder: TestFolder;
  useTestApp(open, (s, c) => { store = s; ctx = c; });
  beforeEach(async () => {
    folder = await testFolder();
    await importLedger(ctx, ws, [{ name: 'setup', open: () => Readable.from([jsonl(
      aWorkspace(),
      aClient('acme', { at: '2026-03-01T08:00:00Z' }),
      aRequest('acme', 'req-1', '2026-03-06', { at: '2026-03-02T09:00:00Z' }),
      raw('message.sent', { messageId: ours, clientId: 'acme', channel: 'email', subject: 'Content plan for March', requestId: 'req-1' }, { at: '2026-03-02T09:00:00Z' }),
    )]) }]);
  });
  afterEach(async () => {
    await folder.remove();
  });

  const theReply = reply({ id: 'reply-1@acme.example', from: 'Kim <kim@acme.example>', date: 'Wed, 04 Mar 2026 10:00:00 +0100', inReplyTo: ours });

  it('records a reply on the next poll, and the request shows the answer and its response time', async () => {
    await folder.append(theReply, new Date('2026-03-04T09:00:05Z'));
    const report = await pollImap(ctx, ws, folder.account);
    expect(report).toMatchObject({ messages: 1, matched: 1, answered: 1, unmatched: 0, reset: false, lastUid: 1 });

    const acme = await getClient(ctx, ws, 'acme');
    expect(acme.requests[0]).toMatchObject({ requestId: 'req-1', status: 'answered', answeredAt: '2026-03-04T09:00:00.000Z', answerChannel: 'email' });
    const assessment = await assessWorkspace(ctx, ws, '2026-03-10' as IsoDate);
    const waits = assessment.clients.find((c) => c.clientId === 'acme')?.signals.responsiveness.considered;
    // Sent Monday 2 March, answered Wednesday 4 March: two business days, before the due date.
    expect(waits).toMatchObject([{ requestId: 'req-1', sentOn: '2026-03-02', answeredOn: '2026-03-04', responseBusinessDays: 2, status: 'on-time' }]);
  });

  it('adds nothing on a second poll, and reads only what arrived since', async () => {
    await folder.append(theReply);
    await pollImap(ctx, ws, folder.account);
    const head = await verifyWorkspace(ctx, ws);
    expect(await pollImap(ctx, ws, folder.account)).toMatchObject({ messages: 0, matched: 0, duplicates: 0, lastUid: 1 });
    expect(await verifyWorkspace(ctx, ws)).toEqual(head);

    await folder.append(reply({ id: 'press@paper.example', from: 'press@paper.example', date: 'Thu, 05 Mar 2026 08:00:00 +0000' }));
    expect(await pollImap(ctx, ws, folder.account)).toMatchObject({ messages: 1, unmatched: 1, lastUid: 2 });
    expect(await listUnmatchedMail(ctx, ws)).toMatchObject([{ messageId: 'press@paper.example', origin: `imap:${folder.account.folder}#2` }]);
  });

  it('reads the folder again when its UIDVALIDITY changes, recording only what is new', async () => {
    await folder.append(theReply);
    const first = await pollImap(ctx, ws, folder.account);
    await folder.recreate();
    await folder.append(theReply);
    await folder.append(reply({ id: 'reply-2@acme.example', from: 'kim@acme.example', date: 'Fri, 06 Mar 2026 08:00:00 +0000', inReplyTo: ours }));
    expect(await folder.uidValidity()).not.toBe(first.uidValidity);

    const second = await pollImap(ctx, ws, folder.account);
    expect(second).toMatchObject({ reset: true, messages: 2, duplicates: 1, matched: 1, answered: 0, lastUid: 2 });
    expect(second.uidValidity).not.toBe(first.uidValidity);
    expect(await pollImap(ctx, ws, folder.account)).toMatchObject({ reset: false, messages: 0 });
    expect((await getClient(ctx, ws, 'acme')).requests[0]?.answeredAt).toBe('2026-03-04T09:00:00.000Z');
  });

  describe('firmly poll-mail', () => {
    async function firmly(env: Record<string, string>, ...argv: string[]) {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      let err = '';
      stdout.on('data', (chunk) => { out += chunk; });
      stderr.on('data', (chunk) => { err += chunk; });
      const code = await runCli(argv, {
        configure: (overrides) => loadConfig({ ...store.env, FIRMLY_WORKSPACE: ws, ...env }, overrides),
        open: async (config) => appContext(await openStore(config.database), fixedClock(testNow)),
        serve: (c, config) => startServer({ ctx: c, workspaceId: config.workspaceId }, config.http, { logLevel: 'silent' }),
        stdin: Readable.from(['']),
        stdout,
        stderr,
      });
      return { code, stdout: out, stderr: err };
    }

    it('polls the folder of IMAP_URL and IMAP_FOLDER', async () => {
      await folder.append(theReply);
      const polled = await firmly({ IMAP_URL: imapUrl, IMAP_FOLDER: folder.account.folder }, 'poll-mail');
      expect(polled).toMatchObject({ code: 0, stderr: '' });
      expect(polled.stdout).toMatch(/^imap:\/\/test%40example\.test@127\.0\.0\.1:\d+\/firmly-test-\w+: 1 new message\(s\): 1 recorded for clients \(1 answering a request\)/);
      expect(JSON.parse((await firmly({ IMAP_URL: imapUrl }, 'poll-mail', '--folder', folder.account.folder, '--json')).stdout)).toMatchObject({ messages: 0, lastUid: 1 });
    });

    it('never prints the password, not even when the server refuses it', async () => {
      const wrong = new URL(imapUrl);
      wrong.password = 'Wr0ng-Pa55word';
      const refused = await firmly({ IMAP_URL: wrong.toString(), IMAP_FOLDER: folder.account.folder }, 'poll-mail');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('refused the user name or password');
      expect(refused.stdout + refused.stderr).not.toContain('Wr0ng-Pa55word');
      const password = decodeURIComponent(new URL(imapUrl).password);
      const ok = await firmly({ IMAP_URL: imapUrl, IMAP_FOLDER: folder.account.folder }, 'poll-mail', '--json');
      expect(ok.code).toBe(0);
      expect(ok.stdout + ok.stderr).not.toContain(password);
      expect(await firmly({ IMAP_URL: 'http://example.test' }, 'poll-mail')).toMatchObject({ code: 2 });
    });
  });
});
