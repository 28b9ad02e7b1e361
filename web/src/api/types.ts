import type { WorkspaceDemoView } from '../../../src/contract/demo.ts';

// Shapes of the existing API (src/server/presenters/views.ts, routes/*); the OpenAPI document
// at /api/openapi.json is the reference. Page-specific shapes live next to their pages.

export interface Money { readonly amount: string; readonly currency: string }
export type Locale = 'en' | 'da';
export type Role = 'viewer' | 'member' | 'owner';

/** `demo` from the contract (src/contract/demo.ts): a change there is a type error here. */
export interface WorkspaceRef extends Readonly<WorkspaceDemoView> { readonly id: string; readonly name: string; readonly role: Role }
export interface SessionInfo {
  readonly user: { readonly id: string; readonly email: string };
  readonly csrfToken: string;
  readonly workspaces: readonly WorkspaceRef[];
}

export interface ClientBase {
  readonly clientId: string; readonly name: string; readonly locale: Locale;
  readonly jurisdiction: string | null; readonly currency: string | null; readonly addedAt: string;
  readonly paused: boolean; readonly pausedAt: string | null; readonly pauseReason: string | null;
  readonly offboardedAt: string | null; readonly offboardReason: string | null;
}
export interface ClientSummary extends ClientBase { readonly openInvoices: number; readonly open: readonly Money[] }

export interface Contract {
  readonly contractId: string; readonly signedAt: string; readonly startDate: string; readonly endDate: string | null; readonly endReason: string | null;
  readonly networks: readonly string[]; readonly fee: Money; readonly feeCycle: string; readonly dueDayOfMonth: number | null; readonly netDays: number | null;
  readonly feedbackDays: number; readonly approvalMode: string; readonly approvalWindowDays: number | null; readonly deemedApproval: boolean;
  readonly stopWorkAfterDays: number; readonly lateInterest: string; readonly lateInterestRatePct: string | null;
}
export interface Invoice {
  readonly invoiceId: string; readonly number: string; readonly issueDate: string; readonly dueDate: string;
  readonly total: Money; readonly credited: Money; readonly paid: Money; readonly open: Money; readonly settledOn: string | null;
}
export interface Payment { readonly paymentId: string; readonly date: string; readonly amount: Money; readonly unallocated: Money }
export interface RequestItem {
  readonly requestId: string; readonly kind: string; readonly subject: string; readonly dueDate: string; readonly deliverableId: string | null;
  readonly sentAt: string; readonly status: 'open' | 'answered' | 'withdrawn'; readonly answeredAt: string | null;
  readonly answerChannel: string | null; readonly verdict: string | null; readonly withdrawnAt: string | null;
}
export interface AccessGrant {
  readonly network: string; readonly account: string; readonly level: string; readonly grantedAt: string;
  readonly revokedAt: string | null; readonly handedOverAt: string | null; readonly confirmedBy: string | null;
}
export interface ClientDetail extends ClientBase {
  readonly contacts: readonly { readonly name: string; readonly email: string }[];
  readonly contracts: readonly Contract[]; readonly invoices: readonly Invoice[]; readonly payments: readonly Payment[];
  readonly requests: readonly RequestItem[]; readonly accessGrants: readonly AccessGrant[];
}

export interface LedgerEvent {
  readonly seq: number; readonly id: string; readonly type: string; readonly at: string; readonly recordedAt: string;
  readonly data: Readonly<Record<string, unknown>>; readonly prevHash: string; readonly hash: string;
}
export interface EventPage { readonly events: readonly LedgerEvent[]; readonly next: number | null }

export type Stage = 'active' | 'watch' | 'escalated' | 'paused' | 'offboarding' | 'former';
export interface Decision { readonly flagged: boolean; readonly score: number; readonly evidence: readonly string[]; readonly explanation: { readonly en: string; readonly da: string } }
export interface ClientAssessment {
  readonly clientId: string; readonly name: string; readonly stage: Stage;
  readonly archetypes: { readonly unresponsive: Decision; readonly controlling: Decision; readonly latePayer: Decision };
  readonly economics: { readonly effectiveHourlyRate: Money | null; readonly worthIt: boolean | null };
  readonly actions: readonly { readonly key: string; readonly kind: string; readonly due: string; readonly template: string }[];
}
