import type { Kysely, Transaction } from 'kysely';
import { isRole, roles, type Role } from '../core/roles.ts';
import type { Database } from './schema.ts';

// People, their roles per workspace, their sessions and the failed sign-ins the rate limit
// counts (#6). Rows stay here; callers get these shapes.

// The closed set lives in core, where the HTTP contract can name it too.
export { isRole, roles, type Role };

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredUser {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly createdAt: string;
}

export interface WorkspaceMembership {
  readonly workspaceId: string;
  /** The workspace's name from its `workspace.configured`, if it has one. */
  readonly name: string | null;
  readonly role: Role;
  /** The workspace holds the demo (#12). */
  readonly demo: boolean;
}

export interface StoredSession {
  readonly id: string;
  readonly userId: string;
  readonly email: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly lastSeenAt: string;
  readonly csrfSecret: string;
}

const toRole = (text: string): Role => {
  if (!isRole(text)) throw new Error(`membership with an unknown role "${text}"`);
  return text;
};

/**
 * Serialises everything that creates users for the rest of the transaction by writing the one
 * row of `user_directory` first: a row lock on PostgreSQL, the database write lock on SQLite.
 */
export async function lockUserDirectory(trx: Transaction<Database>, now: string): Promise<void> {
  await trx.updateTable('userDirectory').set({ changedAt: now }).where('id', '=', 1).execute();
}

export async function anyUserExists(db: Db): Promise<boolean> {
  return (await db.selectFrom('appUser').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function insertUser(db: Db, user: StoredUser): Promise<void> {
  await db.insertInto('appUser').values(user).execute();
}

export async function findUserByEmail(db: Db, email: string): Promise<StoredUser | undefined> {
  return db.selectFrom('appUser').select(['id', 'email', 'passwordHash', 'createdAt']).where('email', '=', email).executeTakeFirst();
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('appUser').set({ passwordHash }).where('id', '=', userId).execute();
}

/** True when there was one to remove; memberships and sessions go with it. */
export async function deleteUser(db: Db, userId: string): Promise<boolean> {
  // Explicit rather than trusting ON DELETE CASCADE: SQLite enforces it only with foreign_keys on.
  await db.deleteFrom('userSession').where('userId', '=', userId).execute();
  await db.deleteFrom('passwordReset').where('userId', '=', userId).execute();
  await db.deleteFrom('membership').where('userId', '=', userId).execute();
  const result = await db.deleteFrom('appUser').where('id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface UserWithMemberships {
  readonly email: string;
  readonly createdAt: string;
  readonly memberships: readonly { readonly workspaceId: string; readonly role: Role }[];
}

export async function listUsers(db: Db): Promise<UserWithMemberships[]> {
  const users = await db.selectFrom('appUser').select(['id', 'email', 'createdAt']).orderBy('email').execute();
  const memberships = await db.selectFrom('membership').select(['userId', 'workspaceId', 'role']).orderBy('workspaceId').execute();
  return users.map((u) => ({
    email: u.email,
    createdAt: u.createdAt,
    memberships: memberships.filter((m) => m.userId === u.id).map((m) => ({ workspaceId: m.workspaceId, role: toRole(m.role) })),
  }));
}

/** Gives the user this role in the workspace, replacing the one they had there. */
export async function saveMembership(db: Db, userId: string, workspaceId: string, role: Role, now: string): Promise<void> {
  await db.insertInto('membership').values({ userId, workspaceId, role, createdAt: now })
    .onConflict((oc) => oc.columns(['userId', 'workspaceId']).doUpdateSet({ role }))
    .execute();
}

export async function membershipRole(db: Db, userId: string, workspaceId: string): Promise<Role | undefined> {
  const row = await db.selectFrom('membership').select('role').where('userId', '=', userId).where('workspaceId', '=', workspaceId).executeTakeFirst();
  return row ? toRole(row.role) : undefined;
}

export async function membershipsOf(db: Db, userId: string): Promise<WorkspaceMembership[]> {
  const rows = await db.selectFrom('membership')
    .innerJoin('workspace', 'workspace.id', 'membership.workspaceId')
    .leftJoin('workspaceSettings', 'workspaceSettings.workspaceId', 'membership.workspaceId')
    .select(['membership.workspaceId', 'membership.role', 'workspaceSettings.name', 'workspace.demo'])
    .where('membership.userId', '=', userId)
    .orderBy('membership.workspaceId')
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspaceId, name: r.name ?? null, role: toRole(r.role), demo: Number(r.demo) === 1 }));
}

export async function allWorkspaceIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('workspace').select('id').orderBy('id').execute()).map((r) => r.id);
}

export async function insertSession(db: Db, session: Omit<StoredSession, 'email'>): Promise<void> {
  await db.insertInto('userSession').values(session).execute();
}

