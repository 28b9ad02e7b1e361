import type { Settings } from '../../../../src/contract/outbox.ts';

// Shapes of the settings and templates API (contract "outbox, templates, settings").

export const jurisdictions = ['DK', 'GB', 'DE', 'EU', 'NONE'] as const;
export type Jurisdiction = (typeof jurisdictions)[number];

export type WorkspaceSettings = NonNullable<Settings['workspace']>;

/** Thresholds by group (unresponsive, controlling, …) and name. */
export type RuleValues = Readonly<Record<string, Readonly<Record<string, number>>>>;
export type RuleOverrides = Readonly<Record<string, Readonly<Record<string, number | undefined>> | undefined>>;

export type { Settings as SettingsView, RenderedLetter, TemplateDetail, TemplateSummary } from '../../../../src/contract/outbox.ts';
export type MailStatus = Settings['mail'];
