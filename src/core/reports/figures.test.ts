import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import { businessCalendar } from '../calendar/business-days.ts';
import type { IsoDate, IsoInstant } from '../dates.ts';
import type { ClientView, DeliverableView, RequestView, RevisionView, TimeEntryView } from '../ledger/read-model.ts';
import { clientReportFigures, median, requestFigures, type ClientRecords, type ReportScope } from './figures.ts';

const c1 = 'c1' as ClientId;
const scope: ReportScope = {
  period: { from: '2026-04-01' as IsoDate, to: '2026-04-30' as IsoDate },
  timeZone: 'Europe/Copenhagen',
  calendar: businessCalendar('DK'),
  trivialChars: 40,
};

const request = (id: string, sentAt: string, dueDate: string, over: Partial<RequestView> = {}): RequestView => ({
  requestId: id, clientId: c1, kind: 'feedback', subject: `Subject ${id}`, dueDate: dueDate as IsoDate, deliverableId: null,
  sentAt: sentAt as IsoInstant, status: 'open', answeredAt: null, answerChannel: null, verdict: null, withdrawnAt: null, withdrawReason: null, ...over,
});
const answered = (at: string): Partial<RequestView> => ({ status: 'answered', answeredAt: at as IsoInstant, answerChannel: 'email' });

const deliverable = (id: string, network: string | null, createdAt: string, publishedAt: string | null): DeliverableView => ({
  deliverableId: id, clientId: c1, network, title: `Post ${id}`, caption: null, plannedFor: null, mediaUrl: null, createdAt: createdAt as IsoInstant, publishedAt: publishedAt as IsoInstant | null, revisions: 0, clientRevisions: 0,
});
const revision = (id: string, deliverableId: string, at: string, changeChars: number, requestedBy: 'client' | 'us' = 'client'): RevisionView => ({
  eventId: id, deliverableId, clientId: c1, round: 1, changeChars, requestedBy, at: at as IsoInstant,
});
const time = (id: string, date: string, minutes: number, kind: TimeEntryView['kind']): TimeEntryView => ({ eventId: id, clientId: c1, date: date as IsoDate, minutes, kind });

const client: ClientView = {
  clientId: c1, name: 'Møllers Cykler ApS', locale: 'da', jurisdiction: 'DK', currency: null, addedAt: '2026-01-05T09:00:00Z' as IsoInstant,
  paused: false, pausedAt: null, pauseReason: null, offboardedAt: null, offboardReason: null,
  registrationNumber: null, vatNumber: null, postalAddress: null, archivedAt: null, archiveReason: null, heldAt: null, heldUntil: null, holdReason: null, holdNote: null,
};
const records = (over: Partial<ClientRecords> = {}): ClientRecords => ({
  client, contracts: [], deliverables: [], revisions: [], requests: [], time: [], incidents: [], messages: [], pauses: [], ...over,
});

describe('report figures', () => {
  it('counts waiting and delay in business days, skipping weekends and Danish holidays', () => {
    // Thursday 2 April 2026 is Skærtorsdag; Good Friday and Easter Monday follow.
    const figures = requestFigures([
      request('r1', '2026-04-01T08:00:00Z', '2026-04-03', answered('2026-04-08T12:00:00Z')),
      request('r2', '2026-04-20T08:00:00Z', '2026-04-22', answered('2026-04-21T12:00:00Z')),
      request('r3', '2026-04-27T08:00:00Z', '2026-04-28'),
      request('r0', '2026-03-31T08:00:00Z', '2026-04-02'),
    ], scope);
    expect(figures.lines.map((l) => [l.requestId, l.waitedBusinessDays, l.delayBusinessDays])).toEqual([
      ['r1', 2, 2], // 1 Apr → 8 Apr: the 7th and 8th only; due Good Friday, answered two business days after it
      ['r2', 1, 0],
      ['r3', 3, 2], // still open on 30 April: 28, 29, 30 waited; 29 and 30 past the due date
    ]);
    expect(figures).toMatchObject({ sent: 3, answered: 2, medianAnswerBusinessDays: 1.5, late: 2, totalDelayBusinessDays: 4 });
  });

  it('counts what was published per network and month in the period, in the workspace\'s time zone', () => {
    const figures = clientReportFigures(records({
      deliverables: [
        deliverable('d1', 'instagram', '2026-03-20T09:00:00Z', '2026-03-31T22:30:00Z'), // 1 April in Copenhagen
        deliverable('d2', 'instagram', '2026-04-02T09:00:00Z', '2026-04-10T09:00:00Z'),
        deliverable('d3', null, '2026-04-02T09:00:00Z', '2026-04-11T09:00:00Z'),
        deliverable('d4', 'facebook', '2026-04-02T09:00:00Z', '2026-05-01T09:00:00Z'),
        deliverable('d5', 'facebook', '2026-04-02T09:00:00Z', null),
      ],
    }), scope);
    expect(figures.published).toEqual({
      total: 3, months: ['2026-04'], networks: ['instagram', null],
      cells: [{ month: '2026-04', network: 'instagram', count: 2 }, { month: '2026-04', network: null, count: 1 }],
    });
  });

  it('counts client rounds under the trivial threshold as trivial, and hours on approvals', () => {
    const figures = clientReportFigures(records({
      deliverables: [deliverable('d1', 'instagram', '2026-04-02T09:00:00Z', null), deliverable('d0', 'facebook', '2026-02-02T09:00:00Z', null)],
      revisions: [
        revision('v1', 'd1', '2026-04-03T09:00:00Z', 12), revision('v2', 'd1', '2026-04-04T09:00:00Z', 400),
        revision('v3', 'd1', '2026-04-05T09:00:00Z', 5, 'us'), revision('v4', 'd0', '2026-02-05T09:00:00Z', 5),
      ],
      time: [time('t1', '2026-04-03', 90, 'approvals'), time('t2', '2026-04-03', 270, 'work'), time('t3', '2026-03-31', 60, 'approvals')],
    }), scope);
    expect(figures.approvals).toMatchObject({ rounds: 3, clientRounds: 2, trivialClientRounds: 1, approvalMinutes: 90, totalMinutes: 360 });
    expect(figures.approvals.deliverables.map((d) => d.deliverableId)).toEqual(['d1']);
    expect(figures.time).toEqual({ minutes: { work: 270, chasing: 0, approvals: 90, admin: 0 }, total: 360 });
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
