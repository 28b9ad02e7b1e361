import { z } from 'zod';
import type { ClientId, EventId } from '../brand.ts';
import type { IsoInstant } from '../dates.ts';
import {
  CurrencyWire, DateWire, IdWire, IntWire, JurisdictionWire, LocaleWire, NonNegativeMoneyWire,
  OptionalTextWire, PositiveMoneyWire, RatePctWire, TextWire, TimeZoneWire,
} from './wire.ts';
import { RulesOverrideWire } from './rules-wire.ts';
import { holdReasons } from './hold-reasons.ts';
import { accessLevels, answerChannels, approvalModes, feeCycles, requestedBy, requestKinds, severities, timeKinds, verdicts } from './vocabulary.ts';

// The event types of LEDGER.md v1. Objects are strict: a field we do not know is an error
// that names it, never data silently dropped or silently hashed.

const ClientIdWire = IdWire.transform((id) => id as ClientId);

export { accessLevels, answerChannels, approvalModes, feeCycles, requestedBy, requestKinds, severities, timeKinds, verdicts };
export { holdReasons };
/** Why we let a client go: the archetype reasons of the termination letter, or the user's own words. */
export const offboardingReasons = ['feedback', 'trust', 'payment', 'other'] as const;
/** The steps of offboarding a person may skip, with a reason (the reason itself cannot be skipped). */
export const skippableOffboardingSteps = ['access', 'requests', 'final-invoice', 'final-report', 'termination-letter'] as const;

const Contact = z.strictObject({ name: TextWire(200), email: z.email('not an e-mail address').max(320) });

const PaymentTerms = z.union([
  z.strictObject({ dueDayOfMonth: IntWire(1, 31) }),
  z.strictObject({ netDays: IntWire(0, 365) }),
], { error: 'must be {"dueDayOfMonth": 1..31} or {"netDays": 0..365}' });

const Approval = z.strictObject({
  mode: z.enum(approvalModes),
  windowDays: IntWire(0, 365).optional(),
  deemedApproval: z.boolean().optional(),
});

const LateInterest = z.union([
  z.literal('statutory'),
  z.literal('none'),
  z.strictObject({ ratePct: RatePctWire }),
], { error: 'must be "statutory", "none" or {"ratePct": "8.00"}' });

