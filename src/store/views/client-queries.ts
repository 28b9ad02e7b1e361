import type { Kysely } from 'kysely';
import type { ClientDetail, ClientSummary, ContactView, ContractAmendmentView, ContractView } from '../../core/ledger/read-model.ts';
import type { Database } from '../schema.ts';
import { fromRow } from './view-tables.ts';

/** Every client of the workspace by name, with what they owe. */
export async function listClients(db: Kysely<Database>, workspaceId: string): Promise<ClientSummary[]> {
  const clients = await db.selectFrom('client').selectAll().where('workspaceId', '=', workspaceId)
    .orderBy('name').orderBy('clientId').execute();
  const open = await db.selectFrom('invoice')
    .select(['clientId', 'currency', (eb) => eb.fn.countAll<number | string>().as('invoices'), (eb) => eb.fn.sum<number | string>('openMinor').as('openMinor')])
    .where('workspaceId', '=', workspaceId).where('openMinor', '>', 0)
    .groupBy(['clientId', 'currency']).execute();
  const byClient = new Map<string, { invoices: number; sums: Record<string, number> }>();
  for (const row of open) {
    const entry = byClient.get(row.clientId) ?? { invoices: 0, sums: {} };
    // count and sum come back as text from PostgreSQL (numeric/bigint aggregates).
    entry.invoices += Number(row.invoices);
    entry.sums[row.currency] = Number(row.openMinor);
    byClient.set(row.clientId, entry);
  }
  return clients.map((row) => {
    const entry = byClient.get(row.clientId);
    return { client: fromRow('client', row), openInvoices: entry?.invoices ?? 0, openMinorByCurrency: entry?.sums ?? {} };
  });
}

/** One client with everything the read models know about them; undefined if not on record. */
export async function getClient(db: Kysely<Database>, workspaceId: string, clientId: string): Promise<ClientDetail | undefined> {
  const row = await db.selectFrom('client').selectAll().where('workspaceId', '=', workspaceId).where('clientId', '=', clientId).executeTakeFirst();
  if (!row) return undefined;
  const scope = { workspaceId, clientId };
  const [contacts, contracts, invoices, payments, requests, accessGrants] = await Promise.all([
    db.selectFrom('contact').selectAll().where('workspaceId', '=', scope.workspaceId).where('clientId', '=', scope.clientId).orderBy('position').execute(),
    db.selectFrom('contract').selectAll().where('workspaceId', '=', scope.workspaceId).where('clientId', '=', scope.clientId).orderBy('startDate').orderBy('contractId').execute(),
    db.selectFrom('invoice').selectAll().where('workspaceId', '=', scope.workspaceId).where('clientId', '=', scope.clientId).orderBy('dueDate').orderBy('invoiceId').execute(),
    db.selectFrom('payment').selectAll().where('workspaceId', '=', scope.workspaceId).where('clientId', '=', scope.clientId).orderBy('date').orderBy('paymentId').execute(),
    db.selectFrom('request').selectAll().where('workspaceId', '=', scope.workspaceId).where('clientId', '=', scope.clientId).orderBy('sentAt').orderBy('requestId').execute(),
    db.selectFrom('accessGrant').selectAll().where('workspaceId', '=', scope.workspaceId).where('clientId', '=', scope.clientId).orderBy('network').orderBy('account').execute(),
  ]);
  return {
    client: fromRow('client', row),
    contacts: contacts.map((r) => fromRow('contact', r)),
    contracts: contracts.map((r) => fromRow('contract', r)),
    invoices: invoices.map((r) => fromRow('invoice', r)),
    payments: payments.map((r) => fromRow('payment', r)),
    requests: requests.map((r) => fromRow('request', r)),
    accessGrants: accessGrants.map((r) => fromRow('accessGrant', r)),
  };
}

/** Every contact of the workspace's clients, by client and position. */
export async function listContacts(db: Kysely<Database>, workspaceId: string): Promise<ContactView[]> {
  const rows = await db.selectFrom('contact').selectAll().where('workspaceId', '=', workspaceId).orderBy('clientId').orderBy('position').execute();
  return rows.map((r) => fromRow('contact', r));
}

/** One contract as signed (the read model keeps the signed terms), with its amendments; undefined if not on record. */
export async function findContract(db: Kysely<Database>, workspaceId: string, contractId: string): Promise<{ contract: ContractView; amendments: ContractAmendmentView[] } | undefined> {
  const row = await db.selectFrom('contract').selectAll().where('workspaceId', '=', workspaceId).where('contractId', '=', contractId).executeTakeFirst();
  if (!row) return undefined;
  const amendments = await db.selectFrom('contractAmendment').selectAll().where('workspaceId', '=', workspaceId).where('contractId', '=', contractId)
    .orderBy('effectiveDate').orderBy('amendedAt').orderBy('eventId').execute();
  return { contract: fromRow('contract', row), amendments: amendments.map((r) => fromRow('contractAmendment', r)) };
}

/** The amendments of every contract of one client, in the order they apply. */
export async function listClientAmendments(db: Kysely<Database>, workspaceId: string, clientId: string): Promise<ContractAmendmentView[]> {
  const rows = await db.selectFrom('contractAmendment').selectAll().where('workspaceId', '=', workspaceId).where('clientId', '=', clientId)
    .orderBy('effectiveDate').orderBy('amendedAt').orderBy('eventId').execute();
  return rows.map((r) => fromRow('contractAmendment', r));
}

/**
 * The ids of clients, contracts or requests of the workspace that start with `prefix`, to
 * choose a new one that is free. LIKE may match more (`_` is a wildcard, SQLite ignores case);
 * the exact test is done here.
 */
export async function idsStartingWith(db: Kysely<Database>, workspaceId: string, kind: 'client' | 'contract' | 'request', prefix: string): Promise<Set<string>> {
  const pattern = `${prefix}%`;
  const ids = kind === 'client'
    ? (await db.selectFrom('client').select('clientId as id').where('workspaceId', '=', workspaceId).where('clientId', 'like', pattern).execute())
    : kind === 'contract'
      ? (await db.selectFrom('contract').select('contractId as id').where('workspaceId', '=', workspaceId).where('contractId', 'like', pattern).execute())
      : (await db.selectFrom('request').select('requestId as id').where('workspaceId', '=', workspaceId).where('requestId', 'like', pattern).execute());
  return new Set(ids.map((r) => r.id).filter((id) => id.startsWith(prefix)));
}
