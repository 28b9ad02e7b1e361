import { addDays, type IsoDate } from '../dates.ts';
import type { Money } from '../money.ts';
import type { Locale } from '../ledger/wire.ts';
import type { Statement, StatementInvoice } from '../accounts/statement.ts';
import { reminderFeeAllowed, type SentReminder } from '../law/reminder-fees.ts';
import { dayForms, formatCount, formatDate, formatMoney } from './format.ts';
import { renderLetter, type LetterTemplate, type LetterValues, type RenderedLetter } from './template.ts';

/** The payment-reminder ladder: the templates the plan's payment actions name. */
export const paymentTemplateIds = ['late.reminder.first', 'late.reminder.second', 'late.stop-work', 'late.resume'] as const;
export type PaymentTemplateId = (typeof paymentTemplateIds)[number];

/** Every value a payment letter can use; a template naming anything else is refused. */
export const paymentLetterValues = [
  'clientName', 'contactName', 'senderName', 'invoiceNumber', 'invoiceTotal', 'issueDate', 'dueDate', 'daysLate', 'openAmount', 'letterDate', 'payBy',
  'statement', 'overdueTotal', 'interestAmount', 'compensationAmount', 'interestRule', 'reminderFee', 'totalDue',
] as const;

// Firm, polite, factual: the seed's "fast, men pænt". The first reminder lets the client save
// face; the second brings the statement and, where the contract provides for it, interest and
// compensation, each with the rule, rate and day count used; the stop-work notice says work
// waits and resumes promptly on payment; the resume notice thanks them.
const catalogue: Readonly<Record<Locale, Readonly<Record<PaymentTemplateId, LetterTemplate>>>> = {
  en: {
    'late.reminder.first': {
      subject: 'Invoice {{invoiceNumber}}: a friendly reminder',
      body: `Dear {{contactName}},

Perhaps our invoice {{invoiceNumber}} of {{invoiceTotal}} slipped through: it was due on {{dueDate}}, and we have not received the payment yet. It happens to all of us.

Could you please pay {{openAmount}} when you have a moment? If the payment is already on its way, please disregard this message, and thank you.

Kind regards,
{{senderName}}`,
    },
    'late.reminder.second': {
      subject: 'Invoice {{invoiceNumber}}: {{daysLate}} overdue',
      body: `Dear {{contactName}},

Our invoice {{invoiceNumber}} of {{invoiceTotal}}, due on {{dueDate}}, is still unpaid {{daysLate}} after its due date. Your statement of account as of {{letterDate}}:

{{statement}}

{{#interestAmount}}
As the contract provides, late payment carries interest and a fixed compensation. To date, the interest on this invoice is {{interestAmount}}{{#compensationAmount}} and the compensation {{compensationAmount}}{{/compensationAmount}}.
{{interestRule}}
{{/interestAmount}}
{{#reminderFee}}
A reminder fee of {{reminderFee}} is added.
{{/reminderFee}}

Please pay {{totalDue}} by {{payBy}}. If anything about the invoice is unclear, reply to this message and we will sort it out together.

Kind regards,
{{senderName}}`,
    },
    'late.stop-work': {
      subject: 'Work paused until invoice {{invoiceNumber}} is paid',
      body: `Dear {{contactName}},

Despite our reminders, invoice {{invoiceNumber}} of {{openAmount}}, due on {{dueDate}}, is still unpaid {{daysLate}} after its due date.

We have therefore paused all work for you from today, {{letterDate}}, until we hear from you. Work resumes promptly once the payment is received.

Your statement of account:

{{statement}}

{{#interestAmount}}
Interest on the invoice to date: {{interestAmount}}{{#compensationAmount}}; fixed compensation: {{compensationAmount}}{{/compensationAmount}}.
{{interestRule}}
{{/interestAmount}}
{{#reminderFee}}
A reminder fee of {{reminderFee}} is added.
{{/reminderFee}}

Amount to pay: {{totalDue}}.

Kind regards,
{{senderName}}`,
    },
    'late.resume': {
      subject: 'Thank you: work has resumed',
      body: `Dear {{contactName}},

Thank you for your payment. Everything overdue is now settled, and we have resumed work for you today, {{letterDate}}.

Kind regards,
{{senderName}}`,
    },
  },
  da: {
    'late.reminder.first': {
      subject: 'Faktura {{invoiceNumber}}: en venlig påmindelse',
      body: `Kære {{contactName}}

Måske er vores faktura {{invoiceNumber}} på {{invoiceTotal}} smuttet forbi: den forfaldt den {{dueDate}}, og vi har endnu ikke modtaget betalingen. Det kan ske for os alle.

Vil I betale {{openAmount}}, når I har et øjeblik? Er betalingen allerede på vej, kan I se bort fra denne besked – og tak for det.

Venlig hilsen
{{senderName}}`,
    },
    'late.reminder.second': {
      subject: 'Rykker: faktura {{invoiceNumber}} er {{daysLate}} over forfald',
      body: `Kære {{contactName}}

Vores faktura {{invoiceNumber}} på {{invoiceTotal}}, som forfaldt den {{dueDate}}, er stadig ubetalt {{daysLate}} efter forfald. Her er jeres kontoudtog pr. {{letterDate}}:

{{statement}}

{{#interestAmount}}
Som aftalt i kontrakten påløber der morarente og et kompensationsbeløb ved for sen betaling. Morarenten på fakturaen udgør til dato {{interestAmount}}{{#compensationAmount}} og kompensationsbeløbet {{compensationAmount}}{{/compensationAmount}}.
{{interestRule}}
{{/interestAmount}}
{{#reminderFee}}
Der tillægges et rykkergebyr på {{reminderFee}}.
{{/reminderFee}}

Betal venligst {{totalDue}} senest den {{payBy}}. Er der noget ved fakturaen, der er uklart, så svar på denne besked, så finder vi ud af det sammen.

Venlig hilsen
{{senderName}}`,
    },
    'late.stop-work': {
      subject: 'Arbejdet er sat på pause, indtil faktura {{invoiceNumber}} er betalt',
      body: `Kære {{contactName}}

Trods vores rykkere er faktura {{invoiceNumber}} på {{openAmount}}, som forfaldt den {{dueDate}}, stadig ubetalt {{daysLate}} efter forfald.

Vi har derfor sat alt arbejde for jer på pause fra i dag, {{letterDate}}, indtil vi hører fra jer. Arbejdet genoptages straks, når betalingen er modtaget.

Jeres kontoudtog:

{{statement}}

{{#interestAmount}}
Morarente på fakturaen til dato: {{interestAmount}}{{#compensationAmount}}; kompensationsbeløb: {{compensationAmount}}{{/compensationAmount}}.
{{interestRule}}
{{/interestAmount}}
{{#reminderFee}}
Der tillægges et rykkergebyr på {{reminderFee}}.
{{/reminderFee}}

Beløb til betaling: {{totalDue}}.

Venlig hilsen
{{senderName}}`,
    },
    'late.resume': {
      subject: 'Tak: arbejdet er genoptaget',
      body: `Kære {{contactName}}

Tak for jeres betaling. Alt forfaldent er nu betalt, og vi har genoptaget arbejdet for jer i dag, {{letterDate}}.

Venlig hilsen
{{senderName}}`,
    },
  },
};

