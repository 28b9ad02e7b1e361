import { FirmlyError } from '../core/errors.ts';
import { describeTarget } from '../store/database.ts';
import { chainHead, ensureWorkspace, workspaceExists } from '../store/ledger-store.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';

/** Fails with `workspace.not_found` rather than answer about a workspace nobody created (a typo in --workspace). */
export async function requireWorkspace(ctx: AppContext, workspaceId: string): Promise<void> {
  if (!(await workspaceExists(ctx.store.db, workspaceId))) {
    throw new FirmlyError('workspace.not_found',
      `no workspace "${workspaceId}" in ${describeTarget(ctx.store.target)}; \`firmly init\` or \`firmly import\` creates it`, { workspaceId });
  }
}

/** Creates the workspace and its empty chain unless they exist. */
export const createWorkspace = (ctx: AppContext, workspaceId: string): Promise<void> => ensureWorkspace(ctx.store.db, workspaceId, nowIso(ctx.clock));

/** True while nothing has been recorded in the workspace. */
export const isWorkspaceEmpty = async (ctx: AppContext, workspaceId: string): Promise<boolean> => (await chainHead(ctx.store.db, workspaceId)).seq === 0;

/** The database in words, for messages: the SQLite file or the PostgreSQL server, never credentials. */
export const describeDatabase = (ctx: AppContext): string => describeTarget(ctx.store.target);
