import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { runFirmly } from '../support/cli.ts';
import { startSmtpListener } from '../support/smtp-listener.ts';
import { aClient, anInvoice, aWorkspace, jsonl } from '../support/events.ts';

// #19 F5: what came from outside is printed inert. The ledger refuses C0 controls in text
// (#19 F1), so the hostile text it keeps clears the screen with the one-character C1 form of
// CSI (U+009B), colours, reverses the rest of the line (U+202E, then an isolate) and deletes
// (DEL). ESC itself still comes from outside in mail (kept as U+FFFD), an SMTP server's answer
// and file names, below.
const hostile = 'Invoice \u009b2J paid \u009b31m red \u202eevil\u2069 \u007f end';
const inert = 'Invoice \\u009b2J paid \\u009b31m red \\u202eevil\\u2069 \\u007f end';

/** Every character a terminal could act on, but \n and \t. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
function expectInert(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  // Byte by byte, so that an encoding trick (C1 as its two UTF-8 bytes C2 9B) cannot hide one.
  for (const [i, byte] of bytes.entries()) {
    if (byte < 0x20 && byte !== 0x0a && byte !== 0x09) throw new Error(`raw control byte 0x${byte.toString(16)} at ${i}: ${JSON.stringify(text.slice(0, 400))}`);
    if (byte === 0x7f) throw new Error(`raw DEL at ${i}`);
  }
  expect(text).not.toMatch(unsafe);
}

const dir = mkdtempSync(join(tmpdir(), 'firmly-controls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A mail from a stranger, its subject raw (ESC in the header) and as an RFC 2047 encoded word (C1 and bidi). */
function strangerMail(name: string): string {
  const file = join(dir, `${name}.eml`);
  const encoded = `=?utf-8?b?${Buffer.from('\u009b31m \u202eevil\u2069').toString('base64')}?=`;
  writeFileSync(file, [
    `From: =?utf-8?b?${Buffer.from('Mallory \u202e\u009b').toString('base64')}?= <mallory@evil.example>`,
    'To: studio@example.com',
    `Subject: Invoice \u001b[2J\u001b]0;pwned\u0007 paid ${encoded}`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0000',
    `Message-ID: <evil-${name}@evil.example>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Pay to \u001b[8mhidden\u001b[0m this account.',
    '',
  ].join('\r\n'), 'utf8');
  return file;
}

describe.each(testDatabases())('control characters printed by firmly on $name', ({ name, open }) => {
  let store: TestStore;
  let env: Record<string, string>;
  beforeEach(async () => {
    store = await open();
    env = { ...store.env };
  });
  afterEach(async () => { await store.close(); });

  it('shows a stranger\'s ESC-laden subject in `unmatched-mail` inert (C0 kept as U+FFFD, C1 and bidi escaped), and --json gives back the kept text', async () => {
    expect(await runFirmly(env, '', 'import', writeLedger(`ws-${name}`))).toMatchObject({ code: 0 });
    expect(await runFirmly(env, '', 'import-mail', strangerMail(name))).toMatchObject({ code: 0 });
    const listed = await runFirmly(env, '', 'unmatched-mail');
    expect(listed.code).toBe(0);
    expectInert(listed.stdout);
    expect(listed.stdout).toContain('Invoice \uFFFD[2J\uFFFD]0;pwned\uFFFD paid \\u009b31m \\u202eevil\\u2069');
    expect(listed.stdout).toContain('Mallory \\u202e\\u009b');

    const json = await runFirmly(env, '', 'unmatched-mail', '--json');
    expectInert(json.stdout);
    const mail = (JSON.parse(json.stdout) as { mails: { subject: string; from: { name: string } }[] }).mails[0];
    expect(mail?.subject).toBe('Invoice \uFFFD[2J\uFFFD]0;pwned\uFFFD paid \u009b31m \u202eevil\u2069');
    expect(mail?.from.name).toBe('Mallory \u202e\u009b');
  });

  it('shows a client name and an SMTP server\'s error text escaped in assess, sweep, outbox show and outbox list', async () => {
    expect(await runFirmly(env, '', 'import', writeLedger(`names-${name}`))).toMatchObject({ code: 0 });
    const assess = await runFirmly(env, '', 'assess', '--at', '2026-11-20');
    expect(assess.code).toBe(0);
    expectInert(assess.stdout);
    expect(assess.stdout).toContain(inert);

    const sweep = await runFirmly(env, '', 'sweep', '--at', '2026-11-20');
    expect(sweep.code).toBe(0);
    expectInert(sweep.stdout);
    const key = 'c1/late/i1/reminder-1';
    const shown = await runFirmly(env, '', 'outbox', 'show', key);
    expect(shown.code).toBe(0);
    expectInert(shown.stdout);
    expect(shown.stdout).toContain('\\u009b2J');

    // The refusal's text is the server's, quoted into the outbox and printed by `outbox list`.
    const smtp = await startSmtpListener({ verdict: () => ({ code: 550, message: 'mailbox \u001b[2J\u001b]0;pwned\u0007 \u202efull' }) });
    try {
      const mail = { ...env, SMTP_URL: smtp.url, SMTP_FROM: 'Studio Test <hello@studio.example>' };
      expect(await runFirmly(mail, '', 'outbox', 'approve', key)).toMatchObject({ code: 0 });
      const sent = await runFirmly(mail, '', 'outbox', 'send');
      expectInert(sent.stdout + sent.stderr);
    } finally {
      await smtp.close();
    }
    const outbox = await runFirmly(env, '', 'outbox', 'list');
    expect(outbox.code).toBe(0);
    expectInert(outbox.stdout);
    expect(outbox.stdout).toContain(`"Faktura ${inert}`); // the subject drafted from the invoice number
    expect(outbox.stdout).toContain('\\u202efull'); // nodemailer drops the C0 controls of the reply, not the bidi override

    for (const [argv, exact] of [[['assess', '--at', '2026-11-20', '--json'], hostile], [['outbox', 'list', '--json'], `Faktura ${hostile}`], [['outbox', 'list', '--json'], ' \u202efull']] as const) {
      const json = await runFirmly(env, '', ...argv);
      expectInert(json.stdout);
      // Parsed back, the exact text: JSON.stringify of the parsed value holds it as JSON would.
      expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(exact).slice(1, -1));
    }
  });

  it('keeps `export` valid JSON Lines holding exactly the ledger\'s text', async () => {
    expect(await runFirmly(env, '', 'import', writeLedger(`export-${name}`))).toMatchObject({ code: 0 });
    const exported = await runFirmly(env, '', 'export');
    expect(exported.code).toBe(0);
    expectInert(exported.stdout);
    const added = exported.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; data: { name?: string } }).find((e) => e.type === 'client.added');
    expect(added?.data.name).toBe(hostile);
  });

  it('escapes controls in error messages that quote input, such as a file name', async () => {
    const outcome = await runFirmly(env, '', 'import-mail', join(dir, 'no\u001b[2Jsuch\u202e.eml'));
    expect(outcome.code).toBe(2);
    expectInert(outcome.stderr);
    expect(outcome.stderr).toContain('no\\u001b[2Jsuch\\u202e.eml');
  });
});

/** A workspace with one client whose name is `hostile`, an unpaid invoice numbered with it, long overdue on 2026-11-20. */
function writeLedger(name: string): string {
  const file = join(dir, `${name}.jsonl`);
  const invoice = anInvoice('c1', 'i1', '1000.00', '2026-10-01', { at: '2026-09-20T09:00:00Z' });
  writeFileSync(file, jsonl(
    aWorkspace({ at: '2026-01-01T08:00:00Z' }),
    aClient('c1', { at: '2026-01-02T09:00:00Z' }),
    { ...invoice, data: { ...invoice.data, number: hostile } },
  ).replace('"Client c1"', JSON.stringify(hostile)));
  return file;
}
