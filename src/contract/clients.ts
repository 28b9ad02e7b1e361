import { z } from 'zod';
import { holdReasons } from '../core/ledger/hold-reasons.ts';
import { locales } from '../core/ledger/wire.ts';
import { MoneyView } from './money.ts';

// The clients API (`GET …/clients`, `…/clients/{clientId}`, `…/events`): names as in the
// ledger, money as decimal strings. The routes validate and serialise with these schemas (so
// they are the OpenAPI document and strip anything else); the web app imports their types.


const Nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

export const ClientBase = z.object({
  clientId: z.string(),
  name: z.string(),
  locale: z.enum(locales),
  jurisdiction: Nullable(z.string()),
  currency: Nullable(z.string()),
  addedAt: z.string(),
  paused: z.boolean(),
  pausedAt: Nullable(z.string()),
  pauseReason: Nullable(z.string()),
  offboardedAt: Nullable(z.string()),
  offboardReason: Nullable(z.string()),
  registrationNumber: Nullable(z.string()),
  vatNumber: Nullable(z.string()),
  postalAddress: Nullable(z.string()).describe('as letters carry it, one line per line'),
  archivedAt: Nullable(z.string()).describe('when the client was archived (client.archived); null when not archived'),
  archiveReason: Nullable(z.string()),
  heldAt: Nullable(z.string()).describe('the latest hold on escalation not released (escalation.held); it lasts through heldUntil'),
  heldUntil: Nullable(z.string()),
  holdReason: Nullable(z.enum(holdReasons)),
  holdNote: Nullable(z.string()),
});

export const ClientSummaryView = ClientBase.extend({
  openInvoices: z.number().int(),
  open: z.array(MoneyView),
}).meta({ id: 'ClientSummary' });

export const ContractApiView = z.object({
  contractId: z.string(), signedAt: z.string(), startDate: z.string(), endDate: Nullable(z.string()), endReason: Nullable(z.string()),
  networks: z.array(z.string()), fee: MoneyView, feeCycle: z.string(), dueDayOfMonth: Nullable(z.number()), netDays: Nullable(z.number()),
  feedbackDays: z.number(), approvalMode: z.string(), approvalWindowDays: Nullable(z.number()), deemedApproval: z.boolean(),
  stopWorkAfterDays: z.number(), lateInterest: z.string(), lateInterestRatePct: Nullable(z.string()), reminderFees: z.boolean(),
}).meta({ id: 'Contract' });

export const InvoiceApiView = z.object({
  invoiceId: z.string(), number: z.string(), issueDate: z.string(), dueDate: z.string(), total: MoneyView, credited: MoneyView,
  paid: MoneyView, open: MoneyView, settledOn: Nullable(z.string()),
}).meta({ id: 'Invoice' });

export const PaymentApiView = z.object({
  paymentId: z.string(), date: z.string(), amount: MoneyView, unallocated: MoneyView,
}).meta({ id: 'Payment' });

export const RequestApiView = z.object({
  requestId: z.string(), kind: z.string(), subject: z.string(), dueDate: z.string(), deliverableId: Nullable(z.string()),
  sentAt: z.string(), status: z.enum(['open', 'answered', 'withdrawn']), answeredAt: Nullable(z.string()),
  answerChannel: Nullable(z.string()), verdict: Nullable(z.string()), withdrawnAt: Nullable(z.string()),
}).meta({ id: 'Request' });

export const AccessGrantApiView = z.object({
  network: z.string(), account: z.string(), level: z.string(), grantedAt: z.string(), revokedAt: Nullable(z.string()),
  handedOverAt: Nullable(z.string()), confirmedBy: Nullable(z.string()),
}).meta({ id: 'AccessGrant' });

export const ClientDetailView = ClientBase.extend({
  contacts: z.array(z.object({ name: z.string(), email: z.string() })),
  contracts: z.array(ContractApiView),
  invoices: z.array(InvoiceApiView),
  payments: z.array(PaymentApiView),
  requests: z.array(RequestApiView),
  accessGrants: z.array(AccessGrantApiView),
}).meta({ id: 'ClientDetail' });

export const EventView = z.object({
  seq: z.number().int(), id: z.string(), type: z.string(), at: z.string(), recordedAt: z.string(),
  data: z.record(z.string(), z.unknown()), prevHash: z.string(), hash: z.string(),
}).meta({ id: 'LedgerEvent' });

export const EventPageView = z.object({
  events: z.array(EventView),
  /** Pass as `after` to get the next page; null on the last page. */
  next: z.number().int().nullable(),
}).meta({ id: 'LedgerEventPage' });

export type ClientSummary = z.output<typeof ClientSummaryView>;
export type Contract = z.output<typeof ContractApiView>;
export type Invoice = z.output<typeof InvoiceApiView>;
export type Payment = z.output<typeof PaymentApiView>;
export type RequestItem = z.output<typeof RequestApiView>;
export type AccessGrant = z.output<typeof AccessGrantApiView>;
export type ClientDetail = z.output<typeof ClientDetailView>;
export type LedgerEvent = z.output<typeof EventView>;
export type EventPage = z.output<typeof EventPageView>;
