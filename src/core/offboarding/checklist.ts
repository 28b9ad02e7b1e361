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

/**
 * A value in a step's message, typed so each reader can say it their way (#12): the web app
 * formats dates and money in the page's language and names codes from its catalogue; the CLI
 * and the API's `detail` use the English rendering below.
 */
export type PhraseValue =
  | string
  | number
  | { readonly date: IsoDate }
  | { readonly money: readonly Money[] }
  | { readonly list: readonly string[] }
  | { readonly code: string; readonly of: 'offboardingReason' | 'outboxStatus' };

/** What a step says, as a key and values (`offboarding.access.blocked`, {owed, accounts}). */
export interface Phrase<K extends string = OffboardingPhraseKey> { readonly key: K; readonly values: Readonly<Record<string, PhraseValue>> }

/**
 * Every message of the checklist, in English: the CLI's text and the API's `detail`. The web
 * app has its own wording of the same keys, in English and Danish (client catalogue,
 * `client.offboarding.detail.<key>`).
 */
const english = {
  'reason.pending': 'Start offboarding with a reason: feedback, trust, payment or other (in words).',
  notStarted: 'Start offboarding first.',
  'reason.done': 'Started on {date}: {reason}.',
  'reason.doneWithNote': 'Started on {date}: {reason} ({note}).',
  skipped: 'Skipped: {reason}',
  'access.none': 'No access to any account is on record.',
  'access.handedOver': 'Handed over: {accounts}.',
  'access.blocked': 'The client owes {owed} overdue: hand over {accounts} once it is paid, or override with a reason.',
  'access.pending': 'To hand over: {accounts}.',
  'access.pendingOverridden': 'To hand over: {accounts} (the client owes {owed}; handover approved: {reason}).',
  'requests.none': 'No request is open.',
  'requests.noneWithdrawn': 'No request is open ({count} withdrawn).',
  'requests.open': '{count} open request{s} to withdraw: {subjects}.',
  'finalInvoice.done': 'Final invoice {number} issued on {date}.',
  'finalInvoice.pending': 'Issue the final invoice (on or after {date}), or skip this step saying why (nothing left to bill).',
  'finalReport.done': 'Final report sent on {date}.',
  'finalReport.pending': 'Send the final report, or skip this step saying why.',
  'termination.done': 'Termination letter sent on {date}.',
  'termination.pending': 'Queue the termination letter; it waits in the outbox for review. It names the accounts handed over and the final invoice as they stand when it is approved.',
  'termination.discarded': 'The termination letter was discarded in the outbox: send it another way and skip this step, saying so.',
  'termination.inOutbox': 'The termination letter is in the outbox ({status}): review, approve and send it there.',
} as const;
export type OffboardingPhraseKey = keyof typeof english;
export const offboardingPhraseKeys = Object.keys(english) as OffboardingPhraseKey[];

const englishValue = (value: PhraseValue): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if ('date' in value) return value.date;
  if ('money' in value) return describeMoney(value.money);
  if ('list' in value) return value.list.join(', ');
  return value.code;
};

/** The English text of a checklist message (the CLI's, and the API's `detail`). */
export function phraseText(phrase: Phrase): string {
  const values = phrase.values;
  return english[phrase.key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name === 's') return values.count === 1 ? '' : 's';
    const value = values[name];
    return value === undefined ? whole : englishValue(value);
  });
}

export interface OffboardingStep {
  readonly id: OffboardingStepId;
  readonly status: StepStatus;
  /** In English words: what is done, what is left, or what stands in the way (`phraseText(message)`). */
  readonly detail: string;
  /** The same as a key and values, for a reader to say in their own language. */
  readonly message: Phrase;
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

  const step: StepOf = (id, status, key, values = {}) => {
    const message = { key, values };
    return { id, status, detail: phraseText(message), message, skipReason: null };
  };
  const skippedOr = (id: SkippableStep, compute: () => OffboardingStep): OffboardingStep => {
    const reason = record.skipped.get(id);
    if (reason === undefined) return compute();
    return { ...step(id, 'done', 'skipped', { reason }), skipReason: reason };
  };
  const on = (date: IsoDate) => ({ date });

