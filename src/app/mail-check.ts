import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { deliveryError, type Sender } from './outbox-smtp.ts';
import { describeImap, type ImapAccount } from './poll-imap.ts';

// The mail servers as configured (SMTP_URL, SMTP_FROM, IMAP_URL, IMAP_FOLDER): shown without
// their passwords, and checked by connecting and signing in — no message is sent or read.

export interface MailSettings {
  /** `url` may hold the password: never shown. */
  readonly smtp?: { readonly url: string; readonly from: Sender } | undefined;
  /** Holds the password: never shown. */
  readonly imap?: ImapAccount | undefined;
}

export interface MailOverview {
  readonly smtp: { readonly configured: boolean; readonly host: string | null; readonly from: string | null };
  readonly imap: { readonly configured: boolean; readonly host: string | null; readonly folder: string | null };
}

const formatSender = (from: Sender) => (from.name ? `${from.name} <${from.address}>` : from.address);

/** What is configured, with host names and the sender but no user names or passwords. */
export function describeMail(settings: MailSettings): MailOverview {
  const smtpUrl = settings.smtp ? new URL(settings.smtp.url) : undefined;
  return {
    smtp: { configured: settings.smtp !== undefined, host: smtpUrl ? smtpUrl.host : null, from: settings.smtp ? formatSender(settings.smtp.from) : null },
    imap: { configured: settings.imap !== undefined, host: settings.imap ? `${settings.imap.host}:${settings.imap.port}` : null, folder: settings.imap?.folder ?? null },
  };
}

export interface MailCheck {
  readonly ok: boolean;
  /** What happened, in words; never a password. */
  readonly detail: string;
}

/** Connects to the SMTP or IMAP server and signs in, then leaves: nothing is sent or read. */
export async function checkMail(settings: MailSettings, which: 'smtp' | 'imap', options: { timeoutMs?: number } = {}): Promise<MailCheck> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return which === 'smtp' ? checkSmtp(settings.smtp, timeoutMs) : checkImap(settings.imap, timeoutMs);
}

async function checkSmtp(smtp: MailSettings['smtp'], timeoutMs: number): Promise<MailCheck> {
  if (!smtp) return { ok: false, detail: 'SMTP is not configured: set SMTP_URL and SMTP_FROM and restart Firmly' };
  const url = new URL(smtp.url);
  const decoded = (() => { try { return decodeURIComponent(url.password); } catch { return url.password; } })();
  const transporter = nodemailer.createTransport({ url: smtp.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs, logger: false, debug: false });
  try {
    await transporter.verify();
    return { ok: true, detail: `${url.protocol}//${url.host} answered${url.username ? ' and accepted the sign-in' : ''}` };
  } catch (error) {
    return { ok: false, detail: `${url.protocol}//${url.host}: ${deliveryError(error, [smtp.url, url.password, decoded]).message}` };
  } finally {
    transporter.close();
  }
}

async function checkImap(imap: ImapAccount | undefined, timeoutMs: number): Promise<MailCheck> {
  if (!imap) return { ok: false, detail: 'IMAP is not configured: set IMAP_URL (and IMAP_FOLDER) and restart Firmly' };
  const where = describeImap(imap);
  const client = new ImapFlow({
    host: imap.host, port: imap.port, secure: imap.secure, auth: { user: imap.user, pass: imap.password },
    logger: false, disableAutoIdle: true, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs,
  });
  // A dropped connection is also emitted as an 'error' event: without a listener it would end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const status = await client.status(imap.folder, { messages: true });
    const count = status ? status.messages ?? 0 : 0;
    await client.logout();
    return { ok: true, detail: `signed in to ${where}; the folder holds ${count} message(s)` };
  } catch (error) {
    client.close();
    const e = error as { authenticationFailed?: boolean; responseText?: string; message?: string; code?: string };
    const reason = e.authenticationFailed ? 'the server refused the user name or password' : e.responseText ?? [e.code, e.message].filter(Boolean).join(': ');
    return { ok: false, detail: `${where}: ${imap.password ? reason.split(imap.password).join('***') : reason}` };
  }
}
