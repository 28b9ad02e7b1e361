import type { ClientId } from '../brand.ts';
import type { CurrencyCode } from '../money.ts';
import { parseMoney } from '../money.ts';
import type { IsoDate, IsoInstant } from '../dates.ts';
import { allocatePayment } from '../allocate-payment.ts';
import type { EventOf, LedgerEvent } from './events.ts';
import { accessKey, type ClientView, type InvoiceView, type MessageView } from './read-model.ts';
import { applyTerms } from './contract-terms.ts';
import type { ViewNeeds, ViewUnit } from './view-unit.ts';

/** The outcome of applying one event: the client it concerns, or why the ledger cannot accept it. */
export type Projection = { readonly ok: true; readonly clientId: ClientId | null } | { readonly ok: false; readonly reason: string };

const ok = (clientId: ClientId | null): Projection => ({ ok: true, clientId });
const reject = (reason: string): Projection => ({ ok: false, reason });

/** Adds to `needs` the records that projecting `event` reads. */
export function collectNeeds(event: LedgerEvent, needs: ViewNeeds): void {
  const { keys } = needs;
  if (event.type.startsWith('workspace.')) needs.workspace = true;
  const d = event.data as Record<string, unknown>;
  if (typeof d.clientId === 'string') keys.client.add(d.clientId);
  switch (event.type) {
    case 'client.updated':
      // Replacing the contacts reads all of them: the key names the client only (see loadViews).
      if (event.data.contacts) keys.contact.add(event.data.clientId);
      break;
    case 'contract.signed':
    case 'contract.ended':
    case 'contract.amended':
      keys.contract.add(event.data.contractId);
      break;
    case 'deliverable.created':
    case 'deliverable.revised':
    case 'deliverable.published':
      keys.deliverable.add(event.data.deliverableId);
      break;
    case 'request.sent':
      keys.request.add(event.data.requestId);
      if (event.data.deliverableId) keys.deliverable.add(event.data.deliverableId);
      break;
    case 'request.answered':
    case 'request.withdrawn':
      keys.request.add(event.data.requestId);
      break;
    case 'access.granted':
    case 'access.revoked':
    case 'access.handedOver':
      keys.accessGrant.add(accessKey(event.data.clientId, event.data.network, event.data.account));
      break;
    case 'invoice.issued':
    case 'invoice.credited':
      keys.invoice.add(event.data.invoiceId);
      break;
    case 'payment.received':
      keys.payment.add(event.data.paymentId);
      for (const id of event.data.invoiceIds ?? []) keys.invoice.add(id);
      needs.openInvoicesOf.add(event.data.clientId);
      break;
    case 'message.sent':
    case 'message.received':
      keys.message.add(event.data.messageId);
      if (event.data.requestId) keys.request.add(event.data.requestId);
      break;
    default:
      break;
  }
}

/**
 * Applies one event to the read models in `unit`, or says why it cannot be applied
 * (an unknown client, a second invoice with the same id, …). On rejection nothing
 * in `unit` has changed.
 */
