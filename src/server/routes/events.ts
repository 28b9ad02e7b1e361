import { EventPageView } from '../../contract/clients.ts';
import { z } from 'zod';
import { eventTypes, isEventType } from '../../core/ledger/events.ts';
import { listEvents } from '../../app/read-events.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { workspaceOf } from '../auth/guards.ts';
import { presentEvent } from '../presenters/views.ts';
import { ProblemView } from './problem-schema.ts';
import { signedIn, WorkspaceParams } from './security.ts';

const EventQuery = z.object({
  clientId: z.string().min(1).max(200).optional(),
  type: z.string().optional()
    .transform((text) => (text ? text.split(',').map((t) => t.trim()).filter(Boolean) : undefined))
    .refine((types) => !types || types.every(isEventType), { message: `each type must be one of: ${eventTypes.join(', ')}` })
    .describe('comma-separated event types'),
  after: z.coerce.number().int().min(0).optional().describe('seq of the last event of the previous page'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export function eventRoutes(app: TypedServer, { ctx }: ServerDeps): void {
  app.get('/api/workspaces/:workspaceId/events', {
    schema: {
      tags: ['ledger'],
      summary: 'The ledger in chain order, a page at a time; filter by client and type',
      ...signedIn,
      params: WorkspaceParams,
      querystring: EventQuery,
      response: { 200: EventPageView, 400: ProblemView, 401: ProblemView, 404: ProblemView },
    },
  }, async (request) => {
    const { clientId, type, after, limit } = request.query;
    const page = await listEvents(ctx, workspaceOf(request), { clientId, types: type }, { after, limit });
    return { events: page.events.map(presentEvent), next: page.next };
  });
}
