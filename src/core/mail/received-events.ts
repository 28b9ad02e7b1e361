import type { ClientId } from '../brand.ts';
import type { IsoInstant } from '../dates.ts';
import type { Sha256Hex } from '../ledger/chain.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { parseEvent } from '../ledger/parse-event.ts';
import { toWellFormedText } from '../text.ts';
import { headerMessageId, isUsableMessageId } from './message-id.ts';
import type { InboundMail, MailDirectory, RequestMatch } from './match-mail.ts';

/**
 * The id of an event recorded for an inbound message: derived from its (bare) Message-ID, so the
 * same message imported twice (from an mbox and again over IMAP) names the same event, and
 * the ledger adds nothing the second time.
 * @example mailEventId(sha256, 'abc@host', 'received') === 'mail-3f1c…-received'
 */
export const mailEventId = (sha256: Sha256Hex, messageId: string, kind: 'received' | 'answered'): string =>
  `mail-${sha256(messageId).slice(0, 32)}-${kind}`;

// The ledger's `subject` holds at most 1000 characters of well-formed text. A subject is kept,
// not refused: one odd mail (ESC, a lone control byte) must not stop an import.
const subjectOf = (subject: string): string => [...toWellFormedText(subject)].slice(0, 1000).join('');

export interface ReceivedFacts {
  readonly received: LedgerEvent;
  /** When the message answers an open request. */
  readonly answered: LedgerEvent | undefined;
}

/**
 * What `inReplyTo` records: the message replied to as the ledger spells it when it is one of
 * ours (so the two join exactly), else the header form of the first usable In-Reply-To id.
 */
export function replyTarget(mail: InboundMail, directory: Pick<MailDirectory, 'sentMessages'>): string | undefined {
  const id = mail.inReplyTo.find(isUsableMessageId);
  return id === undefined ? undefined : (directory.sentMessages.get(id)?.messageId ?? headerMessageId(id));
}

/**
 * The facts an inbound message of a client adds to the ledger: `message.received` (with the
 * header form of its Message-ID), and `request.answered` (channel email) when it answers an
 * open request. Both happen at `at`, the message's time; an answer is never dated before the
 * request it answers (`requestSentAt`), which a sender's slow clock could otherwise make a
 * negative response time.
 */
export function receivedFacts(
  sha256: Sha256Hex, mail: InboundMail, at: IsoInstant, clientId: ClientId, request: RequestMatch | undefined, requestSentAt: IsoInstant | undefined,
  inReplyTo: string | undefined,
): ReceivedFacts {
  const received = build({
    id: mailEventId(sha256, mail.messageId, 'received'), type: 'message.received', at,
    data: {
      messageId: headerMessageId(mail.messageId), clientId, channel: 'email', subject: subjectOf(mail.subject),
      ...(inReplyTo !== undefined ? { inReplyTo } : {}),
      ...(request !== undefined ? { requestId: request.requestId } : {}),
    },
  });
  const answeredAt = requestSentAt !== undefined && requestSentAt > at ? requestSentAt : at;
  const answered = request?.answers
    ? build({ id: mailEventId(sha256, mail.messageId, 'answered'), type: 'request.answered', at: answeredAt, data: { requestId: request.requestId, channel: 'email' } })
    : undefined;
  return { received, answered };
}

function build(raw: { id: string; type: string; at: string; data: Record<string, unknown> }): LedgerEvent {
  const parsed = parseEvent(raw);
  // The inputs were normalised on the way in (usable ids, subject length): a failure is a bug here.
  if (!parsed.ok) throw new Error(`inbound mail made an invalid ${raw.type} event: ${parsed.reason}`);
  return parsed.event;
}
