import { randomUUID } from 'node:crypto';
import type { IsoDate, IsoInstant } from '../core/dates.ts';
import { instantFromEpochMillis } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { asOf, replayWorkspace, workspaceTimeZone } from '../core/assess/replay.ts';
import { defaultRules, mergeRules, type Rules } from '../core/assess/rules.ts';
import type { LedgerEvent } from '../core/ledger/events.ts';
import { parseEvent } from '../core/ledger/parse-event.ts';
import type { WorkspaceView } from '../core/ledger/read-model.ts';
import type { RulesOverride } from '../core/ledger/rules-wire.ts';
import { LedgerAppender } from '../store/ledger-store.ts';
import { nowIso, todayIn } from './clock.ts';
import type { AppContext } from './context.ts';
import { readWorkspaceEvents } from './assess-workspace.ts';
import { requireWorkspace } from './workspace.ts';

// The workspace's own settings are ledger facts like any other (`workspace.configured`,
// `workspace.rules`): changing one appends an event, so what an assessment of a past day used
// can always be replayed.

export interface WorkspaceSettings {
  /** As it stands today; undefined until the workspace is configured. */
  readonly workspace: WorkspaceView | undefined;
  readonly rules: {
    /** The thresholds in force: Firmly's defaults with the workspace's overrides (a contract may override further). */
    readonly effective: Rules;
    /** What the workspace set itself (`workspace.rules`). */
    readonly overrides: RulesOverride;
  };
}

export async function readWorkspaceSettings(ctx: AppContext, workspaceId: string): Promise<WorkspaceSettings> {
  await requireWorkspace(ctx, workspaceId);
  const events = await readWorkspaceEvents(ctx, workspaceId);
  const timeZone = workspaceTimeZone(events);
  const workspace = replayWorkspace(events, asOf(todayIn(ctx.clock, timeZone) as IsoDate, timeZone));
  const overrides = workspace?.rules ?? {};
  return { workspace, rules: { effective: mergeRules(defaultRules, overrides), overrides } };
}

/**
 * Appends a `workspace.configured` with these settings (the data of that event, as LEDGER.md
 * has it); a field the ledger refuses fails with `input.invalid` naming it.
 */
export const configureWorkspace = (ctx: AppContext, workspaceId: string, data: unknown): Promise<WorkspaceSettings> =>
  appendSetting(ctx, workspaceId, 'workspace.configured', data);

/** Appends a `workspace.rules`: these overrides replace the ones set before. Needs a configured workspace. */
export const setWorkspaceRules = (ctx: AppContext, workspaceId: string, rules: unknown): Promise<WorkspaceSettings> =>
  appendSetting(ctx, workspaceId, 'workspace.rules', { rules });

/** The settings event with these data, or `input.invalid` naming the field the ledger refuses. */
export function settingEvent(type: 'workspace.configured' | 'workspace.rules', at: IsoInstant, data: unknown): LedgerEvent {
  const parsed = parseEvent({ id: `settings:${randomUUID()}`, type, at, data });
  if (!parsed.ok) throw new FirmlyError('input.invalid', parsed.reason.replace(`${type}: `, ''), { reason: parsed.reason });
  return parsed.event;
}

async function appendSetting(ctx: AppContext, workspaceId: string, type: 'workspace.configured' | 'workspace.rules', data: unknown): Promise<WorkspaceSettings> {
  await requireWorkspace(ctx, workspaceId);
  // Replay orders by `at`, then id: a setting saved in the same millisecond as the one before
  // it must still come after it, so it is dated at least a millisecond later.
  const latest = (await readWorkspaceEvents(ctx, workspaceId)).reduce((max, e) => (e.at > max ? e.at : max), '');
  const now = nowIso(ctx.clock);
  const at: IsoInstant = latest !== '' && latest >= now ? instantFromEpochMillis(Date.parse(latest) + 1) : now;
  const event = settingEvent(type, at, data);
  await ctx.store.db.transaction().execute(async (trx) => {
    const appender = await LedgerAppender.open(trx, { workspaceId, dialect: ctx.store.dialect, sha256: ctx.sha256, now: () => nowIso(ctx.clock) });
    const rejected = (await appender.append([event])).rejections[0];
    if (rejected) throw new FirmlyError('ledger.conflict', `${type} cannot be recorded: ${rejected.reason}`, { reason: rejected.reason });
    await appender.close();
  });
  return readWorkspaceSettings(ctx, workspaceId);
}
