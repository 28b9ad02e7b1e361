import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import { Temporal, type IsoDate } from '../dates.ts';
import { businessCalendar } from '../calendar/business-days.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { assessClient, type ClientAssessment } from './assess-client.ts';
import { asOf, replayClient } from './replay.ts';
import { defaultRules } from './rules.ts';
import { dkk, ev } from '../../../test/support/ledger-events.ts';

const C1 = 'c1' as ClientId;
const DK = businessCalendar('DK');

const plusDays = (date: string, days: number) => Temporal.PlainDate.from(date).add({ days }).toString();
const plusBusinessDays = (date: string, n: number): string => DK.addBusinessDays(date as IsoDate, n);
const plusHours = (instant: string, hours: number) => Temporal.Instant.from(instant).add({ hours }).toString();

/** A DK workspace in Copenhagen with one client, c1. */
const setup = () => [
  ev('workspace.configured', '2025-12-01T09:00:00Z', {
    name: 'Studio', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: dkk('650.00'),
  }, 'e00000a'),
  ev('client.added', '2025-12-01T10:00:00Z', { clientId: 'c1', name: 'Oak & Ivy', locale: 'da', currency: 'DKK', contacts: [] }, 'e00000b'),
];

function assess(events: readonly LedgerEvent[], date: string): ClientAssessment {
  const when = asOf(date as IsoDate, 'Europe/Copenhagen');
  const history = replayClient(C1, [...setup(), ...events], when);
  const assessment = assessClient(history, { when, workspace: history.state.workspace, rules: defaultRules, calendarFor: businessCalendar });
  if (!assessment) throw new Error('c1 is not on record');
  return assessment;
}

/**
 * One request a week from Monday 5 January 2026, each due three business days after it was sent
 * and answered `late[i]` business days after its due date (0: on the due date), or never (`'open'`).
 */
function requestsAnswered(late: readonly (number | 'open')[]): LedgerEvent[] {
  return late.flatMap((lateness, i) => {
    const sentOn = plusDays('2026-01-05', 7 * i);
    const dueDate = plusBusinessDays(sentOn, 3);
    const sent = ev('request.sent', `${sentOn}T09:00:00Z`, { requestId: `req_${i + 1}`, clientId: 'c1', kind: 'feedback', subject: 'Content plan', dueDate });
    if (lateness === 'open') return [sent];
    return [sent, ev('request.answered', `${plusBusinessDays(dueDate, lateness)}T09:00:00Z`, { requestId: `req_${i + 1}`, channel: 'email' })];
  });
}

/** One invoice a month from 15 January 2026, due 14 days later and paid `late[i]` calendar days after that, or never (`'open'`). */
function invoicesPaid(late: readonly (number | 'open')[]): LedgerEvent[] {
  return late.flatMap((lateness, i) => {
    const issueDate = Temporal.PlainDate.from('2026-01-15').add({ months: i }).toString();
    const dueDate = plusDays(issueDate, 14);
    const id = `inv_${i + 1}`;
    const issued = ev('invoice.issued', `${issueDate}T08:00:00Z`, { invoiceId: id, clientId: 'c1', number: `N-${i + 1}`, issueDate, dueDate, total: dkk('1000.00') });
    if (lateness === 'open') return [issued];
    const date = plusDays(dueDate, lateness);
    return [issued, ev('payment.received', `${date}T10:00:00Z`, { paymentId: `pay_${i + 1}`, clientId: 'c1', date, amount: dkk('1000.00'), invoiceIds: [id] })];
  });
}

