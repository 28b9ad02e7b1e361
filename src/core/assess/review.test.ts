import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ClientId } from '../brand.ts';
import type { IsoDate, IsoInstant } from '../dates.ts';
import type { CurrencyCode } from '../money.ts';
import type { InvoiceView, MessageView, RequestView } from '../ledger/read-model.ts';
import { asOf } from './replay.ts';
import { driftReviewDays, nextReviewDate, type ReviewInputs } from './review.ts';

const when = asOf('2026-03-10' as IsoDate, 'Europe/Copenhagen');
const quiet: ReviewInputs = { when, offboarded: false, requests: [], invoices: [], messages: [], controllingFlagged: false, approvalReviewEveryDays: 30 };
const request = (dueDate: string, status: RequestView['status'] = 'open'): RequestView => ({
  requestId: `r-${dueDate}`, clientId: 'c' as ClientId, kind: 'feedback', subject: 's', dueDate: dueDate as IsoDate, deliverableId: null,
  sentAt: '2026-03-01T09:00:00.000Z' as IsoInstant, status, answeredAt: null, answerChannel: null, verdict: null, withdrawnAt: null, withdrawReason: null,
});
const invoice = (dueDate: string, openMinor: number): InvoiceView => ({
  invoiceId: `i-${dueDate}`, clientId: 'c' as ClientId, number: '1', issueDate: '2026-02-01' as IsoDate, dueDate: dueDate as IsoDate, currency: 'DKK' as CurrencyCode,
  totalMinor: 100_00, creditedMinor: 0, paidMinor: 100_00 - openMinor, openMinor, settledOn: null, lastPaidOn: null, issuedAt: '2026-02-01T09:00:00.000Z' as IsoInstant,
});
const review = (at: string): MessageView => ({
  messageId: 'm', clientId: 'c' as ClientId, direction: 'out', channel: 'email', subject: 'load', inReplyTo: null, requestId: null,
  actionKey: 'c/approval-load/700', at: at as IsoInstant,
});

describe('nextReviewDate', () => {
  it('leaves a quiet client for the drift limit (or the next month, if sooner)', () => {
    expect(nextReviewDate(quiet)).toBe('2026-03-17');
    expect(nextReviewDate({ ...quiet, when: asOf('2026-03-28' as IsoDate, 'UTC') })).toBe('2026-04-01');
  });

  it('looks again the day after something open falls due, and daily once it is overdue', () => {
    expect(nextReviewDate({ ...quiet, requests: [request('2026-03-12')] })).toBe('2026-03-13');
    expect(nextReviewDate({ ...quiet, invoices: [invoice('2026-03-10', 50_00)] })).toBe('2026-03-11');
    expect(nextReviewDate({ ...quiet, invoices: [invoice('2026-03-02', 50_00)] })).toBe('2026-03-11');
    expect(nextReviewDate({ ...quiet, requests: [request('2026-03-02', 'answered')], invoices: [invoice('2026-03-02', 0)] })).toBe('2026-03-17');
  });

  it('comes back for a flagged controller when the next load review is due', () => {
    expect(nextReviewDate({ ...quiet, controllingFlagged: true, messages: [review('2026-03-05T10:00:00.000Z')], approvalReviewEveryDays: 4 })).toBe('2026-03-11');
    expect(nextReviewDate({ ...quiet, controllingFlagged: true, messages: [review('2026-03-08T10:00:00.000Z')], approvalReviewEveryDays: 5 })).toBe('2026-03-13');
    expect(nextReviewDate({ ...quiet, controllingFlagged: true })).toBe('2026-03-11');
  });

  it('never again for an offboarded client, until an event says otherwise', () => {
    expect(nextReviewDate({ ...quiet, offboarded: true, invoices: [invoice('2026-03-01', 10)] })).toBeNull();
  });

  it('is always after the day and within the drift limit', () => {
    const date = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(date, fc.array(date, { maxLength: 5 }), fc.array(fc.tuple(date, fc.integer({ min: -100, max: 100 })), { maxLength: 5 }), (day, requestDues, invoices) => {
      const next = nextReviewDate({ ...quiet, when: asOf(day as IsoDate, 'UTC'), requests: requestDues.map((d) => request(d)), invoices: invoices.map(([d, open]) => invoice(d, open)) });
      const limit = new Date(Date.parse(day) + driftReviewDays * 86_400_000).toISOString().slice(0, 10);
      expect(next !== null && next > day && next <= limit).toBe(true);
    }));
  });
});
