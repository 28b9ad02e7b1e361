import type { IsoDate, IsoInstant } from '../dates.ts';
import { formatDecimal, type CurrencyCode, type Money } from '../money.ts';
import type { AccessGrantView, InvoiceView } from '../ledger/read-model.ts';
import { localDate, type AsOf, type ClientHistory } from '../assess/replay.ts';
import { finalReportActionKey, terminationActionKey, type OffboardingReason, type OffboardingRecord, type SkippableStep } from './record.ts';

// The checklist of letting a client go (#7), computed from the client's replayed history:
// nothing about its progress is stored but the facts themselves.

export const offboardingStepIds = ['reason', 'access', 'requests', 'final-invoice', 'final-report', 'termination-letter'] as const;
export type OffboardingStepId = (typeof offboardingStepIds)[number];

export const stepStatuses = ['done', 'pending', 'blocked'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export interface OffboardingStep {
  readonly id: OffboardingStepId;
  readonly status: StepStatus;
  /** In words: what is done, what is left, or what stands in the way. */
  readonly detail: string;
  /** Set when a person skipped the step (it then counts as done). */
  readonly skipReason: string | null;
}

export interface OffboardingStatus {
  readonly clientId: string;
  readonly started: boolean;
  readonly reason: OffboardingReason | null;
  readonly note: string | null;
  readonly startedAt: IsoInstant | null;
  readonly steps: readonly OffboardingStep[];
  /** Overdue and unpaid, per currency: what keeps the accounts from being handed over. */
  readonly owed: readonly Money[];
  /** Whether `access.handedOver` may be recorded now without an override. */
  readonly handoverAllowed: boolean;
  /** The latest override of the payment rule, if a person recorded one. */
  readonly override: OffboardingRecord['overrides'][number] | null;
  /** Every step done or skipped: `complete` may end the contracts and offboard the client. */
  readonly ready: boolean;
  /** The client is offboarded (`client.offboarded`). */
  readonly complete: boolean;
  readonly offboardedAt: IsoInstant | null;
}

export interface ChecklistInput {
  readonly history: ClientHistory;
  readonly record: OffboardingRecord;
  readonly when: AsOf;
  /** The termination letter's state in the outbox, if it was queued (`queued`, `approved`, `sent`, …). */
  readonly terminationLetter?: string | null;
}

/**
 * What the client owes that keeps the accounts from being handed over: the open amount of
 * every invoice past its due date on `today`, summed per currency.
 *
 * "Provided they are up to date with payments" (#7): an invoice that is open but not yet due
 * — typically the final invoice itself — does not hold the handover back; one past its due
 * date does. Interest and fees are not counted: they are claimed, not owed until agreed.
 */
export function overdueOwed(invoices: readonly InvoiceView[], today: IsoDate): Money[] {
  const byCurrency = new Map<CurrencyCode, number>();
  for (const invoice of invoices) {
    if (invoice.openMinor > 0 && invoice.dueDate < today) byCurrency.set(invoice.currency, (byCurrency.get(invoice.currency) ?? 0) + invoice.openMinor);
  }
  return [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => ({ minor, currency }));
}

export const describeMoney = (amounts: readonly Money[]): string => amounts.map((m) => `${formatDecimal(m)} ${m.currency}`).join(' and ');

const accountName = (g: Pick<AccessGrantView, 'network' | 'account'>) => `${g.network} ${g.account}`;

/** The offboarding checklist of one client as of `when`, each step done, pending or blocked with why. */
export function offboardingStatus(input: ChecklistInput): OffboardingStatus {
  const { history, record, when } = input;
  const { state, clientId } = history;
  const today = when.date;
  const started = record.started;
  const owed = overdueOwed(state.all('invoice'), today);
  const override = record.overrides.at(-1) ?? null;
  const handoverAllowed = owed.length === 0 || override !== null;

  const step = (id: OffboardingStepId, status: StepStatus, detail: string): OffboardingStep => ({ id, status, detail, skipReason: null });
  const skippedOr = (id: SkippableStep, compute: () => OffboardingStep): OffboardingStep => {
    const reason = record.skipped.get(id);
    if (reason === undefined) return compute();
    return { id, status: 'done', detail: `Skipped: ${reason}`, skipReason: reason };
  };

  const steps: OffboardingStep[] = [];
  if (started === null) {
    steps.push(step('reason', 'pending', 'Start offboarding with a reason: feedback, trust, payment or other (in words).'));
    for (const id of offboardingStepIds.slice(1)) steps.push(step(id, 'blocked', 'Start offboarding first.'));
  } else {
    const startedOn = localDate(started.at, when.timeZone);
    steps.push(step('reason', 'done', `Started on ${startedOn}: ${started.reason}${started.note ? ` (${started.note})` : ''}.`));
    steps.push(skippedOr('access', () => accessStep(state.all('accessGrant'), owed, override, step)));
    steps.push(skippedOr('requests', () => {
      const open = state.all('request').filter((r) => r.status === 'open');
      const withdrawn = state.all('request').filter((r) => r.status === 'withdrawn').length;
      return open.length === 0
        ? step('requests', 'done', withdrawn > 0 ? `No request is open (${withdrawn} withdrawn).` : 'No request is open.')
        : step('requests', 'pending', `${open.length} open request${open.length === 1 ? '' : 's'} to withdraw: ${open.map((r) => `"${r.subject}"`).join(', ')}.`);
    }));
    steps.push(skippedOr('final-invoice', () => {
      const finals = state.all('invoice').filter((i) => i.issueDate >= startedOn).sort((a, b) => a.issueDate.localeCompare(b.issueDate));
      const last = finals.at(-1);
      return last
        ? step('final-invoice', 'done', `Final invoice ${last.number} issued on ${last.issueDate}.`)
        : step('final-invoice', 'pending', `Issue the final invoice (on or after ${startedOn}), or skip this step saying why (nothing left to bill).`);
    }));
    const sent = (key: string) => state.all('message').find((m) => m.direction === 'out' && m.actionKey === key);
    steps.push(skippedOr('final-report', () => {
      const message = sent(finalReportActionKey(clientId));
      return message
        ? step('final-report', 'done', `Final report sent on ${localDate(message.at, when.timeZone)}.`)
        : step('final-report', 'pending', 'Send the final report, or skip this step saying why.');
    }));
    steps.push(skippedOr('termination-letter', () => {
      const message = sent(terminationActionKey(clientId));
      if (message) return step('termination-letter', 'done', `Termination letter sent on ${localDate(message.at, when.timeZone)}.`);
      const outbox = input.terminationLetter ?? null;
      if (outbox === null) return step('termination-letter', 'pending', 'Queue the termination letter; it waits in the outbox for review. It names the accounts handed over and the final invoice as they stand when it is approved.');
      if (outbox === 'discarded') return step('termination-letter', 'pending', 'The termination letter was discarded in the outbox: send it another way and skip this step, saying so.');
      return step('termination-letter', 'pending', `The termination letter is in the outbox (${outbox}): review, approve and send it there.`);
    }));
  }
  const ready = started !== null && steps.every((s) => s.status === 'done');
  return {
    clientId, started: started !== null, reason: started?.reason ?? null, note: started?.note ?? null, startedAt: started?.at ?? null,
    steps, owed, handoverAllowed, override, ready, complete: record.offboardedAt !== null, offboardedAt: record.offboardedAt,
  };
}

function accessStep(
  grants: readonly AccessGrantView[], owed: readonly Money[], override: OffboardingRecord['overrides'][number] | null,
  step: (id: OffboardingStepId, status: StepStatus, detail: string) => OffboardingStep,
): OffboardingStep {
  // A revoked grant is access we no longer hold: there is nothing of it to hand over.
  const held = grants.filter((g) => g.revokedAt === null);
  const left = held.filter((g) => g.handedOverAt === null);
  const handed = held.filter((g) => g.handedOverAt !== null);
  if (left.length === 0) {
    return step('access', 'done', handed.length === 0 ? 'No access to any account is on record.' : `Handed over: ${handed.map(accountName).join(', ')}.`);
  }
  const list = left.map(accountName).join(', ');
  if (owed.length > 0 && override === null) {
    return step('access', 'blocked', `The client owes ${describeMoney(owed)} overdue: hand over ${list} once it is paid, or override with a reason.`);
  }
  const why = owed.length > 0 && override ? ` (the client owes ${describeMoney(owed)}; handover approved: ${override.reason})` : '';
  return step('access', 'pending', `To hand over: ${list}${why}.`);
}
