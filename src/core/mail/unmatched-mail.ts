import type { ClientId } from '../brand.ts';
import type { IsoInstant } from '../dates.ts';
import type { MailTimeSource } from './mail-date.ts';
import type { InboundMail, MailAddress, UnmatchedReason } from './match-mail.ts';

export const mailResolutions = ['assigned', 'matched'] as const;
/** `assigned`: a person chose the client; `matched`: a later import or re-match found it. */
export type MailResolution = (typeof mailResolutions)[number];

/** Inbound mail that matched no client, kept with what recording it needs, until a person assigns it. */
export interface UnmatchedMail {
  readonly messageId: string;
  readonly from: MailAddress | undefined;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject: string;
  /** The Date header's instant, when it had a readable one. */
  readonly date: IsoInstant | undefined;
  /** The time the ledger will record for it, and where that came from. */
  readonly at: IsoInstant;
  readonly atSource: MailTimeSource;
  readonly inReplyTo: readonly string[];
  readonly references: readonly string[];
  readonly snippet: string;
  readonly reason: UnmatchedReason;
  /** Clients worth looking at first: on the thread, or written to in the same message. */
  readonly candidates: readonly ClientId[];
  /** Where it was read: `FILE#N` for the N-th message of a file, `imap:FOLDER#UID`. */
  readonly origin: string;
  readonly storedAt: IsoInstant;
  readonly resolution: MailResolution | null;
  readonly resolvedClientId: ClientId | null;
  readonly resolvedAt: IsoInstant | null;
}

/** The message as matching sees it, from what was kept. */
export const unmatchedAsInbound = (u: UnmatchedMail): InboundMail => ({
  messageId: u.messageId, from: u.from ? [u.from] : [], to: u.to, cc: u.cc, subject: u.subject, inReplyTo: u.inReplyTo, references: u.references,
});
