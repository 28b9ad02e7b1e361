import type { IsoDate } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { assessClient } from '../core/assess/assess-client.ts';
import { clientInsights as buildInsights, type ClientInsights } from '../core/insights/client-insights.ts';
import { startAssessment } from './assess-workspace.ts';
import type { AppContext } from './context.ts';
import { assessmentContext, calendarOf } from './dashboard.ts';

/** One client's invoices, requests, deliverables, economics, contracts and access as of the end of `date`. */
export async function clientInsights(ctx: AppContext, workspaceId: string, clientId: string, date: IsoDate): Promise<ClientInsights> {
  const run = await startAssessment(ctx, workspaceId, date);
  for await (const { history } of run.eachHistory({ clientIds: [clientId] })) {
    const assessment = assessClient(history, assessmentContext(run));
    if (assessment) return buildInsights(history, assessment, calendarOf(history, run.workspace), run.when);
  }
  throw new FirmlyError('client.not_found', `no client "${clientId}" on record by ${date}`, { clientId });
}
