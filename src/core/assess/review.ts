import { Temporal, type IsoDate } from '../dates.ts';
import type { InvoiceView, MessageView, RequestView } from '../ledger/read-model.ts';
import { localDate, type AsOf } from './replay.ts';

/**
 * How long a client whose ledger does not change may go unassessed: the controlling and
 * economics windows slide a day at a time, and a score drifting over its threshold that
 * way is a slow trend, re-checked at least weekly rather than daily.
 */
export const driftReviewDays = 7;

export interface ReviewInputs {
  readonly when: AsOf;
  readonly offboarded: boolean;
  readonly requests: readonly RequestView[];
  readonly invoices: readonly InvoiceView[];
  readonly messages: readonly MessageView[];
  readonly controllingFlagged: boolean;
  readonly approvalReviewEveryDays: number;
}

const plusDays = (date: IsoDate, days: number) => Temporal.PlainDate.from(date).add({ days }).toString() as IsoDate;

/**
 * The first date after `when.date` on which the client's plan could change if no new event
 * about them is recorded: the sweep need not look at them again before it. Anything overdue
 * moves daily (reminder ladders and lateness grow each day); something coming due moves the
 * day after its due date; a flagged controller's next load review; the next month (the
 * economics compare whole months); and the drift limit. Null once the client is offboarded.
 */
export function nextReviewDate(inputs: ReviewInputs): IsoDate | null {
  if (inputs.offboarded) return null;
  const { when } = inputs;
  const tomorrow = plusDays(when.date, 1);
  const candidates: IsoDate[] = [plusDays(when.date, driftReviewDays), firstOfNextMonth(when.date)];
  const openDueDates = [
    ...inputs.requests.filter((request) => request.status === 'open').map((request) => request.dueDate),
    ...inputs.invoices.filter((invoice) => invoice.openMinor > 0).map((invoice) => invoice.dueDate),
  ];
  for (const dueDate of openDueDates) candidates.push(dueDate < when.date ? tomorrow : plusDays(dueDate, 1));
  if (inputs.controllingFlagged) {
    const reviewed = inputs.messages
      .filter((m) => m.direction === 'out' && m.actionKey?.includes('/approval-load/'))
      .map((m) => localDate(m.at, when.timeZone)).sort().at(-1);
    candidates.push(reviewed === undefined ? tomorrow : plusDays(reviewed, inputs.approvalReviewEveryDays));
  }
  return candidates.reduce((earliest, date) => {
    const next = date > when.date ? date : tomorrow;
    return next < earliest ? next : earliest;
  });
}

function firstOfNextMonth(date: IsoDate): IsoDate {
  return Temporal.PlainDate.from(date).with({ day: 1 }).add({ months: 1 }).toString() as IsoDate;
}
