import { addDays, epochDay, type IsoDate } from '../dates.ts';
import type { BusinessCalendar } from '../calendar/business-days.ts';
import type { ContractView, InvoiceView, MessageView, RequestView } from '../ledger/read-model.ts';
import type { Archetype, Decision } from './decide.ts';
import type { Economics } from './economics.ts';
import type { Hold } from './hold.ts';
import { localDate, type AsOf, type PauseEpisode } from './replay.ts';
import type { Rules } from './rules.ts';

export const actionKinds = [
  'request.reminder', 'payment.reminder', 'work.pause', 'work.resume', 'request.deemed-approved', 'approval.load-review', 'client.walk-away',
] as const;
export type ActionKind = (typeof actionKinds)[number];

/** One step of the playbook, due on `due`; `key` is stable, so carrying it out once ends it. */
export interface Action {
  readonly key: string;
  readonly kind: ActionKind;
  readonly due: IsoDate;
  readonly template: string;
  /** The request or invoice it is about, where there is one. */
  readonly subject?: string;
}

/**
 * An action the sweep already carried out (its message queued in the outbox, `on` the local
 * day it was queued), whose message may not be in the ledger yet: awaiting approval, held,
 * discarded, or a step for the owner that is never sent.
 */
export interface CarriedOutAction {
  readonly key: string;
  readonly on: IsoDate;
}

export interface PlanInputs {
  readonly clientId: string;
  readonly when: AsOf;
  readonly calendar: BusinessCalendar;
  readonly rules: Rules;
  readonly contract: ContractView | undefined;
  readonly requests: readonly RequestView[];
  readonly invoices: readonly InvoiceView[];
  readonly messages: readonly MessageView[];
  /** What the sweep carried out; empty where only the ledger counts (an assessment on the dashboard). */
  readonly carriedOut?: readonly CarriedOutAction[];
  readonly paused: boolean;
  readonly offboarded: boolean;
  /** Put away (`client.archived`): nothing is planned for them. */
  readonly archived?: boolean;
  /** The hold on escalation in force that day (`holdOn`): only `work.resume` is planned while it lasts. */
  readonly hold?: Hold | null;
  /** The first day after the latest hold ended (`holdEndedOn`): what it kept back is due from then. */
  readonly holdEndedOn?: IsoDate | null;
  readonly pauses: readonly PauseEpisode[];
  readonly decisions: Readonly<Record<Archetype, Decision>>;
  readonly economics: Economics;
}


/**
 * What a hold on escalation keeps back (#12): every step that chases or escalates. Resuming
 * work once the client has paid is the one step a hold never delays.
 */
export const heldKinds: ReadonlySet<ActionKind> = new Set(actionKinds.filter((kind) => kind !== 'work.resume'));

/**
 * The playbook's due steps for one client as of `when.date`: those due on or before it
 * whose key no event has carried out yet, nor the sweep (`carriedOut`). Pure: the sweep
 * carries them out, and the events it records (a message with the action's key, work
 * paused, …) end them.
 *
 * Each chain moves one step at a time — one reminder per request, one per invoice, the next
 * only after the one before was sent and at least the rule's interval after it — so a day
 * that comes after a gap (a hold, a sweep not run for a while) plans the next step of each
 * chain, never every step that fell due meanwhile. While a hold is in force only the resume
 * notice is planned; the day after it ends, a step it kept back is due that day.
 */
