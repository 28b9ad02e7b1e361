import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ClientId } from '../brand.ts';
import type { IsoInstant } from '../dates.ts';
import { sha256Hex } from '../../store/hash.ts';
import { indexContacts, matchMail, type InboundMail, type MailDirectory, type RequestRef, type SentMessageRef } from './match-mail.ts';
import { mailEventId, receivedFacts } from './received-events.ts';

const c = (id: string) => id as ClientId;
const sentAt = '2026-03-02T09:00:00.000Z' as IsoInstant;

/** Two agencies' worth of clients: acme and beta have their own domains; gina writes from gmail. */
function directory(over: { sent?: [string, SentMessageRef][]; requests?: [string, RequestRef][] } = {}): MailDirectory {
  return {
    contacts: indexContacts([
      { clientId: c('acme'), email: 'Kim@Acme.example' },
      { clientId: c('acme'), email: 'ops@acme.example' },
      { clientId: c('beta'), email: 'bo@beta.example' },
      { clientId: c('gina'), email: 'gina.designs@gmail.com' },
      { clientId: c('twin-a'), email: 'shared@holding.example' },
      { clientId: c('twin-b'), email: 'shared@holding.example' },
    ]),
    sentMessages: new Map(over.sent ?? [
      ['firmly.1@studio.example', { messageId: '<firmly.1@studio.example>', clientId: c('acme'), requestId: 'req-open' }],
      ['firmly.2@studio.example', { messageId: '<firmly.2@studio.example>', clientId: c('acme'), requestId: 'req-done' }],
      ['firmly.3@studio.example', { messageId: '<firmly.3@studio.example>', clientId: c('beta'), requestId: null }],
      ['firmly.4@studio.example', { messageId: '<firmly.4@studio.example>', clientId: c('twin-b'), requestId: null }],
    ]),
    requests: new Map(over.requests ?? [
      ['req-open', { clientId: c('acme'), open: true, sentAt }],
      ['req-done', { clientId: c('acme'), open: false, sentAt }],
      ['req-beta', { clientId: c('beta'), open: true, sentAt }],
    ]),
  };
}

const mail = (over: Partial<InboundMail> = {}): InboundMail => ({
  messageId: 'reply.1@client.example', from: [{ name: 'Kim', address: 'kim@acme.example' }], to: [], cc: [],
  subject: 'Re: Content plan', inReplyTo: [], references: [], ...over,
});
const from = (address: string) => ({ from: [{ name: '', address }] });

describe('matching a message to a client', () => {
  it('takes the client whose contact wrote it, whatever the case of the address', () => {
    expect(matchMail(mail(from('KIM@acme.EXAMPLE')), directory())).toMatchObject({ kind: 'client', clientId: 'acme', by: 'address' });
  });

  it('takes the client of the sender\'s domain for a colleague we have no address for', () => {
    expect(matchMail(mail(from('new.person@beta.example')), directory())).toMatchObject({ kind: 'client', clientId: 'beta', by: 'domain' });
  });

  it('never matches by a public mail provider\'s domain, but does by a contact\'s exact address there', () => {
    expect(matchMail(mail(from('someone.else@gmail.com')), directory())).toMatchObject({ kind: 'unmatched', reason: 'sender.unknown' });
    expect(matchMail(mail(from('gina.designs@gmail.com')), directory())).toMatchObject({ kind: 'client', clientId: 'gina', by: 'address' });
  });

  it('takes the client of our message it replies to, for a sender it does not know', () => {
    expect(matchMail(mail({ ...from('assistant@gmail.com'), inReplyTo: ['firmly.3@studio.example'] }), directory()))
      .toMatchObject({ kind: 'client', clientId: 'beta', by: 'thread' });
  });

  it('settles an address two clients share by the thread, else leaves it to a person', () => {
    expect(matchMail(mail({ ...from('shared@holding.example'), references: ['firmly.4@studio.example'] }), directory()))
      .toMatchObject({ kind: 'client', clientId: 'twin-b', by: 'address' });
    expect(matchMail(mail(from('shared@holding.example')), directory()))
      .toEqual({ kind: 'unmatched', reason: 'sender.ambiguous', candidates: ['twin-a', 'twin-b'] });
  });

  it('keeps mail from strangers, naming the clients written to in the same message as leads', () => {
    expect(matchMail(mail({ ...from('press@newspaper.example'), cc: [{ name: '', address: 'bo@beta.example' }] }), directory()))
      .toEqual({ kind: 'unmatched', reason: 'sender.unknown', candidates: ['beta'] });
    expect(matchMail(mail({ from: [] }), directory())).toEqual({ kind: 'unmatched', reason: 'sender.missing', candidates: [] });
  });

  it('recognises our own messages (a copy in the Sent folder) as no one\'s answer', () => {
    expect(matchMail(mail({ messageId: 'firmly.1@studio.example' }), directory())).toEqual({ kind: 'ours' });
  });
});

