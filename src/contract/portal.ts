import { z } from 'zod';
import { verdicts } from '../core/ledger/events.ts';
import { locales } from '../core/ledger/wire.ts';
import { MoneyView } from './money.ts';

// The client portal (public, with the link's token in X-Portal-Token): what the client sees and sends.

export const PortalRequestView = z.object({
  requestId: z.string(),
  kind: z.string(),
  subject: z.string(),
  sentAt: z.string(),
  dueDate: z.string(),
  deliverable: z.object({
    deliverableId: z.string(), title: z.string(), network: z.string().nullable(),
    caption: z.string().nullable().describe('the post\'s text as the client will see it published; plain text, line breaks kept'),
    plannedFor: z.string().nullable().describe('the planned publishing day, YYYY-MM-DD'),
    mediaUrl: z.string().nullable().describe('an http(s) link to the media; the portal shows it as a link, never embeds it'),
  }).nullable(),
}).meta({ id: 'PortalRequest' });

export const PortalView = z.object({
  client: z.object({ name: z.string(), locale: z.enum(locales) }),
  workspace: z.object({ name: z.string() }),
  requests: z.array(PortalRequestView).describe('open requests waiting on the client, other than the approvals'),
  approvals: z.array(PortalRequestView).describe('open approval requests about a deliverable: what approve-all answers'),
  invoices: z.array(z.object({
    invoiceId: z.string(), number: z.string(), issueDate: z.string(), dueDate: z.string(),
    total: MoneyView, outstanding: MoneyView, status: z.enum(['open', 'overdue', 'paid', 'credited']),
  })),
  balance: z.array(MoneyView).describe('per currency: invoiced − credited − paid'),
}).meta({ id: 'Portal' });

export const Answered = z.object({ answered: z.array(z.string()) });

export const AnswerBody = z.object({
  verdict: z.enum(verdicts).optional().describe('needed for an approval'),
  comment: z.string().trim().max(4000).optional(),
}).nullish();

export type PortalViewData = z.output<typeof PortalView>;
export type PortalRequest = z.output<typeof PortalRequestView>;
export type PortalDeliverable = NonNullable<PortalRequest['deliverable']>;
export type PortalInvoice = PortalViewData['invoices'][number];
export type PortalInvoiceStatus = PortalInvoice['status'];
export type Answer = NonNullable<z.input<typeof AnswerBody>>;
