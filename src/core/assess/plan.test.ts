import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate } from '../dates.ts';
import { businessCalendar } from '../calendar/business-days.ts';
import { parseEvent } from '../ledger/parse-event.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { projectEvent } from '../ledger/project.ts';
import { ViewUnit } from '../ledger/view-unit.ts';
import { assessClient, type ClientAssessment } from './assess-client.ts';
import { asOf, replayClient } from './replay.ts';
import { defaultRules } from './rules.ts';
import type { CarriedOutAction } from './plan.ts';

let n = 0;
const ev = (type: string, at: string, data: Record<string, unknown>): LedgerEvent => {
  const r = parseEvent({ id: `e${++n}`, type, at, data });
  if (!r.ok) throw new Error(r.reason);
  return r.event;
};
const dkk = (amount: string) => ({ amount, currency: 'DKK' });
const workspace = ev('workspace.configured', '2026-01-01T08:00:00Z', {
  name: 'Studio', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: dkk('100.00'),
});
const base = (approval: Record<string, unknown> = { mode: 'none' }) => [
  ev('client.added', '2026-01-02T09:00:00Z', { clientId: 'c1', name: 'Client', locale: 'da', contacts: [] }),
  ev('contract.signed', '2026-01-02T10:00:00Z', {
    contractId: 'k1', clientId: 'c1', startDate: '2026-01-05', networks: ['instagram'], fee: { amount: '1000.00', currency: 'DKK', cycle: 'monthly' },
    paymentTerms: { dueDayOfMonth: 1 }, feedbackDays: 3, approval, stopWorkAfterDays: 14, lateInterest: 'statutory',
  }),
];

function assess(events: LedgerEvent[], date: string, carriedOut: readonly CarriedOutAction[] = []): ClientAssessment {
  const when = asOf(date as IsoDate, 'Europe/Copenhagen');
  const settings = new ViewUnit();
  projectEvent(settings, workspace);
  const result = assessClient(replayClient('c1' as ClientId, events, when), { when, workspace: settings.workspace, rules: defaultRules, calendarFor: businessCalendar, carriedOut: new Map([['c1', carriedOut]]) });
  if (!result) throw new Error('client not assessed');
  return result;
}
const kinds = (a: ClientAssessment) => a.actions.map((x) => x.kind);

describe('planning request reminders', () => {
  const request = ev('request.sent', '2026-03-02T09:00:00Z', { requestId: 'r1', clientId: 'c1', kind: 'feedback', subject: 'Plan', dueDate: '2026-03-05' });

  it('plans nothing before the due date has passed, then a friendly reminder the next business day', () => {
    expect(kinds(assess([...base(), request], '2026-03-05'))).toEqual([]);
    expect(assess([...base(), request], '2026-03-06').actions).toEqual([
      { key: 'c1/request/r1/reminder-1', kind: 'request.reminder', due: '2026-03-06', template: 'request.reminder.first', subject: 'r1' },
    ]);
  });

  it('moves on to a firmer reminder three business days after the first was sent, and never repeats a sent key', () => {
    const sent = ev('message.sent', '2026-03-06T10:00:00Z', { messageId: 'm1', clientId: 'c1', channel: 'email', subject: 'Reminder', requestId: 'r1', actionKey: 'c1/request/r1/reminder-1' });
    expect(kinds(assess([...base(), request, sent], '2026-03-10'))).toEqual([]);
    expect(assess([...base(), request, sent], '2026-03-11').actions).toMatchObject([{ key: 'c1/request/r1/reminder-2', template: 'request.reminder.firm', due: '2026-03-11' }]);
  });

  it('stops reminding once the client answers', () => {
    const answer = ev('request.answered', '2026-03-09T10:00:00Z', { requestId: 'r1', channel: 'email' });
    expect(kinds(assess([...base(), request, answer], '2026-03-20'))).toEqual([]);
  });

  it('takes silence as approval after the window where the contract says so, and reminds where it does not', () => {
    const approval = ev('request.sent', '2026-03-02T09:00:00Z', { requestId: 'a1', clientId: 'c1', kind: 'approval', subject: 'Posts', dueDate: '2026-03-05' });
    expect(kinds(assess([...base({ mode: 'batch', windowDays: 3, deemedApproval: true }), approval], '2026-03-09'))).toEqual(['request.deemed-approved']);
    expect(kinds(assess([...base({ mode: 'batch', windowDays: 3, deemedApproval: false }), approval], '2026-03-09'))).toEqual(['request.reminder']);
  });
});