  const steps: OffboardingStep[] = [];
  if (started === null) {
    steps.push(step('reason', 'pending', 'reason.pending'));
    for (const id of offboardingStepIds.slice(1)) steps.push(step(id, 'blocked', 'notStarted'));
  } else {
    const startedOn = localDate(started.at, when.timeZone);
    const reason = { code: started.reason, of: 'offboardingReason' } as const;
    steps.push(started.note
      ? step('reason', 'done', 'reason.doneWithNote', { date: on(startedOn), reason, note: started.note })
      : step('reason', 'done', 'reason.done', { date: on(startedOn), reason }));
    steps.push(skippedOr('access', () => accessStep(state.all('accessGrant'), owed, override, step)));
    steps.push(skippedOr('requests', () => {
      const open = state.all('request').filter((r) => r.status === 'open');
      const withdrawn = state.all('request').filter((r) => r.status === 'withdrawn').length;
      return open.length === 0
        ? (withdrawn > 0 ? step('requests', 'done', 'requests.noneWithdrawn', { count: withdrawn }) : step('requests', 'done', 'requests.none'))
        : step('requests', 'pending', 'requests.open', { count: open.length, subjects: { list: open.map((r) => `"${r.subject}"`) } });
    }));
    steps.push(skippedOr('final-invoice', () => {
      const finals = state.all('invoice').filter((i) => i.issueDate >= startedOn).sort((a, b) => a.issueDate.localeCompare(b.issueDate));
      const last = finals.at(-1);
      return last
        ? step('final-invoice', 'done', 'finalInvoice.done', { number: last.number, date: on(last.issueDate) })
        : step('final-invoice', 'pending', 'finalInvoice.pending', { date: on(startedOn) });
    }));
    const sent = (key: string) => state.all('message').find((m) => m.direction === 'out' && m.actionKey === key);
    steps.push(skippedOr('final-report', () => {
      const message = sent(finalReportActionKey(clientId));
      return message
        ? step('final-report', 'done', 'finalReport.done', { date: on(localDate(message.at, when.timeZone)) })
        : step('final-report', 'pending', 'finalReport.pending');
    }));
    steps.push(skippedOr('termination-letter', () => {
      const message = sent(terminationActionKey(clientId));
      if (message) return step('termination-letter', 'done', 'termination.done', { date: on(localDate(message.at, when.timeZone)) });
      const outbox = input.terminationLetter ?? null;
      if (outbox === null) return step('termination-letter', 'pending', 'termination.pending');
      if (outbox === 'discarded') return step('termination-letter', 'pending', 'termination.discarded');
      return step('termination-letter', 'pending', 'termination.inOutbox', { status: { code: outbox, of: 'outboxStatus' } });
    }));
  }
  const ready = started !== null && steps.every((s) => s.status === 'done');
  return {
    clientId, started: started !== null, reason: started?.reason ?? null, note: started?.note ?? null, startedAt: started?.at ?? null,
    steps, owed, handoverAllowed, override, ready, complete: record.offboardedAt !== null, offboardedAt: record.offboardedAt,
  };
}

type StepOf = (id: OffboardingStepId, status: StepStatus, key: OffboardingPhraseKey, values?: Phrase['values']) => OffboardingStep;

function accessStep(
  grants: readonly AccessGrantView[], owed: readonly Money[], override: OffboardingRecord['overrides'][number] | null, step: StepOf,
): OffboardingStep {
  // A revoked grant is access we no longer hold: there is nothing of it to hand over.
  const held = grants.filter((g) => g.revokedAt === null);
  const left = held.filter((g) => g.handedOverAt === null);
  const handed = held.filter((g) => g.handedOverAt !== null);
  if (left.length === 0) {
    return handed.length === 0 ? step('access', 'done', 'access.none') : step('access', 'done', 'access.handedOver', { accounts: { list: handed.map(accountName) } });
  }
  const accounts = { list: left.map(accountName) };
  if (owed.length > 0 && override === null) return step('access', 'blocked', 'access.blocked', { owed: { money: owed }, accounts });
  return owed.length > 0 && override
    ? step('access', 'pending', 'access.pendingOverridden', { accounts, owed: { money: owed }, reason: override.reason })
    : step('access', 'pending', 'access.pending', { accounts });
}
