import type { ClientId } from '../brand.ts';
import type { CurrencyCode } from '../money.ts';
import type { IsoDate, IsoInstant } from '../dates.ts';
import type { Jurisdiction, Locale } from './wire.ts';
import type { RulesOverride } from './rules-wire.ts';
import type { accessLevels, approvalModes, feeCycles, holdReasons, requestKinds, severities, timeKinds, verdicts } from './events.ts';
import type { EventData } from './events.ts';

// The read models: what the ledger says now, one record per thing, derived by
// `projectEvent` and nothing else. They are plain JSON-safe values so that the
// store can write them to either database and `firmly rebuild` can compare them.

export interface WorkspaceView {
  name: string;
  currency: CurrencyCode;
  locale: Locale;
  timezone: string;
  jurisdiction: Jurisdiction;
  targetRateMinor: number;
  targetRateCurrency: CurrencyCode;
  configuredAt: IsoInstant;
  /** Assessment thresholds set with `workspace.rules`; empty for the defaults. */
  rules: RulesOverride;
}

export interface ClientView {
  clientId: ClientId;
  name: string;
  locale: Locale;
  jurisdiction: Jurisdiction | null;
  currency: CurrencyCode | null;
  addedAt: IsoInstant;
  paused: boolean;
  pausedAt: IsoInstant | null;
  pauseReason: string | null;
  offboardedAt: IsoInstant | null;
  offboardReason: string | null;
  registrationNumber: string | null;
  vatNumber: string | null;
  postalAddress: string | null;
  archivedAt: IsoInstant | null;
  archiveReason: string | null;
  /** The hold on escalation (`escalation.held`): when it was placed, the last day it lasts, why. */
  heldAt: IsoInstant | null;
  heldUntil: IsoDate | null;
  holdReason: (typeof holdReasons)[number] | null;
  holdNote: string | null;
}

export interface ContactView {
  clientId: ClientId;
  position: number;
  name: string;
  email: string;
}

export type LateInterestMode = 'statutory' | 'none' | 'contractual';

export interface ContractView {
  contractId: string;
  clientId: ClientId;
  signedAt: IsoInstant;
  startDate: IsoDate;
  endDate: IsoDate | null;
  endReason: string | null;
  networks: string[];
  feeMinor: number;
  feeCurrency: CurrencyCode;
  feeCycle: (typeof feeCycles)[number];
  dueDayOfMonth: number | null;
  netDays: number | null;
  feedbackDays: number;
  approvalMode: (typeof approvalModes)[number];
  approvalWindowDays: number | null;
  deemedApproval: boolean;
  stopWorkAfterDays: number;
  lateInterest: LateInterestMode;
  lateInterestRatePct: string | null;
  /** Whether reminder fees (rykkergebyr) may be charged under this contract. */
  reminderFees: boolean;
  rules: RulesOverride | null;
}

/** The terms an amendment changes, exactly as `contract.amended` named them. */
export type AmendedTerms = Omit<EventData<'contract.amended'>, 'contractId' | 'effectiveDate' | 'note'>;

/** One `contract.amended`: its terms apply from `effectiveDate` (`contractTermsOn`). */
export interface ContractAmendmentView {
  eventId: string;
  contractId: string;
  clientId: ClientId;
  effectiveDate: IsoDate;
  amendedAt: IsoInstant;
  terms: AmendedTerms;
  note: string | null;
}

export interface DeliverableView {
  deliverableId: string;
  clientId: ClientId;
  network: string | null;
  title: string;
  caption: string | null;
  plannedFor: IsoDate | null;
  mediaUrl: string | null;
  createdAt: IsoInstant;
  publishedAt: IsoInstant | null;
  revisions: number;
  clientRevisions: number;
}

export interface RevisionView {
  eventId: string;
  deliverableId: string;
  clientId: ClientId;
  round: number;
  changeChars: number;
  requestedBy: 'client' | 'us';
  at: IsoInstant;
}

