import { ClientInsightsView } from '../../contract/dashboard.ts';
import { clientInsights } from '../../app/client-insights.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { workspaceOf } from '../auth/guards.ts';
import { presentClientInsights } from '../presenters/dashboard-views.ts';
import { AtQuery } from '../../contract/dates.ts';
import { dayOf } from './dashboard.ts';
import { ProblemView } from './problem-schema.ts';
import { ClientParams, signedIn } from './security.ts';

export function insightRoutes(app: TypedServer, { ctx }: ServerDeps): void {
  app.get('/api/workspaces/:workspaceId/clients/:clientId/insights', {
    schema: {
      tags: ['clients'],
      summary: 'One client\'s invoices with days late and their trend, requests with response times in business days, deliverables, economics, contracts and access, as of the end of a day',
      ...signedIn,
      params: ClientParams,
      querystring: AtQuery,
      response: { 200: ClientInsightsView, 400: ProblemView, 401: ProblemView, 404: ProblemView },
    },
  }, async (request) => {
    const workspaceId = workspaceOf(request);
    const date = await dayOf(ctx, workspaceId, request.query.at);
    return presentClientInsights(await clientInsights(ctx, workspaceId, request.params.clientId, date));
  });
}
