import type { z } from 'zod';
import { wireMoney as money } from '../../contract/money.ts';
import type { ClientDetailView, ClientSummaryView, EventView } from '../../contract/clients.ts';
import type { StoredEvent } from '../../core/ledger/events.ts';
import type {
  AccessGrantView, ClientDetail, ClientSummary, ClientView, ContractView, InvoiceView, PaymentView, RequestView,
} from '../../core/ledger/read-model.ts';

// The clients API's presenters: read models into the shapes of src/contract/clients.ts.

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
