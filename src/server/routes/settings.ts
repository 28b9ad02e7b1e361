import { MoneyView } from '../../contract/money.ts';
import { SettingsView } from '../../contract/outbox.ts';
import { z } from 'zod';
import { checkMail, describeMail } from '../../app/mail-check.ts';
import { configureWorkspace, readWorkspaceSettings, setWorkspaceRules, type WorkspaceSettings } from '../../app/workspace-settings.ts';
import { locales } from '../../core/ledger/wire.ts';
import { RulesOverrideWire } from '../../core/ledger/rules-wire.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { requireRole, workspaceOf } from '../auth/guards.ts';
import { presentSettings } from '../presenters/outbox-views.ts';
import { ProblemView } from './problem-schema.ts';
import { mailOf } from './outbox.ts';
import { signedIn, signedInUnsafe, WorkspaceParams } from './security.ts';

// The shape for the OpenAPI document; the ledger's own schema (workspace.configured) checks
// the values and names the field it refuses, so this one lets unknown keys through to it.
const WorkspaceBody = z.looseObject({
  name: z.string(),
  currency: z.string().describe('ISO 4217'),
  locale: z.enum(locales),
  timezone: z.string().describe('IANA, e.g. Europe/Copenhagen'),
  jurisdiction: z.string().describe('DK, GB, … or NONE'),
  targetHourlyRate: MoneyView,
}).describe('the data of a workspace.configured event (LEDGER.md)');

const RulesBody = z.object({ rules: RulesOverrideWire.describe('thresholds to override; the others keep Firmly\'s defaults. Replaces the overrides set before') });

const MailTestBody = z.object({ which: z.enum(['smtp', 'imap']) });

const errors = { 400: ProblemView, 401: ProblemView, 403: ProblemView, 404: ProblemView, 409: ProblemView };

export function settingsRoutes(app: TypedServer, deps: ServerDeps): void {
  const { ctx } = deps;
  const present = (settings: WorkspaceSettings) => presentSettings(settings, describeMail(mailOf(deps)));

  app.get('/api/workspaces/:workspaceId/settings', {
    schema: {
      tags: ['settings'],
      summary: 'The workspace\'s settings, its assessment thresholds, and the mail servers configured (never a password)',
      ...signedIn,
      params: WorkspaceParams,
      response: { 200: SettingsView, 401: ProblemView, 404: ProblemView },
    },
  }, async (request) => present(await readWorkspaceSettings(ctx, workspaceOf(request))));

  app.put('/api/workspaces/:workspaceId/settings/workspace', {
    onRequest: requireRole('owner'),
    schema: {
      tags: ['settings'],
      summary: 'Records the workspace\'s name, currency, language, time zone, jurisdiction and target hourly rate (a workspace.configured event)',
      description: 'Needs the owner role.',
      ...signedInUnsafe,
      params: WorkspaceParams,
      body: WorkspaceBody,
      response: { 200: SettingsView, ...errors },
    },
  }, async (request) => present(await configureWorkspace(ctx, workspaceOf(request), request.body)));

  app.put('/api/workspaces/:workspaceId/settings/rules', {
    onRequest: requireRole('owner'),
    schema: {
      tags: ['settings'],
      summary: 'Records the workspace\'s assessment thresholds (a workspace.rules event); 409 before the workspace is configured',
      description: 'Needs the owner role.',
      ...signedInUnsafe,
      params: WorkspaceParams,
      body: RulesBody,
      response: { 200: SettingsView, ...errors },
    },
  }, async (request) => present(await setWorkspaceRules(ctx, workspaceOf(request), request.body.rules)));

  app.post('/api/workspaces/:workspaceId/settings/mail/test', {
    onRequest: requireRole('owner'),
    schema: {
      tags: ['settings'],
      summary: 'Connects to the SMTP or IMAP server and signs in, sending and reading nothing',
      description: 'Needs the owner role. A server that cannot be reached is `ok: false` with the reason, not an error.',
      ...signedInUnsafe,
      params: WorkspaceParams,
      body: MailTestBody,
      response: { 200: z.object({ ok: z.boolean(), detail: z.string() }), ...errors },
    },
  }, async (request) => checkMail(mailOf(deps), request.body.which));
}
