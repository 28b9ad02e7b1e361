import { RecordedEventView } from '../../contract/dashboard.ts';
import { RecordBody } from '../../contract/events.ts';
import { recordEvent } from '../../app/record-event.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { requireRole, workspaceOf } from '../auth/guards.ts';
import { presentRecorded } from '../presenters/dashboard-views.ts';
import { ProblemView } from './problem-schema.ts';
import { signedInUnsafe, WorkspaceParams } from './security.ts';

export function recordRoutes(app: TypedServer, { ctx }: ServerDeps): void {
  app.post('/api/workspaces/:workspaceId/events', {
    onRequest: requireRole('member'),
    schema: {
      tags: ['ledger'],
      summary: 'Records one event a person entered, checked exactly as an imported line: all or nothing',
      description: 'Needs the member role. 201 with the stored event; 200 when the same id and content are on record already. '
        + 'Bad data: 400 naming the field. Against the record (unknown client, invoice, request …): 422 import.rejected; '
        + 'an id already used by a different event: 409 ledger.conflict.',
      ...signedInUnsafe,
      params: WorkspaceParams,
      body: RecordBody,
      response: {
        200: RecordedEventView, 201: RecordedEventView,
        400: ProblemView, 401: ProblemView, 403: ProblemView, 404: ProblemView, 409: ProblemView, 422: ProblemView,
      },
    },
  }, async (request, reply) => {
    const recorded = await recordEvent(ctx, workspaceOf(request), request.body);
    return reply.code(recorded.created ? 201 : 200).send(presentRecorded(recorded));
  });
}
