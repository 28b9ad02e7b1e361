import { ClientDetailView, ClientSummaryView } from '../../contract/clients.ts';
import { z } from 'zod';
import { getClient, listClients } from '../../app/read-clients.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { workspaceOf } from '../auth/guards.ts';
import { presentClientDetail, presentClientSummary } from '../presenters/views.ts';
import { ProblemView } from './problem-schema.ts';
import { ClientParams, signedIn, WorkspaceParams } from './security.ts';

export function clientRoutes(app: TypedServer, { ctx }: ServerDeps): void {
  app.get('/api/workspaces/:workspaceId/clients', {
    schema: {
      tags: ['clients'],
      summary: 'Every client of the workspace, by name, with what they owe',
      ...signedIn,
      params: WorkspaceParams,
      response: { 200: z.object({ clients: z.array(ClientSummaryView) }), 401: ProblemView, 404: ProblemView },
    },
  }, async (request) => ({ clients: (await listClients(ctx, workspaceOf(request))).map(presentClientSummary) }));

  app.get('/api/workspaces/:workspaceId/clients/:clientId', {
    schema: {
      tags: ['clients'],
      summary: 'One client with contacts, contracts, invoices, payments, requests and access grants',
      ...signedIn,
      params: ClientParams,
      response: { 200: ClientDetailView, 401: ProblemView, 404: ProblemView },
    },
  }, async (request) => presentClientDetail(await getClient(ctx, workspaceOf(request), request.params.clientId)));
}
