import { verifyLedger, type Verification } from '../store/ledger-store.ts';
import { rebuildViews } from '../store/rebuild.ts';
import type { AppContext } from './context.ts';
import { requireWorkspace } from './workspace.ts';

/** Recomputes the workspace's hash chain; names the first event that breaks it. */
export async function verifyWorkspace(ctx: AppContext, workspaceId: string): Promise<Verification> {
  await requireWorkspace(ctx, workspaceId);
  return verifyLedger(ctx.store.db, workspaceId, ctx.sha256);
}

/** Recreates every read model of the workspace from its ledger. */
export async function rebuildWorkspace(ctx: AppContext, workspaceId: string): Promise<{ events: number }> {
  await requireWorkspace(ctx, workspaceId);
  return rebuildViews(ctx.store.db, ctx.store.dialect, workspaceId);
}

