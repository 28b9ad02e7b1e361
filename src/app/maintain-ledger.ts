import { verifyLedger, type Verification } from '../store/ledger-store.ts';
import { rebuildViews } from '../store/rebuild.ts';
import type { AppContext } from './context.ts';

/** Recomputes the workspace's hash chain; names the first event that breaks it. */
export const verifyWorkspace = (ctx: AppContext, workspaceId: string): Promise<Verification> =>
  verifyLedger(ctx.store.db, workspaceId, ctx.sha256);

/** Recreates every read model of the workspace from its ledger. */
export const rebuildWorkspace = (ctx: AppContext, workspaceId: string) => rebuildViews(ctx.store.db, workspaceId);