export function projectEvent(unit: ViewUnit, event: LedgerEvent): Projection {
  switch (event.type) {
    case 'workspace.configured': {
      const d = event.data;
      const target = parseMoney(d.targetHourlyRate.amount, d.targetHourlyRate.currency);
      unit.setWorkspace({
        name: d.name, currency: d.currency, locale: d.locale, timezone: d.timezone, jurisdiction: d.jurisdiction,
        targetRateMinor: target.minor, targetRateCurrency: target.currency, configuredAt: event.at,
        rules: unit.workspace?.rules ?? {},
      });
      return ok(null);
    }
    case 'workspace.rules': {
      if (!unit.workspace) return reject('the workspace is not configured yet (workspace.configured comes first)');
      unit.setWorkspace({ ...unit.workspace, rules: event.data.rules });
      return ok(null);
    }
    case 'client.added': {
      const d = event.data;
      if (unit.get('client', d.clientId)) return reject(`client "${d.clientId}" already exists`);
      unit.put('client', {
        clientId: d.clientId, name: d.name, locale: d.locale, jurisdiction: d.jurisdiction ?? null,
        currency: d.currency ?? null, addedAt: event.at, paused: false, pausedAt: null, pauseReason: null,
        offboardedAt: null, offboardReason: null, registrationNumber: d.registrationNumber ?? null,
        vatNumber: d.vatNumber ?? null, postalAddress: d.postalAddress ?? null, archivedAt: null, archiveReason: null,
        heldAt: null, heldUntil: null, holdReason: null, holdNote: null,
      });
      putContacts(unit, d.clientId, d.contacts, 0);
      return ok(d.clientId);
    }
    case 'client.updated':
      return updateClient(unit, event);
    case 'client.archived':
    case 'client.restored': {
      const client = unit.get('client', event.data.clientId);
      if (!client) return unknownClient(event.data.clientId);
      unit.put('client', event.type === 'client.archived'
        ? { ...client, archivedAt: event.at, archiveReason: event.data.reason ?? null }
        : { ...client, archivedAt: null, archiveReason: null });
      return ok(client.clientId);
    }
    case 'escalation.held': {
      const d = event.data;
      const client = unit.get('client', d.clientId);
      if (!client) return unknownClient(d.clientId);
      // A new hold replaces the one before (a promise moved, a dispute that became a pause).
      unit.put('client', { ...client, heldAt: event.at, heldUntil: d.until, holdReason: d.reason, holdNote: d.note ?? null });
      return ok(d.clientId);
    }
    case 'escalation.released': {
      const client = unit.get('client', event.data.clientId);
      if (!client) return unknownClient(event.data.clientId);
      unit.put('client', { ...client, heldAt: null, heldUntil: null, holdReason: null, holdNote: null });
      return ok(client.clientId);
    }
    case 'contract.amended': {
      const d = event.data;
      const contract = unit.get('contract', d.contractId);
      if (!contract) return reject(`contract "${d.contractId}" is not on record`);
      if (d.effectiveDate < contract.startDate) return reject(`effectiveDate ${d.effectiveDate} is before the contract's startDate ${contract.startDate}`);
      if (contract.endDate !== null && d.effectiveDate > contract.endDate) return reject(`effectiveDate ${d.effectiveDate} is after the contract's endDate ${contract.endDate}`);
      const { contractId: _contractId, effectiveDate, note, ...terms } = d;
      unit.put('contractAmendment', {
        eventId: event.id, contractId: d.contractId, clientId: contract.clientId, effectiveDate, amendedAt: event.at,
        terms, note: note ?? null,
      });
      return ok(contract.clientId);
    }
    case 'contract.signed':
      return signContract(unit, event);
    case 'contract.ended': {
      const contract = unit.get('contract', event.data.contractId);
      if (!contract) return reject(`contract "${event.data.contractId}" is not on record`);
      if (event.data.endDate < contract.startDate) return reject(`endDate ${event.data.endDate} is before the contract's startDate ${contract.startDate}`);
      unit.put('contract', { ...contract, endDate: event.data.endDate, endReason: event.data.reason ?? null });
      return ok(contract.clientId);
    }
    case 'deliverable.created': {
      const d = event.data;
      const client = unit.get('client', d.clientId);
      if (!client) return unknownClient(d.clientId);
      if (unit.get('deliverable', d.deliverableId)) return reject(`deliverable "${d.deliverableId}" already exists`);
      unit.put('deliverable', {
        deliverableId: d.deliverableId, clientId: d.clientId, network: d.network ?? null, title: d.title,
        caption: d.caption ?? null, plannedFor: d.plannedFor ?? null, mediaUrl: d.mediaUrl ?? null,
        createdAt: event.at, publishedAt: null, revisions: 0, clientRevisions: 0,
      });
      return ok(d.clientId);
    }
    case 'deliverable.revised': {
      const d = event.data;
      const deliverable = unit.get('deliverable', d.deliverableId);
      if (!deliverable) return reject(`deliverable "${d.deliverableId}" is not on record`);
      const byClient = d.requestedBy === 'client' ? 1 : 0;
      unit.put('deliverable', { ...deliverable, revisions: deliverable.revisions + 1, clientRevisions: deliverable.clientRevisions + byClient });
      unit.put('revision', {
        eventId: event.id, deliverableId: d.deliverableId, clientId: deliverable.clientId, round: d.round,
        changeChars: d.changeChars, requestedBy: d.requestedBy, at: event.at,
      });
      return ok(deliverable.clientId);
    }
    case 'deliverable.published': {
      const deliverable = unit.get('deliverable', event.data.deliverableId);
      if (!deliverable) return reject(`deliverable "${event.data.deliverableId}" is not on record`);
      // A repost does not move the first publication date.
      if (deliverable.publishedAt === null) unit.put('deliverable', { ...deliverable, publishedAt: event.at });
      return ok(deliverable.clientId);
    }
    case 'request.sent': {
      const d = event.data;
      if (!unit.get('client', d.clientId)) return unknownClient(d.clientId);
      if (unit.get('request', d.requestId)) return reject(`request "${d.requestId}" already exists`);
      if (d.deliverableId) {
        const deliverable = unit.get('deliverable', d.deliverableId);
        if (!deliverable) return reject(`deliverable "${d.deliverableId}" is not on record`);
        if (deliverable.clientId !== d.clientId) return reject(`deliverable "${d.deliverableId}" belongs to another client`);
      }
      unit.put('request', {
        requestId: d.requestId, clientId: d.clientId, kind: d.kind, subject: d.subject, dueDate: d.dueDate,
        deliverableId: d.deliverableId ?? null, sentAt: event.at, status: 'open', answeredAt: null,
        answerChannel: null, verdict: null, withdrawnAt: null, withdrawReason: null,
      });
      return ok(d.clientId);
    }
    case 'request.answered': {
      const request = unit.get('request', event.data.requestId);
      if (!request) return reject(`request "${event.data.requestId}" is not on record`);
      // The first answer is the one that measures the client's response time; later
      // answers (a second mail on the same thread) are kept in the ledger only.
      if (request.answeredAt === null) {
        unit.put('request', {
          ...request, status: request.status === 'withdrawn' ? 'withdrawn' : 'answered', answeredAt: event.at,
          answerChannel: event.data.channel, verdict: event.data.verdict ?? null,
        });
      }
      return ok(request.clientId);
    }
    case 'request.withdrawn': {
      const request = unit.get('request', event.data.requestId);
      if (!request) return reject(`request "${event.data.requestId}" is not on record`);
      if (request.status === 'open') {
        unit.put('request', { ...request, status: 'withdrawn', withdrawnAt: event.at, withdrawReason: event.data.reason ?? null });
      }
      return ok(request.clientId);
    }
    case 'access.granted': {
      const d = event.data;
      if (!unit.get('client', d.clientId)) return unknownClient(d.clientId);
      unit.put('accessGrant', {
        clientId: d.clientId, network: d.network, account: d.account, level: d.level, grantedAt: event.at,
        revokedAt: null, handedOverAt: null, confirmedBy: null,
      });
      return ok(d.clientId);
    }
    case 'access.revoked':
    case 'access.handedOver': {
      const d = event.data;
      if (!unit.get('client', d.clientId)) return unknownClient(d.clientId);
      const grant = unit.get('accessGrant', accessKey(d.clientId, d.network, d.account));
      if (!grant) return reject(`no access to ${d.network} account "${d.account}" is on record for client "${d.clientId}"`);
      unit.put('accessGrant', event.type === 'access.revoked'
        ? { ...grant, revokedAt: event.at }
        : { ...grant, handedOverAt: event.at, confirmedBy: event.data.confirmedBy ?? null });
      return ok(d.clientId);
    }
    case 'invoice.issued': {
      const d = event.data;
      if (!unit.get('client', d.clientId)) return unknownClient(d.clientId);
      if (unit.get('invoice', d.invoiceId)) return reject(`invoice "${d.invoiceId}" already exists`);
      if (d.dueDate < d.issueDate) return reject(`dueDate ${d.dueDate} is before issueDate ${d.issueDate}`);
      const total = parseMoney(d.total.amount, d.total.currency);
      unit.put('invoice', {
        invoiceId: d.invoiceId, clientId: d.clientId, number: d.number, issueDate: d.issueDate, dueDate: d.dueDate,
        currency: total.currency, totalMinor: total.minor, creditedMinor: 0, paidMinor: 0, openMinor: total.minor,
        settledOn: null, lastPaidOn: null, issuedAt: event.at,
      });
      return ok(d.clientId);
    }
    case 'invoice.credited': {
      const d = event.data;
      const invoice = unit.get('invoice', d.invoiceId);
      if (!invoice) return reject(`invoice "${d.invoiceId}" is not on record`);
      const amount = parseMoney(d.amount.amount, d.amount.currency);
      if (amount.currency !== invoice.currency) return reject(`credit in ${amount.currency} on invoice "${d.invoiceId}" in ${invoice.currency}`);
      if (invoice.creditedMinor + amount.minor > invoice.totalMinor) return reject(`credits on invoice "${d.invoiceId}" would exceed its total`);
      const openMinor = invoice.openMinor - amount.minor;
      // A credit that clears what is left settles the invoice as of the client's last payment:
      // the time we took to agree the credit is not the client paying late. Without any payment,
      // the credit's own (UTC) date; the projection knows no time zone.
      const settledOn = invoice.settledOn ?? (openMinor <= 0 ? (invoice.lastPaidOn ?? (event.at.slice(0, 10) as IsoDate)) : null);
      unit.put('invoice', { ...invoice, creditedMinor: invoice.creditedMinor + amount.minor, openMinor, settledOn });
      unit.put('credit', {
        eventId: event.id, invoiceId: d.invoiceId, clientId: invoice.clientId, amountMinor: amount.minor,
        currency: amount.currency, reason: d.reason ?? null, at: event.at,
      });
      return ok(invoice.clientId);
    }
    case 'payment.received':
      return receivePayment(unit, event);
    case 'message.sent':
    case 'message.received':
      return recordMessage(unit, event, event.type === 'message.sent' ? 'out' : 'in');
    case 'time.logged': {
      const d = event.data;
      if (!unit.get('client', d.clientId)) return unknownClient(d.clientId);
      unit.put('timeEntry', { eventId: event.id, clientId: d.clientId, date: d.date, minutes: d.minutes, kind: d.kind });
      return ok(d.clientId);
    }
    case 'incident.noted': {
      const d = event.data;
      if (!unit.get('client', d.clientId)) return unknownClient(d.clientId);
      unit.put('incident', { eventId: event.id, clientId: d.clientId, severity: d.severity, summary: d.summary, at: event.at });
      return ok(d.clientId);
    }
    case 'work.paused':
    case 'work.resumed': {
      const d = event.data;
      const client = unit.get('client', d.clientId);
      if (!client) return unknownClient(d.clientId);
      const paused = event.type === 'work.paused';
      if (client.paused !== paused) {
        unit.put('client', { ...client, paused, pausedAt: paused ? event.at : null, pauseReason: paused ? d.reason : null });
      }
      return ok(d.clientId);
    }
    case 'client.offboarded': {
      const d = event.data;
      const client = unit.get('client', d.clientId);
      if (!client) return unknownClient(d.clientId);
      unit.put('client', { ...client, offboardedAt: event.at, offboardReason: d.reason } satisfies ClientView);
      return ok(d.clientId);
    }
    case 'offboarding.started':
    case 'offboarding.stepSkipped':
    case 'access.handoverApproved': {
      // The offboarding checklist reads these from the client's events (core/offboarding); no
      // read model changes. The application refuses them out of turn (a second start, a step
      // skipped before the start); replayed or imported, they are facts and stay.
      const client = unit.get('client', event.data.clientId);
      if (!client) return unknownClient(event.data.clientId);
      if (client.offboardedAt !== null && event.type === 'offboarding.started') return reject(`client "${event.data.clientId}" is offboarded already`);
      return ok(event.data.clientId);
    }
    case 'portal.viewed': {
      // Only the ledger keeps views (the portal's own table has the link's last use); no read model changes.
      if (!unit.get('client', event.data.clientId)) return unknownClient(event.data.clientId);
      return ok(event.data.clientId);
    }
  }
}

