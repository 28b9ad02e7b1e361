import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate, IsoInstant } from '../dates.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { viewNames } from '../ledger/read-model.ts';
import { asOf, localDate, replayClient, replayWorkspace, workspaceTimeZone, type ClientHistory } from './replay.ts';
import { dkk, ev } from '../../../test/support/ledger-events.ts';

const C1 = 'c1' as ClientId;
const CPH = 'Europe/Copenhagen';


/** A DK workspace in Copenhagen with one client, c1. */
const setup = () => [
  ev('workspace.configured', '2025-12-01T09:00:00Z', {
    name: 'Studio', currency: 'DKK', locale: 'da', timezone: CPH, jurisdiction: 'DK', targetHourlyRate: dkk('650.00'),
  }),
  ev('client.added', '2025-12-01T10:00:00Z', { clientId: 'c1', name: 'Oak & Ivy', locale: 'da', currency: 'DKK', contacts: [] }),
];
const invoice = (invoiceId: string, at: string, dueDate: string, total = '1000.00') =>
  ev('invoice.issued', at, { invoiceId, clientId: 'c1', number: `N-${invoiceId}`, issueDate: at.slice(0, 10), dueDate, total: dkk(total) });
const request = (requestId: string, at: string, dueDate: string) =>
  ev('request.sent', at, { requestId, clientId: 'c1', kind: 'feedback', subject: 'Content plan', dueDate });
const answer = (requestId: string, at: string) => ev('request.answered', at, { requestId, channel: 'email' });

const replay = (events: readonly LedgerEvent[], date: string) => replayClient(C1, events, asOf(date as IsoDate, CPH));
/** Every read model of a replay, as plain data, so two replays can be compared whole. */
const everything = (history: ClientHistory) => ({
  workspace: history.state.workspace,
  ...Object.fromEntries(viewNames.map((name) => [name, history.state.all(name)])),
});

describe('the end of a day in the workspace\'s time zone', () => {
  it('is local midnight, in winter and in summer time', () => {
    expect(asOf('2026-03-01' as IsoDate, CPH).cutoff).toBe('2026-03-01T23:00:00.000Z');
    expect(asOf('2026-06-15' as IsoDate, CPH).cutoff).toBe('2026-06-15T22:00:00.000Z');
    // 29 March 2026: clocks go forward at 02:00, the day has 23 hours and ends in summer time.
    expect(asOf('2026-03-29' as IsoDate, CPH).cutoff).toBe('2026-03-29T22:00:00.000Z');
  });

  it('puts an instant on the local calendar date, not the UTC one', () => {
    expect(localDate('2026-03-01T23:30:00.000Z' as IsoInstant, CPH)).toBe('2026-03-02');
    expect(localDate('2026-03-01T22:59:59.999Z' as IsoInstant, CPH)).toBe('2026-03-01');
    expect(localDate('2026-03-01T23:30:00.000Z' as IsoInstant, 'UTC')).toBe('2026-03-01');
  });
});