describe('planning for an unpaid invoice', () => {
  const invoice = ev('invoice.issued', '2026-02-25T09:00:00Z', { invoiceId: 'i1', clientId: 'c1', number: '1', issueDate: '2026-02-25', dueDate: '2026-03-01', total: dkk('1000.00') });

  it('sends the face-saving reminder the day after the due date, then the second a week later', () => {
    expect(assess([...base(), invoice], '2026-03-02').actions).toMatchObject([{ key: 'c1/late/i1/reminder-1', kind: 'payment.reminder', template: 'late.reminder.first' }]);
    const first = ev('message.sent', '2026-03-02T10:00:00Z', { messageId: 'm1', clientId: 'c1', channel: 'email', subject: 'Faktura', actionKey: 'c1/late/i1/reminder-1' });
    expect(kinds(assess([...base(), invoice, first], '2026-03-08'))).toEqual([]);
    expect(assess([...base(), invoice, first], '2026-03-09').actions).toMatchObject([{ key: 'c1/late/i1/reminder-2', template: 'late.reminder.second' }]);
  });

  it('plans no step the sweep carried out, and the second reminder only once the first was sent (#19)', () => {
    const queued = [{ key: 'c1/late/i1/reminder-1', on: '2026-03-02' as IsoDate }];
    expect(kinds(assess([...base(), invoice], '2026-03-02', queued))).toEqual([]);
    // Held in the outbox for weeks: the client has not been reminded once, so no firmer reminder.
    expect(assess([...base(), invoice], '2026-03-12', queued).actions.map((a) => a.key)).toEqual([]);
  });

  it('plans the stop-work notice once the invoice is more than stopWorkAfterDays overdue, and not while paused', () => {
    expect(kinds(assess([...base(), invoice], '2026-03-15'))).not.toContain('work.pause');
    expect(assess([...base(), invoice], '2026-03-16').actions).toContainEqual(expect.objectContaining({ key: 'c1/late/i1/stop-work', kind: 'work.pause', due: '2026-03-16' }));
    const paused = ev('work.paused', '2026-03-16T08:00:00Z', { clientId: 'c1', reason: 'invoice 1 unpaid' });
    const stillPaused = assess([...base(), invoice, paused], '2026-03-20');
    expect(kinds(stillPaused)).not.toContain('work.pause');
    expect(stillPaused.stage).toBe('paused');
  });

  it('plans the resume notice once a paused client has paid, and nothing after it resumed', () => {
    const paused = ev('work.paused', '2026-03-16T08:00:00Z', { clientId: 'c1', reason: 'invoice 1 unpaid' });
    const paid = ev('payment.received', '2026-03-18T08:00:00Z', { paymentId: 'p1', clientId: 'c1', date: '2026-03-18', amount: dkk('1000.00') });
    expect(assess([...base(), invoice, paused, paid], '2026-03-18').actions).toMatchObject([{ kind: 'work.resume', key: 'c1/resume/2026-03-16', template: 'late.resume' }]);
    const resumed = ev('work.resumed', '2026-03-18T12:00:00Z', { clientId: 'c1', reason: 'paid' });
    expect(kinds(assess([...base(), invoice, paused, paid, resumed], '2026-03-19'))).toEqual([]);
  });

  it('does not plan a resume notice for work paused for another reason than payment', () => {
    const paused = ev('work.paused', '2026-02-20T08:00:00Z', { clientId: 'c1', reason: 'waiting for the new brand guide' });
    const assessment = assess([...base(), invoice, paused, ev('payment.received', '2026-02-27T08:00:00Z', { paymentId: 'p1', clientId: 'c1', date: '2026-02-27', amount: dkk('1000.00') })], '2026-03-10');
    expect(kinds(assessment)).not.toContain('work.resume');
    expect(assessment.stage).toBe('paused');
  });

  it('plans nothing for a client already offboarded', () => {
    const gone = ev('client.offboarded', '2026-03-10T08:00:00Z', { clientId: 'c1', reason: 'late payment' });
    const assessment = assess([...base(), invoice, gone], '2026-03-20');
    expect(assessment.actions).toEqual([]);
    expect(assessment.stage).toBe('former');
  });
});

describe('the stage', () => {
  it('is active for a client with nothing due and nothing flagged', () => {
    expect(assess(base(), '2026-03-20').stage).toBe('active');
  });

  it('is watch while a single reminder is due', () => {
    const request = ev('request.sent', '2026-03-02T09:00:00Z', { requestId: 'r1', clientId: 'c1', kind: 'feedback', subject: 'Plan', dueDate: '2026-03-05' });
    expect(assess([...base(), request], '2026-03-06').stage).toBe('watch');
  });

  it('is offboarding once the contract has an end date ahead', () => {
    const ending = ev('contract.ended', '2026-03-10T08:00:00Z', { contractId: 'k1', endDate: '2026-04-30' });
    expect(assess([...base(), ending], '2026-03-20').stage).toBe('offboarding');
    expect(assess([...base(), ending], '2026-05-01').stage).toBe('former');
  });
});
