import type { IsoDate } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import type { ContactView } from '../core/ledger/read-model.ts';
import type { Locale } from '../core/ledger/wire.ts';
import { buildStatement } from '../core/accounts/statement.ts';
import { assessClient, contractInForce } from '../core/assess/assess-client.ts';
import { localDate } from '../core/assess/replay.ts';
import { defaultRules } from '../core/assess/rules.ts';
import { businessCalendar } from '../core/calendar/business-days.ts';
import { letterHtml } from '../core/letters/html.ts';
import { offboardingLetter, offboardingTemplateIds, type OffboardingTemplateId } from '../core/letters/offboarding-letters.ts';
import { offboardingLetterFacts } from '../core/offboarding/letter-inputs.ts';
import { readOffboarding } from '../core/offboarding/record.ts';
import { paymentLetter, paymentTemplateIds, type PaymentTemplateId } from '../core/letters/payment-letters.ts';
import { requestLetter, requestTemplateIds, type RequestTemplateId } from '../core/letters/request-letters.ts';
import type { LetterTemplate } from '../core/letters/template.ts';
import { findTemplate } from '../store/template-store.ts';
import type { AppContext } from './context.ts';
import { startAssessment } from './assess-workspace.ts';

/** What a queued message says, as the outbox holds it. */
export interface MessageToRender {
  readonly clientId: string;
  readonly template: string;
  readonly locale: string;
  /** The request or invoice it is about. */
  readonly subjectId: string | null;
}

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  /** The same letter as HTML: every character of the text escaped, paragraphs kept. */
  readonly html: string;
  readonly locale: Locale;
  /** The client's contacts: the first is the addressee, the others are copied. */
  readonly to: readonly Pick<ContactView, 'name' | 'email'>[];
  /** A fee the letter charges (Danish reminder fee), to be recorded with it. */
  readonly fee: { readonly minor: number; readonly currency: string } | null;
  /** What the letter could not say (a rate missing from the law's table, …). */
  readonly warnings: readonly string[];
}

/** Business days a client is given to answer a reminder. */
const answerWithinBusinessDays = 2;

/**
 * Renders a planned message as of `date` from the ledger as it stood at the end of that day:
 * the letter in the client's language with today's figures (amounts, lateness, interest).
 * The workspace's own wording of the template is used where it has one; `override` (a
 * wording being edited) wins over both.
 */
export async function renderMessage(ctx: AppContext, workspaceId: string, message: MessageToRender, date: IsoDate, override?: LetterTemplate): Promise<RenderedMessage> {
  const run = await startAssessment(ctx, workspaceId, date);
  for await (const { history, events } of run.eachHistory({ clientIds: [message.clientId] })) {
    const { state } = history;
    const client = state.get('client', history.clientId);
    if (!client) break;
    const locale: Locale = message.locale === 'da' || message.locale === 'en' ? message.locale : client.locale;
    const senderName = run.workspace?.name ?? '';
    const contract = contractInForce(state.all('contract'), state.all('contractAmendment'), date);
    const to = state.all('contact').sort((a, b) => a.position - b.position).map(({ name, email }) => ({ name, email }));
    // The workspace's own wording of the letter, where it has one.
    const stored = override ? undefined : await findTemplate(ctx.store.db, workspaceId, message.template, locale);
    const wording = override ?? (stored ? { subject: stored.subject, body: stored.body } : undefined);
    const common = { locale, date, clientName: client.name, contactName: to[0]?.name ?? client.name, senderName, ...(wording ? { override: wording } : {}) };
    let letter: { subject: string; text: string; fee?: { minor: number; currency: string } | null; warnings?: readonly string[] };

    if ((paymentTemplateIds as readonly string[]).includes(message.template)) {
      const statement = buildStatement({
        at: date, invoices: state.all('invoice'), credits: state.all('credit'), payments: state.all('payment'), allocations: state.all('allocation'),
        contract, jurisdiction: client.jurisdiction ?? run.workspace?.jurisdiction ?? 'NONE', creditDate: (c) => localDate(c.at, run.timeZone), locale,
      });
      letter = paymentLetter({ ...common, template: message.template as PaymentTemplateId, statement, ...(message.subjectId ? { invoiceId: message.subjectId } : {}) });
    } else if ((requestTemplateIds as readonly string[]).includes(message.template)) {
      const calendar = businessCalendar(client.jurisdiction ?? run.workspace?.jurisdiction ?? 'NONE');
      const assessment = assessClient(history, { when: run.when, workspace: run.workspace, rules: defaultRules, calendarFor: businessCalendar });
      const view = message.subjectId ? state.get('request', message.subjectId) : undefined;
      if (message.subjectId && !view) throw new FirmlyError('event.not_found', `request "${message.subjectId}" is not on record`);
      const wait = assessment?.signals.responsiveness.considered.find((r) => r.requestId === message.subjectId);
      const control = assessment?.signals.control;
      letter = requestLetter({
        ...common,
        template: message.template as RequestTemplateId,
        ...(view ? { request: { view, sentOn: localDate(view.sentAt, run.timeZone), businessDaysLate: wait?.businessDaysLate ?? 0 } } : {}),
        answerBy: calendar.addBusinessDays(date, answerWithinBusinessDays),
        approvalWindowBusinessDays: contract?.approvalWindowDays ?? null,
        ...(control ? { load: { roundsPerDeliverable: control.clientRoundsPerDeliverable ?? 0, trivialRounds: control.trivialClientRounds, approvalMinutes: assessment.economics.approvalMinutes } } : {}),
      });
    } else if ((offboardingTemplateIds as readonly string[]).includes(message.template)) {
      // The termination letter and the final report's cover (#7): the reason given at the start,
      // the accounts handed over and the final invoice, as they stand on `date`.
      const record = readOffboarding(message.clientId, events.filter((e) => e.at < run.when.cutoff));
      letter = offboardingLetter({ ...common, template: message.template as OffboardingTemplateId, ...offboardingLetterFacts(history, record, run.when) });
    } else {
      throw new FirmlyError('not_supported', `there is no letter for template "${message.template}": it is a step for you, not a message to the client`);
    }
    return { subject: letter.subject, text: letter.text, html: letterHtml(letter.text, locale), locale, to, fee: letter.fee ?? null, warnings: letter.warnings ?? [] };
  }
  throw new FirmlyError('client.not_found', `no client "${message.clientId}" on record by ${date}`, { clientId: message.clientId });
}
