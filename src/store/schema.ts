import type { Generated } from 'kysely';

// Kysely's view of the tables, in camelCase; the CamelCasePlugin maps every name to the
// snake_case used in SQL (`ledgerEvent.recordedAt` ↔ `ledger_event.recorded_at`).
// Flags are integers 0/1 on both databases (SQLite has no boolean); amounts are integer
// minor units in `bigint` columns, which the PostgreSQL driver is told to return as numbers.

export interface WorkspaceTable {
  id: string;
  createdAt: string;
  /** 1 when the workspace holds the demo (0016, #12); only a demo can be deleted from the web app. */
  demo: Generated<number>;
  /** The day the demo was dated to (its "today"); null for a workspace that is not a demo. */
  demoDatedOn: string | null;
}

export interface LedgerHeadTable {
  workspaceId: string;
  seq: number;
  hash: string;
}

export interface LedgerEventTable {
  workspaceId: string;
  seq: number;
  id: string;
  type: string;
  at: string;
  recordedAt: string;
  clientId: string | null;
  /** The event's data as canonical JSON text. */
  data: string;
  prevHash: string;
  hash: string;
}

export interface WorkspaceSettingsTable {
  workspaceId: string;
  name: string;
  currency: string;
  locale: string;
  timezone: string;
  jurisdiction: string;
  targetRateMinor: number;
  targetRateCurrency: string;
  configuredAt: string;
  /** JSON text of the rule overrides. */
  rules: string;
}

interface Scoped { workspaceId: string }

export interface ClientTable extends Scoped {
  clientId: string; name: string; locale: string; jurisdiction: string | null; currency: string | null;
  addedAt: string; paused: number; pausedAt: string | null; pauseReason: string | null;
  offboardedAt: string | null; offboardReason: string | null;
  // 0015 (#12)
  registrationNumber: string | null; vatNumber: string | null; postalAddress: string | null;
  archivedAt: string | null; archiveReason: string | null;
  heldAt: string | null; heldUntil: string | null; holdReason: string | null; holdNote: string | null;
}
export interface ContactTable extends Scoped { clientId: string; position: number; name: string; email: string }
export interface ContractTable extends Scoped {
  contractId: string; clientId: string; signedAt: string; startDate: string; endDate: string | null;
  endReason: string | null; networks: string; feeMinor: number; feeCurrency: string; feeCycle: string;
  dueDayOfMonth: number | null; netDays: number | null; feedbackDays: number; approvalMode: string;
  approvalWindowDays: number | null; deemedApproval: number; stopWorkAfterDays: number; lateInterest: string;
  lateInterestRatePct: string | null; rules: string; reminderFees: number;
}
export interface ContractAmendmentTable extends Scoped {
  eventId: string; contractId: string; clientId: string; effectiveDate: string; amendedAt: string;
  /** JSON text of the terms changed. */
  terms: string; note: string | null;
}
export interface DeliverableTable extends Scoped {
  deliverableId: string; clientId: string; network: string | null; title: string;
  caption: string | null; plannedFor: string | null; mediaUrl: string | null; createdAt: string;
  publishedAt: string | null; revisions: number; clientRevisions: number;
}
export interface RevisionTable extends Scoped {
  eventId: string; deliverableId: string; clientId: string; round: number; changeChars: number; requestedBy: string; at: string;
}
export interface RequestTable extends Scoped {
  requestId: string; clientId: string; kind: string; subject: string; dueDate: string; deliverableId: string | null;
  sentAt: string; status: string; answeredAt: string | null; answerChannel: string | null; verdict: string | null;
  withdrawnAt: string | null; withdrawReason: string | null;
}
export interface AccessGrantTable extends Scoped {
  clientId: string; network: string; account: string; level: string; grantedAt: string; revokedAt: string | null;
  handedOverAt: string | null; confirmedBy: string | null;
}
export interface InvoiceTable extends Scoped {
  invoiceId: string; clientId: string; number: string; issueDate: string; dueDate: string; currency: string;
  totalMinor: number; creditedMinor: number; paidMinor: number; openMinor: number; settledOn: string | null; lastPaidOn: string | null; issuedAt: string;
}
export interface CreditTable extends Scoped {
  eventId: string; invoiceId: string; clientId: string; amountMinor: number; currency: string; reason: string | null; at: string;
}
export interface PaymentTable extends Scoped {
  paymentId: string; clientId: string; date: string; amountMinor: number; currency: string; unallocatedMinor: number; receivedAt: string;
}
export interface AllocationTable extends Scoped {
  paymentId: string; invoiceId: string; clientId: string; amountMinor: number; currency: string;
}
export interface MessageTable extends Scoped {
  messageId: string; clientId: string; direction: string; channel: string; subject: string; inReplyTo: string | null;
  requestId: string | null; actionKey: string | null; at: string;
}
export interface TimeEntryTable extends Scoped { eventId: string; clientId: string; date: string; minutes: number; kind: string }
export interface IncidentTable extends Scoped { eventId: string; clientId: string; severity: string; summary: string; at: string }

