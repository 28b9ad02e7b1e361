import { randomBytes, randomUUID } from 'node:crypto';
import { instantFromEpochMillis, type IsoDate, type IsoInstant } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { invitationMail } from '../core/letters/account-letters.ts';
import * as users from '../store/user-store.ts';
import { accountLink, lookUpLink } from './account-links.ts';
import { sendAccountMail, type SmtpSettings } from './account-mail.ts';
import { verifyPassword } from './auth-password.ts';
import { hashToken, newToken } from './auth-tokens.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { countAttempt, forgetAttempts } from './rate-limits.ts';
import { loginLimits, startSession, type NewSession } from './sessions.ts';
import { acceptablePasswordHash, requireEmail, type Role, type User } from './users.ts';
import { readWorkspaceSettings } from './workspace-settings.ts';
import { requireWorkspace } from './workspace.ts';

// The people of a workspace (#12 item 5), managed by its owners from Settings: added with a
// password the owner hands over, or invited by a mailed link; their role changed; removed.
// A workspace always keeps an owner.

const DAY_MS = 24 * 60 * 60 * 1000;

/** An invitation link works this long, once. */
export const invitationLifetimeMs = 7 * DAY_MS;

export interface Member {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  /** When they got a role in the workspace. */
  readonly since: IsoInstant;
}

export interface PendingInvitation {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly createdAt: IsoInstant;
  readonly expiresAt: IsoInstant;
}

const toMember = (m: users.StoredMember): Member => ({ userId: m.userId, email: m.email, role: m.role, since: m.since as IsoInstant });
const toPending = (i: users.StoredInvitation): PendingInvitation =>
  ({ id: i.id, email: i.email, role: i.role, createdAt: i.createdAt as IsoInstant, expiresAt: i.expiresAt as IsoInstant });

const memberNotFound = (userId: string) => new FirmlyError('member.not_found', `no member "${userId}" in this workspace`, { userId });
const lastOwner = () => new FirmlyError('member.last_owner', 'a workspace keeps at least one owner: make someone else owner first');

/** The workspace's members by email, and the invitations still open, newest first. */
export async function listMembers(ctx: AppContext, workspaceId: string): Promise<{ members: Member[]; invitations: PendingInvitation[] }> {
  await requireWorkspace(ctx, workspaceId);
  const members = (await users.membersOf(ctx.store.db, workspaceId)).map(toMember);
  const invitations = (await users.pendingInvitations(ctx.store.db, workspaceId, nowIso(ctx.clock))).map(toPending);
  return { members, invitations };
}

/** One member of the workspace; `member.not_found` for anyone else. */
export async function getMember(ctx: AppContext, workspaceId: string, userId: string): Promise<Member> {
  await requireWorkspace(ctx, workspaceId);
  return memberOf(ctx.store.db, workspaceId, userId);
}

async function memberOf(db: AppContext['store']['db'], workspaceId: string, userId: string): Promise<Member> {
  const found = (await users.membersOf(db, workspaceId)).find((m) => m.userId === userId);
  if (!found) throw memberNotFound(userId);
  return toMember(found);
}

/**
 * Gives `email` the role in the workspace. Someone without an account gets one with the
 * password (argon2id, at least 12 characters), which the owner hands over; someone with an
 * account joins with their own password, so none may be given (it would take their account).
 */
export async function addMember(ctx: AppContext, workspaceId: string, input: { email: string; role: Role; password?: string | undefined }): Promise<Member> {
  await requireWorkspace(ctx, workspaceId);
  const email = requireEmail(input.email);
  const passwordHash = input.password === undefined ? undefined : await acceptablePasswordHash(input.password);
  const now = nowIso(ctx.clock);
  return ctx.store.db.transaction().execute(async (trx) => {
    await users.lockUserDirectory(trx, now);
    const existing = await users.findUserByEmail(trx, email);
    let userId: string;
    if (existing) {
      if (await users.membershipRole(trx, existing.id, workspaceId)) {
        throw new FirmlyError('action.already_done', `${email} is a member of this workspace already; change their role instead`, { field: 'email' });
      }
      if (passwordHash !== undefined) {
        throw new FirmlyError('action.already_done', `${email} already has an account: add them without a password, and they sign in with their own`, { field: 'password' });
      }
      userId = existing.id;
    } else {
      if (passwordHash === undefined) {
        throw new FirmlyError('input.invalid', `${email} has no account yet: set a password for them, or invite them by mail`, { field: 'password' });
      }
      userId = randomUUID();
      await users.insertUser(trx, { id: userId, email, passwordHash, createdAt: now });
    }
    await users.saveMembership(trx, userId, workspaceId, input.role, now);
    return memberOf(trx, workspaceId, userId);
  });
}

