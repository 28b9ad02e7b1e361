// The public portal API's shapes: src/contract/portal.ts.

export type {
  Answer, PortalDeliverable, PortalInvoice, PortalInvoiceStatus, PortalRequest, PortalViewData as PortalView,
} from '../../../../src/contract/portal.ts';

/** How an answer went, for the thank-you (or what to say instead). */
export type Answered = 'approved' | 'changes' | 'answer';