export async function findSession(db: Db, id: string): Promise<StoredSession | undefined> {
  return db.selectFrom('userSession')
    .innerJoin('appUser', 'appUser.id', 'userSession.userId')
    .select(['userSession.id', 'userSession.userId', 'appUser.email', 'userSession.createdAt', 'userSession.expiresAt', 'userSession.lastSeenAt', 'userSession.csrfSecret'])
    .where('userSession.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable('userSession').set({ lastSeenAt, expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('userSession').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('userSession').where('userId', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('userSession').where('expiresAt', '<=', now).execute();
}

export async function insertSetupCode(db: Db, codeHash: string, createdAt: string): Promise<void> {
  await db.insertInto('setupCode').values({ codeHash, createdAt }).execute();
}

/** The stored hashes of every setup code still valid, for a comparison in constant time. */
export async function setupCodeHashes(db: Db): Promise<string[]> {
  return (await db.selectFrom('setupCode').select('codeHash').orderBy('createdAt').execute()).map((r) => r.codeHash);
}

/** Removes every setup code; how many there were. */
export async function deleteSetupCodes(db: Db): Promise<number> {
  const result = await db.deleteFrom('setupCode').executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function hasSetupCode(db: Db, codeHash: string): Promise<boolean> {
  return (await db.selectFrom('setupCode').select('codeHash').where('codeHash', '=', codeHash).executeTakeFirst()) !== undefined;
}

export interface StoredMember {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  /** When they were given a role in the workspace. */
  readonly since: string;
}

/** The workspace's members, by email. */
export async function membersOf(db: Db, workspaceId: string): Promise<StoredMember[]> {
  const rows = await db.selectFrom('membership')
    .innerJoin('appUser', 'appUser.id', 'membership.userId')
    .select(['membership.userId', 'appUser.email', 'membership.role', 'membership.createdAt'])
    .where('membership.workspaceId', '=', workspaceId)
    .orderBy('appUser.email')
    .execute();
  return rows.map((r) => ({ userId: r.userId, email: r.email, role: toRole(r.role), since: r.createdAt }));
}

export async function countOwners(db: Db, workspaceId: string): Promise<number> {
  const row = await db.selectFrom('membership').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('workspaceId', '=', workspaceId).where('role', '=', 'owner').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** True when there was a membership to remove. */
export async function deleteMembership(db: Db, userId: string, workspaceId: string): Promise<boolean> {
  const result = await db.deleteFrom('membership').where('userId', '=', userId).where('workspaceId', '=', workspaceId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface StoredInvitation {
  readonly id: string;
  readonly workspaceId: string;
  readonly email: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly expiresAt: string;
  readonly acceptedAt: string | null;
}

const invitationColumns = ['id', 'workspaceId', 'email', 'role', 'createdAt', 'createdBy', 'expiresAt', 'acceptedAt'] as const;
const toInvitation = (r: Omit<StoredInvitation, 'role'> & { role: string }): StoredInvitation => ({ ...r, role: toRole(r.role) });

export async function insertInvitation(db: Db, invitation: StoredInvitation & { readonly tokenHash: string }): Promise<void> {
  await db.insertInto('invitation').values(invitation).execute();
}

/** The invitation whose token hashes to `tokenHash`, whatever its state: the caller decides whether it still opens. */
export async function findInvitationByTokenHash(db: Db, tokenHash: string): Promise<StoredInvitation | undefined> {
  const row = await db.selectFrom('invitation').select(invitationColumns).where('tokenHash', '=', tokenHash).executeTakeFirst();
  return row && toInvitation(row);
}

/** Invitations of the workspace not accepted yet and not expired at `now`, newest first. */
export async function pendingInvitations(db: Db, workspaceId: string, now: string): Promise<StoredInvitation[]> {
  const rows = await db.selectFrom('invitation').select(invitationColumns)
    .where('workspaceId', '=', workspaceId).where('acceptedAt', 'is', null).where('expiresAt', '>', now)
    .orderBy('createdAt', 'desc').orderBy('id').execute();
  return rows.map(toInvitation);
}

/** Marks the invitation used unless it already is; false when another acceptance came first. */
export async function markInvitationAccepted(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db.updateTable('invitation').set({ acceptedAt: now }).where('id', '=', id).where('acceptedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** True when the workspace had such an invitation to delete. */
export async function deleteInvitation(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('invitation').where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface StoredPasswordReset {
  readonly userId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** Stores a reset link's hash as the user's only one: a new link supersedes older ones. */
export async function replacePasswordReset(db: Db, reset: StoredPasswordReset & { readonly tokenHash: string }): Promise<void> {
  await db.deleteFrom('passwordReset').where('userId', '=', reset.userId).execute();
  await db.insertInto('passwordReset').values(reset).execute();
}

export async function findPasswordReset(db: Db, tokenHash: string): Promise<StoredPasswordReset | undefined> {
  return db.selectFrom('passwordReset').select(['userId', 'createdAt', 'expiresAt']).where('tokenHash', '=', tokenHash).executeTakeFirst();
}

/** Uses the link up; false when it was gone already (used by a request a moment earlier). */
export async function deletePasswordReset(db: Db, tokenHash: string): Promise<boolean> {
  const result = await db.deleteFrom('passwordReset').where('tokenHash', '=', tokenHash).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteExpiredPasswordResets(db: Db, now: string): Promise<void> {
  await db.deleteFrom('passwordReset').where('expiresAt', '<=', now).execute();
}

export async function findUserById(db: Db, id: string): Promise<StoredUser | undefined> {
  return db.selectFrom('appUser').select(['id', 'email', 'passwordHash', 'createdAt']).where('id', '=', id).executeTakeFirst();
}

/** The users who own at least one workspace. */
export async function ownerIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('membership').select('userId').distinct().where('role', '=', 'owner').orderBy('userId').execute()).map((r) => r.userId);
}