export function planActions(inputs: PlanInputs): Action[] {
  if (inputs.offboarded || inputs.archived) return [];
  const { when, rules, clientId } = inputs;
  const hold = inputs.hold ?? null;
  const resumedOn = inputs.holdEndedOn ?? null;
  const carriedOut = inputs.carriedOut ?? [];
  // What was sent moves the playbook on (a second reminder follows a first one sent); what
  // was carried out, sent or not, is only not planned again.
  const sentKeys = new Set(inputs.messages.flatMap((m) => (m.direction === 'out' && m.actionKey ? [m.actionKey] : [])));
  const doneKeys = new Set([...sentKeys, ...carriedOut.map((a) => a.key)]);
  const actions: Action[] = [];
  const propose = (action: Action) => {
    if (action.due > when.date || doneKeys.has(action.key)) return;
    if (hold !== null && heldKinds.has(action.kind)) return;
    // Kept back by a hold that has ended: due from its end, not from a day it was held.
    const kept = resumedOn !== null && heldKinds.has(action.kind) && action.due < resumedOn;
    actions.push(kept ? { ...action, due: resumedOn } : action);
  };

  for (const request of inputs.requests) {
    if (request.status !== 'open' || request.dueDate >= when.date) continue;
    const base = `${clientId}/request/${request.requestId}`;
    const approval = inputs.contract?.approvalMode !== 'none' && request.kind === 'approval';
    const window = inputs.contract?.approvalWindowDays;
    if (approval && inputs.contract?.deemedApproval && window !== null && window !== undefined) {
      // The contract's deemed-approval clause: silence past the window is consent.
      const windowEnds = inputs.calendar.addBusinessDays(localDate(request.sentAt, when.timeZone), window);
      if (windowEnds < when.date) {
        propose({ key: `${base}/deemed-approved`, kind: 'request.deemed-approved', due: inputs.calendar.addBusinessDays(windowEnds, 1), template: 'request.deemed-approved', subject: request.requestId });
        continue;
      }
    }
    // Reminders already sent about this request, by key or (for mail recorded by hand) by reference.
    const reminders = inputs.messages.filter((m) => m.direction === 'out' && (m.actionKey?.startsWith(`${base}/reminder-`) || (m.actionKey === null && m.requestId === request.requestId && localDate(m.at, when.timeZone) > request.dueDate)));
    const n = reminders.length + 1;
    const every = rules.plan.requestReminderEveryBusinessDays;
    const scheduled = inputs.calendar.addBusinessDays(request.dueDate, 1 + (n - 1) * every);
    // Never sooner than the interval after the last reminder sent: one sent late (after a hold) moves the next on.
    const lastSent = reminders.map((m) => localDate(m.at, when.timeZone)).sort().at(-1);
    const spaced = lastSent === undefined ? scheduled : inputs.calendar.addBusinessDays(lastSent, every);
    const due = spaced > scheduled ? spaced : scheduled;
    propose({ key: `${base}/reminder-${n}`, kind: 'request.reminder', due, template: n === 1 ? 'request.reminder.first' : 'request.reminder.firm', subject: request.requestId });
  }

  const overdue = inputs.invoices
    .filter((invoice) => invoice.openMinor > 0 && invoice.dueDate < when.date)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.invoiceId.localeCompare(b.invoiceId));
  for (const invoice of overdue) {
    const base = `${clientId}/late/${invoice.invoiceId}`;
    const first = addDays(invoice.dueDate, rules.plan.firstPaymentReminderAfterDays);
    const firstSent = inputs.messages.filter((m) => m.direction === 'out' && m.actionKey === `${base}/reminder-1`).map((m) => localDate(m.at, when.timeZone)).sort()[0];
    if (firstSent === undefined) {
      propose({ key: `${base}/reminder-1`, kind: 'payment.reminder', due: first, template: 'late.reminder.first', subject: invoice.invoiceId });
    } else {
      // The second follows the first by the rule's interval, also when the first went out late.
      const scheduled = addDays(first, rules.plan.secondPaymentReminderAfterDays);
      const spaced = addDays(firstSent, rules.plan.secondPaymentReminderAfterDays);
      propose({ key: `${base}/reminder-2`, kind: 'payment.reminder', due: spaced > scheduled ? spaced : scheduled, template: 'late.reminder.second', subject: invoice.invoiceId });
    }
  }
  const stopWorkAfter = inputs.contract?.stopWorkAfterDays;
  const stopWorkOn = stopWorkAfter === undefined ? undefined : overdue.find((invoice) => addDays(invoice.dueDate, stopWorkAfter) < when.date);
  if (stopWorkOn && stopWorkAfter !== undefined && !inputs.paused) {
    propose({ key: `${clientId}/late/${stopWorkOn.invoiceId}/stop-work`, kind: 'work.pause', due: addDays(stopWorkOn.dueDate, stopWorkAfter + 1), template: 'late.stop-work', subject: stopWorkOn.invoiceId });
  }
  const currentPause = inputs.pauses.find((p) => p.resumedAt === null);
  const pausedOn = currentPause ? localDate(currentPause.pausedAt, when.timeZone) : undefined;
  // Only a pause for non-payment ends with payment: some invoice was overdue when work stopped.
  const pausedForPayment = pausedOn !== undefined && inputs.invoices.some((invoice) =>
    invoice.dueDate < pausedOn && (invoice.settledOn === null || invoice.settledOn >= pausedOn));
  if (inputs.paused && currentPause && pausedForPayment && overdue.length === 0) {
    // Paused for non-payment and now fully paid: resume promptly, as the stop-work notice promised.
    propose({ key: `${clientId}/resume/${localDate(currentPause.pausedAt, when.timeZone)}`, kind: 'work.resume', due: when.date, template: 'late.resume' });
  }

  if (inputs.decisions.controlling.flagged) {
    const every = rules.plan.approvalReviewEveryDays;
    const review = `${clientId}/approval-load/`;
    // A review queued and not sent yet counts from the day it was queued: else a new 30-day
    // period, days later, would give a new key and a second review while the first waits (#19).
    const reviewed = [
      ...inputs.messages.flatMap((m) => (m.direction === 'out' && m.actionKey?.startsWith(review) ? [localDate(m.at, when.timeZone)] : [])),
      ...carriedOut.flatMap((a) => (a.key.startsWith(review) ? [a.on] : [])),
    ];
    const lastReview = reviewed.sort().at(-1);
    if (lastReview === undefined || addDays(lastReview, every) <= when.date) {
      // A key per 30-day period keeps it stable from one day's sweep to the next.
      propose({ key: `${clientId}/approval-load/${Math.floor(epochDay(when.date) / every)}`, kind: 'approval.load-review', due: when.date, template: 'approval.load-review' });
    }
  }

  const flagged = Object.values(inputs.decisions).filter((d) => d.flagged).length;
  // Below target alone is a pricing question, not a difficult client; with a flag it tips the scale.
  const unprofitable = inputs.economics.monthsBelowTarget >= 3 && flagged >= 1;
  if (flagged >= 2 || inputs.pauses.length >= 2 || unprofitable) {
    propose({ key: `${clientId}/walk-away`, kind: 'client.walk-away', due: when.date, template: 'client.walk-away' });
  }
  return actions;
}
