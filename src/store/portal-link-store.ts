import type { Kysely, Transaction } from 'kysely';
import type { DeliverableView, RequestView } from '../core/ledger/read-model.ts';
import type { Database } from './schema.ts';
import { fromRow } from './views/view-tables.ts';

// Client portal links (#6) and the few read-model queries only the portal makes. Rows stay
// here; callers get these shapes. The token itself is never stored: `tokenHash` is its SHA-256.

type Db = Kysely<Database> | Transaction<Database>;

export interface PortalLinkRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly clientId: string;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
  readonly viewedAt: string | null;
}

const columns = ['id', 'workspaceId', 'clientId', 'createdAt', 'createdBy', 'expiresAt', 'revokedAt', 'lastUsedAt', 'viewedAt'] as const;

export async function insertPortalLink(db: Db, link: PortalLinkRecord & { readonly tokenHash: string }): Promise<void> {
  await db.insertInto('portalLink').values(link).execute();
}

/** The link whose token hashes to `tokenHash`, whatever its state: the caller decides whether it still opens. */
export async function findPortalLinkByTokenHash(db: Db, tokenHash: string): Promise<PortalLinkRecord | undefined> {
  return db.selectFrom('portalLink').select(columns).where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function findPortalLink(db: Db, workspaceId: string, clientId: string, linkId: string): Promise<PortalLinkRecord | undefined> {
  return db.selectFrom('portalLink').select(columns)
    .where('workspaceId', '=', workspaceId).where('clientId', '=', clientId).where('id', '=', linkId).executeTakeFirst();
}

/** A link of the workspace by id alone (the CLI names no client). */
export async function findWorkspacePortalLink(db: Db, workspaceId: string, linkId: string): Promise<PortalLinkRecord | undefined> {
  return db.selectFrom('portalLink').select(columns).where('workspaceId', '=', workspaceId).where('id', '=', linkId).executeTakeFirst();
}

/** A client's links, newest first. */
export async function listPortalLinks(db: Db, workspaceId: string, clientId: string): Promise<PortalLinkRecord[]> {
  return db.selectFrom('portalLink').select(columns)
    .where('workspaceId', '=', workspaceId).where('clientId', '=', clientId)
    .orderBy('createdAt', 'desc').orderBy('id').execute();
}

/** Revokes the link unless it already is; the first revocation time stays. */
export async function revokePortalLink(db: Db, linkId: string, now: string): Promise<void> {
  await db.updateTable('portalLink').set({ revokedAt: now }).where('id', '=', linkId).where('revokedAt', 'is', null).execute();
}

export async function touchPortalLink(db: Db, linkId: string, now: string): Promise<void> {
  await db.updateTable('portalLink').set({ lastUsedAt: now }).where('id', '=', linkId).execute();
}

/**
 * Marks the link viewed now unless it was viewed after `since`; true when this call did.
 * One conditional UPDATE, so two views at once cannot both claim it (the second waits for the
 * first's row lock on PostgreSQL, or for the write lock on SQLite, and then finds it taken).
 */
export async function claimPortalView(db: Db, linkId: string, now: string, since: string): Promise<boolean> {
  const result = await db.updateTable('portalLink').set({ viewedAt: now }).where('id', '=', linkId)
    .where((eb) => eb.or([eb('viewedAt', 'is', null), eb('viewedAt', '<=', since)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether the read models know the client (the workspace's own, not another's of the same id). */
export async function clientExists(db: Db, workspaceId: string, clientId: string): Promise<boolean> {
  return (await db.selectFrom('client').select('clientId').where('workspaceId', '=', workspaceId).where('clientId', '=', clientId).executeTakeFirst()) !== undefined;
}

/** The client's requests still waiting for them, oldest first. */
export async function openRequestsOf(db: Db, workspaceId: string, clientId: string): Promise<RequestView[]> {
  const rows = await db.selectFrom('request').selectAll().where('workspaceId', '=', workspaceId).where('clientId', '=', clientId)
    .where('status', '=', 'open').orderBy('sentAt').orderBy('requestId').execute();
  return rows.map((row) => fromRow('request', row));
}

/** One request of the workspace, whoever's it is: the caller checks it is the client's. */
export async function findRequest(db: Db, workspaceId: string, requestId: string): Promise<RequestView | undefined> {
  const row = await db.selectFrom('request').selectAll().where('workspaceId', '=', workspaceId).where('requestId', '=', requestId).executeTakeFirst();
  return row ? fromRow('request', row) : undefined;
}

export async function deliverablesOf(db: Db, workspaceId: string, clientId: string): Promise<DeliverableView[]> {
  const rows = await db.selectFrom('deliverable').selectAll().where('workspaceId', '=', workspaceId).where('clientId', '=', clientId).execute();
  return rows.map((row) => fromRow('deliverable', row));
}