export const requestStatuses = ['open', 'answered', 'withdrawn'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export interface RequestView {
  requestId: string;
  clientId: ClientId;
  kind: (typeof requestKinds)[number];
  subject: string;
  dueDate: IsoDate;
  deliverableId: string | null;
  sentAt: IsoInstant;
  status: RequestStatus;
  answeredAt: IsoInstant | null;
  answerChannel: string | null;
  verdict: (typeof verdicts)[number] | null;
  withdrawnAt: IsoInstant | null;
  withdrawReason: string | null;
}

export interface AccessGrantView {
  clientId: ClientId;
  network: string;
  account: string;
  level: (typeof accessLevels)[number];
  grantedAt: IsoInstant;
  revokedAt: IsoInstant | null;
  handedOverAt: IsoInstant | null;
  confirmedBy: string | null;
}

export interface InvoiceView {
  invoiceId: string;
  clientId: ClientId;
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  currency: CurrencyCode;
  totalMinor: number;
  creditedMinor: number;
  paidMinor: number;
  /** total − credited − paid; negative when the client paid too much. */
  openMinor: number;
  /** Date of the payment (or credit) that brought the open amount to zero or below; null while open. */
  settledOn: IsoDate | null;
  /** Date of the latest payment allocated to it. */
  lastPaidOn: IsoDate | null;
  issuedAt: IsoInstant;
}

export interface CreditView {
  eventId: string;
  invoiceId: string;
  clientId: ClientId;
  amountMinor: number;
  currency: CurrencyCode;
  reason: string | null;
  at: IsoInstant;
}

export interface PaymentView {
  paymentId: string;
  clientId: ClientId;
  date: IsoDate;
  amountMinor: number;
  currency: CurrencyCode;
  /** What no open invoice could take: money on account. */
  unallocatedMinor: number;
  receivedAt: IsoInstant;
}

export interface AllocationView {
  paymentId: string;
  invoiceId: string;
  clientId: ClientId;
  amountMinor: number;
  currency: CurrencyCode;
}

export interface MessageView {
  messageId: string;
  clientId: ClientId;
  direction: 'out' | 'in';
  channel: string;
  subject: string;
  inReplyTo: string | null;
  requestId: string | null;
  actionKey: string | null;
  at: IsoInstant;
}

export interface TimeEntryView {
  eventId: string;
  clientId: ClientId;
  date: IsoDate;
  minutes: number;
  kind: (typeof timeKinds)[number];
}

export interface IncidentView {
  eventId: string;
  clientId: ClientId;
  severity: (typeof severities)[number];
  summary: string;
  at: IsoInstant;
}

/** Every keyed read model, by name. The order is the order of writing (parents first). */
export interface Views {
  client: ClientView;
  contact: ContactView;
  contract: ContractView;
  contractAmendment: ContractAmendmentView;
  deliverable: DeliverableView;
  revision: RevisionView;
  request: RequestView;
  accessGrant: AccessGrantView;
  invoice: InvoiceView;
  credit: CreditView;
  payment: PaymentView;
  allocation: AllocationView;
  message: MessageView;
  timeEntry: TimeEntryView;
  incident: IncidentView;
}
export type ViewName = keyof Views;

export const viewNames: readonly ViewName[] = [
  'client', 'contact', 'contract', 'contractAmendment', 'deliverable', 'revision', 'request', 'accessGrant',
  'invoice', 'credit', 'payment', 'allocation', 'message', 'timeEntry', 'incident',
];

const SEP = '\u0000';

/** The identity of a record within its view, as one string. */
export const viewKey: { [K in ViewName]: (row: Views[K]) => string } = {
  client: (r) => r.clientId,
  contact: (r) => `${r.clientId}${SEP}${r.position}`,
  contract: (r) => r.contractId,
  contractAmendment: (r) => r.eventId,
  deliverable: (r) => r.deliverableId,
  revision: (r) => r.eventId,
  request: (r) => r.requestId,
  accessGrant: (r) => accessKey(r.clientId, r.network, r.account),
  invoice: (r) => r.invoiceId,
  credit: (r) => r.eventId,
  payment: (r) => r.paymentId,
  allocation: (r) => `${r.paymentId}${SEP}${r.invoiceId}`,
  message: (r) => r.messageId,
  timeEntry: (r) => r.eventId,
  incident: (r) => r.eventId,
};

export const accessKey = (clientId: string, network: string, account: string) => `${clientId}${SEP}${network}${SEP}${account}`;

export interface ClientSummary {
  readonly client: ClientView;
  readonly openInvoices: number;
  /** Sum of what is still to pay, per currency, in minor units. */
  readonly openMinorByCurrency: Readonly<Record<string, number>>;
}

export interface ClientDetail {
  readonly client: ClientView;
  readonly contacts: readonly ContactView[];
  readonly contracts: readonly ContractView[];
  readonly invoices: readonly InvoiceView[];
  readonly payments: readonly PaymentView[];
  readonly requests: readonly RequestView[];
  readonly accessGrants: readonly AccessGrantView[];
}
