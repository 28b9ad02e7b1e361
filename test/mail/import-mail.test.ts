import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { appContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { assignMail, importMailFiles, listUnmatchedMail, rematchUnmatchedMail } from '../../src/app/import-mail.ts';
import { verifyWorkspace } from '../../src/app/maintain-ledger.ts';
import { getClient } from '../../src/app/read-clients.ts';
import { listEvents } from '../../src/app/read-events.ts';
import { runCli } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { openStore } from '../../src/store/database.ts';
import { startServer } from '../../src/server/app.ts';
import { useTestApp, testNow } from '../support/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aClient, aRequest, aWorkspace, jsonl, raw } from '../support/events.ts';
import { sharedDir } from '../support/paths.ts';

// The fixtures are read in place (../shared/fixtures), never copied into the repository.
const mboxDir = join(sharedDir, 'fixtures', 'mbox');
const emlDir = join(sharedDir, 'fixtures', 'eml');

// ../shared/fixtures/SOURCES.md, per mbox: messages (as Python's mailbox.mbox counts them),
// messages with In-Reply-To, with References, replies pointing to a message in the same file,
// and messages without a parseable Date header.
const mboxCounts: Record<string, [messages: number, inReplyTo: number, references: number, repliesInFile: number, withoutDate: number]> = {
  'asf-asterix-dev-201709-mailarchivesao.mbox': [53, 33, 33, 32, 0],
  'asf-empty_attachment.mbox': [1, 0, 0, 0, 0],
  'asf-httpd-dev-28428.mbox': [1, 0, 0, 0, 0],
  'asf-httpd-users-200606-part.mbox': [12, 9, 0, 1, 0],
  'asf-httpd-users-4950.mbox': [1, 0, 0, 0, 0],
  'asf-maven-dev-2017-11-124652-listsao.mbox': [1, 1, 1, 0, 0],
  'asf-maven-dev-2017-12-mboxvm.mbox': [221, 172, 172, 146, 5],
  'asf-maven_duplicates_2017_mboxvm.mbox': [10, 1, 1, 0, 9],
  'asf-ponymail-dev-1080-listsao.mbox': [1, 1, 1, 0, 0],
  'asf-text_enriched.mbox': [1, 0, 0, 0, 0],
  'asf-tomcat-ancient-boundary.mbox': [1, 0, 0, 0, 0],
  'mimekit-issue1189.mbox': [4, 0, 0, 0, 0],
  'mimekit-simple.mbox': [3, 0, 0, 0, 0],
  'mimekit-unmunged.mbox': [3, 0, 0, 0, 3],
};
// SOURCES.md, per .eml: threading headers where it names them ("In-Reply-To yes, References …"),
// and the messages it says have no Date header.
const emlThreading: Record<string, [inReplyTo: boolean, references: boolean]> = {
  'mimekit-issue358.eml': [true, true],
  'talon-reply-apple_mail_2.eml': [true, true],
  'talon-reply-yahoo.eml': [true, false],
};
const emlWithoutDate = ['mailparser-nested.eml', 'mimekit-delivery-status2.eml', 'mimekit-multipart-related-mhtml.eml', 'talon-reply-outlook.eml'];

const mboxFiles = readdirSync(mboxDir).filter((f) => f.endsWith('.mbox')).sort();
const emlFiles = readdirSync(emlDir).filter((f) => f.endsWith('.eml')).sort();

const tmp = mkdtempSync(join(tmpdir(), 'firmly-mail-'));
let written = 0;
const write = (name: string, text: string) => {
  const file = join(tmp, `${++written}-${name}`);
  writeFileSync(file, text);
  return file;
};

/** One message as a mail client writes it; `date: null` leaves the Date header out. */
function message(o: { id: string; from: string; subject: string; date?: string | null; inReplyTo?: string; references?: string; to?: string }): string {
  return [
    `From: ${o.from}`,
    `To: ${o.to ?? 'hello@studio.example'}`,
    `Subject: ${o.subject}`,
    ...(o.date === null ? [] : [`Date: ${o.date ?? 'Wed, 04 Mar 2026 10:00:00 +0100'}`]),
    `Message-ID: <${o.id}>`,
    ...(o.inReplyTo ? [`In-Reply-To: <${o.inReplyTo}>`] : []),
    ...(o.references ? [`References: ${o.references}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Tak for planen. Det ser fint ud.',
    '',
    'From the desk of the client: this body line begins with "From ".',
    '',
  ].join('\n');
}
const mboxOf = (...messages: { at: string; text: string }[]) =>
  messages.map((m) => `From sender@example ${m.at}\n${m.text.replace(/^(>*From )/gm, '>$1')}\n`).join('');

describe.each(testDatabases())('importing mail on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  useTestApp(open, (s, c) => { store = s; ctx = c; });

  describe('the shared fixtures', () => {
    it.each(mboxFiles)('imports %s with the message and threading counts of SOURCES.md', async (file) => {
      const expected = mboxCounts[file];
      expect(expected, `${file} is not in the table of SOURCES.md counts`).toBeDefined();
      const [messages, inReplyTo, references, repliesInFile, withoutDate] = expected!;
      const report = await importMailFiles(ctx, 'fixtures', [join(mboxDir, file)]);
      expect(report).toMatchObject({ messages, withInReplyTo: inReplyTo, withReferences: references, matched: 0, answered: 0, unmatched: messages, duplicates: 0 });
      // Nothing is dropped: with no clients in the workspace, every message waits for a person.
      const kept = await listUnmatchedMail(ctx, 'fixtures');
      expect(kept).toHaveLength(messages);
      const ids = new Set(kept.map((m) => m.messageId));
      expect(kept.filter((m) => [...m.inReplyTo, ...m.references].some((id) => ids.has(id)))).toHaveLength(repliesInFile);
      expect(kept.filter((m) => m.date === undefined)).toHaveLength(withoutDate);
      expect(kept.every((m) => m.at <= testNow.replace('Z', '.000Z'))).toBe(true);
    });

    it.each(emlFiles)('imports %s', async (file) => {
      const report = await importMailFiles(ctx, 'fixtures', [join(emlDir, file)]);
      expect(report).toMatchObject({ messages: 1, unmatched: 1, files: [{ format: 'eml', messages: 1 }] });
      const [kept] = await listUnmatchedMail(ctx, 'fixtures');
      const [inReplyTo, references] = emlThreading[file] ?? [false, false];
      expect([kept!.inReplyTo.length > 0, kept!.references.length > 0]).toEqual([inReplyTo, references]);
      expect(kept!.date === undefined).toBe(emlWithoutDate.includes(file));
    });

    it('imports all of them at once, and again adds nothing', async () => {
      const files = [...mboxFiles.map((f) => join(mboxDir, f)), ...emlFiles.map((f) => join(emlDir, f))];
      const first = await importMailFiles(ctx, 'all', files);
      const total = Object.values(mboxCounts).reduce((sum, [n]) => sum + n, 0) + emlFiles.length;
      expect(first.messages).toBe(total);
      // Some fixtures are copies of one message (the same Message-ID): kept once.
      expect(first.unmatched + first.duplicates).toBe(total);
      const kept = (await listUnmatchedMail(ctx, 'all')).length;
      expect(kept).toBe(first.unmatched);
      const second = await importMailFiles(ctx, 'all', files);
      expect(second).toMatchObject({ messages: total, matched: 0, unmatched: 0, duplicates: total });
      expect(await listUnmatchedMail(ctx, 'all')).toHaveLength(kept);
    });
  });

  describe('a small agency', () => {
    const ws = 'agency';
    const ours = 'firmly.r1@studio.example';
    const setup = () => importLedger(ctx, ws, [{ name: 'setup', open: () => Readable.from([jsonl(
      aWorkspace(),
      aClient('acme', { at: '2026-03-01T08:00:00Z' }),
      aClient('beta', { at: '2026-03-01T08:00:00Z' }),
      aRequest('acme', 'req-1', '2026-03-06', { at: '2026-03-02T09:00:00Z' }),
      aRequest('acme', 'req-2', '2026-03-06', { at: '2026-03-02T09:00:00Z' }),
      aRequest('beta', 'req-3', '2026-03-06', { at: '2026-03-02T09:00:00Z' }),
      raw('message.sent', { messageId: `<${ours}>`, clientId: 'acme', channel: 'email', subject: 'Content plan [R-req-1]', requestId: 'req-1' }, { at: '2026-03-02T09:00:00Z' }),
    )]) }]);

    const replies = () => write('agency.mbox', mboxOf(
      // A second reply on the thread, written later, comes first in the file.
      { at: 'Thu Mar  5 12:00:00 2026', text: message({ id: 'late@acme.example', from: 'Kim <kim@acme.example>', subject: 'Re: Content plan [R-req-1]', date: 'Thu, 05 Mar 2026 12:00:00 +0000', inReplyTo: ours, references: `<${ours}>` }) },
      { at: 'Wed Mar  4 09:00:00 2026', text: message({ id: 'first@acme.example', from: 'Kim <KIM@acme.example>', subject: 'Re: Content plan', inReplyTo: ours }) },
      // A colleague at the client's domain, answering by the subject tag only.
      { at: 'Wed Mar  4 15:00:00 2026', text: message({ id: 'colleague@acme.example', from: 'lee@acme.example', subject: 'SV: Captions [R-req-2]', date: 'Wed, 04 Mar 2026 15:00:00 +0000' }) },
      // No Date header: the "From " line's date; a Date from the future: now.
      { at: 'Fri Mar  6 07:30:00 2026', text: message({ id: 'nodate@beta.example', from: 'bo@beta.example', subject: 'Hello', date: null }) },
      { at: 'Fri Mar  6 07:30:00 2026', text: message({ id: 'future@beta.example', from: 'bo@beta.example', subject: 'Clock trouble', date: 'Mon, 01 Jan 2035 00:00:00 +0000' }) },
      // A stranger, and our own letter (an archive of both directions).
      { at: 'Sat Mar  7 10:00:00 2026', text: message({ id: 'stranger@gmail.com', from: 'A Stranger <someone@gmail.com>', subject: 'Re: your offer [R-req-3]', date: 'Sat, 07 Mar 2026 10:00:00 +0000', to: 'bo@beta.example' }) },
      { at: 'Mon Mar  2 09:00:00 2026', text: message({ id: ours, from: 'Studio <hello@studio.example>', subject: 'Content plan [R-req-1]', to: 'kim@acme.example' }) },
    ));

    const received = async () => (await listEvents(ctx, ws, { types: ['message.received', 'request.answered'] }, { limit: 100 })).events;

    it('matches clients and requests, keeps the rest, and dates everything by the mail', async () => {
      await setup();
      const report = await importMailFiles(ctx, ws, [replies()]);
      expect(report).toMatchObject({ messages: 7, matched: 5, answered: 2, unmatched: 1, duplicates: 0, ours: 1 });

      const acme = await getClient(ctx, ws, 'acme');
      const request = (id: string) => acme.requests.find((r) => r.requestId === id);
      // The earlier of the two replies is the answer, whatever the order in the file.
      expect(request('req-1')).toMatchObject({ status: 'answered', answeredAt: '2026-03-04T09:00:00.000Z', answerChannel: 'email' });
      expect(request('req-2')).toMatchObject({ status: 'answered', answeredAt: '2026-03-04T15:00:00.000Z' });

      const events = await received();
      const of = (messageId: string) => events.find((e) => e.type === 'message.received' && e.data.messageId === `<${messageId}>`);
      expect(of('first@acme.example')).toMatchObject({ at: '2026-03-04T09:00:00.000Z', data: { clientId: 'acme', channel: 'email', inReplyTo: `<${ours}>`, requestId: 'req-1' } });
      expect(of('late@acme.example')).toMatchObject({ data: { requestId: 'req-1' } });
      expect(of('colleague@acme.example')).toMatchObject({ data: { clientId: 'acme', requestId: 'req-2' } });
      expect(of('nodate@beta.example')).toMatchObject({ at: '2026-03-06T07:30:00.000Z', data: { clientId: 'beta' } });
      expect(of('future@beta.example')?.at).toBe('2026-11-27T10:00:00.000Z');
      expect(events.filter((e) => e.type === 'request.answered')).toHaveLength(2);

      const [stranger] = await listUnmatchedMail(ctx, ws);
      expect(stranger).toMatchObject({ messageId: 'stranger@gmail.com', reason: 'sender.unknown', candidates: ['beta'], from: { name: 'A Stranger', address: 'someone@gmail.com' }, resolution: null });
      expect(await verifyWorkspace(ctx, ws)).toMatchObject({ ok: true });
    });

    it('keeps a stranger\'s mail whose subject, name and text hold NUL and other refused controls, the same on both databases', async () => {
      await setup();
      const eml = write('nul.eml', [
        'From: =?utf-8?Q?Ann=00Evil?= <ann@stranger.example>',
        'To: hello@studio.example',
        'Subject: =?utf-8?Q?Pay=00now=01=1B[2J?=',
        'Date: Wed, 04 Mar 2026 10:00:00 +0100',
        'Message-ID: <nul@stranger.example>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Hello=00 there',
        '',
      ].join('\r\n'));
      expect(await importMailFiles(ctx, ws, [eml])).toMatchObject({ messages: 1, unmatched: 1 });
      const kept = (await listUnmatchedMail(ctx, ws)).find((m) => m.messageId === 'nul@stranger.example');
      expect(kept).toMatchObject({ subject: 'Pay\uFFFDnow\uFFFD\uFFFD[2J', from: { name: 'Ann\uFFFDEvil', address: 'ann@stranger.example' } });
      expect(kept?.snippet).toBe('Hello\uFFFD there');
    });

    it('adds nothing when the same mail is imported again, from an mbox or an .eml', async () => {
      await setup();
      const file = replies();
      await importMailFiles(ctx, ws, [file]);
      const before = await received();
      const eml = write('again.eml', 'From sender@example Wed Mar  4 09:00:00 2026\n' + message({ id: 'first@acme.example', from: 'kim@acme.example', subject: 'Re: Content plan', inReplyTo: ours }));
      expect(await importMailFiles(ctx, ws, [file, eml])).toMatchObject({ messages: 8, matched: 0, answered: 0, unmatched: 0, duplicates: 7, ours: 1 });
      expect(await received()).toEqual(before);
      expect(await listUnmatchedMail(ctx, ws)).toHaveLength(1);
    });

    it('records unmatched mail once a person assigns it, as the answer it is', async () => {
      await setup();
      await importMailFiles(ctx, ws, [replies()]);
      expect(await assignMail(ctx, ws, '<stranger@gmail.com>', 'beta')).toEqual({ messageId: 'stranger@gmail.com', clientId: 'beta', requestId: 'req-3', answered: true });
      expect((await getClient(ctx, ws, 'beta')).requests[0]).toMatchObject({ requestId: 'req-3', answeredAt: '2026-03-07T10:00:00.000Z' });
      expect(await listUnmatchedMail(ctx, ws)).toEqual([]);
      expect(await listUnmatchedMail(ctx, ws, { all: true })).toMatchObject([{ messageId: 'stranger@gmail.com', resolution: 'assigned', resolvedClientId: 'beta' }]);
      await expect(assignMail(ctx, ws, 'stranger@gmail.com', 'acme')).rejects.toMatchObject({ code: 'action.already_done' });
      await expect(assignMail(ctx, ws, 'nobody@nowhere', 'acme')).rejects.toMatchObject({ code: 'input.invalid' });
      expect(await importMailFiles(ctx, ws, [replies()])).toMatchObject({ matched: 0, unmatched: 0, duplicates: 6, ours: 1 });
    });

    it('refuses to assign mail to a client not on record', async () => {
      await setup();
      await importMailFiles(ctx, ws, [replies()]);
      await expect(assignMail(ctx, ws, 'stranger@gmail.com', 'nobody')).rejects.toMatchObject({ code: 'client.not_found' });
      expect(await listUnmatchedMail(ctx, ws)).toHaveLength(1);
    });

    it('matches waiting mail again once its sender is a contact', async () => {
      await setup();
      await importMailFiles(ctx, ws, [replies()]);
      await importLedger(ctx, ws, [{ name: 'new client', open: () => Readable.from([jsonl(
        raw('client.added', { clientId: 'gamma', name: 'Gamma', locale: 'en', contacts: [{ name: 'S', email: 'someone@gmail.com' }] }, { at: '2026-03-08T08:00:00Z' }),
      )]) }]);
      expect(await rematchUnmatchedMail(ctx, ws)).toEqual({ checked: 1, matched: 1, answered: 0, unmatched: 0 });
      expect(await listUnmatchedMail(ctx, ws, { all: true })).toMatchObject([{ resolution: 'matched', resolvedClientId: 'gamma' }]);
      // The tag names beta's request, not gamma's: recorded for gamma, answering nothing.
      expect((await received()).find((e) => e.type === 'message.received' && e.data.messageId === '<stranger@gmail.com>')).toMatchObject({ data: { clientId: 'gamma' } });
    });
  });

  describe('the command line', () => {
    interface Outcome { code: number; stdout: string; stderr: string }
    async function firmly(...argv: string[]): Promise<Outcome> {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      let err = '';
      stdout.on('data', (chunk) => { out += chunk; });
      stderr.on('data', (chunk) => { err += chunk; });
      const code = await runCli(argv, {
        configure: (overrides) => loadConfig({ ...store.env, FIRMLY_WORKSPACE: 'cli' }, overrides),
        open: async (config) => appContext(await openStore(config.database), fixedClock(testNow)),
        serve: (c, config) => startServer({ ctx: c, workspaceId: config.workspaceId }, config.http, { logLevel: 'silent' }),
        stdin: Readable.from(['']),
        stdout,
        stderr,
      });
      return { code, stdout: out, stderr: err };
    }

    it('imports, lists and assigns', async () => {
      await importLedger(ctx, 'cli', [{ name: 'setup', open: () => Readable.from([jsonl(aWorkspace(), aClient('acme'))]) }]);
      const file = write('cli.mbox', mboxOf(
        { at: 'Wed Mar  4 09:00:00 2026', text: message({ id: 'a@kim.example', from: 'kim@acme.example', subject: 'Hi' }) },
        { at: 'Wed Mar  4 09:00:00 2026', text: message({ id: 'b@x.example', from: 'x@x.example', subject: 'Who am I' }) },
      ));
      const imported = await firmly('import-mail', file);
      expect(imported).toMatchObject({ code: 0, stderr: '' });
      expect(imported.stdout).toBe('Read 2 messages from 1 file(s): 1 recorded for clients, 1 matched no client (kept: `firmly unmatched-mail`), 0 already on record, 0 of our own.\n');
      const listed = await firmly('unmatched-mail', '--json');
      expect(JSON.parse(listed.stdout).mails).toMatchObject([{ messageId: 'b@x.example', subject: 'Who am I' }]);
      expect((await firmly('unmatched-mail')).stdout).toContain('<b@x.example>  sender.unknown');
      expect(await firmly('assign-mail', '<b@x.example>', 'acme')).toMatchObject({ code: 0, stdout: 'Recorded <b@x.example> as from acme.\n' });
      expect(await firmly('assign-mail', 'b@x.example', 'acme')).toMatchObject({ code: 1 });
      expect(await firmly('import-mail', join(tmp, 'missing.mbox'))).toMatchObject({ code: 2 });
    });
  });
});
