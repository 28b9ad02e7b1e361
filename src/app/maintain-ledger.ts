import type { ChainTip } from '../core/ledger/chain.ts';
import type { StoredEvent } from '../core/ledger/events.ts';
import { FirmlyError } from '../core/errors.ts';
import { verifyLedger, type Verification } from '../store/ledger-store.ts';
import { rebuildViews, type Rebuilt } from '../store/rebuild.ts';
export type { ReadModelDifference } from '../store/views/compare-views.ts';
import type { AppContext } from './context.ts';
import { requireWorkspace } from './workspace.ts';

export interface VerifyWorkspaceOptions {
  /** Also recompute every read model from the ledger and name each stored value that differs. */
  readonly readModels?: boolean;
}

/** Recomputes the workspace's hash chain and the columns beside it; names the first event that breaks it. */
export async function verifyWorkspace(ctx: AppContext, workspaceId: string, options: VerifyWorkspaceOptions = {}): Promise<Verification> {
  await requireWorkspace(ctx, workspaceId);
  return verifyLedger(ctx.store.db, workspaceId, ctx.sha256, { readModels: options.readModels ?? false });
}

/** Recreates every read model of the workspace from its ledger, and each event's client_id. */
export async function rebuildWorkspace(ctx: AppContext, workspaceId: string): Promise<Rebuilt> {
  await requireWorkspace(ctx, workspaceId);
  return rebuildViews(ctx.store.db, ctx.store.dialect, workspaceId);
}

/**
 * The client's events up to `head`, as the verified ledger gives them: every event whose
 * hashed content names the client, found by verifying the chain up to `head` rather than
 * through `client_id`. Fails with `ledger.corrupt` when the chain or a column beside it does
 * not verify, so nothing is built from it. Costs one pass of `firmly verify` over the ledger.
 */
export async function verifiedClientEvents(ctx: AppContext, workspaceId: string, clientId: string, head: ChainTip): Promise<StoredEvent[]> {
  const verified: StoredEvent[] = [];
  const result = await verifyLedger(ctx.store.db, workspaceId, ctx.sha256, {
    through: head,
    onEvent: (event, owner) => { if (owner === clientId) verified.push(event); },
  });
  if (!result.ok) {
    const at = 'seq' in result ? ` at seq ${result.seq}` : '';
    throw new FirmlyError('ledger.corrupt', `the ledger does not verify${at}: ${result.reason}. Nothing was built from it; \`firmly verify\` names the fault`,
      { ...('seq' in result ? { seq: result.seq } : {}), ...('column' in result ? { column: result.column } : {}) });
  }
  return verified;
}

/**
 * Fails with `ledger.corrupt` unless `read` (the client's events as a query found them) are
 * exactly `verified`: a NULLed client_id cannot leave an event out, nor a forged one pull
 * another client's in (#19 F3).
 */
export function requireVerifiedEvents(clientId: string, verified: readonly StoredEvent[], read: readonly StoredEvent[]): void {
  const found = new Map(read.map((event) => [event.seq, event]));
  for (const event of verified) {
    if (found.get(event.seq)?.hash !== event.hash) {
      throw new FirmlyError('ledger.corrupt', `the event at seq ${event.seq} is about client "${clientId}" but was not read among its events. Nothing was built from them`, { seq: event.seq });
    }
    found.delete(event.seq);
  }
  const [stray] = found.keys();
  if (stray !== undefined) {
    throw new FirmlyError('ledger.corrupt', `the event at seq ${stray} was read among client "${clientId}"'s events but its hashed content names another. Nothing was built from them`, { seq: stray });
  }
}
