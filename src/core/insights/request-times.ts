import type { IsoDate, IsoInstant } from '../dates.ts';
import type { BusinessCalendar } from '../calendar/business-days.ts';
import type { RequestView } from '../ledger/read-model.ts';
import { localDate, type AsOf } from '../assess/replay.ts';

/** One request with how long the client took, or has taken so far, in business days. */
export interface RequestTimes {
  readonly requestId: string;
  readonly kind: RequestView['kind'];
  readonly subject: string;
  readonly sentAt: IsoInstant;
  readonly dueDate: IsoDate;
  readonly deliverableId: string | null;
  readonly answeredAt: IsoInstant | null;
  readonly channel: string | null;
  readonly verdict: string | null;
  /** Business days from the day it was sent to the day it was answered; null unless answered. */
  readonly responseBusinessDays: number | null;
  /** Business days from the day it was sent to the day of the view while it is open; null otherwise. */
  readonly waitingBusinessDays: number | null;
}

/**
 * The client's requests as of the end of `when.date`, oldest sent first, counted in business
 * days of `calendar` (the client's jurisdiction): the same days the contract's feedbackDays
 * are counted in. Days are dated in the workspace's time zone.
 */
export function requestTimes(requests: readonly RequestView[], calendar: BusinessCalendar, when: AsOf): RequestTimes[] {
  return [...requests]
    .sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.requestId.localeCompare(b.requestId))
    .map((request) => {
      const sentOn = localDate(request.sentAt, when.timeZone);
      const answeredOn = request.answeredAt === null ? null : localDate(request.answeredAt, when.timeZone);
      const span = (end: IsoDate) => Math.max(0, calendar.businessDaysBetween(sentOn, end));
      return {
        requestId: request.requestId, kind: request.kind, subject: request.subject, sentAt: request.sentAt, dueDate: request.dueDate,
        deliverableId: request.deliverableId, answeredAt: request.answeredAt, channel: request.answerChannel, verdict: request.verdict,
        responseBusinessDays: answeredOn === null ? null : span(answeredOn),
        waitingBusinessDays: request.status === 'open' ? span(when.date) : null,
      };
    });
}

/** How long the longest-waiting open request has waited, in business days; 0 with none open. */
export const longestWait = (times: readonly RequestTimes[]): number =>
  Math.max(0, ...times.map((t) => t.waitingBusinessDays ?? 0));