export function paymentTemplate(id: PaymentTemplateId, locale: Locale): LetterTemplate {
  return catalogue[locale][id];
}

/** Days the client is given to pay after the second reminder. */
export const payWithinDays = 8;

export interface PaymentLetterInputs {
  readonly template: PaymentTemplateId;
  readonly locale: Locale;
  readonly date: IsoDate;
  readonly clientName: string;
  /** Whom the letter greets: the client's first contact; the client's name when it has none. */
  readonly contactName?: string;
  readonly senderName: string;
  readonly statement: Statement;
  /** The invoice the letter is about; the resume notice has none. */
  readonly invoiceId?: string;
  /**
   * Danish reminder fees: the reminders already sent on the claim and when it was disputed.
   * Without it no fee is charged. A fee comes only with the second reminder and the stop-work
   * notice, and only where renteloven § 9 b allows it on that day.
   */
  readonly reminderFees?: { readonly sent: readonly SentReminder[]; readonly disputedOn?: IsoDate | null };
  /** Overrides the catalogue's template (a workspace's own wording). */
  readonly override?: LetterTemplate;
}

export interface PaymentLetter extends RenderedLetter {
  /** The fee the letter charges, if any: to be recorded with the reminder. */
  readonly fee: Money | null;
  /** What the letter could not say: e.g. interest whose rate is not in the table yet. */
  readonly warnings: readonly string[];
}

