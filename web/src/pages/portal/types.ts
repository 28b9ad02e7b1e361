import type { Locale, Money } from '../../api/types.ts';

// Shapes of the public portal API (src/server/routes/portal.ts).

export interface PortalRequest {
  readonly requestId: string;
  readonly kind: string;
  readonly subject: string;
  readonly sentAt: string;
  readonly dueDate: string;
  readonly deliverable: PortalDeliverable | null;
}

/** What the client approves: the post's text, network, planned day (YYYY-MM-DD) and a link to its media. */
export interface PortalDeliverable {
  readonly deliverableId: string;
  readonly title: string;
  readonly network: string | null;
  readonly caption: string | null;
  readonly plannedFor: string | null;
  readonly mediaUrl: string | null;
}

export type PortalInvoiceStatus = 'open' | 'overdue' | 'paid' | 'credited';

export interface PortalInvoice {
  readonly invoiceId: string;
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly total: Money;
  readonly outstanding: Money;
  readonly status: PortalInvoiceStatus;
}

export interface PortalView {
  readonly client: { readonly name: string; readonly locale: Locale };
  readonly workspace: { readonly name: string };
  readonly requests: readonly PortalRequest[];
  readonly approvals: readonly PortalRequest[];
  readonly invoices: readonly PortalInvoice[];
  readonly balance: readonly Money[];
}

/** What the client sends for one request. */
export interface Answer { readonly verdict?: 'approved' | 'changes'; readonly comment?: string }

/** How an answer went, for the thank-you (or what to say instead). */
export type Answered = 'approved' | 'changes' | 'answer';