/** Changes a member's role; taking the owner role from the last owner is `member.last_owner`. */
export async function changeMemberRole(ctx: AppContext, workspaceId: string, userId: string, role: Role): Promise<Member> {
  await requireWorkspace(ctx, workspaceId);
  const now = nowIso(ctx.clock);
  return ctx.store.db.transaction().execute(async (trx) => {
    // Two owners demoting each other at once take turns, so one of them stays owner.
    await users.lockUserDirectory(trx, now);
    const current = await users.membershipRole(trx, userId, workspaceId);
    if (!current) throw memberNotFound(userId);
    if (current === 'owner' && role !== 'owner' && (await users.countOwners(trx, workspaceId)) <= 1) throw lastOwner();
    await users.saveMembership(trx, userId, workspaceId, role, now);
    return memberOf(trx, workspaceId, userId);
  });
}

/** Takes the member out of the workspace (their account stays); the last owner cannot go (`member.last_owner`). */
export async function removeMember(ctx: AppContext, workspaceId: string, userId: string): Promise<void> {
  await requireWorkspace(ctx, workspaceId);
  const now = nowIso(ctx.clock);
  await ctx.store.db.transaction().execute(async (trx) => {
    await users.lockUserDirectory(trx, now);
    const current = await users.membershipRole(trx, userId, workspaceId);
    if (!current) throw memberNotFound(userId);
    if (current === 'owner' && (await users.countOwners(trx, workspaceId)) <= 1) throw lastOwner();
    await users.deleteMembership(trx, userId, workspaceId);
  });
}

/**
 * Mails `email` a link that lets them join with the role (7 days, once). Needs SMTP
 * (`not_supported` without); if the mail cannot be sent, no invitation is left behind.
 */
export async function inviteMember(ctx: AppContext, workspaceId: string, input: { email: string; role: Role; invitedBy: User },
  mail: { smtp: SmtpSettings | undefined; baseUrl: string }): Promise<PendingInvitation> {
  await requireWorkspace(ctx, workspaceId);
  if (!mail.smtp) throw new FirmlyError('not_supported', 'invitations are mailed: set SMTP_URL and SMTP_FROM and restart Firmly, or add the person with a password');
  const email = requireEmail(input.email);
  const existing = await users.findUserByEmail(ctx.store.db, email);
  if (existing && (await users.membershipRole(ctx.store.db, existing.id, workspaceId))) {
    throw new FirmlyError('action.already_done', `${email} is a member of this workspace already`, { field: 'email' });
  }
  const { workspace } = await readWorkspaceSettings(ctx, workspaceId);
  const now = ctx.clock.now().epochMilliseconds;
  const token = newToken();
  const invitation: users.StoredInvitation = {
    id: `inv_${randomBytes(9).toString('base64url')}`, workspaceId, email, role: input.role,
    createdAt: instantFromEpochMillis(now), createdBy: input.invitedBy.id, expiresAt: instantFromEpochMillis(now + invitationLifetimeMs), acceptedAt: null,
  };
  await users.insertInvitation(ctx.store.db, { ...invitation, tokenHash: hashToken(token) });
  const locale = workspace?.locale ?? 'en';
  const letter = invitationMail({
    workspaceName: workspace?.name ?? workspaceId, invitedBy: input.invitedBy.email, role: input.role,
    link: accountLink(mail.baseUrl, 'invitation', token), expiresOn: invitation.expiresAt.slice(0, 10) as IsoDate,
  }, locale);
  try {
    await sendAccountMail(mail.smtp, email, letter, locale);
  } catch (error) {
    await users.deleteInvitation(ctx.store.db, workspaceId, invitation.id);
    throw error;
  }
  return toPending(invitation);
}

/** Withdraws an invitation not accepted yet: its link opens nothing from now on. */
export async function revokeInvitation(ctx: AppContext, workspaceId: string, invitationId: string): Promise<void> {
  await requireWorkspace(ctx, workspaceId);
  if (!(await users.deleteInvitation(ctx.store.db, workspaceId, invitationId))) {
    throw new FirmlyError('invitation.not_found', `no invitation "${invitationId}" in this workspace`, { invitationId });
  }
}

