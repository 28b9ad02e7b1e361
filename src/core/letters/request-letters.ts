import type { IsoDate } from '../dates.ts';
import type { Locale } from '../ledger/wire.ts';
import type { RequestView } from '../ledger/read-model.ts';
import { dayForms, formatCount, formatDate, type PluralForms } from './format.ts';
import { renderLetter, type LetterTemplate, type LetterValues, type RenderedLetter } from './template.ts';

/** The letters about what we wait for from the client, and about the approval load. */
export const requestTemplateIds = ['request.reminder.first', 'request.reminder.firm', 'request.deemed-approved', 'approval.load-review'] as const;
export type RequestTemplateId = (typeof requestTemplateIds)[number];

export const requestLetterValues = [
  'clientName', 'contactName', 'senderName', 'requestSubject', 'sentDate', 'dueDate', 'businessDaysLate', 'letterDate', 'answerBy',
  'roundsPerDeliverable', 'trivialRounds', 'approvalHours', 'windowDays',
] as const;

// Firm but polite: each step says plainly that work waits and the timeline moves by the delay.
const catalogue: Readonly<Record<Locale, Readonly<Record<RequestTemplateId, LetterTemplate>>>> = {
  en: {
    'request.reminder.first': {
      subject: 'Waiting for your reply: {{requestSubject}}',
      body: `Dear {{contactName}},

On {{sentDate}} we asked you about "{{requestSubject}}", with a reply due on {{dueDate}}. We have not heard back yet; perhaps it got buried in a busy inbox.

We cannot take this part of the work further without your answer. Could you reply by {{answerBy}}? Every day we wait moves the timeline by a day.

Kind regards,
{{senderName}}`,
    },
    'request.reminder.firm': {
      subject: 'Still waiting for your reply: {{requestSubject}} ({{businessDaysLate}} late)',
      body: `Dear {{contactName}},

We are still waiting for your answer on "{{requestSubject}}", which was due on {{dueDate}}: it is now {{businessDaysLate}} late.

Until we hear from you, this part of the work is on hold, and the dates that depend on it move by the same delay. Please reply by {{answerBy}} so that we can go on.

Kind regards,
{{senderName}}`,
    },
    'request.deemed-approved': {
      subject: 'Approved as agreed: {{requestSubject}}',
      body: `Dear {{contactName}},

We sent you "{{requestSubject}}" for approval on {{sentDate}}. As our agreement provides, material not commented on within {{windowDays}} is treated as approved, so we are going ahead with it as planned.

If you would like changes for future material, just reply to this message.

Kind regards,
{{senderName}}`,
    },
    'approval.load-review': {
      subject: 'A proposal to make approvals easier for both of us',
      body: `Dear {{contactName}},

Over recent months our material has gone through {{roundsPerDeliverable}} rounds of changes per item on average, {{trivialRounds}} of them for small wording changes, and approvals have taken {{approvalHours}} of our time.

We would like to spend that time on results for you instead. Could we agree on a short meeting to settle a brief, a tone of voice and one round of comments per batch?

Kind regards,
{{senderName}}`,
    },
  },
  da: {
    'request.reminder.first': {
      subject: 'Vi venter på jeres svar: {{requestSubject}}',
      body: `Kære {{contactName}}

Den {{sentDate}} spurgte vi jer om "{{requestSubject}}" med svar senest den {{dueDate}}. Vi har ikke hørt fra jer endnu – måske er det druknet i en travl indbakke.

Vi kan ikke komme videre med denne del af arbejdet uden jeres svar. Vil I svare senest den {{answerBy}}? Hver dag, vi venter, flytter tidsplanen en dag.

Venlig hilsen
{{senderName}}`,
    },
    'request.reminder.firm': {
      subject: 'Vi venter stadig på jeres svar: {{requestSubject}} ({{businessDaysLate}} forsinket)',
      body: `Kære {{contactName}}

Vi venter stadig på jeres svar om "{{requestSubject}}", som skulle være kommet den {{dueDate}}: det er nu {{businessDaysLate}} forsinket.

Indtil vi hører fra jer, står denne del af arbejdet stille, og de datoer, der afhænger af den, flytter sig tilsvarende. Svar venligst senest den {{answerBy}}, så vi kan komme videre.

Venlig hilsen
{{senderName}}`,
    },
    'request.deemed-approved': {
      subject: 'Godkendt som aftalt: {{requestSubject}}',
      body: `Kære {{contactName}}

Vi sendte jer "{{requestSubject}}" til godkendelse den {{sentDate}}. Som aftalt betragtes materiale, der ikke er kommenteret inden for {{windowDays}}, som godkendt, så vi går videre som planlagt.

Ønsker I ændringer til kommende materiale, så svar blot på denne besked.

Venlig hilsen
{{senderName}}`,
    },
    'approval.load-review': {
      subject: 'Et forslag, der gør godkendelser lettere for os begge',
      body: `Kære {{contactName}}

I de seneste måneder har vores materiale i gennemsnit været igennem {{roundsPerDeliverable}} rettelsesrunder pr. opslag, heraf {{trivialRounds}} for små ordændringer, og godkendelser har taget {{approvalHours}} af vores tid.

Den tid vil vi hellere bruge på resultater for jer. Kan vi aftale et kort møde om et brief, en tone og én kommentarrunde pr. pakke?

Venlig hilsen
{{senderName}}`,
    },
  },
};

