import type { Locale } from '../ledger/wire.ts';
import { offboardingLetterValues, offboardingTemplate, offboardingTemplateIds, type OffboardingTemplateId } from './offboarding-letters.ts';
import { paymentLetterValues, paymentTemplate, paymentTemplateIds, type PaymentTemplateId } from './payment-letters.ts';
import { requestLetterValues, requestTemplate, requestTemplateIds, type RequestTemplateId } from './request-letters.ts';
import { checkTemplate, type LetterTemplate } from './template.ts';

/** Every letter Firmly writes, by template id: the planned actions' and offboarding's. */
export const templateIds = [...paymentTemplateIds, ...requestTemplateIds, ...offboardingTemplateIds] as const;
export type TemplateId = PaymentTemplateId | RequestTemplateId | OffboardingTemplateId;

export const isTemplateId = (id: string): id is TemplateId => (templateIds as readonly string[]).includes(id);

/** The values a template may use. */
export function templateValues(id: TemplateId): readonly string[] {
  if ((paymentTemplateIds as readonly string[]).includes(id)) return paymentLetterValues;
  if ((requestTemplateIds as readonly string[]).includes(id)) return requestLetterValues;
  return offboardingLetterValues;
}

/** The wording Firmly ships for a template in a language. */
export function defaultTemplate(id: TemplateId, locale: Locale): LetterTemplate {
  if ((paymentTemplateIds as readonly string[]).includes(id)) return paymentTemplate(id as PaymentTemplateId, locale);
  if ((requestTemplateIds as readonly string[]).includes(id)) return requestTemplate(id as RequestTemplateId, locale);
  return offboardingTemplate(id as OffboardingTemplateId, locale);
}

/** Checks a workspace's own wording before it is saved: every value it names must exist for that letter. */
export function checkOverride(id: TemplateId, template: LetterTemplate): void {
  checkTemplate(template, new Set(templateValues(id)));
}