describe('deciding whether a client is unresponsive', () => {
  it('never flags a client for one late answer, however late and whatever else they answered on time', () => fc.assert(fc.property(
    fc.integer({ min: 0, max: 11 }), fc.nat(), fc.oneof(fc.integer({ min: 1, max: 80 }), fc.constant('open' as const)),
    (onTime, position, lateness) => {
      const late: (number | 'open')[] = Array.from({ length: onTime }, () => 0);
      late.splice(position % (onTime + 1), 0, lateness);
      const decision = assess(requestsAnswered(late), '2026-12-31').archetypes.unresponsive;
      expect(decision.flagged).toBe(false);
    }), { numRuns: 60 }));

  it('flags a client who left 6 of their last 8 requests 5 or more business days late, citing those requests', () => fc.assert(fc.property(
    fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 6, maxLength: 6 }), fc.array(fc.integer({ min: 5, max: 25 }), { minLength: 8, maxLength: 8 }),
    (lateOnes, lateness) => {
      const late = Array.from({ length: 8 }, (_, i) => (lateOnes.includes(i) ? (lateness[i] as number) : 0));
      const decision = assess(requestsAnswered(late), '2026-12-31').archetypes.unresponsive;
      expect(decision.flagged).toBe(true);
      expect([...decision.evidence].sort()).toEqual(lateOnes.map((i) => `req_${i + 1}`).sort());
    }), { numRuns: 40 }));

  it('forgets old silences once the client has answered the twelve requests since on time', () => {
    const decision = assess(requestsAnswered([10, 10, 10, ...Array.from({ length: 12 }, () => 0)]), '2026-12-31').archetypes.unresponsive;

    expect(decision).toMatchObject({ score: 0, flagged: false, evidence: [] });
  });

  it('does not score a late answer worse than silence until we withdrew the request', () => {
    // Due Monday 5 January, withdrawn on Saturday the 10th, assessed on the 15th.
    const history = (answeredAt: string) => [
      ev('request.sent', '2026-01-05T09:00:00Z', { requestId: 'req_1', clientId: 'c1', kind: 'feedback', subject: 'Plan', dueDate: '2026-01-05' }, 'r1s'),
      ev('request.answered', answeredAt, { requestId: 'req_1', channel: 'email' }, 'r1a'),
      ev('request.withdrawn', '2026-01-10T09:00:00Z', { requestId: 'req_1' }, 'r1w'),
    ];
    const silentUntilWithdrawn = assess(history('2026-02-12T09:00:00Z'), '2026-01-15').archetypes.unresponsive.score;
    const answeredFourDaysLate = assess(history('2026-01-09T09:00:00Z'), '2026-01-15').archetypes.unresponsive.score;

    expect(answeredFourDaysLate).toBeLessThanOrEqual(silentUntilWithdrawn);
  });

  it('explains the decision in English and Danish with the counts it rests on', () => {
    const decision = assess(requestsAnswered([0, 6, 5, 7, 0, 12, 5, 8]), '2026-12-31').archetypes.unresponsive;

    expect(decision.explanation.en).toContain('6 of the latest 8 requests');
    expect(decision.explanation.en).toContain('12 business days');
    expect(decision.explanation.da).toContain('6 af de seneste 8 forespørgsler');
    expect(decision.explanation.da).toContain('12 arbejdsdage');
  });
});

describe('deciding whether a client is a late payer', () => {
  it('never flags a client for one late payment, even a very late or still unpaid one', () => fc.assert(fc.property(
    fc.integer({ min: 0, max: 5 }), fc.nat(), fc.oneof(fc.integer({ min: 4, max: 365 }), fc.constant('open' as const)), fc.integer({ min: -10, max: 3 }),
    (onTime, position, lateness, usual) => {
      const late: (number | 'open')[] = Array.from({ length: onTime }, () => usual);
      late.splice(position % (onTime + 1), 0, lateness);
      const decision = assess(invoicesPaid(late), '2027-06-30').archetypes.latePayer;
      expect(decision.flagged).toBe(false);
    }), { numRuns: 60 }));

  it('flags a client whose four invoices were paid later each time, citing the late ones', () => fc.assert(fc.property(
    fc.integer({ min: 0, max: 3 }), fc.integer({ min: 4, max: 15 }), (first, step) => {
      const decision = assess(invoicesPaid([first, first + step, first + 2 * step, first + 3 * step]), '2026-12-31').archetypes.latePayer;
      expect(decision.flagged).toBe(true);
      expect(decision.evidence).toEqual(['inv_2', 'inv_3', 'inv_4']);
    }), { numRuns: 30 }));

  it('explains the decision in English and Danish with the counts and the trend', () => {
    const decision = assess(invoicesPaid([0, 6, 12, 18, 'open']), '2026-06-20').archetypes.latePayer;
    // inv_5 was due on 29 May and is 22 days overdue on 20 June.

    expect(decision.explanation.en).toContain('4 of the latest 5 invoices');
    expect(decision.explanation.en).toContain('about 6 days later each cycle');
    expect(decision.explanation.en).toContain('1 overdue now, the oldest by 22 days');
    expect(decision.explanation.da).toContain('4 af de seneste 5 fakturaer');
    expect(decision.explanation.da).toContain('1 er forfaldne nu, den ældste med 22 dage');
  });
});