export interface InvitationInfo {
  readonly email: string;
  readonly role: Role;
  readonly workspaceId: string;
  readonly workspaceName: string;
  /** They sign in with their password to accept; otherwise they choose one. */
  readonly hasAccount: boolean;
  readonly expiresAt: IsoInstant;
}

// One answer for a token never issued, expired, used or withdrawn: a guesser learns nothing.
const invitationGone = () => new FirmlyError('invitation.not_found', 'this invitation link is unknown, expired or used already; ask the owner for a new one');

type Limited = { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number };

async function openInvitation(ctx: AppContext, token: string, address: string): Promise<users.StoredInvitation | Limited> {
  const now = nowIso(ctx.clock);
  const lookup = await lookUpLink(ctx, token, address, async (tokenHash) => {
    const found = await users.findInvitationByTokenHash(ctx.store.db, tokenHash);
    return found && found.acceptedAt === null && found.expiresAt > now ? found : undefined;
  });
  if (lookup.kind === 'unknown') throw invitationGone();
  return lookup.kind === 'found' ? lookup.found : lookup;
}

/** What an invitation link offers, for the page that accepts it; `invitation.not_found` if it no longer opens. */
export async function describeInvitation(ctx: AppContext, token: string, address: string): Promise<{ kind: 'found'; invitation: InvitationInfo } | Limited> {
  const found = await openInvitation(ctx, token, address);
  if ('kind' in found) return found;
  const { workspace } = await readWorkspaceSettings(ctx, found.workspaceId);
  return {
    kind: 'found',
    invitation: {
      email: found.email, role: found.role, workspaceId: found.workspaceId, workspaceName: workspace?.name ?? found.workspaceId,
      hasAccount: (await users.findUserByEmail(ctx.store.db, found.email)) !== undefined, expiresAt: found.expiresAt as IsoInstant,
    },
  };
}

export type AcceptOutcome =
  | { readonly kind: 'joined'; readonly workspaceId: string; readonly started: NewSession }
  /** The email has an account and this is not its password. */
  | { readonly kind: 'refused' }
  | Limited;

/**
 * Accepts an invitation: the invitee joins the workspace with its role and is signed in. With
 * no account yet, `password` becomes theirs (at least 12 characters); with one, it must be
 * theirs, checked like a sign-in and counted with the sign-ins of that email. The link is
 * used up in the same transaction that adds the membership.
 */
export async function acceptInvitation(ctx: AppContext, input: { token: string; password: string; address: string }): Promise<AcceptOutcome> {
  const found = await openInvitation(ctx, input.token, input.address);
  if ('kind' in found) return found;
  const existing = await users.findUserByEmail(ctx.store.db, found.email);
  let newHash: string | undefined;
  if (existing) {
    const counted = await countAttempt(ctx, [{ key: `email:${found.email}`, max: loginLimits.perEmail, windowMs: loginLimits.windowMs }]);
    if (counted.kind === 'refused') return { kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil(counted.retryAfterMs / 1000)) };
    if (!(await verifyPassword(existing.passwordHash, input.password))) return { kind: 'refused' };
    await forgetAttempts(ctx, counted.ids);
  } else {
    newHash = await acceptablePasswordHash(input.password);
  }
  const now = nowIso(ctx.clock);
  const user = await ctx.store.db.transaction().execute(async (trx) => {
    await users.lockUserDirectory(trx, now);
    if (!(await users.markInvitationAccepted(trx, found.id, now))) throw invitationGone();
    let account = await users.findUserByEmail(trx, found.email);
    if (!account) {
      if (newHash === undefined) throw invitationGone(); // the account was removed meanwhile
      account = { id: randomUUID(), email: found.email, passwordHash: newHash, createdAt: now };
      await users.insertUser(trx, account);
    } else if (!existing) {
      // Created meanwhile (by `firmly user add`, say): the password given is not known to be theirs.
      throw new FirmlyError('action.already_done', `${found.email} has an account now: open the link again and sign in with its password`);
    }
    await users.saveMembership(trx, account.id, found.workspaceId, found.role, now);
    return { id: account.id, email: account.email };
  });
  return { kind: 'joined', workspaceId: found.workspaceId, started: await startSession(ctx, user) };
}
