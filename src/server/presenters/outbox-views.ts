import { z } from 'zod';
import type { MailOverview } from '../../app/mail-check.ts';
import { outboxStatuses, type MessagePreview, type OutboxListing } from '../../app/outbox-review.ts';
import type { TemplateEntry } from '../../app/letter-templates.ts';
import type { RenderedMessage } from '../../app/render-message.ts';
import type { WorkspaceSettings } from '../../app/workspace-settings.ts';
import { RulesOverrideWire } from '../../core/ledger/rules-wire.ts';
import type { LetterTemplate } from '../../core/letters/template.ts';
import { formatDecimal, type CurrencyCode } from '../../core/money.ts';
import { MoneyView } from './views.ts';

// The outbox, the letter templates and the workspace's settings as the API shows them
// (the contract of #6). Passwords never reach these shapes: mail settings arrive as a
// MailOverview, which has none.

export const OutboxItemView = z.object({
  id: z.string().describe('the action key; URL-encode it in paths (it contains "/")'),
  actionKey: z.string(),
  kind: z.string(),
  template: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  locale: z.string(),
  status: z.enum(outboxStatuses),
  subject: z.string().nullable().describe('the approved or edited subject, else the one it would have if sent today; null for a step for you (walk away)'),
  to: z.array(z.string()),
  due: z.string().describe('the day the action became due'),
  subjectId: z.string().nullable().describe('the invoice or request it is about'),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable().describe('why the last try failed, or why it was discarded ("no longer due: …")'),
  edited: z.boolean(),
}).meta({ id: 'OutboxItem' });

export function presentOutboxItem({ entry, clientName, to, subject }: OutboxListing): z.infer<typeof OutboxItemView> {
  return {
    id: entry.actionKey, actionKey: entry.actionKey, kind: entry.kind, template: entry.template, clientId: entry.clientId, clientName,
    locale: entry.locale, status: entry.status, subject, to: [...to], due: entry.due, subjectId: entry.subjectId, createdAt: entry.queuedAt,
    approvedAt: entry.approvedAt, sentAt: entry.sentAt, attempts: entry.attempts, nextAttemptAt: entry.nextAttemptAt, lastError: entry.lastError,
    edited: entry.editedAt !== null,
  };
}

export const LetterPreviewView = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  to: z.array(z.string()),
  locale: z.string(),
  warnings: z.array(z.string()),
}).meta({ id: 'LetterPreview' });

export const MessageView = z.object({
  message: OutboxItemView,
  preview: LetterPreviewView.nullable().describe('the letter in the client\'s language as it would go now (as approved or edited, where it is); null for a step for you, which is never mailed'),
}).meta({ id: 'OutboxMessage' });

export function presentPreview(letter: MessagePreview['letter']): z.infer<typeof LetterPreviewView> | null {
  if (!letter) return null;
  return { subject: letter.subject, text: letter.text, html: letter.html, to: letter.to.map((c) => c.email), locale: letter.locale, warnings: [...letter.warnings] };
}

export const TemplateSummaryView = z.object({
  id: z.string(), locale: z.string(), overridden: z.boolean().describe('the workspace has its own wording'), description: z.string(),
}).meta({ id: 'TemplateSummary' });

export const TemplateView = z.object({
  id: z.string(),
  locale: z.string(),
  subject: z.string(),
  body: z.string(),
  overridden: z.boolean(),
  defaultSubject: z.string(),
  defaultBody: z.string(),
  values: z.array(z.string()).describe('the {{values}} the template may use'),
}).meta({ id: 'Template' });

export function presentTemplate(entry: TemplateEntry, wording: LetterTemplate): z.infer<typeof TemplateView> {
  return {
    id: entry.templateId, locale: entry.locale, subject: entry.template.subject, body: entry.template.body, overridden: entry.custom,
    defaultSubject: wording.subject, defaultBody: wording.body, values: [...entry.values],
  };
}

export const RenderedLetterView = z.object({
  subject: z.string(), text: z.string(), html: z.string(), warnings: z.array(z.string()),
}).meta({ id: 'RenderedLetter' });

export const presentRendered = (r: RenderedMessage): z.infer<typeof RenderedLetterView> =>
  ({ subject: r.subject, text: r.text, html: r.html, warnings: [...r.warnings] });

const Thresholds = z.record(z.string(), z.record(z.string(), z.number()));

export const SettingsView = z.object({
  workspace: z.object({
    name: z.string(), currency: z.string(), locale: z.string(), timezone: z.string(), jurisdiction: z.string(), targetHourlyRate: MoneyView,
  }).nullable().describe('null until the workspace is configured'),
  rules: z.object({
    effective: Thresholds.describe('the thresholds in force: Firmly\'s defaults with the workspace\'s overrides'),
    overrides: RulesOverrideWire.describe('what the workspace set itself (workspace.rules)'),
  }),
  mail: z.object({
    smtp: z.object({ configured: z.boolean(), host: z.string().nullable(), from: z.string().nullable() }),
    imap: z.object({ configured: z.boolean(), host: z.string().nullable(), folder: z.string().nullable() }),
  }).describe('from the environment (SMTP_URL, SMTP_FROM, IMAP_URL, IMAP_FOLDER); never a password'),
}).meta({ id: 'Settings' });

export function presentSettings(settings: WorkspaceSettings, mail: MailOverview): z.infer<typeof SettingsView> {
  const w = settings.workspace;
  return {
    workspace: w ? {
      name: w.name, currency: w.currency, locale: w.locale, timezone: w.timezone, jurisdiction: w.jurisdiction,
      targetHourlyRate: { amount: formatDecimal({ minor: w.targetRateMinor, currency: w.targetRateCurrency as CurrencyCode }), currency: w.targetRateCurrency },
    } : null,
    rules: { effective: settings.rules.effective as unknown as Record<string, Record<string, number>>, overrides: settings.rules.overrides },
    mail,
  };
}
