import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { assessWorkspace } from '../../src/app/assess-workspace.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { recordEvent } from '../../src/app/record-event.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import { deliverDue } from '../../src/app/deliver-outbox.ts';
import { approveOutboxMessages, listOutboxMessages } from '../../src/app/outbox-review.ts';
import { smtpTransport, type MailTransport } from '../../src/app/outbox-smtp.ts';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener.ts';
import type { IsoDate, IsoInstant } from '../../src/core/dates.ts';
import { listOutbox } from '../../src/store/outbox-store.ts';
import { useTestApp } from '../support/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aClient, aRequest, aWorkspace, jsonl, raw } from '../support/events.ts';

// #12 item 4: "hold escalation until DATE" — no reminders and no stop-work while the hold
// lasts; it ends by itself, and the ladder goes on from the step that is due.

// A late payer: invoice i1 due 15 March is past the contract's 10 stop-work days from 26
// March; the content plan r1 waits on them since 13 March.
const ledger = jsonl(
  aWorkspace({ at: '2026-03-01T08:00:00Z' }),
  aClient('c1', { at: '2026-03-01T08:00:00Z' }),
  raw('contract.signed', {
    contractId: 'k1', clientId: 'c1', startDate: '2026-03-01', networks: ['instagram'], fee: { amount: '8000.00', currency: 'DKK', cycle: 'monthly' },
    paymentTerms: { netDays: 14 }, feedbackDays: 3, approval: { mode: 'none' }, stopWorkAfterDays: 10, lateInterest: 'statutory',
  }, { at: '2026-03-01T09:00:00Z' }),
  raw('invoice.issued', { invoiceId: 'i1', clientId: 'c1', number: '2026-001', issueDate: '2026-03-01', dueDate: '2026-03-15', total: { amount: '8000.00', currency: 'DKK' } }, { at: '2026-03-01T10:00:00Z' }),
  aRequest('c1', 'r1', '2026-03-13', { at: '2026-03-10T09:00:00Z' }),
);

describe.each(testDatabases())('a hold on escalation on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  useTestApp(open, (s, c) => { store = s; ctx = c; });

  const load = () => importLedger(ctx, 'ws', [{ name: 'late-payer.jsonl', open: () => Readable.from([ledger]) }]);
  const hold = (until: string, at: string) => recordEvent(ctx, 'ws', { type: 'escalation.held', at, data: { clientId: 'c1', until, reason: 'promise', note: 'Will pay by the end of March' } });
  const pauses = async () => (await store.raw(`select id from ledger_event where workspace_id = ? and type = 'work.paused'`, ['ws'])).length;
  const drafted = async () => (await listOutbox(store.db, 'ws')).map((m) => m.kind).sort();

  it('drafts no reminder and pauses no work while it lasts, and the day after it ends plans the step due', async () => {
    await load();
    await hold('2026-03-31', '2026-03-16T09:00:00Z');
    for (const day of ['2026-03-16', '2026-03-20', '2026-03-26', '2026-03-31'] as IsoDate[]) {
      const report = await runSweep(ctx, 'ws', day);
      expect(report.done, day).toEqual([]);
    }
    expect(await drafted()).toEqual([]);
    expect(await pauses()).toBe(0);
    const during = (await assessWorkspace(ctx, 'ws', '2026-03-31' as IsoDate)).clients[0];
    expect(during?.hold).toEqual({ until: '2026-03-31', reason: 'promise', note: 'Will pay by the end of March' });
    expect(during?.actions).toEqual([]);

    // The hold is over: the first of each reminder and the stop-work notice, due today — not
    // every reminder that fell due in the fortnight, nor dated on those days.
    const after = await runSweep(ctx, 'ws', '2026-04-01' as IsoDate);
    expect(after.done.map((a) => [a.key, a.due]).sort()).toEqual([
      ['c1/late/i1/reminder-1', '2026-04-01'], ['c1/late/i1/stop-work', '2026-04-01'], ['c1/request/r1/reminder-1', '2026-04-01'],
    ]);
    expect(await pauses()).toBe(1);
    expect((await assessWorkspace(ctx, 'ws', '2026-04-01' as IsoDate)).clients[0]?.hold).toBeNull();
  });

  it('ends early with escalation.released: that day\'s sweep plans what the hold kept back', async () => {
    await load();
    await hold('2026-04-30', '2026-03-16T09:00:00Z');
    expect((await runSweep(ctx, 'ws', '2026-03-19' as IsoDate)).done).toEqual([]);
    await recordEvent(ctx, 'ws', { type: 'escalation.released', at: '2026-03-20T08:00:00Z', data: { clientId: 'c1', reason: 'The promised payment did not come' } });
    const report = await runSweep(ctx, 'ws', '2026-03-20' as IsoDate);
    expect(report.done.map((a) => [a.key, a.due]).sort()).toEqual([['c1/late/i1/reminder-1', '2026-03-20'], ['c1/request/r1/reminder-1', '2026-03-20']]);
    expect(await pauses()).toBe(0);
    // Work stops on the first day past the contract's limit, as without a hold.
    expect((await runSweep(ctx, 'ws', '2026-03-26' as IsoDate)).done.map((a) => a.kind)).toEqual(['work.pause']);
    expect(await pauses()).toBe(1);
  });
});