function unknownClient(clientId: string): Projection {
  return reject(`client "${clientId}" is not on record`);
}

function signContract(unit: ViewUnit, event: EventOf<'contract.signed'>): Projection {
  const d = event.data;
  if (!unit.get('client', d.clientId)) return unknownClient(d.clientId);
  if (unit.get('contract', d.contractId)) return reject(`contract "${d.contractId}" already exists`);
  const { contractId, clientId, startDate, ...terms } = d;
  unit.put('contract', applyTerms({
    contractId, clientId, signedAt: event.at, startDate, endDate: null, endReason: null,
    networks: [], feeMinor: 0, feeCurrency: d.fee.currency, feeCycle: d.fee.cycle, dueDayOfMonth: null, netDays: null,
    feedbackDays: 0, approvalMode: 'none', approvalWindowDays: null, deemedApproval: false, stopWorkAfterDays: 0,
    lateInterest: 'none', lateInterestRatePct: null, reminderFees: false, rules: null,
  }, { reminderFees: false, ...terms, rules: terms.rules ?? null }));
  return ok(d.clientId);
}

function updateClient(unit: ViewUnit, event: EventOf<'client.updated'>): Projection {
  const { clientId, contacts, ...fields } = event.data;
  const client = unit.get('client', clientId);
  if (!client) return unknownClient(clientId);
  // Only the fields named change (undefined is "not named"; null clears).
  const named = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  unit.put('client', { ...client, ...named });
  if (contacts) {
    const before = unit.contactsOf(clientId).length;
    putContacts(unit, clientId, contacts, before);
  }
  return ok(clientId);
}

