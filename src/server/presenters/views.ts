import { z } from 'zod';
import { formatDecimal, type CurrencyCode } from '../../core/money.ts';
import { holdReasons, type StoredEvent } from '../../core/ledger/events.ts';
import type {
  AccessGrantView, ClientDetail, ClientSummary, ClientView, ContractView, InvoiceView, PaymentView, RequestView,
} from '../../core/ledger/read-model.ts';

// The API's own shapes: money as decimal strings with their currency (as on the wire of
// LEDGER.md), never minor units; names as in the ledger. These schemas are the response
// schemas of the routes, so they appear in the OpenAPI document and strip anything else.

export const MoneyView = z.object({ amount: z.string(), currency: z.string() }).meta({ id: 'Money' });
const money = (minor: number, currency: CurrencyCode | string) => ({ amount: formatDecimal({ minor, currency: currency as CurrencyCode }), currency });

const Nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

export const ClientBase = z.object({
  clientId: z.string(),
  name: z.string(),
  locale: z.enum(['en', 'da']),
  jurisdiction: Nullable(z.string()),
  currency: Nullable(z.string()),
  addedAt: z.string(),
  paused: z.boolean(),
  pausedAt: Nullable(z.string()),
  pauseReason: Nullable(z.string()),
  offboardedAt: Nullable(z.string()),
  offboardReason: Nullable(z.string()),
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
  stopWorkAfterDays: z.number(), lateInterest: z.string(), lateInterestRatePct: Nullable(z.string()),
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
  registrationNumber: Nullable(z.string()),
  vatNumber: Nullable(z.string()),
  postalAddress: Nullable(z.string()).describe('as letters carry it, one line per line'),
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

const presentClient = (c: ClientView) => ({ ...c });

export const presentClientSummary = (s: ClientSummary): z.input<typeof ClientSummaryView> => ({
  ...presentClient(s.client),
  openInvoices: s.openInvoices,
  open: Object.entries(s.openMinorByCurrency).map(([currency, minor]) => money(minor, currency)),
});

const presentContract = (c: ContractView) => ({ ...c, fee: money(c.feeMinor, c.feeCurrency) });
const presentInvoice = (i: InvoiceView) => ({
  ...i, total: money(i.totalMinor, i.currency), credited: money(i.creditedMinor, i.currency),
  paid: money(i.paidMinor, i.currency), open: money(i.openMinor, i.currency),
});
const presentPayment = (p: PaymentView) => ({ ...p, amount: money(p.amountMinor, p.currency), unallocated: money(p.unallocatedMinor, p.currency) });
const presentRequest = (r: RequestView) => ({ ...r });
const presentGrant = (g: AccessGrantView) => ({ ...g });

export const presentClientDetail = (d: ClientDetail): z.input<typeof ClientDetailView> => ({
  ...presentClient(d.client),
  contacts: d.contacts.map(({ name, email }) => ({ name, email })),
  contracts: d.contracts.map(presentContract),
  invoices: d.invoices.map(presentInvoice),
  payments: d.payments.map(presentPayment),
  requests: d.requests.map(presentRequest),
  accessGrants: d.accessGrants.map(presentGrant),
});

export const presentEvent = (e: StoredEvent): z.input<typeof EventView> => ({
  seq: e.seq, id: e.id, type: e.type, at: e.at, recordedAt: e.recordedAt, data: e.data as Record<string, unknown>,
  prevHash: e.prevHash, hash: e.hash,
});