export interface OutboxMessageTable {
  workspaceId: string; actionKey: string; clientId: string; kind: string; template: string; locale: string;
  subjectId: string | null; due: string; status: string; queuedAt: string;
  // Delivery (0008); nullable or defaulted, so the sweep queues a message as before.
  messageId: string | null; attempts: Generated<number>; nextAttemptAt: string | null; lastError: string | null;
  approvedAt: string | null; sentAt: string | null; subject: string | null; body: string | null;
  renderedOn: string | null; editedAt: string | null;
}
export interface OutboxAutoSendTable { workspaceId: string; kind: string; updatedAt: string }

export interface SweepStateTable { workspaceId: string; sweptOn: string; throughSeq: number; workspaceSeq: number }
export interface LetterTemplateTable { workspaceId: string; templateId: string; locale: string; subject: string; body: string; updatedAt: string }
export interface ClientReviewTable { workspaceId: string; clientId: string; reviewOn: string | null }

/** Inbound mail that matched no client (migration 0009); `resolution` null while it waits for a person. */
export interface UnmatchedMailTable {
  workspaceId: string; messageId: string; fromAddress: string | null; fromName: string | null; toAddresses: string; ccAddresses: string;
  subject: string; date: string | null; at: string; atSource: string; inReplyTo: string; referenceIds: string; snippet: string;
  reason: string; candidates: string; origin: string; storedAt: string; resolution: string | null; resolvedClientId: string | null; resolvedAt: string | null;
}
export interface MailCursorTable { workspaceId: string; account: string; folder: string; uidValidity: number; lastUid: number; polledAt: string }

// Sign-in (#6). Emails are stored normalised (trimmed, lower case); `userSession.id` is the
// SHA-256 of the session token, never the token.
export interface AppUserTable { id: string; email: string; passwordHash: string; createdAt: string }
export interface MembershipTable { userId: string; workspaceId: string; role: string; createdAt: string }
export interface UserSessionTable { id: string; userId: string; createdAt: string; expiresAt: string; lastSeenAt: string; csrfSecret: string }
export interface UserDirectoryTable { id: number; changedAt: string | null }
export interface InvitationTable {
  id: string; tokenHash: string; workspaceId: string; email: string; role: string;
  createdAt: string; createdBy: string | null; expiresAt: string; acceptedAt: string | null;
}
export interface PasswordResetTable { tokenHash: string; userId: string; createdAt: string; expiresAt: string }
/** #19 F4: the SHA-256 of each setup code `firmly serve` printed while no user exists. */
export interface SetupCodeTable { codeHash: string; createdAt: string }
// Sign-in failures, portal requests, portal links made (#19): each counts until `expiresAt`.
export interface CountedAttemptTable { id: string; key: string; expiresAt: string }

// The client portal (#6): `tokenHash` is the SHA-256 of the link's token, never the token.
export interface PortalLinkTable {
  id: string; tokenHash: string; workspaceId: string; clientId: string; createdAt: string; createdBy: string | null;
  expiresAt: string; revokedAt: string | null; lastUsedAt: string | null; viewedAt: string | null;
}

export interface Database {
  workspace: WorkspaceTable;
  ledgerHead: LedgerHeadTable;
  ledgerEvent: LedgerEventTable;
  workspaceSettings: WorkspaceSettingsTable;
  client: ClientTable;
  contact: ContactTable;
  contract: ContractTable;
  contractAmendment: ContractAmendmentTable;
  deliverable: DeliverableTable;
  revision: RevisionTable;
  request: RequestTable;
  accessGrant: AccessGrantTable;
  invoice: InvoiceTable;
  credit: CreditTable;
  payment: PaymentTable;
  allocation: AllocationTable;
  message: MessageTable;
  timeEntry: TimeEntryTable;
  incident: IncidentTable;
  outboxMessage: OutboxMessageTable;
  outboxAutoSend: OutboxAutoSendTable;
  sweepState: SweepStateTable;
  clientReview: ClientReviewTable;
  letterTemplate: LetterTemplateTable;
  appUser: AppUserTable;
  membership: MembershipTable;
  userSession: UserSessionTable;
  userDirectory: UserDirectoryTable;
  setupCode: SetupCodeTable;
  unmatchedMail: UnmatchedMailTable;
  mailCursor: MailCursorTable;
  portalLink: PortalLinkTable;
  countedAttempt: CountedAttemptTable;
  invitation: InvitationTable;
  passwordReset: PasswordResetTable;
}
