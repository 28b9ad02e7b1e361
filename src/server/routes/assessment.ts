import { AssessmentView, ClientAssessmentView } from '../../contract/assessment.ts';
import { AtQuery } from '../../contract/dates.ts';
import { assessWorkspace, workspaceToday } from '../../app/assess-workspace.ts';
import { assessmentJson } from '../../core/assess/assessment-json.ts';
import type { IsoDate } from '../../core/dates.ts';
import { FirmlyError } from '../../core/errors.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { workspaceOf } from '../auth/guards.ts';
import { ProblemView } from './problem-schema.ts';
import { ClientParams, signedIn, WorkspaceParams } from './security.ts';

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