describe('deciding whether a client is controlling', () => {
  const deliverablesRevised = (trivialRoundsEach: readonly number[]) => trivialRoundsEach.flatMap((rounds, d) => [
    ev('deliverable.created', `2026-05-0${d + 1}T09:00:00Z`, { deliverableId: `d${d + 1}`, clientId: 'c1', title: `Post ${d + 1}` }),
    ...Array.from({ length: rounds }, (_, r) =>
      ev('deliverable.revised', `2026-05-1${r}T09:00:00Z`, { deliverableId: `d${d + 1}`, round: r + 1, changeChars: 12, requestedBy: 'client' })),
  ]);

  it('flags a client who asks for several trivial rounds on every deliverable, citing the deliverables', () => {
    const decision = assess(deliverablesRevised([3, 2, 3]), '2026-06-30').archetypes.controlling;

    expect(decision).toMatchObject({ flagged: true, evidence: ['d1', 'd2', 'd3'] });
    expect(decision.explanation.en).toContain('8 of 8 revision rounds');
    expect(decision.explanation.en).toContain('over 3 deliverables');
    expect(decision.explanation.da).toContain('8 af 8 rettelsesrunder');
    expect(decision.explanation.da).toContain('fordelt på 3 leverancer');
  });

  it('does not flag a client for one trivial round, even when approvals take half our time', () => {
    const decision = assess([
      ...deliverablesRevised([1]),
      ev('time.logged', '2026-05-12T15:00:00Z', { clientId: 'c1', date: '2026-05-12', minutes: 300, kind: 'approvals' }),
      ev('time.logged', '2026-05-13T15:00:00Z', { clientId: 'c1', date: '2026-05-13', minutes: 300, kind: 'work' }),
    ], '2026-06-30').archetypes.controlling;

    expect(decision.score).toBeGreaterThanOrEqual(defaultRules.controlling.flagScore);
    expect(decision.flagged).toBe(false);
  });
});

