import type { ClientId } from '../brand.ts';
import type { IsoInstant } from '../dates.ts';
import { isPublicMailDomain } from './public-domains.ts';
import { requestIdsInSubject } from './request-tag.ts';

// Which client a message is from, and which of our requests it answers.
//
// Client, in this order:
//   1. the From address is a contact's address (`client.added` contacts; case-insensitive);
//   2. else the From address's domain is the domain of a client's contact — unless anyone can
//      have an address there (gmail.com, hotmail.com, …: public-domains.ts);
//   3. else the message replies to one of our sent messages (In-Reply-To or References name its
//      Message-ID), which was to one client: a colleague of the contact answering from an
//      address we do not know yet.
//   An address that fits several clients is settled by the thread when the thread points at one
//   of them; otherwise the message is ambiguous and waits for a person.
// Request, for that client:
//   1. In-Reply-To, then References from the nearest ancestor back, name one of our sent
//      messages that carried a request of that client;
//   2. else a request tag `[R-<requestId>]` in the subject (request-tag.ts) names one.
//   The message answers the request when it is still open (the first answer is the one that
//   counts: a later mail on the thread is recorded, but does not answer again).
// A message whose Message-ID is one of ours is our own (a copy in the Sent folder, an archive
// of both directions): it is no answer from anyone.

export interface MailAddress {
  readonly name: string;
  /** Lower case. */
  readonly address: string;
}

/** A message as matching sees it: header fields, addresses as mailparser parsed them, Message-IDs without brackets. */
export interface InboundMail {
  readonly messageId: string;
  readonly from: readonly MailAddress[];
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject: string;
  readonly inReplyTo: readonly string[];
  readonly references: readonly string[];
}

export interface ContactIndex {
  readonly byAddress: ReadonlyMap<string, readonly ClientId[]>;
  /** Only domains that identify a client: public mail providers are left out. */
  readonly byDomain: ReadonlyMap<string, readonly ClientId[]>;
}

export interface SentMessageRef {
  /** As `message.sent` recorded it (the outbox keeps the brackets). */
  readonly messageId: string;
  readonly clientId: ClientId;
  readonly requestId: string | null;
}

export interface RequestRef {
  readonly clientId: ClientId;
  /** Neither answered nor withdrawn. */
  readonly open: boolean;
  readonly sentAt: IsoInstant;
}

/** What the ledger knows that matching needs; the maps may hold only the ids a batch of mail names. */
export interface MailDirectory {
  readonly contacts: ContactIndex;
  /** Our `message.sent`, by bare Message-ID (brackets removed). */
  readonly sentMessages: ReadonlyMap<string, SentMessageRef>;
  readonly requests: ReadonlyMap<string, RequestRef>;
}

export const unmatchedReasons = ['sender.missing', 'sender.unknown', 'sender.ambiguous'] as const;
export type UnmatchedReason = (typeof unmatchedReasons)[number];

export type ClientEvidence = 'address' | 'domain' | 'thread' | 'person';

export interface RequestMatch {
  readonly requestId: string;
  readonly by: 'thread' | 'tag';
  /** The request was open: this message is its answer. */
  readonly answers: boolean;
}

export type MailMatch =
  | { readonly kind: 'ours' }
  | { readonly kind: 'client'; readonly clientId: ClientId; readonly by: ClientEvidence; readonly request: RequestMatch | undefined }
  | { readonly kind: 'unmatched'; readonly reason: UnmatchedReason; readonly candidates: readonly ClientId[] };

export const normalizeAddress = (address: string): string => address.trim().toLowerCase();

const domainOf = (address: string): string | undefined => {
  const at = address.lastIndexOf('@');
  return at > 0 && at < address.length - 1 ? address.slice(at + 1) : undefined;
};

