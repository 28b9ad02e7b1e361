import { parseEvent } from '../../src/core/ledger/parse-event.ts';
import type { LedgerEvent } from '../../src/core/ledger/events.ts';

// Builders for ledger events in the interchange format, with sound defaults, so a test
// names only what matters to it.

let counter = 0;
const nextId = () => `evt_t${++counter}`;

export type RawEvent = { id: string; type: string; at: string; data: Record<string, unknown> };

export const raw = (type: string, data: Record<string, unknown>, over: Partial<RawEvent> = {}): RawEvent =>
  ({ id: over.id ?? nextId(), type, at: over.at ?? '2026-03-01T09:00:00Z', data });

export const dkk = (amount: string) => ({ amount, currency: 'DKK' });

export const aWorkspace = (over: Partial<RawEvent> = {}) => raw('workspace.configured', {
  name: 'Studio Test', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: dkk('650.00'),
}, over);

export const aClient = (clientId: string, over: Partial<RawEvent> = {}) => raw('client.added', {
  clientId, name: `Client ${clientId}`, locale: 'da', jurisdiction: 'DK', currency: 'DKK',
  contacts: [{ name: 'Kim', email: `kim@${clientId}.example` }],
}, over);

export const anInvoice = (clientId: string, invoiceId: string, total: string, dueDate: string, over: Partial<RawEvent> = {}) =>
  raw('invoice.issued', { invoiceId, clientId, number: `N-${invoiceId}`, issueDate: dueDate, dueDate, total: dkk(total) }, over);

export const aPayment = (clientId: string, paymentId: string, amount: string, date: string, invoiceIds?: string[], over: Partial<RawEvent> = {}) =>
  raw('payment.received', { paymentId, clientId, date, amount: dkk(amount), ...(invoiceIds ? { invoiceIds } : {}) }, over);

export const aRequest = (clientId: string, requestId: string, dueDate: string, over: Partial<RawEvent> = {}) =>
  raw('request.sent', { requestId, clientId, kind: 'feedback', subject: 'Content plan', dueDate }, over);

/** Parses raw events as an import would; throws if a builder produced an invalid one. */
export function parsed(...events: RawEvent[]): LedgerEvent[] {
  return events.map((e) => {
    const result = parseEvent(e);
    if (!result.ok) throw new Error(`test event ${e.id} is invalid: ${result.reason}`);
    return result.event;
  });
}

export const jsonl = (...events: RawEvent[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';
