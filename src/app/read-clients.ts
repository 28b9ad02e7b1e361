import { FirmlyError } from '../core/errors.ts';
import * as queries from '../store/views/client-queries.ts';
import type { ClientDetail } from '../core/ledger/read-model.ts';
import type { AppContext } from './context.ts';

export const listClients = (ctx: AppContext, workspaceId: string) => queries.listClients(ctx.store.db, workspaceId);

/** One client with contract, invoices, payments, requests and access grants; `client.not_found` otherwise. */
export async function getClient(ctx: AppContext, workspaceId: string, clientId: string): Promise<ClientDetail> {
  const detail = await queries.getClient(ctx.store.db, workspaceId, clientId);
  if (!detail) throw new FirmlyError('client.not_found', `no client "${clientId}"`, { clientId });
  return detail;
}
