import type { ClientId } from '../brand.ts';
import type { LedgerEvent } from './events.ts';

// Which client an event is about, from its hashed content alone. The store keeps the answer
// in `ledger_event.client_id`, outside the hash, and every per-client query reads through it
// (assessment, reports, the dossier); `firmly verify` recomputes it with this (#19 F3).
// The projection finds the same client through the read models it builds (`projectEvent`);
// event-client.test.ts holds the two equal over random ledgers.

/** The things an event can name instead of its client. */
export const clientOwners = ['contract', 'deliverable', 'request', 'invoice'] as const;
export type ClientOwner = (typeof clientOwners)[number];

/** How an event names its client: directly (and what it creates for it), through a thing created earlier, or not at all. */
export type ClientLink =
  | { readonly via: 'none' }
  | { readonly via: 'direct'; readonly clientId: ClientId; readonly creates?: { readonly owner: ClientOwner; readonly id: string } }
  | { readonly via: 'owner'; readonly owner: ClientOwner; readonly id: string };

/** How `event` names its client (a switch over every type, so a new type does not compile without an answer). */
export function clientLink(event: LedgerEvent): ClientLink {
  switch (event.type) {
    case 'workspace.configured':
    case 'workspace.rules':
      return { via: 'none' };
    case 'contract.signed':
      return { via: 'direct', clientId: event.data.clientId, creates: { owner: 'contract', id: event.data.contractId } };
    case 'deliverable.created':
      return { via: 'direct', clientId: event.data.clientId, creates: { owner: 'deliverable', id: event.data.deliverableId } };
    case 'request.sent':
      return { via: 'direct', clientId: event.data.clientId, creates: { owner: 'request', id: event.data.requestId } };
    case 'invoice.issued':
      return { via: 'direct', clientId: event.data.clientId, creates: { owner: 'invoice', id: event.data.invoiceId } };
    case 'contract.ended':
    case 'contract.amended':
      return { via: 'owner', owner: 'contract', id: event.data.contractId };
    case 'deliverable.revised':
    case 'deliverable.published':
      return { via: 'owner', owner: 'deliverable', id: event.data.deliverableId };
    case 'request.answered':
    case 'request.withdrawn':
      return { via: 'owner', owner: 'request', id: event.data.requestId };
    case 'invoice.credited':
      return { via: 'owner', owner: 'invoice', id: event.data.invoiceId };
    case 'client.added':
    case 'client.updated':
    case 'client.archived':
    case 'client.restored':
    case 'escalation.held':
    case 'escalation.released':
    case 'access.granted':
    case 'access.revoked':
    case 'access.handedOver':
    case 'payment.received':
    case 'message.sent':
    case 'message.received':
    case 'time.logged':
    case 'incident.noted':
    case 'work.paused':
    case 'work.resumed':
    case 'offboarding.started':
    case 'offboarding.stepSkipped':
    case 'access.handoverApproved':
    case 'client.offboarded':
    case 'portal.viewed':
      return { via: 'direct', clientId: event.data.clientId };
  }
}

export type EventClient = { readonly ok: true; readonly clientId: ClientId | null } | { readonly ok: false; readonly reason: string };

/**
 * Finds the client of each event of a ledger read in chain order. Remembers which client
 * each contract, deliverable, request and invoice belongs to, nothing else: its memory grows
 * with the number of those things, not of events.
 */
export class ClientIndex {
  private readonly owners: { readonly [O in ClientOwner]: Map<string, ClientId> } = {
    contract: new Map(), deliverable: new Map(), request: new Map(), invoice: new Map(),
  };
  // One string per client, however many things it owns (ids parsed from JSON are fresh strings).
  private readonly clients = new Map<string, ClientId>();

  /** The client of `event`, which must come after the events before it in the chain. */
  clientOf(event: LedgerEvent): EventClient {
    // Read back from storage, an event is only as well-formed as the chain: say so rather than throw.
    const link = clientLink(event) as ClientLink | undefined;
    if (link === undefined) return { ok: false, reason: `"${event.type}" is not an event type` };
    if (link.via === 'none') return { ok: true, clientId: null };
    const id = link.via === 'owner' ? link.id : link.clientId;
    if (typeof id !== 'string') return { ok: false, reason: `the ${event.type} event names no ${link.via === 'owner' ? link.owner : 'client'}` };
    if (link.via === 'owner') {
      const clientId = this.owners[link.owner].get(link.id);
      return clientId === undefined ? { ok: false, reason: `${link.owner} "${link.id}" is named before any event creates it` } : { ok: true, clientId };
    }
    let clientId = this.clients.get(link.clientId);
    if (clientId === undefined) this.clients.set(link.clientId, (clientId = link.clientId));
    // The first creation counts: the projection refuses a second thing with the same id.
    if (link.creates && !this.owners[link.creates.owner].has(link.creates.id)) this.owners[link.creates.owner].set(link.creates.id, clientId);
    return { ok: true, clientId };
  }
}