describe.each(testDatabases())('an approved reminder when a hold is placed, on $name', ({ open }) => {
  let ctx: AppContext;
  let listener: SmtpListener;
  let transport: MailTransport;
  useTestApp(open, (_s, c) => { ctx = c; });
  beforeEach(async () => {
    listener = await startSmtpListener();
    transport = smtpTransport({ url: listener.url, from: { name: 'Studio', address: 'hello@studio.example' } });
  });
  afterEach(async () => {
    transport.close();
    await listener.close();
  });

  it('waits in the outbox, approved, until the hold is over, and is sent then — not discarded', async () => {
    await importLedger(ctx, 'ws', [{ name: 'late-payer.jsonl', open: () => Readable.from([ledger]) }]);
    const keys = (await runSweep(ctx, 'ws', '2026-03-16' as IsoDate)).done.map((a) => a.key).sort();
    expect(keys).toEqual(['c1/late/i1/reminder-1', 'c1/request/r1/reminder-1']);
    await approveOutboxMessages(ctx, 'ws', keys, { date: '2026-03-16' as IsoDate });
    await recordEvent(ctx, 'ws', { type: 'escalation.held', at: '2026-03-17T08:00:00Z', data: { clientId: 'c1', until: '2026-03-31', reason: 'dispute' } });

    const during = await deliverDue(ctx, 'ws', transport, '2026-03-17T12:00:00.000Z' as IsoInstant);
    expect(during.sent).toEqual([]);
    expect(during.discarded).toEqual([]);
    expect([...during.deferred].sort()).toEqual(keys);
    expect((await deliverDue(ctx, 'ws', transport, '2026-03-31T12:00:00.000Z' as IsoInstant)).sent).toEqual([]);
    expect(listener.accepted()).toBe(0);
    const waiting = (await listOutboxMessages(ctx, 'ws')).filter((m) => keys.includes(m.actionKey));
    expect(waiting.map((m) => [m.status, m.nextAttemptAt])).toEqual([['approved', '2026-03-31T22:00:00.000Z'], ['approved', '2026-03-31T22:00:00.000Z']]);

    const after = await deliverDue(ctx, 'ws', transport, '2026-04-01T08:00:00.000Z' as IsoInstant);
    expect(after.sent.map((m) => m.actionKey).sort()).toEqual(keys);
    expect(listener.accepted()).toBe(2);
  });
});

describe.each(testDatabases())('an archived client on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  useTestApp(open, (s, c) => { store = s; ctx = c; });

  it('is skipped by the sweep until restored', async () => {
    await importLedger(ctx, 'ws', [{ name: 'late-payer.jsonl', open: () => Readable.from([ledger]) }]);
    await recordEvent(ctx, 'ws', { type: 'client.archived', at: '2026-03-16T08:00:00Z', data: { clientId: 'c1', reason: 'Project over' } });
    expect((await runSweep(ctx, 'ws', '2026-03-20' as IsoDate)).done).toEqual([]);
    expect((await runSweep(ctx, 'ws', '2026-03-27' as IsoDate)).done).toEqual([]);
    expect(await listOutbox(store.db, 'ws')).toEqual([]);
    await recordEvent(ctx, 'ws', { type: 'client.restored', at: '2026-03-30T08:00:00Z', data: { clientId: 'c1' } });
    expect((await runSweep(ctx, 'ws', '2026-03-30' as IsoDate)).done.map((a) => a.kind).sort()).toEqual(['payment.reminder', 'request.reminder', 'work.pause']);
  });
});
