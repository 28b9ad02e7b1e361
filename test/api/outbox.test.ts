import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { deliverDue } from '../../src/app/deliver-outbox.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { approveOutboxMessages, listOutboxMessages } from '../../src/app/outbox-review.ts';
import { smtpTransport } from '../../src/app/outbox-smtp.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import type { IsoDate, IsoInstant } from '../../src/core/dates.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aClient, anInvoice, aPayment, aWorkspace, jsonl, raw, type RawEvent } from '../support/events.ts';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener.ts';
import { clientFor, signedInRoles, type Client } from './helpers.ts';

// The outbox and the letter templates over HTTP (#6), through the same services as
// `firmly outbox` and `firmly template`, with a real SMTP listener on loopback.

const ws = 'ws';
const today = '2026-11-27' as IsoDate;
const now = '2026-11-27T10:00:00Z';
const from = { name: 'Studio Test', address: 'hello@studio.example' };
const dkKey = 'dk/late/dk-inv/reminder-1';
const gbKey = 'gb/late/gb-inv/reminder-1';
const url = (key: string, action = '') => `/api/workspaces/${ws}/outbox/${encodeURIComponent(key)}${action}`;

const ledger: RawEvent[] = [
  aWorkspace(),
  aClient('dk', { at: '2026-03-01T09:00:00Z' }),
  raw('client.added', { clientId: 'gb', name: 'Harbour Ltd', locale: 'en', currency: 'DKK', contacts: [{ name: 'Sam', email: 'sam@harbour.example' }, { name: 'Ali', email: 'ali@harbour.example' }] }),
  anInvoice('dk', 'dk-inv', '1000.00', '2026-11-01'),
  anInvoice('gb', 'gb-inv', '2500.00', '2026-11-10'),
];

const load = (ctx: AppContext, events: RawEvent[]) => importLedger(ctx, ws, [{ name: 'inline', open: () => Readable.from([jsonl(...events)]) }]);