// The issue's properties (#3, "Done when"): each compares two histories that differ in one
// respect only, assessed on the same day.
describe('the scores move only the right way', () => {
  const base = '2026-01-05';

  it('answering any one request earlier never raises the unresponsive score', () => {
    const aRequest = fc.record({
      sentDay: fc.integer({ min: 0, max: 90 }),
      dueIn: fc.integer({ min: 0, max: 6 }),
      // Prompt answers as often as slow ones, so that on-time requests fill the window of the latest twelve.
      answerAfterHours: fc.option(fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 1500 })), { nil: null }),
      withdrawnAfterHours: fc.option(fc.integer({ min: 1, max: 1500 }), { nil: null, freq: 4 }),
    });
    fc.assert(fc.property(
      fc.oneof(fc.array(aRequest, { minLength: 1, maxLength: 8 }), fc.array(aRequest, { minLength: 12, maxLength: 20 })), fc.nat(),
      fc.oneof(fc.integer({ min: 2, max: 120 }), fc.integer({ min: 2, max: 1500 })), fc.nat(), fc.integer({ min: 20, max: 200 }),
      (requests, pick, originalHours, earlierBy, assessDay) => {
        const chosen = pick % requests.length;
        const earlierHours = originalHours - 1 - (earlierBy % (originalHours - 1)); // in [1, originalHours - 1]: still after it was sent
        const history = (chosenHours: number) => requests.flatMap((r, i) => {
          const sentOn = plusDays(base, r.sentDay);
          const sentAt = `${sentOn}T09:00:00Z`;
          const hours = i === chosen ? chosenHours : r.answerAfterHours;
          const sent = ev('request.sent', sentAt, { requestId: `req_${i}`, clientId: 'c1', kind: 'feedback', subject: 'Plan', dueDate: plusBusinessDays(sentOn, r.dueIn) }, `r${String(i).padStart(2, '0')}s`);
          const answered = hours === null ? [] : [ev('request.answered', plusHours(sentAt, hours), { requestId: `req_${i}`, channel: 'email' }, `r${String(i).padStart(2, '0')}a`)];
          const withdrawn = r.withdrawnAfterHours === null ? [] : [ev('request.withdrawn', plusHours(sentAt, r.withdrawnAfterHours), { requestId: `req_${i}` }, `r${String(i).padStart(2, '0')}w`)];
          return [sent, ...answered, ...withdrawn];
        });
        const date = plusDays(base, assessDay);
        const later = assess(history(originalHours), date).archetypes.unresponsive.score;
        const earlier = assess(history(earlierHours), date).archetypes.unresponsive.score;
        expect(earlier).toBeLessThanOrEqual(later);
      }), {
      numRuns: 200,
      // Found by this property: a request due Monday 5 January and withdrawn on Saturday the 10th. Unanswered by
      // the 15th it is left out (score 0); answered on Friday the 9th, before the withdrawal, it counts 4 days late.
      examples: [[[{ sentDay: 0, dueIn: 0, answerAfterHours: null, withdrawnAfterHours: 120 }], 0, 900, 803, 10]],
    });
  });

  it('paying any one invoice earlier never raises the late-payer score', () => {
    const anInvoice = fc.record({
      netDays: fc.integer({ min: 0, max: 30 }),
      paidAfterIssue: fc.option(fc.integer({ min: 0, max: 150 }), { nil: null }),
    });
    fc.assert(fc.property(
      fc.array(anInvoice, { minLength: 1, maxLength: 8 }), fc.nat(), fc.integer({ min: 1, max: 150 }), fc.nat(), fc.integer({ min: 20, max: 320 }),
      (invoices, pick, originalDays, earlierBy, assessDay) => {
        const chosen = pick % invoices.length;
        const earlierDays = originalDays - 1 - (earlierBy % originalDays); // in [0, originalDays - 1]: not before it was issued
        const history = (chosenDays: number) => invoices.flatMap((inv, i) => {
          const issueDate = plusDays(base, 30 * i);
          const id = `inv_${i}`;
          const issued = ev('invoice.issued', `${issueDate}T08:00:00Z`, {
            invoiceId: id, clientId: 'c1', number: `N-${i}`, issueDate, dueDate: plusDays(issueDate, inv.netDays), total: dkk('1000.00'),
          }, `i${i}i`);
          const after = i === chosen ? chosenDays : inv.paidAfterIssue;
          if (after === null) return [issued];
          const date = plusDays(issueDate, after);
          return [issued, ev('payment.received', `${date}T10:00:00Z`, { paymentId: `pay_${i}`, clientId: 'c1', date, amount: dkk('1000.00'), invoiceIds: [id] }, `i${i}p`)];
        });
        const date = plusDays(base, assessDay);
        const later = assess(history(originalDays), date).archetypes.latePayer.score;
        const earlier = assess(history(earlierDays), date).archetypes.latePayer.score;
        expect(earlier).toBeLessThanOrEqual(later);
      }), { numRuns: 150 });
  });

  it('more trivial client revision rounds never lower the controlling score', () => {
    // Trivial and substantial rounds equally often, on deliverables mostly inside the 120-day window.
    const aRevision = fc.record({
      deliverable: fc.nat(), afterDays: fc.integer({ min: 0, max: 20 }),
      changeChars: fc.oneof(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 40, max: 300 })), client: fc.boolean(),
    });
    const aTrivialRound = fc.record({ deliverable: fc.nat(), afterDays: fc.integer({ min: 0, max: 20 }), changeChars: fc.integer({ min: 0, max: 39 }) });
    const anEntry = fc.record({ day: fc.integer({ min: 0, max: 200 }), minutes: fc.integer({ min: 1, max: 600 }), approvals: fc.boolean() });
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 6 }), fc.array(aRevision, { maxLength: 8 }),
      fc.array(anEntry, { maxLength: 6 }), fc.array(aTrivialRound, { minLength: 1, maxLength: 4 }), fc.integer({ min: 20, max: 200 }),
      (createdDays, revisions, entries, extra, assessDay) => {
        const deliverables = createdDays.map((day, d) =>
          ev('deliverable.created', `${plusDays(base, day)}T09:00:00Z`, { deliverableId: `d${d}`, clientId: 'c1', title: `Post ${d}` }, `d${d}c`));
        const revise = (r: { deliverable: number; afterDays: number; changeChars: number }, requestedBy: 'client' | 'us', id: string, round: number) => {
          const d = r.deliverable % createdDays.length;
          return ev('deliverable.revised', `${plusDays(base, (createdDays[d] as number) + r.afterDays)}T12:00:00Z`,
            { deliverableId: `d${d}`, round, changeChars: r.changeChars, requestedBy }, id);
        };
        const time = entries.map((t, i) => ev('time.logged', `${plusDays(base, t.day)}T15:00:00Z`,
          { clientId: 'c1', date: plusDays(base, t.day), minutes: t.minutes, kind: t.approvals ? 'approvals' : 'work' }, `t${i}`));
        const before = [...deliverables, ...revisions.map((r, i) => revise(r, r.client ? 'client' : 'us', `v${i}`, i + 1)), ...time];
        const after = [...before, ...extra.map((r, i) => revise(r, 'client', `x${i}`, 100 + i))];
        const date = plusDays(base, assessDay);
        expect(assess(after, date).archetypes.controlling.score).toBeGreaterThanOrEqual(assess(before, date).archetypes.controlling.score);
      }), { numRuns: 200 });
  });
});
