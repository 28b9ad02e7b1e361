import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFirmly } from '../support/cli.ts';
import { aClient, aRequest, aWorkspace, jsonl } from '../support/events.ts';
import { asShownBytes, digestSqlite, expectNoCrash, fuzzParameters, fuzzTimeout, mutationsOf, oddText } from '../support/fuzz.ts';
import { sharedDir } from '../support/paths.ts';

// `firmly import-mail` (.eml and mbox) against hostile input, in-process on SQLite. Whatever
// the bytes: exit 0 or 1 and never a stack trace; a failure names the file (and, in an mbox,
// the message's position) and leaves every table as it was; an accepted import leaves a chain
// that verifies, and importing the same file again changes nothing (no message lost or doubled).

const dir = mkdtempSync(join(tmpdir(), 'firmly-fuzz-mail-'));
const env = { FIRMLY_DATA: dir, FIRMLY_WORKSPACE: 'agency' };

// The fixtures are read in place (../shared/fixtures), never copied into the repository. The
// largest mboxes (1.5 MB) take seconds each to parse: they are in the soak of the mbox bench.
const fixture = (folder: string, ext: string) => readdirSync(join(sharedDir, 'fixtures', folder))
  .filter((f) => f.endsWith(ext)).sort().map((f) => join(sharedDir, 'fixtures', folder, f))
  .filter((file) => statSync(file).size <= 100_000);
const emlFixtures = fixture('eml', '.eml');
const mboxFixtures = fixture('mbox', '.mbox');

async function importChecked(bytes: Buffer, format: 'eml' | 'mbox'): Promise<void> {
  const file = join(dir, `input.${format}`);
  writeFileSync(file, bytes);
  const before = digestSqlite(dir);
  const outcome = await runFirmly(env, '', 'import-mail', file);
  expectNoCrash(outcome);
  if (outcome.code === 1) {
    expect(outcome.stderr, 'a failure names the file').toContain(file);
    expect(digestSqlite(dir)).toEqual(before);
    return;
  }
  expect(outcome.stdout).toMatch(/^Read \d+ messages from 1 file\(s\)/);
  const verified = await runFirmly(env, '', 'verify');
  expect(verified, `accepted, then: ${verified.stderr}`).toMatchObject({ code: 0 });
  const after = digestSqlite(dir);
  const again = await runFirmly(env, '', 'import-mail', file);
  expect(again.code, again.stderr).toBe(0);
  expect(digestSqlite(dir), 'importing the same mail again changes nothing').toEqual(after);
}

// ── structured messages ─────────────────────────────────────────────────────────────────

