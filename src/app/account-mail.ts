import { randomBytes } from 'node:crypto';
import { FirmlyError } from '../core/errors.ts';
import type { AccountMail } from '../core/letters/account-letters.ts';
import type { Locale } from '../core/ledger/wire.ts';
import type { MailSettings } from './mail-check.ts';
import { smtpTransport } from './outbox-smtp.ts';

// Invitations and password-reset links go out at once over the configured SMTP server
// (SMTP_URL, SMTP_FROM), not through the outbox: the outbox holds letters to clients, which
// are reviewed, kept and recorded in the ledger; these carry a secret and are of no client.

export type SmtpSettings = NonNullable<MailSettings['smtp']>;

/** Sends one mail to one address; `mail.not_sent` with the server's reason (never a credential) if it fails. */
export async function sendAccountMail(smtp: SmtpSettings, to: string, mail: AccountMail, language: Locale): Promise<void> {
  const transport = smtpTransport(smtp);
  const domain = smtp.from.address.split('@')[1] ?? 'firmly.invalid';
  try {
    await transport.send({
      messageId: `<firmly.account.${randomBytes(12).toString('base64url')}@${domain}>`,
      from: smtp.from, to: [{ name: '', email: to }], cc: [], subject: mail.subject, text: mail.text, html: mail.html, language,
    });
  } catch (error) {
    throw new FirmlyError('mail.not_sent', `the mail to ${to} was not sent: ${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
  } finally {
    transport.close();
  }
}
