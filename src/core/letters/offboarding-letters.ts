import type { IsoDate } from '../dates.ts';
import type { Money } from '../money.ts';
import type { Locale } from '../ledger/wire.ts';
import { formatDate, formatMoney } from './format.ts';
import { renderLetter, type LetterTemplate, type LetterValues, type RenderedLetter } from './template.ts';

/** The letters of walking away: the termination letter and the cover of the final report. */
export const offboardingTemplateIds = ['offboarding.termination', 'offboarding.final-report'] as const;
export type OffboardingTemplateId = (typeof offboardingTemplateIds)[number];

export const offboardingLetterValues = [
  'clientName', 'contactName', 'senderName', 'letterDate', 'endDate', 'reason', 'accounts', 'finalInvoice', 'reportPeriod',
] as const;

/** Why we part, as the seed has it: "because of the lack of (fill in the blank)". */
export const terminationReasons = ['feedback', 'trust', 'payment'] as const;
export type TerminationReason = (typeof terminationReasons)[number];

const reasonText: Readonly<Record<Locale, Readonly<Record<TerminationReason, string>>>> = {
  en: {
    feedback: 'we are unable to meet your needs because of the lack of timely feedback',
    trust: 'we are unable to meet your needs because of the lack of trust in our process',
    payment: 'we are unable to meet your needs because of the lack of timely payment',
  },
  da: {
    feedback: 'vi ikke kan opfylde jeres behov på grund af manglende rettidig feedback',
    trust: 'vi ikke kan opfylde jeres behov på grund af manglende tillid til vores proces',
    payment: 'vi ikke kan opfylde jeres behov på grund af manglende rettidig betaling',
  },
};

// Polite and factual: the reason once, no blame, what happens next.
const catalogue: Readonly<Record<Locale, Readonly<Record<OffboardingTemplateId, LetterTemplate>>>> = {
  en: {
    'offboarding.termination': {
      subject: 'Ending our collaboration',
      body: `Dear {{contactName}},

Thank you for the work we have done together. After careful consideration, we have decided to end our collaboration on {{endDate}}, as {{reason}}.

{{#accounts}}
You have full access to every account we managed for you:
{{accounts}}
{{/accounts}}
{{#finalInvoice}}
Our final invoice: {{finalInvoice}}.
{{/finalInvoice}}

We will send you a final report of what we achieved together. We wish you every success.

Kind regards,
{{senderName}}`,
    },
    'offboarding.final-report': {
      subject: 'Your final report, {{reportPeriod}}',
      body: `Dear {{contactName}},

Attached is the final report of our work for you, {{reportPeriod}}: what we published, how the accounts developed, and the time and invoices behind it.

Thank you for the collaboration.

Kind regards,
{{senderName}}`,
    },
  },
  da: {
    'offboarding.termination': {
      subject: 'Afslutning af vores samarbejde',
      body: `Kære {{contactName}}

Tak for det arbejde, vi har lavet sammen. Efter grundige overvejelser har vi besluttet at afslutte vores samarbejde den {{endDate}}, da {{reason}}.

{{#accounts}}
I har fuld adgang til alle de konti, vi har administreret for jer:
{{accounts}}
{{/accounts}}
{{#finalInvoice}}
Vores slutfaktura: {{finalInvoice}}.
{{/finalInvoice}}

Vi sender jer en afsluttende rapport over det, vi har opnået sammen. Vi ønsker jer al mulig held og lykke fremover.

Venlig hilsen
{{senderName}}`,
    },
    'offboarding.final-report': {
      subject: 'Jeres afsluttende rapport, {{reportPeriod}}',
      body: `Kære {{contactName}}

Vedhæftet er den afsluttende rapport over vores arbejde for jer, {{reportPeriod}}: hvad vi har udgivet, hvordan kontiene har udviklet sig, og tiden og fakturaerne bag.

Tak for samarbejdet.

Venlig hilsen
{{senderName}}`,
    },
  },
};

export function offboardingTemplate(id: OffboardingTemplateId, locale: Locale): LetterTemplate {
  return catalogue[locale][id];
}

export interface OffboardingLetterInputs {
  readonly template: OffboardingTemplateId;
  readonly locale: Locale;
  readonly date: IsoDate;
  readonly clientName: string;
  /** Whom the letter greets: the client's first contact; the client's name when it has none. */
  readonly contactName?: string;
  readonly senderName: string;
  readonly endDate?: IsoDate;
  /** One of the archetype reasons, or the user's own words (written to fit "…, as {reason}"). */
  readonly reason?: TerminationReason | { readonly text: string };
  /** Accounts handed over: network and account name. */
  readonly accounts?: readonly { readonly network: string; readonly account: string }[];
  readonly finalInvoice?: { readonly number: string; readonly total: Money; readonly dueDate: IsoDate };
  readonly period?: { readonly from: IsoDate; readonly to: IsoDate };
  readonly override?: LetterTemplate;
}

export function offboardingLetter(inputs: OffboardingLetterInputs): RenderedLetter {
  const { locale } = inputs;
  const reason = inputs.reason === undefined ? null : typeof inputs.reason === 'string' ? reasonText[locale][inputs.reason] : inputs.reason.text;
  const due = locale === 'da' ? 'forfalder' : 'due';
  const values: LetterValues = {
    clientName: inputs.clientName,
    contactName: inputs.contactName || inputs.clientName,
    senderName: inputs.senderName,
    letterDate: formatDate(inputs.date, locale),
    endDate: formatDate(inputs.endDate ?? inputs.date, locale),
    reason,
    accounts: inputs.accounts?.length ? inputs.accounts.map((a) => `  ${a.network}: ${a.account}`).join('\n') : null,
    finalInvoice: inputs.finalInvoice
      ? `${inputs.finalInvoice.number}, ${formatMoney(inputs.finalInvoice.total, locale)}, ${due} ${formatDate(inputs.finalInvoice.dueDate, locale)}`
      : null,
    reportPeriod: inputs.period ? `${formatDate(inputs.period.from, locale)} – ${formatDate(inputs.period.to, locale)}` : null,
  };
  return renderLetter(inputs.override ?? offboardingTemplate(inputs.template, locale), values);
}