export function requestTemplate(id: RequestTemplateId, locale: Locale): LetterTemplate {
  return catalogue[locale][id];
}

const businessDayForms: Readonly<Record<Locale, PluralForms>> = { en: { one: 'business day', other: 'business days' }, da: { one: 'arbejdsdag', other: 'arbejdsdage' } };
const hourForms: Readonly<Record<Locale, PluralForms>> = { en: { one: 'hour', other: 'hours' }, da: { one: 'time', other: 'timer' } };

export interface RequestLetterInputs {
  readonly template: RequestTemplateId;
  readonly locale: Locale;
  readonly date: IsoDate;
  readonly clientName: string;
  /** Whom the letter greets: the client's first contact; the client's name when it has none. */
  readonly contactName?: string;
  readonly senderName: string;
  /** The request the letter is about (not for the load review). */
  readonly request?: { readonly view: RequestView; readonly sentOn: IsoDate; readonly businessDaysLate: number };
  /** The date to answer by (a couple of business days on). */
  readonly answerBy?: IsoDate;
  readonly approvalWindowBusinessDays?: number | null;
  readonly load?: { readonly roundsPerDeliverable: number; readonly trivialRounds: number; readonly approvalMinutes: number };
  readonly override?: LetterTemplate;
}

export function requestLetter(inputs: RequestLetterInputs): RenderedLetter {
  const { locale } = inputs;
  const request = inputs.request;
  const number = new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
  const values: LetterValues = {
    clientName: inputs.clientName,
    contactName: inputs.contactName || inputs.clientName,
    senderName: inputs.senderName,
    requestSubject: request?.view.subject ?? null,
    sentDate: request ? formatDate(request.sentOn, locale) : null,
    dueDate: request ? formatDate(request.view.dueDate, locale) : null,
    businessDaysLate: request ? formatCount(request.businessDaysLate, businessDayForms, locale) : null,
    letterDate: formatDate(inputs.date, locale),
    answerBy: inputs.answerBy ? formatDate(inputs.answerBy, locale) : null,
    windowDays: inputs.approvalWindowBusinessDays ? formatCount(inputs.approvalWindowBusinessDays, businessDayForms, locale) : formatCount(0, dayForms, locale),
    roundsPerDeliverable: inputs.load ? number.format(inputs.load.roundsPerDeliverable) : null,
    trivialRounds: inputs.load ? String(inputs.load.trivialRounds) : null,
    approvalHours: inputs.load ? formatCount(Math.round(inputs.load.approvalMinutes / 60), hourForms, locale) : null,
  };
  return renderLetter(inputs.override ?? requestTemplate(inputs.template, locale), values);
}