describe('replaying a client\'s history', () => {
  it('ignores events after the end of the day in the workspace\'s time zone', () => {
    const events = [
      ...setup(),
      invoice('inv_late_evening', '2026-03-01T22:59:59Z', '2026-03-15'), // 23:59:59 on 1 March in Copenhagen
      invoice('inv_next_day', '2026-03-01T23:30:00Z', '2026-03-16'), // 00:30 on 2 March in Copenhagen
    ];
    const ids = (history: ClientHistory) => history.state.all('invoice').map((i) => i.invoiceId);

    expect(ids(replay(events, '2026-03-01'))).toEqual(['inv_late_evening']);
    expect(ids(replay(events, '2026-03-02'))).toEqual(['inv_late_evening', 'inv_next_day']);
  });

  it('applies events in the order they happened, whatever order the array holds them in', () => {
    // A payment that names no invoice settles the oldest open one *at the time it arrives*:
    // inv_b (due earlier) is issued only after the payment, so the payment must go to inv_a.
    const events = [
      ...setup(),
      invoice('inv_a', '2026-02-01T09:00:00Z', '2026-03-01'),
      ev('payment.received', '2026-02-10T09:00:00Z', { paymentId: 'pay_1', clientId: 'c1', date: '2026-02-10', amount: dkk('1000.00') }),
      invoice('inv_b', '2026-02-12T09:00:00Z', '2026-02-20'),
      request('req_1', '2026-02-02T09:00:00Z', '2026-02-05'),
      answer('req_1', '2026-02-04T09:00:00Z'),
    ];
    const inTimeOrder = replay(events, '2026-03-31');
    const reversed = replay([...events].reverse(), '2026-03-31');
    const shuffled = replay([events[6], events[2], events[5], events[0], events[4], events[3], events[1]] as LedgerEvent[], '2026-03-31');

    expect(inTimeOrder.state.get('invoice', 'inv_a')?.settledOn).toBe('2026-02-10');
    expect(inTimeOrder.state.get('invoice', 'inv_b')?.openMinor).toBe(100_000);
    expect(inTimeOrder.state.get('request', 'req_1')?.status).toBe('answered');
    expect(inTimeOrder.anomalies).toEqual([]);
    expect(everything(reversed)).toEqual(everything(inTimeOrder));
    expect(everything(shuffled)).toEqual(everything(inTimeOrder));
  });

  it('reports an answer dated before its request as an anomaly instead of failing', () => {
    const early = answer('req_1', '2026-03-02T09:00:00Z');
    const events = [...setup(), request('req_1', '2026-03-03T09:00:00Z', '2026-03-06'), early];

    const history = replay(events, '2026-03-10');

    expect(history.anomalies).toEqual([{ eventId: early.id, reason: expect.stringContaining('req_1') }]);
    expect(history.state.get('request', 'req_1')?.status).toBe('open');
  });

  it('records each pause of work with the moment it was resumed', () => {
    const events = [
      ...setup(),
      ev('work.resumed', '2026-02-01T09:00:00Z', { clientId: 'c1', reason: 'nothing was paused' }),
      ev('work.paused', '2026-03-02T09:00:00Z', { clientId: 'c1', reason: 'inv_1 unpaid' }),
      ev('work.paused', '2026-03-04T09:00:00Z', { clientId: 'c1', reason: 'still unpaid' }),
      ev('work.resumed', '2026-03-10T09:00:00Z', { clientId: 'c1', reason: 'paid' }),
      ev('work.paused', '2026-04-01T08:00:00Z', { clientId: 'c1', reason: 'inv_2 unpaid' }),
    ];

    expect(replay(events, '2026-03-05').pauses).toEqual([{ pausedAt: '2026-03-02T09:00:00.000Z', resumedAt: null }]);
    expect(replay(events, '2026-04-30').pauses).toEqual([
      { pausedAt: '2026-03-02T09:00:00.000Z', resumedAt: '2026-03-10T09:00:00.000Z' },
      { pausedAt: '2026-04-01T08:00:00.000Z', resumedAt: null },
    ]);
    expect(replay(events, '2026-04-30').state.get('client', 'c1')?.paused).toBe(true);
  });
});

describe('replaying the workspace', () => {
  const configured = (at: string, timezone: string) => ev('workspace.configured', at, {
    name: 'Studio', currency: 'DKK', locale: 'da', timezone, jurisdiction: 'DK', targetHourlyRate: { amount: '650.00', currency: 'DKK' },
  });

  it('takes the time zone configured last in time, whatever the recording order', () => {
    const events = [configured('2026-05-01T08:00:00Z', 'Europe/London'), configured('2026-01-01T08:00:00Z', 'Europe/Copenhagen')];
    expect(workspaceTimeZone(events)).toBe('Europe/London');
    expect(workspaceTimeZone([])).toBe('UTC');
  });

  it('applies the rules in force at the end of the day, not later ones', () => {
    const events = [
      configured('2026-01-01T08:00:00Z', 'Europe/Copenhagen'),
      ev('workspace.rules', '2026-03-01T08:00:00Z', { rules: { latePayer: { graceDays: 5 } } }),
      ev('workspace.rules', '2026-04-01T08:00:00Z', { rules: { latePayer: { graceDays: 9 } } }),
    ];
    expect(replayWorkspace(events, asOf('2026-03-15' as IsoDate, 'Europe/Copenhagen'))?.rules).toEqual({ latePayer: { graceDays: 5 } });
    expect(replayWorkspace(events, asOf('2025-12-31' as IsoDate, 'Europe/Copenhagen'))).toBeUndefined();
  });
});
