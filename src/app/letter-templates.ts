import type { IsoDate } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { locales, type Locale } from '../core/ledger/wire.ts';
import { checkOverride, defaultTemplate, isTemplateId, templateIds, templateValues, type TemplateId } from '../core/letters/catalogue.ts';
import type { LetterTemplate } from '../core/letters/template.ts';
import { deleteTemplate, findTemplate, listTemplates, saveTemplate } from '../store/template-store.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { renderMessage, type RenderedMessage } from './render-message.ts';
import { requireWorkspace } from './workspace.ts';

export interface TemplateEntry {
  readonly templateId: TemplateId;
  readonly locale: Locale;
  readonly template: LetterTemplate;
  /** Whether the workspace has its own wording (else Firmly's). */
  readonly custom: boolean;
  /** The values the template may use. */
  readonly values: readonly string[];
}

// What each letter is for, for people choosing one to reword (English: the settings screen's own language).
const descriptions: Record<TemplateId, string> = {
  'late.reminder.first': 'First reminder of an overdue invoice: friendly, lets the client save face',
  'late.reminder.second': 'Second reminder of an overdue invoice, with the statement and any interest or fee',
  'late.stop-work': 'Notice that work stops until the overdue invoices are paid (the contract\'s stop-work clause)',
  'late.resume': 'Notice that work resumes now that everything overdue is paid',
  'request.reminder.first': 'First reminder of a request the client has not answered by its due date',
  'request.reminder.firm': 'A firmer reminder of a request still unanswered after the first',
  'request.deemed-approved': 'Notice that silence past the contract\'s approval window counts as approval',
  'approval.load-review': 'A review of how many rounds of changes the client asks for, with the time they take',
  'offboarding.termination': 'Termination of the engagement, with the end date and the accounts handed over',
  'offboarding.final-report': 'The final report sent when the engagement ends',
};

/** One sentence on what a letter is for. */
export const describeTemplate = (id: TemplateId): string => descriptions[id];

function parseIds(templateId: string, locale: string): { id: TemplateId; locale: Locale } {
  if (!isTemplateId(templateId)) throw new FirmlyError('template.not_found', `no template "${templateId}"; there are ${templateIds.join(', ')}`);
  if (!(locales as readonly string[]).includes(locale)) throw new FirmlyError('input.invalid', `no language "${locale}"; there are ${locales.join(', ')}`);
  return { id: templateId, locale: locale as Locale };
}

/** The template a letter uses in this workspace: its own wording where it has one. */
export async function effectiveTemplate(ctx: AppContext, workspaceId: string, templateId: string, locale: string): Promise<TemplateEntry> {
  const { id, locale: language } = parseIds(templateId, locale);
  const stored = await findTemplate(ctx.store.db, workspaceId, id, language);
  return {
    templateId: id, locale: language, custom: stored !== undefined, values: templateValues(id),
    template: stored ? { subject: stored.subject, body: stored.body } : defaultTemplate(id, language),
  };
}

/** Every template in every language, with the workspace's wording where it has its own. */
export async function listLetterTemplates(ctx: AppContext, workspaceId: string): Promise<TemplateEntry[]> {
  await requireWorkspace(ctx, workspaceId);
  const own = new Map((await listTemplates(ctx.store.db, workspaceId)).map((t) => [`${t.templateId} ${t.locale}`, t]));
  return templateIds.flatMap((id) => locales.map((locale): TemplateEntry => {
    const stored = own.get(`${id} ${locale}`);
    return { templateId: id, locale, custom: stored !== undefined, values: templateValues(id), template: stored ? { subject: stored.subject, body: stored.body } : defaultTemplate(id, locale) };
  }));
}

/** Saves the workspace's own wording; refused, naming them, if it uses values the letter does not have. */
export async function setLetterTemplate(ctx: AppContext, workspaceId: string, templateId: string, locale: string, template: LetterTemplate): Promise<TemplateEntry> {
  await requireWorkspace(ctx, workspaceId);
  const { id, locale: language } = parseIds(templateId, locale);
  if (template.subject.trim() === '' || template.body.trim() === '') throw new FirmlyError('input.invalid', 'a template needs a subject and a body');
  try {
    checkOverride(id, template);
  } catch (error) {
    // Mustache syntax errors ("Unclosed section") are bad input too, not a crash.
    if (error instanceof FirmlyError) throw error;
    throw new FirmlyError('input.invalid', `the template cannot be read: ${(error as Error).message}`);
  }
  await saveTemplate(ctx.store.db, workspaceId, { templateId: id, locale: language, subject: template.subject, body: template.body, updatedAt: nowIso(ctx.clock) });
  return { templateId: id, locale: language, custom: true, values: templateValues(id), template };
}

/** Back to Firmly's wording; false when the workspace had none of its own. */
export async function resetLetterTemplate(ctx: AppContext, workspaceId: string, templateId: string, locale: string): Promise<boolean> {
  await requireWorkspace(ctx, workspaceId);
  const { id, locale: language } = parseIds(templateId, locale);
  return deleteTemplate(ctx.store.db, workspaceId, id, language);
}

/** A template rendered for a real client as of a day: what the client would receive (in its language unless `locale` says). */
export async function previewLetterTemplate(ctx: AppContext, workspaceId: string, templateId: string, options: { clientId: string; locale?: string; subjectId?: string | null; date: IsoDate; template?: LetterTemplate }): Promise<RenderedMessage> {
  const { id, locale } = parseIds(templateId, options.locale || 'en');
  if (options.template) checkOverride(id, options.template);
  // An empty language lets the renderer take the client's.
  return renderMessage(ctx, workspaceId, { clientId: options.clientId, template: id, locale: options.locale ? locale : '', subjectId: options.subjectId ?? null }, options.date, options.template);
}
