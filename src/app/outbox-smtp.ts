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
  /** Resolves once the server has accepted the message; throws a `MailDeliveryError` otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * Why a message did not go out. `server`: the server could not be reached or would not let us
 * in (every message would fail alike: try again later); `temporary`: it refused this message
 * for now (4xx); `permanent`: it refused this message for good (5xx: no such mailbox, …).
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  constructor(message: string, readonly reason: 'server' | 'temporary' | 'permanent') {
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
  return {
    from: settings.from,
    async send(mail) {
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
        });
      } catch (error) {
        throw deliveryError(error, secrets);
      }
    },
    close: () => transporter.close(),
  };
}
