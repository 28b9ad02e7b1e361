import type { Money } from '../../api/types.ts';
import type { ContractAmendment, TermChanges } from '../../../../src/contract/client-status.ts';

export type { ContractAmendment, TermChanges };

// GET …/clients/:clientId/insights and …/portal-links (the #6 contract).

export interface InsightInvoice {
  readonly invoiceId: string; readonly number: string; readonly issueDate: string; readonly dueDate: string;
  readonly total: Money; readonly paidDate: string | null;
  /** Null while unpaid and not yet due; while unpaid and overdue, the days so far. */
  readonly daysLate: number | null;
  readonly open: boolean;
}

export interface InsightRequest {
  readonly requestId: string; readonly kind: string; readonly subject: string; readonly sentAt: string; readonly dueDate: string;
  readonly answeredAt: string | null; readonly channel: string | null; readonly verdict: string | null;
  readonly responseBusinessDays: number | null; readonly waitingBusinessDays: number | null; readonly deliverableId: string | null;
}

export interface InsightDeliverable {
  readonly deliverableId: string; readonly title: string; readonly network: string | null;
  readonly rounds: number; readonly clientRounds: number; readonly published: boolean;
}

export type TimeKind = 'work' | 'chasing' | 'approvals' | 'admin';
export const timeKinds: readonly TimeKind[] = ['work', 'chasing', 'approvals', 'admin'];

export interface Insights {
  readonly clientId: string; readonly name: string; readonly locale: string; readonly at: string;
  readonly invoices: readonly InsightInvoice[];
  /** Least squares of days late over the invoice's position in due-date order (x = 0, 1, 2 …). */
  readonly daysLateTrend: { readonly slope: number; readonly intercept: number } | null;
  readonly requests: readonly InsightRequest[];
  readonly deliverables: readonly InsightDeliverable[];
  readonly economics: {
    readonly window?: { readonly from: string; readonly to: string };
    readonly minutesByKind: Readonly<Record<TimeKind, number>>;
    readonly invoiced: readonly Money[]; readonly paid: readonly Money[];
    readonly effectiveHourlyRate: Money | null; readonly targetHourlyRate: Money | null; readonly worthIt: boolean | null;
  };
  /** Each contract in the terms in force on `at`, with every amendment. */
  readonly contracts: readonly InsightContract[];
  readonly access: readonly { readonly network: string; readonly account: string; readonly level: string; readonly status: 'granted' | 'revoked' | 'handedOver' }[];
  readonly workPaused: boolean;
}

export interface InsightContract {
  readonly contractId: string; readonly startDate: string; readonly endDate: string | null;
  readonly networks: readonly string[]; readonly fee: Money & { readonly cycle: string };
  readonly paymentTerms: { readonly dueDayOfMonth: number } | { readonly netDays: number };
  readonly feedbackDays: number;
  readonly approval: { readonly mode: string; readonly windowDays: number | null; readonly deemedApproval: boolean };
  readonly stopWorkAfterDays: number;
  readonly lateInterest: 'statutory' | 'none' | { readonly ratePct: string };
  readonly reminderFees: boolean;
  readonly amendments: readonly ContractAmendment[];
}

export interface PortalLink {
  readonly id: string; readonly clientId: string; readonly createdAt: string; readonly expiresAt: string;
  readonly revokedAt: string | null; readonly lastUsedAt?: string | null;
}
export interface NewPortalLink { readonly link: PortalLink; readonly token: string; readonly url: string }
