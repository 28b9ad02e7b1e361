import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { appContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import { assessWorkspace } from '../../src/app/assess-workspace.ts';
import { verifyWorkspace } from '../../src/app/maintain-ledger.ts';
import { renderMessage } from '../../src/app/render-message.ts';
import { deliverDue, markOutboxMessageSent, messageIdFor } from '../../src/app/deliver-outbox.ts';
import {
  approveOutboxMessages, autoSendSettings, discardOutboxMessages, editOutboxMessage, listOutboxMessages, retryOutboxMessages, setAutoSend, showOutboxMessage,
} from '../../src/app/outbox-review.ts';
import { smtpTransport, type MailTransport } from '../../src/app/outbox-smtp.ts';
import { runCli } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import type { IsoDate, IsoInstant } from '../../src/core/dates.ts';
import { openStore } from '../../src/store/database.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { useTestApp } from '../support/app.ts';
import { scenariosDir } from '../support/paths.ts';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener.ts';

const from = { name: 'Studio Bakeriet', address: 'hello@bakeriet.example' };

function scenario(name: string): { file: string; at: IsoDate } {
  const expected = JSON.parse(readFileSync(join(scenariosDir, `${name}.expected.json`), 'utf8')) as { at: IsoDate };
  return { file: join(scenariosDir, `${name}.jsonl`), at: expected.at };
}

/** `date` at `time` UTC, plus `minutes`. */
const instant = (date: string, minutes = 0, time = '12:00:00Z'): IsoInstant =>
  new Date(Date.parse(`${date}T${time}`) + minutes * 60_000).toISOString() as IsoInstant;

describe.each(testDatabases())('the outbox on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let listener: SmtpListener;
  let transport: MailTransport;
  useTestApp(open, (s, c) => { store = s; ctx = c; });
  beforeEach(async () => {
    listener = await startSmtpListener();
    transport = smtpTransport({ url: listener.url, from });
  });
  afterEach(async () => {
    transport.close();
    await listener.close();
  });

  const sentEvents = async (ws: string) =>
    (await store.raw('select id, at, data from ledger_event where workspace_id = ? and type = ? order by seq', [ws, 'message.sent']) as { id: string; at: string; data: string }[])
      .map((row) => ({ id: row.id, at: row.at, data: JSON.parse(row.data) as Record<string, string> }))
      .filter((e) => e.id.startsWith('outbox:'));

  it('sends the late payer\'s approved reminder once, in the client\'s language, with the Message-ID of its action, and records it', async () => {
    const { file, at } = scenario('s11_00_gb');
    await importLedger(ctx, 'ws', [file]);
    await runSweep(ctx, 'ws', at);
    const key = 'c3/late/c3_inv8/reminder-1';
    expect((await listOutboxMessages(ctx, 'ws')).find((m) => m.actionKey === key)).toMatchObject({ status: 'queued', kind: 'payment.reminder' });

    // Nothing goes out before a person approves it.
    expect((await deliverDue(ctx, 'ws', transport, instant(at))).sent).toEqual([]);
    expect(listener.accepted()).toBe(0);

    expect(await approveOutboxMessages(ctx, 'ws', [key], { date: at })).toEqual([{ actionKey: key, outcome: 'approved' }]);
    const report = await deliverDue(ctx, 'ws', transport, instant(at));
    const messageId = messageIdFor(ctx.sha256, 'ws', key, from.address);
    expect(messageId).toMatch(/^<firmly\.[0-9a-f]{32}@bakeriet\.example>$/);
    expect(report.sent).toEqual([{ actionKey: key, messageId }]);

    const rendered = await renderMessage(ctx, 'ws', { clientId: 'c3', template: 'late.reminder.first', locale: 'en', subjectId: 'c3_inv8' }, at);
    const [mail, ...others] = await listener.messages();
    expect(others).toEqual([]);
    expect(mail).toMatchObject({ messageId, subject: rendered.subject, to: ['kim@c3.example'], from: [from.address], language: 'en', rcptTo: ['kim@c3.example'] });
    expect(mail?.text?.trim()).toBe(rendered.text.trim());
    expect(mail?.text).toContain('2024-c3-008');
    expect(mail?.html).toContain('<html lang="en">');

    const [event, ...more] = await sentEvents('ws');
    expect(more).toEqual([]);
    expect(event).toMatchObject({ id: `outbox:${key}`, at: instant(at), data: { messageId, clientId: 'c3', channel: 'email', subject: rendered.subject, actionKey: key } });
    expect(event?.data).not.toHaveProperty('requestId');
    expect((await listOutboxMessages(ctx, 'ws')).find((m) => m.actionKey === key)).toMatchObject({ status: 'sent', attempts: 1, messageId, sentAt: instant(at) });

    const next = await assessWorkspace(ctx, 'ws', at);
    expect(next.clients.find((c) => c.clientId === 'c3')?.actions.map((a) => a.key)).not.toContain(key);
    expect((await runSweep(ctx, 'ws', at)).done.map((a) => a.key)).not.toContain(key);

    // Sending again sends nothing more.
    expect(await deliverDue(ctx, 'ws', transport, instant(at, 5))).toMatchObject({ sent: [], failed: [] });
    expect(listener.accepted()).toBe(1);
    expect(await sentEvents('ws')).toHaveLength(1);
    expect(await verifyWorkspace(ctx, 'ws')).toMatchObject({ ok: true });
  });

  it('writes to a Danish client in Danish, and names the request a reminder is about', async () => {
    const { file, at } = scenario('s11_02_dk');
    await importLedger(ctx, 'ws', [file]);
    await runSweep(ctx, 'ws', at);
    const key = 'c4/late/c4_inv6/reminder-1';
    await approveOutboxMessages(ctx, 'ws', [key], { date: at });
    await deliverDue(ctx, 'ws', transport, instant(at));
    const [mail] = await listener.messages();
    expect(mail).toMatchObject({ language: 'da', messageId: messageIdFor(ctx.sha256, 'ws', key, from.address) });
    expect(mail?.html).toContain('<html lang="da">');
    const rendered = await renderMessage(ctx, 'ws', { clientId: 'c4', template: 'late.reminder.first', locale: 'da', subjectId: 'c4_inv6' }, at);
    expect(mail?.subject).toBe(rendered.subject);
    expect(mail?.text?.trim()).toBe(rendered.text.trim());
    expect(mail?.text).toMatch(/faktura/i);

    const gb = scenario('s11_00_gb');
    await importLedger(ctx, 'gb', [gb.file]);
    await runSweep(ctx, 'gb', gb.at);
    const reminder = 'c2/request/c2_req14/reminder-1';
    await approveOutboxMessages(ctx, 'gb', [reminder], { date: gb.at });
    await deliverDue(ctx, 'gb', transport, instant(gb.at));
    expect((await sentEvents('gb'))[0]?.data).toMatchObject({ actionKey: reminder, requestId: 'c2_req14', clientId: 'c2' });
  });

  it('keeps messages while the SMTP server is down, backs off, and sends each exactly once when it is back', async () => {
    const { file, at } = scenario('s11_00_gb');
    await importLedger(ctx, 'ws', [file]);
    await runSweep(ctx, 'ws', at);
    const keys = ['c3/late/c3_inv8/reminder-1', 'c3/late/c3_inv9/reminder-1', 'c4/request/c4_batch_open/reminder-1'];
    await approveOutboxMessages(ctx, 'ws', keys, { date: at });
    const { port } = listener;
    await listener.close();

    const first = await deliverDue(ctx, 'ws', transport, instant(at));
    expect(first.sent).toEqual([]);
    expect(first.failed).toHaveLength(1);
    expect(first.failed[0]?.retryAt).toBe(instant(at, 1));
    expect(first.deferred).toHaveLength(2); // the server is down: the others are not tried this round
    const waiting = await listOutboxMessages(ctx, 'ws', { statuses: ['approved'] });
    expect(waiting.map((m) => m.actionKey).sort()).toEqual([...keys].sort());
    expect(waiting.map((m) => m.attempts).sort()).toEqual([0, 0, 1]);
    expect(waiting.every((m) => m.nextAttemptAt === instant(at, 1) && /ECONNREFUSED|ECONNECTION/.test(m.lastError ?? ''))).toBe(true);

    // Not yet time for the next try: nothing is tried.
    expect(await deliverDue(ctx, 'ws', transport, instant(at, 0.5))).toMatchObject({ sent: [], failed: [], deferred: [] });
    // Still down a minute later: the wait doubles.
    const second = await deliverDue(ctx, 'ws', transport, instant(at, 1));
    expect(second.failed[0]?.retryAt).toBe(instant(at, 3));

    listener = await startSmtpListener({ port });
    const back = await deliverDue(ctx, 'ws', transport, instant(at, 3));
    expect(back.sent.map((s) => s.actionKey).sort()).toEqual([...keys].sort());
    expect(await deliverDue(ctx, 'ws', transport, instant(at, 60))).toMatchObject({ sent: [], failed: [] });
    const ids = (await listener.messages()).map((m) => m.messageId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids)).toEqual(new Set(keys.map((k) => messageIdFor(ctx.sha256, 'ws', k, from.address))));
    expect((await sentEvents('ws')).map((e) => e.data['actionKey']).sort()).toEqual([...keys].sort());
    expect((await listOutboxMessages(ctx, 'ws')).filter((m) => keys.includes(m.actionKey)).every((m) => m.status === 'sent' && m.lastError === null)).toBe(true);
  });

  it('fails a message the server refuses for good, and sends it after a retry', async () => {
    const { file, at } = scenario('s11_00_gb');
    await importLedger(ctx, 'ws', [file]);
    await runSweep(ctx, 'ws', at);
    const key = 'c3/late/c3_inv8/reminder-1';
    await approveOutboxMessages(ctx, 'ws', [key], { date: at });
    const { port } = listener;
    await listener.close();
    let refuse = true;
    listener = await startSmtpListener({ port, verdict: () => (refuse ? { code: 550, message: 'no such mailbox here' } : undefined) });

    const report = await deliverDue(ctx, 'ws', transport, instant(at));
    expect(report.failed).toEqual([{ actionKey: key, error: expect.stringMatching(/550/), retryAt: null }]);
    expect((await showOutboxMessage(ctx, 'ws', key)).entry).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await deliverDue(ctx, 'ws', transport, instant(at, 600))).toMatchObject({ sent: [], failed: [] });

    refuse = false;
    expect(await retryOutboxMessages(ctx, 'ws', [key])).toEqual([{ actionKey: key, changed: true, status: 'approved' }]);
    expect((await deliverDue(ctx, 'ws', transport, instant(at, 601))).sent).toHaveLength(1);
    expect(listener.accepted()).toBe(1);
  });

  it('gives up after the last try and keeps the message for a person', async () => {
    const { file, at } = scenario('s11_00_gb');
    await importLedger(ctx, 'ws', [file]);
    await runSweep(ctx, 'ws', at);
    const key = 'c3/late/c3_inv8/reminder-1';
    await approveOutboxMessages(ctx, 'ws', [key], { date: at });
    await listener.close();
    const tries = [];
    for (let minute = 0; minute < 60; minute++) tries.push(...(await deliverDue(ctx, 'ws', transport, instant(at, minute), { maxAttempts: 3 })).failed);
    expect(tries.map((f) => f.retryAt)).toEqual([instant(at, 1), instant(at, 3), null]);
    expect((await showOutboxMessage(ctx, 'ws', key)).entry).toMatchObject({ status: 'failed', attempts: 3 });
  });

  const approvedReminder = async () => {
    const { file, at } = scenario('s11_00_gb');
    await importLedger(ctx, 'ws', [file]);
    await runSweep(ctx, 'ws', at);
    const key = 'c3/late/c3_inv8/reminder-1';
    await approveOutboxMessages(ctx, 'ws', [key], { date: at });
    return { at, key, messageId: messageIdFor(ctx.sha256, 'ws', key, from.address) };
  };

  it('holds for a person, rather than mails again, a message the server accepted just before the sender died, and records it once marked sent', async () => {
    const { at, key, messageId } = await approvedReminder();
    // The server accepts the message, then the sender dies before it can record that.
    const dying: MailTransport = { from, send: async (mail, beforeEnd) => { await transport.send(mail, beforeEnd); throw new Error('killed'); }, close: () => undefined };
    await expect(deliverDue(ctx, 'ws', dying, instant(at))).rejects.toThrow('killed');
    expect((await showOutboxMessage(ctx, 'ws', key)).entry).toMatchObject({ status: 'unconfirmed', attempts: 1, nextAttemptAt: instant(at, 10), sentAt: instant(at) });
    expect(await sentEvents('ws')).toEqual([]);

    // Another round while the claim holds leaves it alone (its answer may still be on its way).
    expect(await deliverDue(ctx, 'ws', transport, instant(at, 5))).toMatchObject({ sent: [], recovered: [], held: [] });
    // Once the claim has lapsed, it is held: it may have arrived, and only a person can tell.
    const later = await deliverDue(ctx, 'ws', transport, instant(at, 10));
    expect(later).toMatchObject({ sent: [], recovered: [], held: [{ actionKey: key, messageId, error: expect.stringMatching(/^may have been sent: .*Check the Sent folder/) }] });
    expect((await showOutboxMessage(ctx, 'ws', key)).entry).toMatchObject({ status: 'failed', lastError: expect.stringContaining(messageId) });
    expect(await deliverDue(ctx, 'ws', transport, instant(at, 60))).toMatchObject({ sent: [], held: [] });
    expect((await listener.messages()).map((m) => m.messageId)).toEqual([messageId]); // delivered once

    // The person finds it in the Sent folder: recorded as sent when the server had it, not mailed.
    expect(await markOutboxMessageSent(ctx, 'ws', key)).toEqual({ actionKey: key, changed: true, status: 'sent' });
    expect(await sentEvents('ws')).toMatchObject([{ at: instant(at), data: { messageId, actionKey: key } }]);
    expect(await markOutboxMessageSent(ctx, 'ws', key)).toEqual({ actionKey: key, changed: false, status: 'sent' });
    expect(listener.accepted()).toBe(1);
    expect(await verifyWorkspace(ctx, 'ws')).toMatchObject({ ok: true });
  });

  it('sends a held message again with the same Message-ID when the person retries it', async () => {
    const { at, key, messageId } = await approvedReminder();
    const dying: MailTransport = { from, send: async (mail, beforeEnd) => { await transport.send(mail, beforeEnd); throw new Error('killed'); }, close: () => undefined };
    await expect(deliverDue(ctx, 'ws', dying, instant(at))).rejects.toThrow('killed');
    expect((await deliverDue(ctx, 'ws', transport, instant(at, 10))).held).toHaveLength(1);
    expect(await retryOutboxMessages(ctx, 'ws', [key])).toEqual([{ actionKey: key, changed: true, status: 'approved' }]);
    expect((await deliverDue(ctx, 'ws', transport, instant(at, 11))).sent).toEqual([{ actionKey: key, messageId }]);
    const mails = await listener.messages();
    expect(mails.map((m) => m.messageId)).toEqual([messageId, messageId]); // the person's choice: the same message again
    expect(mails[0]?.text).toBe(mails[1]?.text);
    expect(await sentEvents('ws')).toHaveLength(1);
  });

  it('sends once, after its claim lapses, a message whose sender died before the end of it left', async () => {
    const { at, key, messageId } = await approvedReminder();
    // Everything but the end of the message reached the server; then the sender died.
    const dying: MailTransport = { from, send: (mail) => transport.send(mail, () => Promise.reject(new Error('killed'))), close: () => undefined };
    await expect(deliverDue(ctx, 'ws', dying, instant(at))).rejects.toThrow('killed');
    expect((await showOutboxMessage(ctx, 'ws', key)).entry).toMatchObject({ status: 'sending', attempts: 1 });
    expect(listener.accepted()).toBe(0); // the server dropped the unfinished message
    const later = await deliverDue(ctx, 'ws', transport, instant(at, 10));
    expect(later).toMatchObject({ recovered: [key], sent: [{ actionKey: key, messageId }], held: [] });
    expect((await listener.messages()).map((m) => m.messageId)).toEqual([messageId]);
    expect(await sentEvents('ws')).toHaveLength(1);
  });

  it('never lets a round that outlived its claim send a second copy', async () => {
    const { at, key, messageId } = await approvedReminder();
    // A sender suspended mid-send (a laptop lid, SIGSTOP) past its claim; another round takes over.
    let resume: () => void = () => undefined;
    const suspended = new Promise<void>((resolve) => { resume = resolve; });
    let reached: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => { reached = resolve; });
    const slow: MailTransport = { from, send: async (mail, beforeEnd) => { reached(); await suspended; await transport.send(mail, beforeEnd); }, close: () => undefined };
    const first = deliverDue(ctx, 'ws', slow, instant(at));
    await paused;
    expect((await deliverDue(ctx, 'ws', transport, instant(at, 10))).sent).toEqual([{ actionKey: key, messageId }]);
    resume();
    expect(await first).toMatchObject({ sent: [], held: [], failed: [] });
    expect((await listener.messages()).map((m) => m.messageId)).toEqual([messageId]);
    expect(await sentEvents('ws')).toHaveLength(1);
    expect((await showOutboxMessage(ctx, 'ws', key)).entry).toMatchObject({ status: 'sent' });
  });

  it('holds a message when the server drops the connection after its end, without an answer', async () => {
    await listener.close();
    listener = await startSmtpListener({ verdict: () => 'drop' });
    transport.close();
    transport = smtpTransport({ url: listener.url, from });
    const { at, key, messageId } = await approvedReminder();
    const report = await deliverDue(ctx, 'ws', transport, instant(at));
    expect(report).toMatchObject({ sent: [], failed: [], held: [{ actionKey: key, messageId, error: expect.stringMatching(/^may have been sent: .*did not answer/) }] });
    expect((await showOutboxMessage(ctx, 'ws', key)).entry).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await deliverDue(ctx, 'ws', transport, instant(at, 60))).toMatchObject({ sent: [], held: [] });
    expect(listener.accepted()).toBe(1);
  });

  it('records, without mailing it again, a message the server accepted just before the sender died', async () => {
    const { file, at } = scenario('s11_00_gb');
    await importLedger(ctx, 'ws', [file]);
    await runSweep(ctx, 'ws', at);
    const key = 'c3/late/c3_inv8/reminder-1';
    await approveOutboxMessages(ctx, 'ws', [key], { date: at });
    const messageId = messageIdFor(ctx.sha256, 'ws', key, from.address);
    // As a sender killed right after noting the server's acceptance leaves it.
    await store.raw('update outbox_message set status = ?, attempts = 1, message_id = ?, sent_at = ? where workspace_id = ? and action_key = ?', ['accepted', messageId, instant(at), 'ws', key]);
    expect(await deliverDue(ctx, 'ws', transport, instant(at, 1))).toMatchObject({ sent: [], alreadySent: [key] });
    expect(listener.accepted()).toBe(0);
    expect(await sentEvents('ws')).toMatchObject([{ at: instant(at), data: { messageId, actionKey: key } }]);
    expect((await showOutboxMessage(ctx, 'ws', key)).entry).toMatchObject({ status: 'sent', sentAt: instant(at) });
    expect(await deliverDue(ctx, 'ws', transport, instant(at, 2))).toMatchObject({ sent: [], alreadySent: [] });
    expect(await verifyWorkspace(ctx, 'ws')).toMatchObject({ ok: true });
  });

  it('sends the kinds set to auto-send without review, and leaves the others for a person', async () => {
    const { file, at } = scenario('s11_00_gb');
    await importLedger(ctx, 'ws', [file]);
    await setAutoSend(ctx, 'ws', 'payment.reminder', true);
    expect((await autoSendSettings(ctx, 'ws')).filter((s) => s.auto)).toEqual([{ kind: 'payment.reminder', auto: true }]);
    await expect(setAutoSend(ctx, 'ws', 'client.walk-away', true)).rejects.toThrow(/never sent/);
    await runSweep(ctx, 'ws', at);

    const report = await deliverDue(ctx, 'ws', transport, instant(at));
    const payment = (await listOutboxMessages(ctx, 'ws')).filter((m) => m.kind === 'payment.reminder').map((m) => m.actionKey).sort();
    expect(payment.length).toBeGreaterThan(0);
    expect([...report.approved].sort()).toEqual(payment);
    expect(report.sent.map((s) => s.actionKey).sort()).toEqual(payment);
    const rest = await listOutboxMessages(ctx, 'ws', { statuses: ['queued'] });
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.some((m) => m.kind === 'payment.reminder')).toBe(false);
    expect((await listener.messages()).map((m) => m.to[0]).every((to) => to === 'kim@c3.example')).toBe(true);

    await setAutoSend(ctx, 'ws', 'payment.reminder', false);
    expect((await autoSendSettings(ctx, 'ws')).some((s) => s.auto)).toBe(false);
  });

  it('acknowledges a step for the user instead of mailing it, and sends a person\'s edited text', async () => {
    const { file, at } = scenario('s11_00_gb');
    await importLedger(ctx, 'ws', [file]);
    await runSweep(ctx, 'ws', at);
    const walkAway = 'c1/walk-away';
    expect((await showOutboxMessage(ctx, 'ws', walkAway)).letter).toBeNull();
    await expect(editOutboxMessage(ctx, 'ws', walkAway, { subject: 'x', body: 'y' })).rejects.toThrow(/step for you/);

    const key = 'c3/late/c3_inv9/reminder-1';
    const preview = await showOutboxMessage(ctx, 'ws', key, { at });
    expect(preview.letter).toMatchObject({ source: 'preview', asOf: at, locale: 'en' });
    await editOutboxMessage(ctx, 'ws', key, { subject: 'Invoice 2024-c3-009 & the <next> steps', body: 'Dear Kim,\n\nPlease pay <today> & thanks.\n\nStudio' });
    expect((await showOutboxMessage(ctx, 'ws', key)).letter).toMatchObject({ source: 'edited', subject: 'Invoice 2024-c3-009 & the <next> steps' });

    const outcomes = await approveOutboxMessages(ctx, 'ws', [walkAway, key], { date: at });
    expect(outcomes).toEqual([{ actionKey: walkAway, outcome: 'acknowledged' }, { actionKey: key, outcome: 'approved' }]);
    const report = await deliverDue(ctx, 'ws', transport, instant(at));
    expect(report.sent.map((s) => s.actionKey)).toEqual([key]);
    const [mail] = await listener.messages();
    expect(mail?.subject).toBe('Invoice 2024-c3-009 & the <next> steps');
    expect(mail?.text?.trim()).toBe('Dear Kim,\n\nPlease pay <today> & thanks.\n\nStudio');
    expect(mail?.html).toContain('Please pay &lt;today&gt; &amp; thanks.');
    expect((await showOutboxMessage(ctx, 'ws', walkAway)).entry.status).toBe('acknowledged');

    // A discarded message is never sent, and the sweep does not queue it again.
    const other = 'c3/late/c3_inv8/reminder-1';
    expect(await discardOutboxMessages(ctx, 'ws', [other])).toEqual([{ actionKey: other, changed: true, status: 'discarded' }]);
    expect(await approveOutboxMessages(ctx, 'ws', [other])).toMatchObject([{ outcome: 'refused' }]);
    expect((await runSweep(ctx, 'ws', at)).done.map((a) => a.key)).not.toContain(other);
    expect(listener.accepted()).toBe(1);
  });

  it('works through `firmly outbox` and never prints the SMTP password', async () => {
    const { file, at } = scenario('s11_00_gb');
    await importLedger(ctx, 'ws', [file]);
    await runSweep(ctx, 'ws', at);
    const { port } = listener;
    await listener.close();
    listener = await startSmtpListener({ port, login: { user: 'studio', pass: 's3cret-Pa55' } });

    const firmly = async (env: Record<string, string>, ...argv: string[]) => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      stdout.on('data', (chunk) => { out += chunk; });
      stderr.on('data', (chunk) => { out += chunk; });
      const code = await runCli([...argv, '--workspace', 'ws'], {
        configure: (overrides) => loadConfig(env, overrides),
        // Migrated already; skipping it spares each command PostgreSQL's schema introspection,
        // which can trip over a schema another suite on the shared server is dropping.
        open: async (config) => appContext(await openStore(config.database, { migrate: false }), fixedClock(instant(at))),
        serve: () => { throw new Error('not served here'); },
        stdin: Readable.from(['']), stdout, stderr,
      });
      return { code, out };
    };
    const good = { ...store.env, SMTP_URL: `smtp://studio:s3cret-Pa55@127.0.0.1:${port}`, SMTP_FROM: 'Studio Bakeriet <hello@bakeriet.example>' };
    const bad = { ...good, SMTP_URL: `smtp://studio:wr0ng-Pa55@127.0.0.1:${port}` };
    const key = 'c3/late/c3_inv8/reminder-1';

    expect(await firmly(store.env, 'outbox', 'send')).toMatchObject({ code: 2, out: expect.stringMatching(/SMTP_URL/) });
    const list = await firmly(store.env, 'outbox', 'list', '--json');
    expect(list.code).toBe(0);
    expect((JSON.parse(list.out) as { actionKey: string; status: string }[]).find((m) => m.actionKey === key)?.status).toBe('queued');
    expect((await firmly(store.env, 'outbox', 'show', key)).out).toMatch(/preview as of 2024-11-27\)\n\nTo: Kim Fenwick <kim@c3\.example>\nSubject: /);
    expect(await firmly(store.env, 'outbox', 'approve', key)).toMatchObject({ code: 0, out: expect.stringMatching(/1 message\(s\) approved/) });

    const refused = await firmly(bad, 'outbox', 'send');
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/will retry at/);
    expect(refused.out).not.toContain('wr0ng-Pa55');
    const errors = await store.raw('select last_error from outbox_message where workspace_id = ?', ['ws']) as { last_error: string | null }[];
    expect(errors.some((r) => r.last_error !== null && /EAUTH|535/.test(r.last_error))).toBe(true);
    expect(JSON.stringify(errors)).not.toContain('wr0ng-Pa55');
    expect((await firmly(bad, 'outbox', 'list')).out).not.toContain('wr0ng-Pa55');

    expect(await firmly({ ...good, SMTP_URL: 'ftp://studio:s3cret-Pa55@x' }, 'outbox', 'list')).toMatchObject({ code: 2, out: expect.not.stringContaining('s3cret') });
    // The retry is due a minute later; the clock of the command line is fixed, so retry by hand.
    await store.raw('update outbox_message set next_attempt_at = null where workspace_id = ?', ['ws']);
    const sent = await firmly(good, 'outbox', 'send', '--json');
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.out)).toMatchObject({ sent: [{ actionKey: key, messageId: messageIdFor(ctx.sha256, 'ws', key, 'hello@bakeriet.example') }] });
    expect(sent.out).not.toContain('s3cret-Pa55');
    expect(listener.accepted()).toBe(1);

    expect((await firmly(store.env, 'outbox', 'auto-send', 'request.reminder', 'on')).out).toMatch(/request\.reminder\s+sent automatically/);
    expect((await firmly(store.env, 'outbox', 'auto-send', 'nonsense', 'on')).code).toBe(1);
    expect((await firmly(store.env, 'outbox', 'approve')).code).toBe(2);
  });
});