const address = fc.oneof(
  fc.constantFrom('kim@acme.example', 'Kim <kim@acme.example>', '"Oak, Kim" <KIM@ACME.EXAMPLE>', 'ann@beta.example', 'hello@studio.example',
    'undisclosed-recipients:;', '<>', 'a@', '@b', '=?utf-8?b?S2ltIMO4?= <kim@acme.example>', 'group: kim@acme.example, x@y.example;'),
  fc.emailAddress(),
  oddText,
);
const messageIdText = fc.oneof(
  fc.uuid().map((u) => `<${u}@mail.example>`),
  fc.constantFrom('', '<>', '<a b@c>', 'no-brackets@x', '<' + 'x'.repeat(2000) + '@y>', '<firmly.req-1@studio.example>', '<<nested@x>>'),
  oddText,
);
const dateText = fc.oneof(
  fc.date({ min: new Date('1970-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toUTCString().replace('GMT', '+0000')),
  fc.constantFrom('Wed, 04 Mar 2026 10:00:00 +0100', 'Mon, 31 Feb 2026 25:61:00 +9999', '2026-03-04T10:00:00Z', 'yesterday', '', 'Thu, 01 Jan 0000 00:00:00 GMT', 'Fri, 31 Dec 275760 00:00:00 GMT'),
  oddText,
);
const subjectText = fc.oneof(
  fc.constantFrom('Re: Content plan [R-req-1]', 'Re: [R-req-1] [R-req-1]', '[R-]', '=?utf-8?q?Re=3A_=C3=B8?=', '=?iso-8859-1?b?5vjl?=', '=?bogus?q?x?=', '\u001b]0;pwned\u0007\u001b[2J'),
  oddText,
);
const charset = fc.constantFrom('utf-8', 'iso-8859-1', 'windows-1252', 'utf-7', 'x-unknown', 'utf-16', '');
const transferEncoding = fc.constantFrom('7bit', '8bit', 'base64', 'quoted-printable', 'binary', 'x-uuencode', 'bogus');
const body = fc.oneof(oddText, fc.constantFrom('SGVsbG8=', 'SGVsbG8', '!!!!', '=C3=B8=\n=ZZ', 'Tak.\n\nFrom the desk of Kim\n>From here\n', '<html><body><p>Tak</p></body></html>'));

/** One message; a field set to undefined leaves its header out. */
const message = fc.record({
  from: fc.option(address, { nil: undefined }),
  to: fc.option(address, { nil: undefined }),
  subject: fc.option(subjectText, { nil: undefined }),
  date: fc.option(dateText, { nil: undefined }),
  messageId: fc.option(messageIdText, { nil: undefined }),
  inReplyTo: fc.option(messageIdText, { nil: undefined }),
  references: fc.option(fc.array(messageIdText, { maxLength: 30 }).map((ids) => ids.join(' ')), { nil: undefined }),
  multipart: fc.constantFrom('none', 'mixed', 'broken'),
  charset,
  transferEncoding,
  body,
  folded: fc.boolean(),
  lineEnd: fc.constantFrom('\n', '\r\n'),
}).map((m) => {
  const header = (name: string, value: string | undefined) => (value === undefined ? [] : [`${name}: ${m.folded ? value.replace(/ /g, '\n ') : value}`]);
  const lines = [
    ...header('From', m.from), ...header('To', m.to), ...header('Subject', m.subject), ...header('Date', m.date),
    ...header('Message-ID', m.messageId), ...header('In-Reply-To', m.inReplyTo), ...header('References', m.references), 'MIME-Version: 1.0',
  ];
  const part = [`Content-Type: text/plain; charset=${m.charset}`, `Content-Transfer-Encoding: ${m.transferEncoding}`, '', m.body];
  if (m.multipart === 'none') lines.push(...part);
  else if (m.multipart === 'mixed') lines.push('Content-Type: multipart/mixed; boundary="b1"', '', '--b1', ...part, '--b1', 'Content-Type: message/rfc822', '', 'Subject: inner', '', 'inner', '--b1--');
  else lines.push('Content-Type: multipart/alternative; boundary=', '', '--', ...part, '--b1');
  return lines.join(m.lineEnd) + m.lineEnd;
});

/** Messages joined as an mbox: "From " lines, body lines beginning "From " escaped (mboxrd) or not (as some writers do). */
const mbox = fc.record({ messages: fc.array(message, { minLength: 1, maxLength: 4 }), escape: fc.boolean(), bom: fc.boolean() })
  .map(({ messages, escape, bom }) => asShownBytes(Buffer.from((bom ? '\uFEFF' : '') + messages
    .map((text) => `From sender@example Wed Mar  4 10:00:00 2026\n${escape ? text.replace(/^(>*From )/gm, '>$1') : text}\n`).join(''), 'utf8')));
const eml = fc.record({ text: message, encoding: fc.constantFrom('utf8' as const, 'latin1' as const, 'utf16le' as const) })
  .map(({ text, encoding }) => asShownBytes(Buffer.from(text, encoding)));

describe('firmly import-mail under fuzzing (SQLite, in-process)', () => {
  beforeAll(async () => {
    const setup = join(dir, 'setup.jsonl');
    writeFileSync(setup, jsonl(
      aWorkspace(), aClient('acme', { at: '2026-03-01T08:00:00Z' }), aClient('beta', { at: '2026-03-01T08:00:00Z' }),
      aRequest('acme', 'req-1', '2026-03-06', { at: '2026-03-02T09:00:00Z' }),
    ));
    expect(await runFirmly(env, '', 'import', setup)).toMatchObject({ code: 0 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records generated messages with odd headers, charsets and structure, or names the file; again adds nothing', { timeout: fuzzTimeout(40, 200) }, async () => {
    const input = fc.oneof(eml.map((bytes) => ({ bytes, format: 'eml' as const })), mbox.map((bytes) => ({ bytes, format: 'mbox' as const })));
    await fc.assert(fc.asyncProperty(input, ({ bytes, format }) => importChecked(bytes, format)), fuzzParameters(40));
  });

  it('survives byte-level mutation of the .eml and mbox fixtures; again adds nothing', { timeout: fuzzTimeout(40, 250) }, async () => {
    const sources = [...emlFixtures.map((file) => ({ file, format: 'eml' as const })), ...mboxFixtures.map((file) => ({ file, format: 'mbox' as const }))];
    const input = fc.constantFrom(...sources).chain(({ file, format }) => mutationsOf(readFileSync(file)).map((m) => ({ ...m, format })));
    await fc.assert(fc.asyncProperty(input, ({ bytes, format }) => importChecked(bytes, format)), fuzzParameters(40));
  });
});
