import { z } from 'zod';
import { getClient, listClients } from '../../app/read-clients.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { ClientDetailView, ClientSummaryView, presentClientDetail, presentClientSummary } from '../presenters/views.ts';
import { ProblemView } from './problem-schema.ts';

export function clientRoutes(app: TypedServer, { ctx, workspaceId }: ServerDeps): void {
  app.get('/api/clients', {
    schema: {
      tags: ['clients'],
      summary: 'Every client of the workspace, by name, with what they owe',
      response: { 200: z.object({ clients: z.array(ClientSummaryView) }) },
    },
  }, async () => ({ clients: (await listClients(ctx, workspaceId)).map(presentClientSummary) }));

  app.get('/api/clients/:clientId', {
    schema: {
      tags: ['clients'],
      summary: 'One client with contacts, contracts, invoices, payments, requests and access grants',
      params: z.object({ clientId: z.string().min(1).max(200) }),
      response: { 200: ClientDetailView, 404: ProblemView },
    },
  }, async (request) => presentClientDetail(await getClient(ctx, workspaceId, request.params.clientId)));
}