const Fee = z.strictObject({
  amount: z.string({ error: 'amounts are decimal strings such as "1250.00", never numbers' }),
  currency: CurrencyWire,
  cycle: z.enum(feeCycles),
}).transform((fee, ctx) => {
  const money = NonNegativeMoneyWire.safeParse({ amount: fee.amount, currency: fee.currency });
  if (!money.success) {
    for (const issue of money.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  }
  return { ...money.data, cycle: fee.cycle };
});

/** What letters and invoices name the client by, beyond their name (#12): all optional. */
const ClientIdentity = {
  /** The company registration number (in Denmark the CVR number). */
  registrationNumber: TextWire(50).optional(),
  vatNumber: TextWire(50).optional(),
  /** The postal address letters carry, one line per line. */
  postalAddress: TextWire(500).optional(),
};
/** The same fields in `client.updated`, where null clears one. */
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** The terms a contract is signed with, each of which an amendment may change (#12). */
const contractTerms = {
  networks: z.array(TextWire(50)).max(30),
  fee: Fee,
  paymentTerms: PaymentTerms,
  feedbackDays: IntWire(0, 365),
  approval: Approval,
  stopWorkAfterDays: IntWire(0, 3650),
  lateInterest: LateInterest,
  /** Whether the contract lets us charge reminder fees (rykkergebyr in Denmark); absent: no. */
  reminderFees: z.boolean(),
  /** This contract's own assessment thresholds, over the workspace's. */
  rules: RulesOverrideWire,
};
export const amendableTerms = Object.keys(contractTerms) as (keyof typeof contractTerms)[];

const MediaUrlWire = z.url({ protocol: /^https?$/, error: 'must be an http or https address' }).max(2000);

const AccessKey = { clientId: ClientIdWire, network: TextWire(50), account: TextWire(200) };
const MessageData = z.strictObject({
  messageId: IdWire,
  clientId: ClientIdWire,
  channel: TextWire(30),
  subject: z.string().max(1000),
  inReplyTo: IdWire.optional(),
  requestId: IdWire.optional(),
  /** The planned action this message carries out (`c1/late/inv_4/stop-work`): once sent, never planned again. */
  actionKey: z.string().min(1).max(300).optional(),
});
const WorkState = z.strictObject({ clientId: ClientIdWire, reason: TextWire(2000) });

export const eventSchemas = {
  'workspace.configured': z.strictObject({
    name: TextWire(200),
    currency: CurrencyWire,
    locale: LocaleWire,
    timezone: TimeZoneWire,
    jurisdiction: JurisdictionWire,
    targetHourlyRate: NonNegativeMoneyWire,
  }),
  /** The workspace's assessment thresholds, replacing any set before (defaults where absent). */
  'workspace.rules': z.strictObject({ rules: RulesOverrideWire }),
  'client.added': z.strictObject({
    clientId: ClientIdWire,
    name: TextWire(200),
    locale: LocaleWire,
    jurisdiction: JurisdictionWire.optional(),
    currency: CurrencyWire.optional(),
    contacts: z.array(Contact).max(50),
    ...ClientIdentity,
  }),
  /** A client's details changed (#12): only the fields named change; null clears an optional one. */
  'client.updated': z.strictObject({
    clientId: ClientIdWire,
    name: TextWire(200).optional(),
    locale: LocaleWire.optional(),
    jurisdiction: nullable(JurisdictionWire),
    currency: nullable(CurrencyWire),
    contacts: z.array(Contact).max(50).optional(),
    registrationNumber: nullable(ClientIdentity.registrationNumber.unwrap()),
    vatNumber: nullable(ClientIdentity.vatNumber.unwrap()),
    postalAddress: nullable(ClientIdentity.postalAddress.unwrap()),
  }).refine((d) => Object.keys(d).length > 1, { message: 'names no field to change' }),
  /** The client is put away (#12): no longer listed by default, nothing planned for them. Their history stays. */
  'client.archived': z.strictObject({ clientId: ClientIdWire, reason: OptionalTextWire(2000) }),
  'client.restored': z.strictObject({ clientId: ClientIdWire }),
  /**
   * Escalation of the client is held until the end of `until` (#12): no reminders, no stop-work, no
   * deemed approvals. For a promise to pay, `until` is the day they promised. "other" needs a note.
   */
  'escalation.held': z.strictObject({
    clientId: ClientIdWire,
    until: DateWire,
    reason: z.enum(holdReasons),
    note: OptionalTextWire(2000),
  }).refine((d) => d.reason !== 'other' || (d.note ?? '') !== '', { path: ['note'], message: 'reason "other" needs the reason in words' }),
  /** A hold ended before its date. */
  'escalation.released': z.strictObject({ clientId: ClientIdWire, reason: OptionalTextWire(2000) }),
  'contract.signed': z.strictObject({
    contractId: IdWire,
    clientId: ClientIdWire,
    startDate: DateWire,
    ...contractTerms,
    reminderFees: contractTerms.reminderFees.optional(),
    rules: contractTerms.rules.optional(),
  }),
  /**
   * Terms of a contract change from `effectiveDate` (#12): only the terms named; an assessment of
   * an earlier day uses the terms before. `rules` replaces the contract's own thresholds.
   */
  'contract.amended': z.strictObject({
    contractId: IdWire,
    effectiveDate: DateWire,
    networks: contractTerms.networks.optional(),
    fee: contractTerms.fee.optional(),
    paymentTerms: contractTerms.paymentTerms.optional(),
    feedbackDays: contractTerms.feedbackDays.optional(),
    approval: contractTerms.approval.optional(),
    stopWorkAfterDays: contractTerms.stopWorkAfterDays.optional(),
    lateInterest: contractTerms.lateInterest.optional(),
    reminderFees: contractTerms.reminderFees.optional(),
    rules: contractTerms.rules.optional(),
    note: OptionalTextWire(2000),
  }).refine((d) => amendableTerms.some((term) => d[term] !== undefined), { message: 'names no term to change' }),
  'contract.ended': z.strictObject({ contractId: IdWire, endDate: DateWire, reason: OptionalTextWire(2000) }),
  'deliverable.created': z.strictObject({
    deliverableId: IdWire,
    clientId: ClientIdWire,
    network: TextWire(50).optional(),
    title: TextWire(500),
    /** What the client is asked to approve (#12): the post's text, its planned day, its media. */
    caption: TextWire(5000).optional(),
    plannedFor: DateWire.optional(),
    mediaUrl: MediaUrlWire.optional(),
  }),
  'deliverable.revised': z.strictObject({
    deliverableId: IdWire,
    round: IntWire(1, 10_000),
    changeChars: IntWire(0, 10_000_000),
    requestedBy: z.enum(requestedBy),
  }),
  'deliverable.published': z.strictObject({ deliverableId: IdWire }),
  'request.sent': z.strictObject({
    requestId: IdWire,
    clientId: ClientIdWire,
    kind: z.enum(requestKinds),
    subject: TextWire(1000),
    dueDate: DateWire,
    deliverableId: IdWire.optional(),
  }),
  'request.answered': z.strictObject({
    requestId: IdWire,
    channel: z.enum(answerChannels),
    verdict: z.enum(verdicts).optional(),
    /** What the client wrote with the answer (the portal's comment box). */
    comment: OptionalTextWire(4000),
  }),
  'request.withdrawn': z.strictObject({ requestId: IdWire, reason: OptionalTextWire(2000) }),
  'access.granted': z.strictObject({ ...AccessKey, level: z.enum(accessLevels) }),
  'access.revoked': z.strictObject(AccessKey),
  'access.handedOver': z.strictObject({ ...AccessKey, confirmedBy: OptionalTextWire(200) }),
  'invoice.issued': z.strictObject({
    invoiceId: IdWire,
    clientId: ClientIdWire,
    number: TextWire(100),
    issueDate: DateWire,
    dueDate: DateWire,
    total: PositiveMoneyWire,
  }),
  'invoice.credited': z.strictObject({ invoiceId: IdWire, amount: PositiveMoneyWire, reason: OptionalTextWire(2000) }),
  'payment.received': z.strictObject({
    paymentId: IdWire,
    clientId: ClientIdWire,
    date: DateWire,
    amount: PositiveMoneyWire,
    invoiceIds: z.array(IdWire).min(1).max(500).optional(),
  }),
  'message.sent': MessageData,
  'message.received': MessageData,
  'time.logged': z.strictObject({
    clientId: ClientIdWire,
    date: DateWire,
    minutes: IntWire(1, 24 * 60),
    kind: z.enum(timeKinds),
  }),
  'incident.noted': z.strictObject({ clientId: ClientIdWire, severity: z.enum(severities), summary: TextWire(4000) }),
  'work.paused': WorkState,
  'work.resumed': WorkState,
  /** Letting the client go has begun (#7): the checklist runs until `client.offboarded`. "other" needs the reason in `note`. */
  'offboarding.started': z.strictObject({
    clientId: ClientIdWire,
    reason: z.enum(offboardingReasons),
    note: OptionalTextWire(2000),
  }).refine((d) => d.reason !== 'other' || (d.note ?? '') !== '', { path: ['note'], message: 'reason "other" needs the reason in words' }),
  /** A person chose not to do a step of the offboarding checklist, and said why. */
  'offboarding.stepSkipped': z.strictObject({ clientId: ClientIdWire, step: z.enum(skippableOffboardingSteps), reason: TextWire(2000) }),
  /** A person lets the accounts be handed over although the client owes money: the override and its reason. */
  'access.handoverApproved': z.strictObject({ clientId: ClientIdWire, reason: TextWire(2000), by: OptionalTextWire(200) }),
  'client.offboarded': z.strictObject({ clientId: ClientIdWire, reason: TextWire(2000) }),
  /** The client opened their portal link (at most one per link per 30 minutes); not an answer. */
  'portal.viewed': z.strictObject({ clientId: ClientIdWire, linkId: IdWire }),
} as const;

export type EventType = keyof typeof eventSchemas;
export const eventTypes = Object.keys(eventSchemas) as EventType[];
export const isEventType = (type: string): type is EventType => Object.hasOwn(eventSchemas, type);

export type EventData<T extends EventType> = z.output<(typeof eventSchemas)[T]>;

/** One fact, validated and normalised: what is hashed, stored and exported. */
export type LedgerEvent = {
  [T in EventType]: { readonly id: EventId; readonly type: T; readonly at: IsoInstant; readonly data: EventData<T> };
}[EventType];

export type EventOf<T extends EventType> = Extract<LedgerEvent, { type: T }>;

/** A ledger event as stored: its place in the chain and when this ledger recorded it. */
export type StoredEvent = LedgerEvent & {
  readonly seq: number;
  readonly recordedAt: IsoInstant;
  readonly prevHash: string;
  readonly hash: string;
};
