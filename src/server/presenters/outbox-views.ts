import type { z } from 'zod';
import type { MailOverview } from '../../app/mail-check.ts';
import type { MessagePreview, OutboxListing } from '../../app/outbox-review.ts';
import type { TemplateEntry } from '../../app/letter-templates.ts';
import type { RenderedMessage } from '../../app/render-message.ts';
import type { WorkspaceSettings } from '../../app/workspace-settings.ts';
import type { LetterTemplate } from '../../core/letters/template.ts';
import type { Locale } from '../../core/ledger/wire.ts';
import type { LetterPreviewView, OutboxItemView, RenderedLetterView, SettingsView, TemplateView } from '../../contract/outbox.ts';
import { wireMoney } from '../../contract/money.ts';

// The presenters of the outbox, the letter templates and the workspace's settings: into the
// shapes of src/contract/outbox.ts. Passwords never reach them: mail settings arrive as a
// MailOverview, which has none.

export function presentOutboxItem({ entry, clientName, to, subject }: OutboxListing): z.infer<typeof OutboxItemView> {
  return {
    id: entry.actionKey, actionKey: entry.actionKey, kind: entry.kind, template: entry.template, clientId: entry.clientId, clientName,
    locale: entry.locale as Locale, status: entry.status, subject, to: [...to], due: entry.due, subjectId: entry.subjectId, createdAt: entry.queuedAt,
    approvedAt: entry.approvedAt, sentAt: entry.sentAt, attempts: entry.attempts, nextAttemptAt: entry.nextAttemptAt, lastError: entry.lastError,
    edited: entry.editedAt !== null,
  };
}

export function presentPreview(letter: MessagePreview['letter']): z.infer<typeof LetterPreviewView> | null {
  if (!letter) return null;
  return { subject: letter.subject, text: letter.text, html: letter.html, to: letter.to.map((c) => c.email), locale: letter.locale, warnings: [...letter.warnings] };
}

export function presentTemplate(entry: TemplateEntry, wording: LetterTemplate): z.infer<typeof TemplateView> {
  return {
    id: entry.templateId, locale: entry.locale, subject: entry.template.subject, body: entry.template.body, overridden: entry.custom,
    defaultSubject: wording.subject, defaultBody: wording.body, values: [...entry.values],
  };
}

export const presentRendered = (r: RenderedMessage): z.infer<typeof RenderedLetterView> =>
  ({ subject: r.subject, text: r.text, html: r.html, warnings: [...r.warnings] });

export function presentSettings(settings: WorkspaceSettings, mail: MailOverview): z.infer<typeof SettingsView> {
  const w = settings.workspace;
  return {
    workspace: w ? {
      name: w.name, currency: w.currency, locale: w.locale, timezone: w.timezone, jurisdiction: w.jurisdiction,
      targetHourlyRate: wireMoney(w.targetRateMinor, w.targetRateCurrency),
    } : null,
    rules: { effective: settings.rules.effective as unknown as Record<string, Record<string, number>>, overrides: settings.rules.overrides },
    mail,
  };
}
