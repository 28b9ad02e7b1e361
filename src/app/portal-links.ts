import { portalLinkDays } from '../core/portal-link-days.ts';
import { randomBytes } from 'node:crypto';
import { instantFromEpochMillis, type IsoInstant } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import * as links from '../store/portal-link-store.ts';
import { hashToken, isWellFormedToken, newToken } from './auth-tokens.ts';
import type { AppContext } from './context.ts';
import { requireWorkspace } from './workspace.ts';

// Client portal links (#6). The client gets `{baseUrl}/portal#{token}`: 256 random bits, as
// for sessions, of which the database keeps only the SHA-256. A link expires (default 30
// days), can be revoked, and remembers when it was last used.

const DAY_MS = 24 * 60 * 60 * 1000;

export { portalLinkDays };

/** `lastUsedAt` is written at most this often, not on every portal request. */
const touchEveryMs = 60 * 1000;

export interface PortalLink {
  readonly id: string;
  readonly clientId: string;
  readonly createdAt: IsoInstant;
  readonly expiresAt: IsoInstant;
  readonly revokedAt: IsoInstant | null;
  readonly lastUsedAt: IsoInstant | null;
}

export interface NewPortalLink {
  readonly link: PortalLink;
  /** For the URL; never stored, never shown again. */
  readonly token: string;
}

/** What an open portal may act on: one client of one workspace. */
export interface PortalAccess {
  readonly linkId: string;
  readonly workspaceId: string;
  readonly clientId: string;
}

const toLink = (r: links.PortalLinkRecord): PortalLink => ({
  id: r.id, clientId: r.clientId, createdAt: r.createdAt as IsoInstant, expiresAt: r.expiresAt as IsoInstant,
  revokedAt: r.revokedAt as IsoInstant | null, lastUsedAt: r.lastUsedAt as IsoInstant | null,
});

/** The address the client opens; the token rides in the fragment, which browsers never send (no server log, no Referer). */
export const portalUrl = (baseUrl: string, token: string): string => `${baseUrl.replace(/\/+$/, '')}/portal#${token}`;

async function requireClient(ctx: AppContext, workspaceId: string, clientId: string): Promise<void> {
  await requireWorkspace(ctx, workspaceId);
  if (!(await links.clientExists(ctx.store.db, workspaceId, clientId))) {
    throw new FirmlyError('client.not_found', `no client "${clientId}"`, { clientId });
  }
}

/** Makes a new link for the client, valid for `days` (1–365, default 30). */
export async function createPortalLink(ctx: AppContext, workspaceId: string, clientId: string,
  options: { readonly days?: number; readonly createdBy?: string } = {}): Promise<NewPortalLink> {
  const days = options.days ?? portalLinkDays.default;
  if (!Number.isInteger(days) || days < portalLinkDays.min || days > portalLinkDays.max) {
    throw new FirmlyError('input.invalid', `days must be a whole number from ${portalLinkDays.min} to ${portalLinkDays.max}, not ${days}`, { field: 'days' });
  }
  await requireClient(ctx, workspaceId, clientId);
  const now = ctx.clock.now().epochMilliseconds;
  const token = newToken();
  const record: links.PortalLinkRecord = {
    id: `pl_${randomBytes(9).toString('base64url')}`, workspaceId, clientId,
    createdAt: instantFromEpochMillis(now), createdBy: options.createdBy ?? null,
    expiresAt: instantFromEpochMillis(now + days * DAY_MS), revokedAt: null, lastUsedAt: null, viewedAt: null,
  };
  await links.insertPortalLink(ctx.store.db, { ...record, tokenHash: hashToken(token) });
  return { link: toLink(record), token };
}

/** Every link the client was given, newest first, revoked and expired ones too. */
export async function listPortalLinks(ctx: AppContext, workspaceId: string, clientId: string): Promise<PortalLink[]> {
  await requireClient(ctx, workspaceId, clientId);
  return (await links.listPortalLinks(ctx.store.db, workspaceId, clientId)).map(toLink);
}

/** Revokes one of the client's links at once; revoking it again changes nothing. */
export async function revokePortalLink(ctx: AppContext, workspaceId: string, clientId: string, linkId: string): Promise<PortalLink> {
  await requireClient(ctx, workspaceId, clientId);
  const found = await links.findPortalLink(ctx.store.db, workspaceId, clientId, linkId);
  if (!found) throw new FirmlyError('portal.link_not_found', `client "${clientId}" has no portal link "${linkId}"`, { linkId });
  await links.revokePortalLink(ctx.store.db, linkId, instantFromEpochMillis(ctx.clock.now().epochMilliseconds));
  return toLink((await links.findPortalLink(ctx.store.db, workspaceId, clientId, linkId)) as links.PortalLinkRecord);
}

/** Revokes a link by its id alone, for the CLI, which names no client; `portal.link_not_found` outside the workspace. */
export async function revokePortalLinkById(ctx: AppContext, workspaceId: string, linkId: string): Promise<PortalLink> {
  const found = await links.findWorkspacePortalLink(ctx.store.db, workspaceId, linkId);
  if (!found) throw new FirmlyError('portal.link_not_found', `no portal link "${linkId}" in workspace "${workspaceId}"`, { linkId });
  return revokePortalLink(ctx, workspaceId, found.clientId, linkId);
}

// One answer for a token never issued, expired or revoked: a guesser learns nothing, and the
// client is told what to do.
const linkNotFound = () => new FirmlyError('portal.link_not_found', 'this portal link is unknown, expired or revoked; ask for a new one');

/** The client a portal token opens, if the link is current; notes its use. */
export async function openPortal(ctx: AppContext, token: string | undefined): Promise<PortalAccess> {
  if (token === undefined || !isWellFormedToken(token)) throw linkNotFound();
  const found = await links.findPortalLinkByTokenHash(ctx.store.db, hashToken(token));
  const now = ctx.clock.now().epochMilliseconds;
  if (!found || found.revokedAt !== null || Date.parse(found.expiresAt) <= now) throw linkNotFound();
  if (found.lastUsedAt === null || now - Date.parse(found.lastUsedAt) >= touchEveryMs) {
    await links.touchPortalLink(ctx.store.db, found.id, instantFromEpochMillis(now));
  }
  return { linkId: found.id, workspaceId: found.workspaceId, clientId: found.clientId };
}