describe.each(testDatabases())('the outbox API on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let listener: SmtpListener;
  let owner: Client;
  let member: Client;
  let viewer: Client;

  beforeEach(async () => {
    store = await open();
    ctx = appContext(store, fixedClock(now));
    await load(ctx, ledger);
    await runSweep(ctx, ws, today);
    listener = await startSmtpListener();
    // ServerDeps.mail: the SMTP settings main.ts passes from SMTP_URL and SMTP_FROM.
    const deps = { ctx, workspaceId: ws, mail: { smtp: { url: listener.url, from } } };
    app = await buildServer(deps, { logLevel: 'silent' });
    ({ owner, member, viewer } = await signedInRoles(app, ctx, ws, ['owner', 'member', 'viewer']));
  });
  afterEach(async () => {
    await app.close();
    await listener.close();
    await store.close();
  });

  const messageOf = async (key: string) => (await viewer.get(url(key))).json() as { message: Record<string, unknown>; preview: Record<string, unknown> | null };

  it('lists the queued messages with client, addressees and the subject they would have today, filtered by status', async () => {
    const res = await viewer.get(`/api/workspaces/${ws}/outbox`);
    expect(res.statusCode).toBe(200);
    const { messages } = res.json() as { messages: Record<string, unknown>[] };
    expect(messages.map((m) => m.id).sort()).toEqual([dkKey, gbKey]);
    expect(messages.find((m) => m.id === gbKey)).toMatchObject({
      actionKey: gbKey, kind: 'payment.reminder', template: 'late.reminder.first', clientId: 'gb', clientName: 'Harbour Ltd', locale: 'en',
      status: 'queued', subject: 'Invoice N-gb-inv: a friendly reminder', to: ['sam@harbour.example', 'ali@harbour.example'],
      approvedAt: null, sentAt: null, attempts: 0, lastError: null, edited: false, createdAt: expect.stringMatching(/^2026-11-27T/),
    });
    expect((await viewer.get(`/api/workspaces/${ws}/outbox?status=approved,sent`)).json()).toEqual({ messages: [] });
    const bad = await viewer.get(`/api/workspaces/${ws}/outbox?status=queued,lost`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'input.invalid', detail: expect.stringContaining('"lost"') });
  });

  it('shows a message with its letter in the client\'s language: Danish for the Danish client, English for the English one', async () => {
    const dk = await viewer.get(url(dkKey));
    expect(dk.statusCode).toBe(200);
    expect(dk.json().preview).toMatchObject({ locale: 'da', subject: 'Faktura N-dk-inv: en venlig påmindelse', to: ['kim@dk.example'], warnings: expect.any(Array) });
    expect(dk.json().preview.text).toContain('Kim');
    expect(dk.json().preview.html).toContain('<');
    expect(dk.json().message).toMatchObject({ clientName: 'Client dk', subject: 'Faktura N-dk-inv: en venlig påmindelse' });
    expect((await viewer.get(url(gbKey))).json().preview).toMatchObject({ locale: 'en', subject: 'Invoice N-gb-inv: a friendly reminder' });

    const missing = await viewer.get(url('dk/late/nothing/reminder-1'));
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('outbox.not_found');
  });

  it('keeps a person\'s edit: the preview shows it, and it needs approval again', async () => {
    const res = await member.request({ method: 'PUT', url: url(dkKey), payload: { subject: 'Lige en påmindelse', text: 'Hej Kim,\r\nvi mangler stadig betalingen.' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().message).toMatchObject({ status: 'queued', edited: true, subject: 'Lige en påmindelse' });
    const { preview } = await messageOf(dkKey);
    expect(preview).toMatchObject({ subject: 'Lige en påmindelse', text: 'Hej Kim,\nvi mangler stadig betalingen.\n' });

    const empty = await member.request({ method: 'PUT', url: url(dkKey), payload: { subject: ' ', text: 'x' } });
    expect(empty.statusCode).toBe(400);
  });

  it('approves, then sends over SMTP: the letter arrives at the server and the message is sent', async () => {
    const approved = await member.request({ method: 'POST', url: url(dkKey, '/approve') });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().message).toMatchObject({ status: 'approved', approvedAt: expect.any(String) });
    expect(listener.accepted()).toBe(0);

    const sent = await member.request({ method: 'POST', url: url(dkKey, '/send') });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().message).toMatchObject({ status: 'sent', sentAt: expect.any(String), attempts: 1, lastError: null });
    const [mail, ...others] = await listener.messages();
    expect(others).toEqual([]);
    expect(mail).toMatchObject({ subject: 'Faktura N-dk-inv: en venlig påmindelse', to: ['kim@dk.example'], from: [from.address], language: 'da' });

    // Sending it again mails nothing.
    expect((await member.request({ method: 'POST', url: url(dkKey, '/send') })).json().message.status).toBe('sent');
    expect(listener.accepted()).toBe(1);
    // Only the one message was sent: the other stays queued.
    expect((await messageOf(gbKey)).message.status).toBe('queued');
  });

  it('answers 200 with the message failed and the reason when the SMTP server is down, and sends it after a retry once it is back', async () => {
    const port = listener.port;
    await listener.close();
    const down = await member.request({ method: 'POST', url: url(gbKey, '/send') });
    expect(down.statusCode).toBe(200);
    expect(down.json().message).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i), nextAttemptAt: null });

    const retried = await member.request({ method: 'POST', url: url(gbKey, '/retry') });
    expect(retried.statusCode).toBe(200);
    expect(retried.json().message).toMatchObject({ status: 'approved', attempts: 0 });
    const again = await member.request({ method: 'POST', url: url(gbKey, '/retry') });
    expect(again.statusCode).toBe(409);

    listener = await startSmtpListener({ port });
    const sent = await member.request({ method: 'POST', url: url(gbKey, '/send') });
    expect(sent.json().message).toMatchObject({ status: 'sent', lastError: null });
    expect((await listener.messages()).map((m) => [m.subject, m.to, m.cc])).toEqual([['Invoice N-gb-inv: a friendly reminder', ['sam@harbour.example'], ['ali@harbour.example']]]);
  });

  it('holds a message whose end got no answer, and records it sent without mailing it when a person marks it so', async () => {
    await app.close();
    await listener.close();
    listener = await startSmtpListener({ verdict: () => 'drop' });
    app = await buildServer({ ctx, workspaceId: ws, mail: { smtp: { url: listener.url, from } } }, { logLevel: 'silent' });
    member = clientFor(app, member.cookie, member.csrf);
    expect((await member.request({ method: 'POST', url: url(gbKey, '/mark-sent') })).statusCode).toBe(409); // queued: never handed over

    const held = await member.request({ method: 'POST', url: url(gbKey, '/send') });
    expect(held.statusCode).toBe(200);
    expect(held.json().message).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/^may have been sent: .*Check the Sent folder/) });
    const marked = await member.request({ method: 'POST', url: url(gbKey, '/mark-sent') });
    expect(marked.statusCode).toBe(200);
    expect(marked.json().message).toMatchObject({ status: 'sent' });
    expect(listener.accepted()).toBe(1);
    const events = await store.raw('select data from ledger_event where workspace_id = ? and type = ?', [ws, 'message.sent']) as { data: string }[];
    expect(events.map((e) => JSON.parse(e.data).actionKey)).toEqual([gbKey]);
  });

  it('discards a message, which is then never sent', async () => {
    const res = await member.request({ method: 'POST', url: url(gbKey, '/discard') });
    expect(res.statusCode).toBe(200);
    expect(res.json().message.status).toBe('discarded');
    const send = await member.request({ method: 'POST', url: url(gbKey, '/send') });
    expect(send.statusCode).toBe(409);
    expect(listener.accepted()).toBe(0);
    expect((await member.request({ method: 'POST', url: url(gbKey, '/approve') })).statusCode).toBe(409);
  });

  it('does not send a reminder whose invoice was paid after approval: it is discarded, saying why', async () => {
    expect((await member.request({ method: 'POST', url: url(dkKey, '/approve') })).json().message.status).toBe('approved');
    await load(ctx, [aPayment('dk', 'dk-pay', '1000.00', today, ['dk-inv'], { at: '2026-11-27T09:30:00Z' })]);

    const res = await member.request({ method: 'POST', url: url(dkKey, '/send') });
    expect(res.statusCode).toBe(200);
    expect(res.json().message).toMatchObject({ status: 'discarded', lastError: expect.stringMatching(/^no longer due: invoice N-dk-inv is settled/) });
    expect(listener.accepted()).toBe(0);
  });

  it('does the same in a delivery round (`firmly outbox send`), and still sends what is due', async () => {
    await approveOutboxMessages(ctx, ws, 'all', { date: today });
    await load(ctx, [aPayment('dk', 'dk-pay', '1000.00', today, ['dk-inv'], { at: '2026-11-27T09:30:00Z' })]);
    const transport = smtpTransport({ url: listener.url, from });
    try {
      const report = await deliverDue(ctx, ws, transport, now as IsoInstant);
      expect(report.discarded).toEqual([{ actionKey: dkKey, reason: expect.stringMatching(/^no longer due: invoice N-dk-inv is settled/) }]);
      expect(report.sent.map((s) => s.actionKey)).toEqual([gbKey]);
    } finally {
      transport.close();
    }
    expect((await listener.messages()).map((m) => m.to)).toEqual([['sam@harbour.example']]);
    expect((await listOutboxMessages(ctx, ws)).map((m) => [m.actionKey, m.status])).toEqual(expect.arrayContaining([[dkKey, 'discarded'], [gbKey, 'sent']]));
  });

  it('lets a viewer read but not change the outbox or preview letters', async () => {
    expect((await viewer.get(`/api/workspaces/${ws}/outbox`)).statusCode).toBe(200);
    const unsafe = [
      { method: 'PUT' as const, url: url(dkKey), payload: { subject: 'x', text: 'y' } },
      ...['/approve', '/send', '/retry', '/mark-sent', '/discard'].map((action) => ({ method: 'POST' as const, url: url(dkKey, action) })),
      { method: 'POST' as const, url: `/api/workspaces/${ws}/templates/late.reminder.first/da/preview`, payload: { clientId: 'dk' } },
    ];
    for (const request of unsafe) {
      const res = await viewer.request(request);
      expect.soft(res.statusCode, `${request.method} ${request.url}`).toBe(403);
      expect.soft(res.json().code, `${request.method} ${request.url}`).toBe('auth.forbidden');
    }
    expect((await messageOf(dkKey)).message).toMatchObject({ status: 'queued', edited: false });
    expect(listener.accepted()).toBe(0);
  });

  it('lets only an owner change the templates', async () => {
    const path = `/api/workspaces/${ws}/templates/late.reminder.first/da`;
    for (const client of [member, viewer]) {
      expect((await client.request({ method: 'PUT', url: path, payload: { subject: 'x', body: 'y' } })).statusCode).toBe(403);
      expect((await client.request({ method: 'DELETE', url: path })).statusCode).toBe(403);
    }
    expect((await viewer.get(path)).json().overridden).toBe(false);
    expect((await owner.request({ method: 'PUT', url: path, payload: { subject: 'x', body: 'y' } })).statusCode).toBe(200);
  });

  it('lists, sets, previews and resets a template, and the outbox letters use the workspace\'s wording', async () => {
    const list = await viewer.get(`/api/workspaces/${ws}/templates`);
    expect(list.statusCode).toBe(200);
    const { templates } = list.json() as { templates: { id: string; locale: string; overridden: boolean; description: string }[] };
    expect(templates).toContainEqual({ id: 'late.reminder.first', locale: 'da', overridden: false, description: expect.stringMatching(/reminder/i) });
    expect(templates.length).toBeGreaterThanOrEqual(16);

    const path = `/api/workspaces/${ws}/templates/late.reminder.first/da`;
    const before = (await viewer.get(path)).json();
    expect(before).toMatchObject({ id: 'late.reminder.first', locale: 'da', overridden: false, subject: before.defaultSubject, body: before.defaultBody });
    expect(before.values).toContain('invoiceNumber');

    const own = { subject: 'Lille påmindelse om {{invoiceNumber}}', body: 'Hej {{contactName}}, husk {{openAmount}}.' };
    const set = await owner.request({ method: 'PUT', url: path, payload: own });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ ...own, overridden: true, defaultSubject: before.defaultSubject });
    expect((await viewer.get(`/api/workspaces/${ws}/templates`)).json().templates).toContainEqual(expect.objectContaining({ id: 'late.reminder.first', locale: 'da', overridden: true }));
    expect((await messageOf(dkKey)).preview).toMatchObject({ subject: 'Lille påmindelse om N-dk-inv' });

    const preview = await member.request({ method: 'POST', url: `${path}/preview`, payload: { clientId: 'dk', subjectId: 'dk-inv', at: '2026-11-20' } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().subject).toBe('Lille påmindelse om N-dk-inv');
    expect(preview.json().text.replace(/\u00a0/g, ' ')).toBe('Hej Kim, husk 1.000,00 DKK.\n');
    const draft = await member.request({ method: 'POST', url: `${path}/preview`, payload: { clientId: 'dk', subjectId: 'dk-inv', body: 'Udkast til {{clientName}}' } });
    expect(draft.json()).toMatchObject({ subject: 'Lille påmindelse om N-dk-inv', text: 'Udkast til Client dk\n', html: expect.stringContaining('Udkast til Client dk') });

    const reset = await owner.request({ method: 'DELETE', url: path });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ overridden: false, subject: before.defaultSubject });
    expect((await messageOf(dkKey)).preview).toMatchObject({ subject: 'Faktura N-dk-inv: en venlig påmindelse' });
  });

  it('refuses a wording that uses a value the letter does not have, naming it, and unknown templates and languages', async () => {
    const path = `/api/workspaces/${ws}/templates/late.reminder.first/da`;
    const res = await owner.request({ method: 'PUT', url: path, payload: { subject: 'Hej {{kunde}}', body: 'Betal {{openAmount}}' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'input.invalid', unknown: ['kunde'], detail: expect.stringContaining('{{kunde}}') });
    expect((await viewer.get(path)).json().overridden).toBe(false);
    const draft = await member.request({ method: 'POST', url: `${path}/preview`, payload: { clientId: 'dk', subject: '{{kunde}}' } });
    expect(draft.statusCode).toBe(400);

    const unknown = await viewer.get(`/api/workspaces/${ws}/templates/no.such/da`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('template.not_found');
    expect((await viewer.get(`/api/workspaces/${ws}/templates/late.reminder.first/fr`)).statusCode).toBe(400);
  });
});
