import { pipeline, Transform, type Readable } from 'node:stream';
import nodemailer from 'nodemailer';

/** An address with an optional display name. */
export interface Sender {
  readonly name?: string;
  readonly address: string;
}

export interface Recipient {
  readonly name: string;
  readonly email: string;
}

/** One message as it leaves: the Message-ID is ours, so every try of it carries the same one. */
export interface OutgoingMail {
  readonly messageId: string;
  readonly from: Sender;
  readonly to: readonly Recipient[];
  readonly cc: readonly Recipient[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly language: string;
}

/** Where messages go out; the SMTP one below, or anything a test puts in its place. */
export interface MailTransport {
  /** Who the messages come from; its domain also names our Message-IDs. */
  readonly from: Sender;
  /**
   * Resolves once the server has accepted the message; throws a `MailDeliveryError` otherwise.
   * `beforeEnd`, when given, is awaited after the server has agreed to take the message's text
   * and before the end of that text leaves (SMTP's final CRLF.CRLF, RFC 5321 §4.1.1.4): until
   * then the server cannot have accepted the message. If it rejects, the end is never sent
   * (the server drops what it got) and `send` rejects with that same error.
   */
  send(mail: OutgoingMail, beforeEnd?: () => Promise<void>): Promise<void>;
  close(): void;
}

/**
 * Why a message did not go out. `server`: the server could not be reached or would not let us
 * in (every message would fail alike: try again later); `temporary`: it refused this message
 * for now (4xx); `permanent`: it refused this message for good (5xx: no such mailbox, …);
 * `unknown`: the whole message went out and no answer came back (a timeout, a dropped
 * connection): the server may have accepted it, or not.
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  constructor(message: string, readonly reason: 'server' | 'temporary' | 'permanent' | 'unknown') {
    super(message);
  }
}

// nodemailer's codes for a failure of the connection or the login rather than of the message.
const serverCodes = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'EPROTOCOL', 'EPROXY', 'ECONNREFUSED', 'ECONNRESET']);

/** Classifies a nodemailer error, its text cleared of the credentials. */
export function deliveryError(error: unknown, secrets: readonly string[]): MailDeliveryError {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  let text = [code, typeof e.message === 'string' ? e.message : String(error)].filter(Boolean).join(': ');
  for (const secret of secrets) if (secret.length > 0) text = text.split(secret).join('***');
  text = text.replace(/\s+/g, ' ').trim().slice(0, 500);
  const reason = code !== undefined && serverCodes.has(code) ? 'server'
    : responseCode !== undefined && responseCode >= 500 ? 'permanent'
      : responseCode !== undefined && responseCode >= 400 ? 'temporary'
        : code === 'EENVELOPE' ? 'permanent' : 'server';
  return new MailDeliveryError(text, reason);
}

const mailbox = (r: Recipient) => ({ name: r.name, address: r.email });

/**
 * The message's text as nodemailer streams it to the server, held back at its end until the
 * connection reads it and `beforeEnd` has resolved. nodemailer composes the message ahead and a
 * small one sits whole in a buffer long before the server's 354; the connection starts reading
 * (pipes, which resumes this stream) only after it, so that is when the hook may run.
 */
function endHeldBack(input: Readable, beforeEnd: () => Promise<void>): Readable {
  const gate = new Transform({
    transform: (chunk: Buffer, _encoding, callback) => callback(null, chunk),
    flush(callback) {
      const go = () => void beforeEnd().then(() => callback(), (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      if (gate.readableFlowing) go();
      else gate.once('resume', go);
    },
  });
  return pipeline(input, gate, () => undefined);
}

interface HeldMail { firmlyBeforeEnd?: () => Promise<void> }

/**
 * Sends over SMTP with nodemailer: `smtp://` (STARTTLS when the server offers it) or
 * `smtps://` (TLS from the start), credentials in the URL. One pooled connection, so a round
 * of messages is one login. The URL is never part of an error we raise.
 */
export function smtpTransport(settings: { readonly url: string; readonly from: Sender }): MailTransport {
  const url = new URL(settings.url);
  const decoded = (() => { try { return decodeURIComponent(url.password); } catch { return url.password; } })();
  const secrets = [settings.url, url.password, decoded];
  const transporter = nodemailer.createTransport({
    url: settings.url,
    pool: true,
    maxConnections: 1,
    // Bounded, so a hung server cannot hold a message in `sending` past its claim.
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
    logger: false,
    debug: false,
  });
  // nodemailer's stream step: each message's own hook, carried in its options.
  transporter.use('stream', (message, done) => {
    const beforeEnd = (message.data as HeldMail).firmlyBeforeEnd;
    if (beforeEnd) message.message.processFunc((input) => endHeldBack(input, beforeEnd));
    done();
  });
  return {
    from: settings.from,
    async send(mail, beforeEnd) {
      // What the hook did, so that its own error comes back as it was thrown, and a failure
      // after the end left is known to leave the outcome open.
      const hook = { ran: false, error: undefined as unknown };
      const firmlyBeforeEnd = beforeEnd && (async () => {
        try {
          await beforeEnd();
          hook.ran = true;
        } catch (error) {
          hook.error = error;
          throw error;
        }
      });
      try {
        await transporter.sendMail({
          messageId: mail.messageId,
          from: mail.from.name ? { name: mail.from.name, address: mail.from.address } : mail.from.address,
          to: mail.to.map(mailbox),
          cc: mail.cc.map(mailbox),
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'Content-Language': mail.language },
          ...(firmlyBeforeEnd ? { firmlyBeforeEnd } : {}),
        } as Parameters<typeof transporter.sendMail>[0] & HeldMail);
      } catch (error) {
        if (hook.error !== undefined) throw hook.error;
        const failure = deliveryError(error, secrets);
        // The end went out and the server did not answer: it may have kept the message.
        const answered = typeof (error as { responseCode?: unknown }).responseCode === 'number';
        throw hook.ran && !answered ? new MailDeliveryError(failure.message, 'unknown') : failure;
      }
    },
    close: () => transporter.close(),
  };
}
