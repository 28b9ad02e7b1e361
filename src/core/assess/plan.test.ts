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

describe('a hold on escalation (#12)', () => {
  const hold = (until: string, at = '2026-03-01T08:00:00Z') => ev('escalation.held', at, { clientId: 'c1', until, reason: 'promise', note: 'Pays on the 20th' });
  const invoice = ev('invoice.issued', '2026-02-25T09:00:00Z', { invoiceId: 'i1', clientId: 'c1', number: '1', issueDate: '2026-02-25', dueDate: '2026-03-01', total: dkk('1000.00') });
  const request = ev('request.sent', '2026-03-02T09:00:00Z', { requestId: 'r1', clientId: 'c1', kind: 'feedback', subject: 'Plan', dueDate: '2026-03-05' });

  it('plans no request reminder while it lasts, and the first the day after it ends', () => {
    const events = [...base(), request, hold('2026-03-20')];
    expect(kinds(assess([...base(), request], '2026-03-06'))).toEqual(['request.reminder']);
    expect(kinds(assess(events, '2026-03-06'))).toEqual([]);
    expect(kinds(assess(events, '2026-03-20'))).toEqual([]);
    // One reminder, the first, due the day the hold is over: not the firmer ones that fell due meanwhile.
    expect(assess(events, '2026-03-21').actions).toEqual([
      { key: 'c1/request/r1/reminder-1', kind: 'request.reminder', due: '2026-03-21', template: 'request.reminder.first', subject: 'r1' },
    ]);
  });

  it('plans no payment reminder and no stop-work notice while it lasts', () => {
    const events = [...base(), invoice, hold('2026-03-31')];
    expect(kinds(assess([...base(), invoice], '2026-03-20'))).toEqual(['payment.reminder', 'work.pause']);
    expect(kinds(assess(events, '2026-03-20'))).toEqual([]);
    expect(assess(events, '2026-04-01').actions).toMatchObject([
      { key: 'c1/late/i1/reminder-1', kind: 'payment.reminder', due: '2026-04-01' },
      { key: 'c1/late/i1/stop-work', kind: 'work.pause', due: '2026-04-01' },
    ]);
  });

  it('spaces the next reminder from the one sent after the hold, not from the schedule it missed', () => {
    const first = ev('message.sent', '2026-04-01T10:00:00Z', { messageId: 'm1', clientId: 'c1', channel: 'email', subject: 'Faktura', actionKey: 'c1/late/i1/reminder-1' });
    const events = [...base(), invoice, hold('2026-03-31'), first];
    expect(kinds(assess(events, '2026-04-07'))).not.toContain('payment.reminder');
    expect(assess(events, '2026-04-08').actions).toContainEqual(expect.objectContaining({ key: 'c1/late/i1/reminder-2', due: '2026-04-08' }));
    const requestEvents = [...base(), request, hold('2026-03-20'),
      ev('message.sent', '2026-03-23T10:00:00Z', { messageId: 'm2', clientId: 'c1', channel: 'email', subject: 'Reminder', requestId: 'r1', actionKey: 'c1/request/r1/reminder-1' })];
    expect(kinds(assess(requestEvents, '2026-03-25'))).toEqual([]);
    expect(assess(requestEvents, '2026-03-26').actions).toMatchObject([{ key: 'c1/request/r1/reminder-2', due: '2026-03-26' }]);
  });

  it('takes no silence as approval while it lasts', () => {
    const approval = ev('request.sent', '2026-03-02T09:00:00Z', { requestId: 'a1', clientId: 'c1', kind: 'approval', subject: 'Posts', dueDate: '2026-03-05' });
    const deemed = base({ mode: 'batch', windowDays: 3, deemedApproval: true });
    expect(kinds(assess([...deemed, approval], '2026-03-09'))).toEqual(['request.deemed-approved']);
    expect(kinds(assess([...deemed, approval, hold('2026-03-12')], '2026-03-09'))).toEqual([]);
    expect(kinds(assess([...deemed, approval, hold('2026-03-12')], '2026-03-13'))).toEqual(['request.deemed-approved']);
  });

  it('plans no approval-load review and no walk-away while it lasts', () => {
    // Controlling: many trivial client rounds on recent deliverables.
    const load = [...Array(6).keys()].flatMap((i) => [
      ev('deliverable.created', `2026-03-0${i + 1}T08:00:00Z`, { deliverableId: `d${i}`, clientId: 'c1', title: `Post ${i}` }),
      ev('deliverable.revised', `2026-03-0${i + 1}T09:00:00Z`, { deliverableId: `d${i}`, round: 1, changeChars: 5, requestedBy: 'client' }),
      ev('deliverable.revised', `2026-03-0${i + 1}T10:00:00Z`, { deliverableId: `d${i}`, round: 2, changeChars: 5, requestedBy: 'client' }),
    ]);
    // A second stop-work episode calls for walking away.
    const twoPauses = [
      ev('work.paused', '2026-02-01T08:00:00Z', { clientId: 'c1', reason: 'invoice unpaid' }), ev('work.resumed', '2026-02-05T08:00:00Z', { clientId: 'c1', reason: 'paid' }),
      ev('work.paused', '2026-02-20T08:00:00Z', { clientId: 'c1', reason: 'invoice unpaid' }), ev('work.resumed', '2026-02-25T08:00:00Z', { clientId: 'c1', reason: 'paid' }),
    ];
    const difficult = [...base(), ...load, ...twoPauses];
    expect(kinds(assess(difficult, '2026-03-10'))).toEqual(['approval.load-review', 'client.walk-away']);
    expect(kinds(assess([...difficult, hold('2026-03-15')], '2026-03-10'))).toEqual([]);
    expect(kinds(assess([...difficult, hold('2026-03-15')], '2026-03-16'))).toEqual(['approval.load-review', 'client.walk-away']);
  });

  it('still plans the resume notice once the held client has paid', () => {
    const paused = ev('work.paused', '2026-03-16T08:00:00Z', { clientId: 'c1', reason: 'invoice 1 unpaid' });
    const paid = ev('payment.received', '2026-03-18T08:00:00Z', { paymentId: 'p1', clientId: 'c1', date: '2026-03-18', amount: dkk('1000.00') });
    const held = assess([...base(), invoice, paused, hold('2026-04-30', '2026-03-17T08:00:00Z'), paid], '2026-03-18');
    expect(held.actions).toMatchObject([{ kind: 'work.resume', key: 'c1/resume/2026-03-16' }]);
    expect(held.hold).toEqual({ until: '2026-04-30', reason: 'promise', note: 'Pays on the 20th' });
  });

  it('ends early when released: the steps it kept back are due the day of the release', () => {
    const released = ev('escalation.released', '2026-03-10T12:00:00Z', { clientId: 'c1' });
    const events = [...base(), request, hold('2026-03-31'), released];
    expect(kinds(assess(events.slice(0, -1), '2026-03-10'))).toEqual([]);
    const after = assess(events, '2026-03-10');
    expect(after.hold).toBeNull();
    expect(after.actions).toMatchObject([{ key: 'c1/request/r1/reminder-1', due: '2026-03-10' }]);
  });

  it('is replaced by a later hold', () => {
    const events = [...base(), invoice, hold('2026-03-31'), ev('escalation.held', '2026-03-05T08:00:00Z', { clientId: 'c1', until: '2026-03-10', reason: 'dispute' })];
    expect(assess(events, '2026-03-10').hold).toEqual({ until: '2026-03-10', reason: 'dispute', note: null });
    expect(kinds(assess(events, '2026-03-11'))).toEqual(['payment.reminder']);
  });
});

describe('an archived client (#12)', () => {
  it('gets nothing planned until restored', () => {
    const invoice = ev('invoice.issued', '2026-02-25T09:00:00Z', { invoiceId: 'i1', clientId: 'c1', number: '1', issueDate: '2026-02-25', dueDate: '2026-03-01', total: dkk('1000.00') });
    const archived = [...base(), invoice, ev('client.archived', '2026-03-01T08:00:00Z', { clientId: 'c1' })];
    const assessment = assess(archived, '2026-03-20');
    expect(assessment.actions).toEqual([]);
    expect(assessment.archived).toBe(true);
    expect(kinds(assess([...archived, ev('client.restored', '2026-03-20T08:00:00Z', { clientId: 'c1' })], '2026-03-20'))).toEqual(['payment.reminder', 'work.pause']);
  });
});
