import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { FirmlyError } from '../core/errors.ts';
import { ensureWorkspace } from '../store/ledger-store.ts';
import * as users from '../store/user-store.ts';
import { roles, type Role, type UserWithMemberships, type WorkspaceMembership } from '../store/user-store.ts';
import { hashPassword, passwordProblem } from './auth-password.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { checkSetupCode } from './setup-code.ts';

// Accounts and memberships (#6): who may sign in, and what they may do in which workspace.

export { roles, type Role, type UserWithMemberships, type WorkspaceMembership };

/** Whether `actual` allows what `needed` allows: owner › member › viewer. */
export const hasRole = (actual: Role, needed: Role): boolean => roles.indexOf(actual) >= roles.indexOf(needed);

export interface User {
  readonly id: string;
  readonly email: string;
}

const Email = z.email();

/** The form an email is stored and compared in (trimmed, NFC, lower case), or undefined if it is not an address. */
export function parseEmail(text: string): string | undefined {
  const email = text.trim().normalize('NFC').toLowerCase();
  return email.length <= 254 && Email.safeParse(email).success ? email : undefined;
}

/** The stored form of an email; `input.invalid` naming `email` if it is not an address. */
export function requireEmail(text: string): string {
  const email = parseEmail(text);
  if (!email) throw new FirmlyError('input.invalid', `"${text}" is not an email address`, { field: 'email' });
  return email;
}

/** The argon2id hash of a password the rules accept; `input.invalid` naming `password` otherwise. */
export async function acceptablePasswordHash(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new FirmlyError('input.invalid', problem, { field: 'password' });
  return hashPassword(password);
}

export async function findUser(ctx: AppContext, email: string): Promise<User | undefined> {
  const user = await users.findUserByEmail(ctx.store.db, requireEmail(email));
  return user && { id: user.id, email: user.email };
}

/** True until the first user exists: the web app then offers the first-run setup. */
export const isSetupNeeded = async (ctx: AppContext): Promise<boolean> => !(await users.anyUserExists(ctx.store.db));

export interface NewUser {
  readonly email: string;
  readonly password: string;
  readonly workspaceId: string;
  /** Default: owner for the first user of the database, member after. */
  readonly role?: Role;
}

export interface AddedUser extends User {
  readonly role: Role;
  /** The workspace did not exist and was created. */
  readonly workspaceCreated: boolean;
}

/** Creates a user with a role in one workspace (created if missing); `action.already_done` if the email is taken. */
export async function addUser(ctx: AppContext, input: NewUser): Promise<AddedUser> {
  const email = requireEmail(input.email);
  const passwordHash = await acceptablePasswordHash(input.password);
  const now = nowIso(ctx.clock);
  return ctx.store.db.transaction().execute(async (trx) => {
    await users.lockUserDirectory(trx, now);
    if (await users.findUserByEmail(trx, email)) throw new FirmlyError('action.already_done', `there is already a user ${email}`, { field: 'email' });
    const role = input.role ?? ((await users.anyUserExists(trx)) ? 'member' : 'owner');
    const workspaceCreated = !(await users.allWorkspaceIds(trx)).includes(input.workspaceId);
    await ensureWorkspace(trx, input.workspaceId, now);
    const id = randomUUID();
    await users.insertUser(trx, { id, email, passwordHash, createdAt: now });
    await users.saveMembership(trx, id, input.workspaceId, role, now);
    return { id, email, role, workspaceCreated };
  });
}

export type SetupOutcome =
  | { readonly kind: 'set-up'; readonly user: User }
  /** The setup code was missing or wrong (or used up by now). */
  | { readonly kind: 'code-refused'; readonly missing: boolean }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number };

/**
 * The first-run setup: creates the first user as owner of every workspace in the database
 * (creating `workspaceId` if there is none), only while there is no user at all and only with
 * a setup code `firmly serve` printed (#19 F4), which it consumes. Two setups at once take
 * turns on the user directory's lock, so exactly one succeeds; the other, like any later one,
 * fails with `action.already_done`.
 */
