import { DashboardView } from '../../contract/dashboard.ts';
import { workspaceToday } from '../../app/assess-workspace.ts';
import { dashboard } from '../../app/dashboard.ts';
import type { IsoDate } from '../../core/dates.ts';
import { AtQuery } from '../../contract/dates.ts';
import type { AppContext } from '../../app/context.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { workspaceOf } from '../auth/guards.ts';
import { presentDashboard } from '../presenters/dashboard-views.ts';
import { ArchivedQuery } from '../../contract/client-status.ts';
import { ProblemView } from './problem-schema.ts';
import { signedIn, WorkspaceParams } from './security.ts';


/** The day asked for, else today in the workspace's time zone. */
export const dayOf = async (ctx: AppContext, workspaceId: string, at: string | undefined): Promise<IsoDate> =>
  (at as IsoDate | undefined) ?? workspaceToday(ctx, workspaceId);

export function dashboardRoutes(app: TypedServer, { ctx }: ServerDeps): void {
  app.get('/api/workspaces/:workspaceId/dashboard', {
    schema: {
      tags: ['assessment'],
      summary: 'Every client at a glance as of the end of a day, and the day\'s planned actions with the outbox messages carrying them; archived clients with ?archived=include',
      ...signedIn,
      params: WorkspaceParams,
      querystring: AtQuery.extend(ArchivedQuery.shape),
      response: { 200: DashboardView, 400: ProblemView, 401: ProblemView, 404: ProblemView },
    },
  }, async (request) => {
    const workspaceId = workspaceOf(request);
    const options = { includeArchived: request.query.archived === 'include' };
    return presentDashboard(await dashboard(ctx, workspaceId, await dayOf(ctx, workspaceId, request.query.at), options));
  });
}