/** Indexes contacts' addresses and domains (public mail providers' domains left out). */
export function indexContacts(contacts: Iterable<{ readonly clientId: ClientId; readonly email: string }>): ContactIndex {
  const byAddress = new Map<string, ClientId[]>();
  const byDomain = new Map<string, ClientId[]>();
  const add = (map: Map<string, ClientId[]>, key: string, clientId: ClientId) => {
    const list = map.get(key);
    if (!list) map.set(key, [clientId]);
    else if (!list.includes(clientId)) list.push(clientId);
  };
  for (const { clientId, email } of contacts) {
    const address = normalizeAddress(email);
    add(byAddress, address, clientId);
    const domain = domainOf(address);
    if (domain !== undefined && !isPublicMailDomain(domain)) add(byDomain, domain, clientId);
  }
  return { byAddress, byDomain };
}

/** The Message-IDs a message replies to, nearest first: In-Reply-To, then References from the last. */
export function threadIds(mail: InboundMail): string[] {
  return [...new Set([...mail.inReplyTo, ...[...mail.references].reverse()])];
}

const sorted = (ids: Iterable<ClientId>): ClientId[] => [...new Set(ids)].sort();

function clientsOf(contacts: ContactIndex, addresses: readonly MailAddress[]): { exact: ClientId[]; domain: ClientId[] } {
  const exact: ClientId[] = [];
  const domain: ClientId[] = [];
  for (const { address } of addresses) {
    const normal = normalizeAddress(address);
    exact.push(...(contacts.byAddress.get(normal) ?? []));
    const d = domainOf(normal);
    if (d !== undefined) domain.push(...(contacts.byDomain.get(d) ?? []));
  }
  return { exact: sorted(exact), domain: sorted(domain) };
}

/** The request a message of `clientId` answers or is about, if any. */
export function matchRequest(mail: InboundMail, clientId: ClientId, directory: MailDirectory): RequestMatch | undefined {
  const ofClient = (requestId: string | null | undefined) => {
    if (requestId === null || requestId === undefined) return undefined;
    const request = directory.requests.get(requestId);
    return request?.clientId === clientId ? request : undefined;
  };
  for (const id of threadIds(mail)) {
    const sent = directory.sentMessages.get(id);
    if (sent?.clientId !== clientId) continue;
    const request = ofClient(sent.requestId);
    if (request) return { requestId: sent.requestId as string, by: 'thread', answers: request.open };
  }
  for (const requestId of requestIdsInSubject(mail.subject)) {
    const request = ofClient(requestId);
    if (request) return { requestId, by: 'tag', answers: request.open };
  }
  return undefined;
}

/**
 * Decides who a message is from and what it answers (rules above). `clientId` is a person's
 * decision (assigning unmatched mail): the client is taken as given, the request still matched.
 */
export function matchMail(mail: InboundMail, directory: MailDirectory, options: { readonly clientId?: ClientId } = {}): MailMatch {
  if (directory.sentMessages.has(mail.messageId)) return { kind: 'ours' };
  const found = (clientId: ClientId, by: ClientEvidence): MailMatch => ({ kind: 'client', clientId, by, request: matchRequest(mail, clientId, directory) });
  if (options.clientId !== undefined) return found(options.clientId, 'person');

  const threadClients = sorted(threadIds(mail).flatMap((id) => {
    const sent = directory.sentMessages.get(id);
    return sent ? [sent.clientId] : [];
  }));
  const sender = clientsOf(directory.contacts, mail.from);
  for (const [candidates, by] of [[sender.exact, 'address'], [sender.domain, 'domain']] as const) {
    if (candidates.length === 1) return found(candidates[0] as ClientId, by);
    if (candidates.length > 1) {
      const settled = candidates.filter((c) => threadClients.includes(c));
      if (settled.length === 1) return found(settled[0] as ClientId, by);
      return { kind: 'unmatched', reason: 'sender.ambiguous', candidates };
    }
  }
  if (threadClients.length === 1) return found(threadClients[0] as ClientId, 'thread');
  // Leads for the person who assigns it: clients written to in the same message, or on the thread.
  const copied = clientsOf(directory.contacts, [...mail.to, ...mail.cc]);
  const candidates = sorted([...threadClients, ...copied.exact, ...copied.domain]);
  return { kind: 'unmatched', reason: mail.from.length === 0 ? 'sender.missing' : 'sender.unknown', candidates };
}
