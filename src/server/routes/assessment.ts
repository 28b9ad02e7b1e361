import { UnassessableView } from '../../contract/dashboard.ts';
import { MoneyView } from '../../contract/money.ts';
import { z } from 'zod';
import { assessWorkspace, workspaceToday } from '../../app/assess-workspace.ts';
import { assessmentJson } from '../../core/assess/assessment-json.ts';
import { actionKinds } from '../../core/assess/plan.ts';
import { stages } from '../../core/assess/stage.ts';
import { checkDate, supportedDatesText, type IsoDate } from '../../core/dates.ts';
import { FirmlyError } from '../../core/errors.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { HoldView } from '../../contract/client-status.ts';
import { workspaceOf } from '../auth/guards.ts';
import { ProblemView } from './problem-schema.ts';
import { ClientParams, signedIn, WorkspaceParams } from './security.ts';

const DecisionView = z.object({
  flagged: z.boolean(), score: z.number().int().min(0).max(100), evidence: z.array(z.string()),
  explanation: z.object({ en: z.string(), da: z.string() }),
}).meta({ id: 'Decision' });

export const ClientAssessmentView = z.object({
  clientId: z.string(), name: z.string(), stage: z.enum(stages),
  archetypes: z.object({ unresponsive: DecisionView, controlling: DecisionView, latePayer: DecisionView }),
  economics: z.object({ effectiveHourlyRate: MoneyView.nullable(), worthIt: z.boolean().nullable() }),
  actions: z.array(z.object({ key: z.string(), kind: z.enum(actionKinds), due: z.string(), template: z.string() })),
  hold: HoldView.nullable(),
  archived: z.boolean(),
}).meta({ id: 'ClientAssessment' });

const AssessmentView = z.object({ at: z.string(), clients: z.array(ClientAssessmentView), unassessable: z.array(UnassessableView) }).meta({ id: 'Assessment' });

const AtQuery = z.object({
  at: z.string().optional().refine((text) => text === undefined || checkDate(text).ok, `not a date (YYYY-MM-DD) from ${supportedDatesText}`)
    .describe('the day to assess, YYYY-MM-DD; default today in the workspace\'s time zone'),
});

export function assessmentRoutes(app: TypedServer, { ctx }: ServerDeps): void {
  const dateOf = async (workspaceId: string, at: string | undefined) => (at as IsoDate | undefined) ?? workspaceToday(ctx, workspaceId);

  app.get('/api/workspaces/:workspaceId/assessment', {
    schema: {
      tags: ['assessment'],
      summary: 'Every client assessed as of the end of a day (the assess --json of LEDGER.md)',
      ...signedIn,
      params: WorkspaceParams,
      querystring: AtQuery,
      response: { 200: AssessmentView, 400: ProblemView, 401: ProblemView, 404: ProblemView },
    },
  }, async (request) => {
    const workspaceId = workspaceOf(request);
    const result = await assessWorkspace(ctx, workspaceId, await dateOf(workspaceId, request.query.at));
    return assessmentJson(result.at, result.clients, result.unassessable);
  });

  app.get('/api/workspaces/:workspaceId/clients/:clientId/assessment', {
    schema: {
      tags: ['assessment'],
      summary: 'One client assessed as of the end of a day',
      ...signedIn,
      params: ClientParams,
      querystring: AtQuery,
      response: { 200: ClientAssessmentView, 400: ProblemView, 401: ProblemView, 404: ProblemView },
    },
  }, async (request) => {
    const workspaceId = workspaceOf(request);
    const result = await assessWorkspace(ctx, workspaceId, await dateOf(workspaceId, request.query.at), { clientIds: [request.params.clientId] });
    const failed = result.unassessable[0];
    if (failed) throw new FirmlyError(failed.error.code, `client "${failed.clientId}" cannot be assessed: ${failed.error.message}`, { clientId: failed.clientId });
    const client = assessmentJson(result.at, result.clients).clients[0];
    if (!client) throw new FirmlyError('client.not_found', `no client "${request.params.clientId}"`, { clientIds: [request.params.clientId] });
    return client;
  });
}
