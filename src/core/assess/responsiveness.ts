import { addDays, lastDayOfMonth, type IsoDate } from '../dates.ts';
import type { BusinessCalendar } from '../calendar/business-days.ts';
import type { RequestView } from '../ledger/read-model.ts';
import { localDate, type AsOf } from './replay.ts';
import { median } from './stats.ts';

export type RequestStatus = 'on-time' | 'late' | 'open-overdue' | 'open' | 'withdrawn';

/** One request as the client treated it, in business days of the workspace's calendar. */
export interface RequestWait {
  readonly requestId: string;
  readonly kind: RequestView['kind'];
  readonly sentOn: IsoDate;
  readonly dueDate: IsoDate;
  readonly answeredOn: IsoDate | null;
  readonly status: RequestStatus;
  /** Business days past the due date until the answer (or until the assessment date while open). */
  readonly businessDaysLate: number;
  /** Business days from sending to the answer; null while unanswered. */
  readonly responseBusinessDays: number | null;
}

export interface Responsiveness {
  /** Requests whose due date has passed, or that were answered, oldest due first. */
  readonly considered: readonly RequestWait[];
  readonly onTime: number;
  readonly late: number;
  readonly openOverdue: number;
  readonly shareOnTime: number | null;
  readonly medianResponseBusinessDays: number | null;
  /** The longest a single request waited on the client past its due date, in business days. */
  readonly longestWaitBusinessDays: number;
  /** Business days of work blocked by late requests, per month (`YYYY-MM`) in which they fell. */
  readonly blockedBusinessDaysByMonth: Readonly<Record<string, number>>;
}

/** When we stopped waiting: the answer, or our withdrawal if that came first; null while we still wait. */
function waitEnd(request: RequestView, when: AsOf): { end: IsoDate | null; withdrawn: boolean } {
  const answered = request.answeredAt === null ? null : localDate(request.answeredAt, when.timeZone);
  const withdrawn = request.withdrawnAt === null ? null : localDate(request.withdrawnAt, when.timeZone);
  if (withdrawn !== null && (answered === null || (request.withdrawnAt as string) <= (request.answeredAt as string))) return { end: withdrawn, withdrawn: true };
  return { end: answered, withdrawn: false };
}

function statusOf(request: RequestView, answeredOn: IsoDate | null, when: AsOf): RequestStatus {
  // Withdrawn before any answer: the silence counts until we gave up waiting, not the reply that
  // came after; withdrawn in time, it does not count at all.
  const { end, withdrawn } = waitEnd(request, when);
  if (withdrawn) return end !== null && end > request.dueDate ? 'late' : 'withdrawn';
  if (answeredOn !== null) return answeredOn <= request.dueDate ? 'on-time' : 'late';
  if (request.status === 'withdrawn') return 'withdrawn';
  return request.dueDate < when.date ? 'open-overdue' : 'open';
}


/** Spreads the business days in (from, to] over the months they fall in. */
function addByMonth(into: Record<string, number>, calendar: BusinessCalendar, from: IsoDate, to: IsoDate): void {
  for (let start = from; start < to;) {
    const monthEnd = lastDayOfMonth(addDays(start, 1));
    const stop = monthEnd < to ? monthEnd : to;
    const days = calendar.businessDaysBetween(start, stop);
    if (days > 0) into[stop.slice(0, 7)] = (into[stop.slice(0, 7)] ?? 0) + days;
    start = stop;
  }
}

/** How the client answered what we asked, as of the end of `when.date`. */
export function measureResponsiveness(requests: readonly RequestView[], calendar: BusinessCalendar, when: AsOf): Responsiveness {
  const considered: RequestWait[] = [];
  const blocked: Record<string, number> = {};
  for (const request of requests) {
    const stopped = waitEnd(request, when);
    const answeredOn = stopped.withdrawn ? null : stopped.end;
    const status = statusOf(request, answeredOn, when);
    if (status === 'open' || status === 'withdrawn') continue;
    const end = stopped.end ?? when.date;
    const businessDaysLate = Math.max(0, calendar.businessDaysBetween(request.dueDate, end));
    const sentOn = localDate(request.sentAt, when.timeZone);
    considered.push({
      requestId: request.requestId, kind: request.kind, sentOn, dueDate: request.dueDate, answeredOn, status, businessDaysLate,
      responseBusinessDays: answeredOn === null ? null : Math.max(0, calendar.businessDaysBetween(sentOn, answeredOn)),
    });
    if (businessDaysLate > 0) addByMonth(blocked, calendar, request.dueDate, end);
  }
  considered.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.requestId.localeCompare(b.requestId));
  const count = (status: RequestStatus) => considered.filter((r) => r.status === status).length;
  const answered = considered.flatMap((r) => (r.responseBusinessDays === null ? [] : [r.responseBusinessDays]));
  return {
    considered,
    onTime: count('on-time'),
    late: count('late'),
    openOverdue: count('open-overdue'),
    shareOnTime: considered.length === 0 ? null : count('on-time') / considered.length,
    medianResponseBusinessDays: median(answered) ?? null,
    longestWaitBusinessDays: Math.max(0, ...considered.map((r) => r.businessDaysLate)),
    blockedBusinessDaysByMonth: blocked,
  };
}