export async function setUpFirstOwner(ctx: AppContext, input: { email: string; password: string; workspaceId: string; setupCode: string | undefined; address: string }): Promise<SetupOutcome> {
  const email = requireEmail(input.email);
  // Refused before the code and the hashing: once set up, a stream of setups must not cost argon2 each.
  if (await users.anyUserExists(ctx.store.db)) throw alreadySetUp();
  const code = await checkSetupCode(ctx, input.setupCode, input.address);
  if (code.kind === 'refused') return { kind: 'code-refused', missing: code.missing };
  if (code.kind === 'rate-limited') return code;
  const passwordHash = await acceptablePasswordHash(input.password);
  const now = nowIso(ctx.clock);
  return ctx.store.db.transaction().execute(async (trx) => {
    await users.lockUserDirectory(trx, now);
    if (await users.anyUserExists(trx)) throw alreadySetUp();
    // Consumed with the owner's creation: if that fails, the code still works; if it commits, no code does.
    if (!(await users.hasSetupCode(trx, code.codeHash))) return { kind: 'code-refused', missing: false } as const;
    await users.deleteSetupCodes(trx);
    await ensureWorkspace(trx, input.workspaceId, now);
    const id = randomUUID();
    await users.insertUser(trx, { id, email, passwordHash, createdAt: now });
    for (const workspaceId of await users.allWorkspaceIds(trx)) await users.saveMembership(trx, id, workspaceId, 'owner', now);
    return { kind: 'set-up', user: { id, email } } as const;
  });
}

const alreadySetUp = () => new FirmlyError('action.already_done', 'Firmly is already set up: sign in instead');

/** Gives an existing user a role in a workspace (created if missing), replacing the role they had there. */
export async function grantRole(ctx: AppContext, email: string, workspaceId: string, role: Role): Promise<{ workspaceCreated: boolean }> {
  const normalised = requireEmail(email);
  const now = nowIso(ctx.clock);
  return ctx.store.db.transaction().execute(async (trx) => {
    const user = await users.findUserByEmail(trx, normalised);
    if (!user) throw new FirmlyError('input.invalid', `there is no user ${normalised}`, { field: 'email' });
    const workspaceCreated = !(await users.allWorkspaceIds(trx)).includes(workspaceId);
    await ensureWorkspace(trx, workspaceId, now);
    await users.saveMembership(trx, user.id, workspaceId, role, now);
    return { workspaceCreated };
  });
}

/** Sets a new password and signs the user out everywhere. */
export async function changePassword(ctx: AppContext, email: string, password: string): Promise<void> {
  const normalised = requireEmail(email);
  const passwordHash = await acceptablePasswordHash(password);
  await ctx.store.db.transaction().execute(async (trx) => {
    const user = await users.findUserByEmail(trx, normalised);
    if (!user) throw new FirmlyError('input.invalid', `there is no user ${normalised}`, { field: 'email' });
    await users.setPasswordHash(trx, user.id, passwordHash);
    await users.deleteSessionsOfUser(trx, user.id);
  });
}

/** Removes the user with their memberships and sessions (signed out at once); false if there was none. */
export async function removeUser(ctx: AppContext, email: string): Promise<boolean> {
  const normalised = requireEmail(email);
  return ctx.store.db.transaction().execute(async (trx) => {
    const user = await users.findUserByEmail(trx, normalised);
    return user ? users.deleteUser(trx, user.id) : false;
  });
}

export const listUsers = (ctx: AppContext): Promise<UserWithMemberships[]> => users.listUsers(ctx.store.db);

/** The workspaces the user is a member of, with their role in each, by id. */
export const workspacesOf = (ctx: AppContext, userId: string): Promise<WorkspaceMembership[]> => users.membershipsOf(ctx.store.db, userId);

/** The user's role in the workspace; undefined when they are not a member or it does not exist (callers answer both alike). */
export const roleIn = (ctx: AppContext, userId: string, workspaceId: string): Promise<Role | undefined> => users.membershipRole(ctx.store.db, userId, workspaceId);