/** The client's contacts, in order, replacing `before` contacts kept so far (the rest are removed). */
function putContacts(unit: ViewUnit, clientId: ClientId, contacts: readonly { name: string; email: string }[], before: number): void {
  contacts.forEach((contact, position) => unit.put('contact', { clientId, position, name: contact.name, email: contact.email }));
  for (let position = contacts.length; position < before; position++) unit.remove('contact', { clientId, position, name: '', email: '' });
}

function receivePayment(unit: ViewUnit, event: EventOf<'payment.received'>): Projection {
  const d = event.data;
  if (!unit.get('client', d.clientId)) return unknownClient(d.clientId);
  if (unit.get('payment', d.paymentId)) return reject(`payment "${d.paymentId}" already exists`);
  const amount = parseMoney(d.amount.amount, d.amount.currency);
  for (const invoiceId of d.invoiceIds ?? []) {
    const invoice = unit.get('invoice', invoiceId);
    if (!invoice) return reject(`invoice "${invoiceId}" is not on record`);
    if (invoice.clientId !== d.clientId) return reject(`invoice "${invoiceId}" belongs to another client`);
    if (invoice.currency !== amount.currency) return reject(`payment in ${amount.currency} names invoice "${invoiceId}" in ${invoice.currency}`);
  }
  const open = unit.openInvoicesOf(d.clientId).filter((invoice) => invoice.currency === amount.currency);
  const { allocations, unallocatedMinor } = allocatePayment(amount.minor, d.invoiceIds, open);
  unit.put('payment', {
    paymentId: d.paymentId, clientId: d.clientId, date: d.date, amountMinor: amount.minor, currency: amount.currency,
    unallocatedMinor, receivedAt: event.at,
  });
  for (const { invoiceId, minor } of allocations) {
    const invoice = unit.get('invoice', invoiceId) as InvoiceView;
    const openMinor = invoice.openMinor - minor;
    unit.put('invoice', { ...invoice, paidMinor: invoice.paidMinor + minor, openMinor, settledOn: openMinor <= 0 ? d.date : null, lastPaidOn: d.date });
    unit.put('allocation', { paymentId: d.paymentId, invoiceId, clientId: d.clientId, amountMinor: minor, currency: amount.currency as CurrencyCode });
  }
  return ok(d.clientId);
}

function recordMessage(unit: ViewUnit, event: EventOf<'message.sent' | 'message.received'>, direction: MessageView['direction']): Projection {
  const d = event.data;
  if (!unit.get('client', d.clientId)) return unknownClient(d.clientId);
  if (unit.get('message', d.messageId)) return reject(`message "${d.messageId}" already exists`);
  if (d.requestId) {
    const request = unit.get('request', d.requestId);
    if (!request) return reject(`request "${d.requestId}" is not on record`);
    if (request.clientId !== d.clientId) return reject(`request "${d.requestId}" belongs to another client`);
  }
  unit.put('message', {
    messageId: d.messageId, clientId: d.clientId, direction, channel: d.channel, subject: d.subject,
    inReplyTo: d.inReplyTo ?? null, requestId: d.requestId ?? null, actionKey: d.actionKey ?? null, at: event.at as IsoInstant,
  });
  return ok(d.clientId);
}
