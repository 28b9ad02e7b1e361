import { z } from 'zod';
import { RulesOverrideWire } from '../core/ledger/rules-wire.ts';
import { jurisdictions, locales } from '../core/ledger/wire.ts';
import { outboxStatuses } from '../core/outbox-statuses.ts';
import { MoneyView } from './money.ts';

// The outbox, the letter templates and the workspace's settings as the API shows them.
// Passwords never reach these shapes: mail settings are host names and addresses only.

export const OutboxItemView = z.object({
  id: z.string().describe('the action key; URL-encode it in paths (it contains "/")'),
  actionKey: z.string(),
  kind: z.string(),
  template: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  locale: z.enum(locales),
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

export const LetterPreviewView = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  to: z.array(z.string()),
  locale: z.enum(locales),
  warnings: z.array(z.string()),
}).meta({ id: 'LetterPreview' });

export const MessageView = z.object({
  message: OutboxItemView,
  preview: LetterPreviewView.nullable().describe('the letter in the client\'s language as it would go now (as approved or edited, where it is); null for a step for you, which is never mailed'),
}).meta({ id: 'OutboxMessage' });

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

export const RenderedLetterView = z.object({
  subject: z.string(), text: z.string(), html: z.string(), warnings: z.array(z.string()),
}).meta({ id: 'RenderedLetter' });

const Thresholds = z.record(z.string(), z.record(z.string(), z.number()));

export const SettingsView = z.object({
  workspace: z.object({
    name: z.string(), currency: z.string(), locale: z.enum(locales), timezone: z.string(), jurisdiction: z.enum(jurisdictions), targetHourlyRate: MoneyView,
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


export type OutboxItem = z.output<typeof OutboxItemView>;
export type OutboxPreview = z.output<typeof LetterPreviewView>;
export type OutboxDetail = z.output<typeof MessageView>;
export type TemplateSummary = z.output<typeof TemplateSummaryView>;
export type TemplateDetail = z.output<typeof TemplateView>;
export type RenderedLetter = z.output<typeof RenderedLetterView>;
export type Settings = z.output<typeof SettingsView>;
