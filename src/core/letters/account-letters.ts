import type { IsoDate } from '../dates.ts';
import type { Locale } from '../ledger/wire.ts';
import type { Role } from '../roles.ts';
import { formatDate } from './format.ts';
import { letterHtml } from './html.ts';

// The two mails Firmly sends to people of its own rather than to clients (#12 item 5): an
// invitation to a workspace, and a link to set a forgotten password. In the workspace's
// language (an invitation) or in the language of the page that asked (a reset: an account has
// no language of its own).

export interface AccountMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}


const roleWords: Readonly<Record<Locale, Readonly<Record<Role, string>>>> = {
  en: { viewer: 'a viewer (reads everything, changes nothing)', member: 'a member (records facts and sends letters)', owner: 'an owner (also configures the workspace and its people)' },
  da: { viewer: 'læser (ser alt, ændrer intet)', member: 'medlem (registrerer og sender breve)', owner: 'ejer (indstiller også arbejdsområdet og dets personer)' },
};

export interface InvitationValues {
  readonly workspaceName: string;
  readonly invitedBy: string | null;
  readonly role: Role;
  readonly link: string;
  readonly expiresOn: IsoDate;
}

/** The invitation to a workspace, with the link that accepts it. */
export function invitationMail(values: InvitationValues, locale: Locale): AccountMail {
  const role = roleWords[locale][values.role];
  const expires = formatDate(values.expiresOn, locale);
  const text = locale === 'da'
    ? `Hej,

${values.invitedBy ?? 'En ejer'} har inviteret dig til arbejdsområdet "${values.workspaceName}" i Firmly som ${role}.

Åbn linket for at tage imod invitationen. Har du ikke en konto endnu, vælger du en adgangskode; har du en, logger du ind med den:

${values.link}

Linket virker én gang og udløber den ${expires}. Havde du ikke ventet denne mail, kan du se bort fra den.`
    : `Hello,

${values.invitedBy ?? 'An owner'} has invited you to the workspace "${values.workspaceName}" in Firmly as ${role}.

Open the link to accept. If you have no account yet, you choose a password; if you have one, you sign in with it:

${values.link}

The link works once and expires on ${expires}. If you did not expect this mail, you can ignore it.`;
  const subject = locale === 'da' ? `Invitation til ${values.workspaceName} i Firmly` : `Invitation to ${values.workspaceName} in Firmly`;
  return { subject, text, html: letterHtml(text, locale) };
}

/** The link to set a new password, in the language of the page it was asked for from. */
export function passwordResetMail(values: { readonly link: string; readonly minutes: number }, locale: Locale): AccountMail {
  const text = locale === 'da'
    ? `Hej,

Nogen (forhåbentlig dig) har bedt om en ny adgangskode til denne e-mailadresse i Firmly. Åbn linket for at vælge en:

${values.link}

Linket virker én gang og udløber om ${values.minutes} minutter. Når du vælger den nye adgangskode, bliver du logget ud overalt. Har du ikke bedt om det, kan du se bort fra mailen: din adgangskode er uændret.`
    : `Hello,

Someone (hopefully you) asked to set a new password for this e-mail address in Firmly. Open the link to choose one:

${values.link}

The link works once and expires in ${values.minutes} minutes. Setting the new password signs you out everywhere. If you did not ask, ignore this mail: your password stays as it is.`;
  const subject = locale === 'da' ? 'Vælg en ny adgangskode til Firmly' : 'Set a new password for Firmly';
  return { subject, text, html: letterHtml(text, locale) };
}
