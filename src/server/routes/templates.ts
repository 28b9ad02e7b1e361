import { RenderedLetterView, TemplateSummaryView, TemplateView } from '../../contract/outbox.ts';
import { z } from 'zod';
import { optionalDate } from '../../contract/dates.ts';
import { workspaceToday } from '../../app/assess-workspace.ts';
import {
  describeTemplate, effectiveTemplate, listLetterTemplates, previewLetterTemplate, resetLetterTemplate, setLetterTemplate,
} from '../../app/letter-templates.ts';
import type { AppContext } from '../../app/context.ts';
import type { IsoDate } from '../../core/dates.ts';
import { locales } from '../../core/ledger/wire.ts';
import { defaultTemplate } from '../../core/letters/catalogue.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { requireRole, workspaceOf } from '../auth/guards.ts';
import { presentRendered, presentTemplate } from '../presenters/outbox-views.ts';
import { ProblemView } from './problem-schema.ts';
import { signedIn, signedInUnsafe, WorkspaceIdParam, WorkspaceParams } from './security.ts';

const TemplateParams = z.object({
  workspaceId: WorkspaceIdParam,
  templateId: z.string().min(1).max(100).describe('as GET …/templates lists them, e.g. late.reminder.first'),
  locale: z.enum(locales),
});

const WordingBody = z.object({
  subject: z.string().max(1000).describe('Mustache: {{values}} of the letter'),
  body: z.string().max(100_000),
});

const PreviewBody = z.object({
  clientId: z.string().min(1).max(200),
  subjectId: z.string().min(1).max(200).optional().describe('the invoice or request the letter is about'),
  at: optionalDate('the day whose figures it gives; default today'),
  subject: z.string().max(1000).optional().describe('a wording being edited, instead of the one in force'),
  body: z.string().max(100_000).optional(),
});

async function templateOf(ctx: AppContext, workspaceId: string, templateId: string, locale: (typeof locales)[number]) {
  const entry = await effectiveTemplate(ctx, workspaceId, templateId, locale);
  return presentTemplate(entry, defaultTemplate(entry.templateId, entry.locale));
}

const errors = { 400: ProblemView, 401: ProblemView, 403: ProblemView, 404: ProblemView };

export function templateRoutes(app: TypedServer, { ctx }: ServerDeps): void {
  app.get('/api/workspaces/:workspaceId/templates', {
    schema: {
      tags: ['templates'],
      summary: 'Every letter Firmly writes, in every language, marking those with the workspace\'s own wording',
      ...signedIn,
      params: WorkspaceParams,
      response: { 200: z.object({ templates: z.array(TemplateSummaryView) }), 401: ProblemView, 404: ProblemView },
    },
  }, async (request) => ({
    templates: (await listLetterTemplates(ctx, workspaceOf(request))).map((t) => ({
      id: t.templateId, locale: t.locale, overridden: t.custom, description: describeTemplate(t.templateId),
    })),
  }));

  app.get('/api/workspaces/:workspaceId/templates/:templateId/:locale', {
    schema: {
      tags: ['templates'],
      summary: 'One letter\'s wording in force, Firmly\'s wording, and the values it may use',
      ...signedIn,
      params: TemplateParams,
      response: { 200: TemplateView, ...errors },
    },
  }, async (request) => templateOf(ctx, workspaceOf(request), request.params.templateId, request.params.locale));

  app.put('/api/workspaces/:workspaceId/templates/:templateId/:locale', {
    onRequest: requireRole('owner'),
    schema: {
      tags: ['templates'],
      summary: 'Saves the workspace\'s own wording; refused (400, naming them) when it uses values the letter does not have',
      description: 'Needs the owner role.',
      ...signedInUnsafe,
      params: TemplateParams,
      body: WordingBody,
      response: { 200: TemplateView, ...errors },
    },
  }, async (request) => {
    const workspaceId = workspaceOf(request);
    const { templateId, locale } = request.params;
    await setLetterTemplate(ctx, workspaceId, templateId, locale, request.body);
    return templateOf(ctx, workspaceId, templateId, locale);
  });

  app.delete('/api/workspaces/:workspaceId/templates/:templateId/:locale', {
    onRequest: requireRole('owner'),
    schema: {
      tags: ['templates'],
      summary: 'Back to Firmly\'s wording',
      description: 'Needs the owner role. Answers the template as it now is.',
      ...signedInUnsafe,
      params: TemplateParams,
      response: { 200: TemplateView, ...errors },
    },
  }, async (request) => {
    const workspaceId = workspaceOf(request);
    const { templateId, locale } = request.params;
    await resetLetterTemplate(ctx, workspaceId, templateId, locale);
    return templateOf(ctx, workspaceId, templateId, locale);
  });

  app.post('/api/workspaces/:workspaceId/templates/:templateId/:locale/preview', {
    onRequest: requireRole('member'),
    schema: {
      tags: ['templates'],
      summary: 'The letter as a client would receive it in this language, with the figures of a day; with subject and body, that wording instead of the one in force',
      description: 'Needs the member role.',
      ...signedInUnsafe,
      params: TemplateParams,
      body: PreviewBody,
      response: { 200: RenderedLetterView, ...errors, 422: ProblemView, 501: ProblemView },
    },
  }, async (request) => {
    const workspaceId = workspaceOf(request);
    const { templateId, locale } = request.params;
    const { clientId, subjectId, at, subject, body } = request.body;
    // One of subject and body alone is a draft of that part: the other is the wording in force.
    const draft = subject !== undefined || body !== undefined
      ? await effectiveTemplate(ctx, workspaceId, templateId, locale).then((t) => ({ subject: subject ?? t.template.subject, body: body ?? t.template.body }))
      : undefined;
    const rendered = await previewLetterTemplate(ctx, workspaceId, templateId, {
      clientId, locale, subjectId: subjectId ?? null, date: (at as IsoDate | undefined) ?? await workspaceToday(ctx, workspaceId), ...(draft ? { template: draft } : {}),
    });
    return presentRendered(rendered);
  });
}
