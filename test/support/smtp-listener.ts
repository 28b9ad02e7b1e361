import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on loopback (the `smtp-server` package) that keeps every message it
// accepts, parsed with mailparser, so a test asserts on what a mail server received.

export interface ReceivedMail {
  /** As the header says it, angle brackets included. */
  readonly messageId: string | undefined;
  readonly subject: string | undefined;
  readonly from: string[];
  readonly to: string[];
  readonly cc: string[];
  readonly text: string | undefined;
  readonly html: string | undefined;
  readonly language: string | undefined;
  /** The SMTP envelope's recipients. */
  readonly rcptTo: string[];
}

/**
 * An SMTP error reply (`{ code: 550, message: 'no such mailbox' }`), undefined to accept, or
 * 'drop': keep the message and close the connection without a word (a server that queued
 * it and then crashed, or a network that lost the answer).
 */
export type Verdict = { readonly code: number; readonly message: string } | 'drop' | undefined;

export interface SmtpListenerOptions {
  /** Default: a free port. Reuse a closed listener's port to bring "the server" back. */
  readonly port?: number;
  /** Decides each message's reply; default: accept. */
  readonly verdict?: (raw: string) => Verdict;
  /**
   * Called once a message is kept, just before the "250 queued" reply is written: what a
   * sender that dies now leaves behind is a message delivered that it cannot know about.
   */
  readonly onAccepted?: (raw: string) => void;
  /**
   * A slow server: after the end of a message, wait this long before keeping it and
   * answering (a content filter before the queue). The message is kept even if the sender
   * has gone by then, as a real server that has begun to queue it would.
   */
  readonly answerDelayMs?: number;
  /** The only login accepted; default: any login (and none) is accepted. */
  readonly login?: { readonly user: string; readonly pass: string };
}

export interface SmtpListener {
  readonly port: number;
  /** `smtp://127.0.0.1:PORT`, for SMTP_URL. */
  readonly url: string;
  /** How many messages were accepted so far (raw, duplicates included). */
  accepted(): number;
  /** Every accepted message, parsed, in the order they arrived. */
  messages(): Promise<ReceivedMail[]>;
  /** Stops listening and drops open connections at once ("the server is down"). */
  close(): Promise<void>;
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);

export async function startSmtpListener(options: SmtpListenerOptions = {}): Promise<SmtpListener> {
  const raws: { raw: string; rcptTo: string[] }[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 50,
    allowInsecureAuth: true, // loopback only
    onAuth(auth, _session, callback) {
      const ok = !options.login || (auth.username === options.login.user && auth.password === options.login.pass);
      callback(ok ? null : Object.assign(new Error('Invalid username or password'), { responseCode: 535 }), ok ? { user: auth.username ?? '' } : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => setTimeout(() => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const verdict = options.verdict?.(raw);
        if (verdict === 'drop') {
          raws.push({ raw, rcptTo: session.envelope.rcptTo.map((r) => r.address) });
          for (const connection of server.connections) if ((connection as unknown as { id: string }).id === session.id) (connection as unknown as { close(): void }).close();
          return;
        }
        if (verdict) {
          callback(Object.assign(new Error(verdict.message), { responseCode: verdict.code }));
          return;
        }
        raws.push({ raw, rcptTo: session.envelope.rcptTo.map((r) => r.address) });
        options.onAccepted?.(raw);
        callback(null, 'queued');
      }, options.answerDelayMs ?? 0));
    },
  });
  server.on('error', () => undefined); // a client that vanished mid-session (killed) is not a test failure
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const parsed = new Map<number, ReceivedMail>();
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    accepted: () => raws.length,
    async messages() {
      for (let i = 0; i < raws.length; i++) {
        if (parsed.has(i)) continue;
        const { raw, rcptTo } = raws[i] as { raw: string; rcptTo: string[] };
        const mail = await simpleParser(raw);
        const language = mail.headers.get('content-language');
        parsed.set(i, {
          messageId: mail.messageId, subject: mail.subject, from: addresses(mail.from), to: addresses(mail.to), cc: addresses(mail.cc),
          text: mail.text, html: mail.html === false ? undefined : mail.html, language: typeof language === 'string' ? language : undefined, rcptTo,
        });
      }
      return raws.map((_, i) => parsed.get(i) as ReceivedMail);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
