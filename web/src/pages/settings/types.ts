import type { Locale, Money } from '../../api/types.ts';

// Shapes of the settings and templates API (contract "outbox, templates, settings").

export const jurisdictions = ['DK', 'GB', 'DE', 'EU', 'NONE'] as const;
export type Jurisdiction = (typeof jurisdictions)[number];

export interface WorkspaceSettings {
  readonly name: string;
  readonly currency: string;
  readonly locale: Locale;
  readonly timezone: string;
  readonly jurisdiction: Jurisdiction;
  readonly targetHourlyRate: Money | null;
}

/** Thresholds by group (unresponsive, controlling, …) and name. */
export type RuleValues = Readonly<Record<string, Readonly<Record<string, number>>>>;
export type RuleOverrides = Readonly<Record<string, Readonly<Record<string, number | undefined>> | undefined>>;

export interface MailStatus {
  readonly smtp: { readonly configured: boolean; readonly host: string | null; readonly from: string | null };
  readonly imap: { readonly configured: boolean; readonly host: string | null; readonly folder: string | null };
}

export interface SettingsView {
  readonly workspace: WorkspaceSettings | null;
  readonly rules: { readonly effective: RuleValues; readonly overrides: RuleOverrides };
  readonly mail: MailStatus;
}

export interface TemplateSummary { readonly id: string; readonly locale: Locale; readonly overridden: boolean; readonly description: string }
export interface TemplateDetail {
  readonly id: string;
  readonly locale: Locale;
  readonly subject: string;
  readonly body: string;
  readonly overridden: boolean;
  readonly defaultSubject: string;
  readonly defaultBody: string;
  readonly values: readonly string[];
}
export interface RenderedLetter { readonly subject: string; readonly text: string; readonly html: string; readonly warnings: readonly string[] }