describe('matching a message to the request it answers', () => {
  it('follows In-Reply-To to our message and its request, which it answers while open', () => {
    expect(matchMail(mail({ inReplyTo: ['firmly.1@studio.example'] }), directory()))
      .toMatchObject({ request: { requestId: 'req-open', by: 'thread', answers: true } });
    expect(matchMail(mail({ inReplyTo: ['firmly.2@studio.example'] }), directory()))
      .toMatchObject({ request: { requestId: 'req-done', by: 'thread', answers: false } });
  });

  it('takes the nearest of our messages in References when In-Reply-To names none', () => {
    expect(matchMail(mail({ references: ['firmly.2@studio.example', 'firmly.1@studio.example', 'their.own@acme.example'] }), directory()))
      .toMatchObject({ request: { requestId: 'req-open', by: 'thread' } });
  });

  it('falls back to the request tag in the subject', () => {
    expect(matchMail(mail({ subject: 'SV: Content plan [R-req-open]' }), directory()))
      .toMatchObject({ request: { requestId: 'req-open', by: 'tag', answers: true } });
  });

  it('ignores a tag or a thread that leads to another client\'s request', () => {
    expect(matchMail(mail({ subject: 'Re: [R-req-beta]', inReplyTo: ['firmly.3@studio.example'] }), directory()))
      .toMatchObject({ kind: 'client', clientId: 'acme', request: undefined });
  });

  it('answers for the client a person chose', () => {
    expect(matchMail(mail({ ...from('x@unknown.example'), subject: 'Re: [R-req-beta]' }), directory(), { clientId: c('beta') }))
      .toMatchObject({ kind: 'client', clientId: 'beta', by: 'person', request: { requestId: 'req-beta', answers: true } });
  });
});

describe('matching, for any message', () => {
  const local = fc.stringMatching(/^[a-z0-9._-]{1,12}$/);
  const domain = fc.constantFrom('acme.example', 'beta.example', 'holding.example', 'gmail.com', 'hotmail.com', 'elsewhere.example');
  const address = fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`);
  const anyCase = (text: string) => fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((upper) => [...text].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(''));
  const ids = fc.array(fc.constantFrom('firmly.1@studio.example', 'firmly.2@studio.example', 'firmly.3@studio.example', 'firmly.4@studio.example', 'x@y'), { maxLength: 4 });
  const anyMail = fc.record({ from: address, to: fc.array(address, { maxLength: 3 }), inReplyTo: ids, references: ids, subject: fc.constantFrom('Re: plan', 'Re: [R-req-open]', '[R-req-beta]') })
    .map((m) => mail({ from: [{ name: '', address: m.from }], to: m.to.map((a) => ({ name: '', address: a })), inReplyTo: m.inReplyTo, references: m.references, subject: m.subject }));

  it('gives the same answer whatever the case of the addresses', () => fc.assert(fc.property(anyMail.chain((m) =>
    anyCase(m.from[0]!.address).map((upper) => [m, { ...m, from: [{ name: '', address: upper }] }] as const)), ([m, upper]) => {
    expect(matchMail(upper, directory())).toEqual(matchMail(m, directory()));
  })));

  it('matches a public provider\'s address only when it is a contact\'s', () => fc.assert(fc.property(anyMail, (m) => {
    const result = matchMail(m, directory());
    if (result.kind === 'client' && result.by === 'domain') expect(['gmail.com', 'hotmail.com']).not.toContain(m.from[0]!.address.split('@')[1]);
  })));

  it('names only a request of the client it matched, and answers only an open one', () => fc.assert(fc.property(anyMail, (m) => {
    const dir = directory();
    const result = matchMail(m, dir);
    if (result.kind !== 'client' || !result.request) return;
    const request = dir.requests.get(result.request.requestId);
    expect(request?.clientId).toBe(result.clientId);
    expect(result.request.answers).toBe(request?.open);
  })));

  it('decides for a contact\'s own address by that address, whatever the thread says', () => fc.assert(fc.property(anyMail, fc.constantFrom('kim@acme.example', 'bo@beta.example'), (m, contact) => {
    const result = matchMail({ ...m, from: [{ name: '', address: contact }] }, directory());
    expect(result).toMatchObject({ kind: 'client', clientId: contact.endsWith('acme.example') ? 'acme' : 'beta', by: 'address' });
  })));
});

describe('the facts of a matched message', () => {
  const at = '2026-03-03T10:00:00.000Z' as IsoInstant;

  it('records the message and the answer, with ids from its Message-ID', () => {
    const m = mail({ inReplyTo: ['firmly.1@studio.example'] });
    const facts = receivedFacts(sha256Hex, m, at, c('acme'), { requestId: 'req-open', by: 'thread', answers: true }, sentAt, '<firmly.1@studio.example>');
    expect(facts.received).toEqual({
      id: mailEventId(sha256Hex, 'reply.1@client.example', 'received'), type: 'message.received', at,
      data: { messageId: '<reply.1@client.example>', clientId: 'acme', channel: 'email', subject: 'Re: Content plan', inReplyTo: '<firmly.1@studio.example>', requestId: 'req-open' },
    });
    expect(facts.answered).toEqual({ id: mailEventId(sha256Hex, 'reply.1@client.example', 'answered'), type: 'request.answered', at, data: { requestId: 'req-open', channel: 'email' } });
  });

  it('never dates an answer before the request it answers', () => {
    const facts = receivedFacts(sha256Hex, mail(), '2026-03-01T00:00:00.000Z' as IsoInstant, c('acme'), { requestId: 'req-open', by: 'tag', answers: true }, sentAt, undefined);
    expect(facts.answered?.at).toBe(sentAt);
    expect(facts.received.at).toBe('2026-03-01T00:00:00.000Z');
  });

  it('records no answer to a request answered before', () => {
    expect(receivedFacts(sha256Hex, mail(), at, c('acme'), { requestId: 'req-done', by: 'thread', answers: false }, sentAt, undefined).answered).toBeUndefined();
  });
});