/** One letter of the payment ladder, in the client's language, from the statement as of its date. */
export function paymentLetter(inputs: PaymentLetterInputs): PaymentLetter {
  const { locale, statement } = inputs;
  const money = (m: Money) => formatMoney(m, locale);
  const invoice = inputs.invoiceId === undefined ? undefined : statement.invoices.find((i) => i.invoiceId === inputs.invoiceId);
  if (inputs.invoiceId !== undefined && !invoice) throw new Error(`invoice "${inputs.invoiceId}" is not on the statement`);
  const warnings: string[] = [];
  if (invoice && invoice.open.minor <= 0 && inputs.template !== 'late.resume') {
    // The invoice was settled after the letter was planned: sending it would ask for nothing.
    warnings.push(`invoice ${invoice.number} is settled: this letter is no longer needed`);
  }
  const late = invoice?.late ?? null;
  if (late?.missingRate) warnings.push(late.missingRate);
  const fee = chargedFee(inputs, invoice);
  const interest = late?.interest && late.interest.minor > 0 ? late.interest : null;
  const compensation = late?.compensation ?? null;
  const currency = invoice?.open.currency;
  const totalDue = invoice && currency
    ? { minor: Math.max(0, invoice.open.minor) + [interest, compensation, fee].reduce((n, m) => n + (m && m.currency === currency ? m.minor : 0), 0), currency }
    : null;
  const foreign = [compensation, fee].filter((m): m is Money => m !== null && m.currency !== currency);
  const values: LetterValues = {
    clientName: inputs.clientName,
    contactName: inputs.contactName || inputs.clientName,
    senderName: inputs.senderName,
    invoiceNumber: invoice?.number ?? null,
    invoiceTotal: invoice ? money(invoice.total) : null,
    issueDate: invoice ? formatDate(invoice.issueDate, locale) : null,
    dueDate: invoice ? formatDate(invoice.dueDate, locale) : null,
    daysLate: invoice ? formatCount(invoice.daysLate, dayForms, locale) : null,
    openAmount: invoice ? money(invoice.open) : null,
    letterDate: formatDate(inputs.date, locale),
    payBy: formatDate(addDays(inputs.date, payWithinDays), locale),
    statement: statementBlock(statement, locale),
    overdueTotal: statement.balances.filter((b) => b.overdue.minor > 0).map((b) => money(b.overdue)).join(', ') || null,
    interestAmount: interest ? money(interest) : null,
    compensationAmount: compensation ? money(compensation) : null,
    interestRule: interest ? late?.rule ?? null : null,
    reminderFee: fee ? money(fee) : null,
    totalDue: totalDue ? [money(totalDue), ...foreign.map(money)].join(' + ') : null,
  };
  return { ...renderLetter(inputs.override ?? paymentTemplate(inputs.template, locale), values), fee, warnings };
}

function chargedFee(inputs: PaymentLetterInputs, invoice: StatementInvoice | undefined): Money | null {
  if (!invoice || !inputs.reminderFees) return null;
  if (inputs.template !== 'late.reminder.second' && inputs.template !== 'late.stop-work') return null;
  if (inputs.statement.lateCharges.jurisdiction !== 'DK' || inputs.statement.lateCharges.basis === 'none') return null;
  const decision = reminderFeeAllowed({ dueDate: invoice.dueDate, disputedOn: inputs.reminderFees.disputedOn ?? null }, inputs.reminderFees.sent, inputs.date);
  return decision.allowed ? decision.maxFee : null;
}

/** The open items, one a line: number, due date, open amount and days late. */
function statementBlock(statement: Statement, locale: Locale): string | null {
  const open = statement.invoices.filter((i) => i.open.minor > 0);
  if (open.length === 0) return null;
  const heading = locale === 'da' ? 'Faktura · forfald · udestående' : 'Invoice · due · outstanding';
  const lines = open.map((i) => {
    const lateness = i.daysLate > 0 ? ` (${formatCount(i.daysLate, dayForms, locale)}${locale === 'da' ? ' over forfald' : ' overdue'})` : '';
    return `  ${i.number} · ${formatDate(i.dueDate, locale)} · ${formatMoney(i.open, locale)}${lateness}`;
  });
  const totals = statement.balances.filter((b) => b.balance.minor !== 0)
    .map((b) => `  ${locale === 'da' ? 'Saldo' : 'Balance'}: ${formatMoney(b.balance, locale)}${b.onAccount.minor > 0 ? (locale === 'da' ? ` (heraf ${formatMoney(b.onAccount, locale)} indbetalt på konto)` : ` (after ${formatMoney(b.onAccount, locale)} paid on account)`) : ''}`);
  return [`  ${heading}`, ...lines, ...totals].join('\n');
}
