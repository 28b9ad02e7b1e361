import { FirmlyError } from '../core/errors.ts';
import { LedgerAppender } from '../store/ledger-store.ts';
import * as users from '../store/user-store.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { settingEvent } from './workspace-settings.ts';

// A workspace made from Settings (#12 item 5): its row, its first `workspace.configured` and
// its creator as owner, in one transaction, or none of them.

/** Letters, digits, _ and -, as FIRMLY_WORKSPACE and the ledger's paths have it. */
export const workspaceIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Creates the workspace `workspaceId`, configured with `settings` (the data of a
 * `workspace.configured`), with `userId` as its owner. Only an owner of at least one
 * workspace may (`auth.forbidden`); an id in use is `action.already_done`.
 */
export async function createConfiguredWorkspace(ctx: AppContext, userId: string, workspaceId: string, settings: unknown): Promise<void> {
  if (!workspaceIdPattern.test(workspaceId)) {
    throw new FirmlyError('input.invalid', `"${workspaceId}" is not a workspace id: letters, digits, _ and - only, 1 to 64 of them`, { field: 'id' });
  }
  if (!(await users.membershipsOf(ctx.store.db, userId)).some((m) => m.role === 'owner')) {
    throw new FirmlyError('auth.forbidden', 'only an owner of a workspace may create workspaces', { reason: 'role', needed: 'owner' });
  }
  const now = nowIso(ctx.clock);
  const event = settingEvent('workspace.configured', now, settings); // refused before anything is written
  await ctx.store.db.transaction().execute(async (trx) => {
    // Two creations of the same id take turns here, so the second finds the first's row.
    await users.lockUserDirectory(trx, now);
    if ((await users.allWorkspaceIds(trx)).includes(workspaceId)) {
      throw new FirmlyError('action.already_done', `there is already a workspace "${workspaceId}"`, { field: 'id' });
    }
    const appender = await LedgerAppender.open(trx, { workspaceId, dialect: ctx.store.dialect, sha256: ctx.sha256, now: () => nowIso(ctx.clock) });
    const rejected = (await appender.append([event])).rejections[0];
    if (rejected) throw new FirmlyError('ledger.conflict', `workspace.configured cannot be recorded: ${rejected.reason}`, { reason: rejected.reason });
    await appender.close();
    await users.saveMembership(trx, userId, workspaceId, 'owner', now);
  });
}
