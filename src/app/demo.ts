import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { FirmlyError } from '../core/errors.ts';
import { Temporal, type IsoDate } from '../core/dates.ts';
import { redateLedger, wholeWeeksShift, type WireEvent } from '../core/ledger/redate.ts';
import { chainHead, ensureWorkspace } from '../store/ledger-store.ts';
import { ownerIds } from '../store/user-store.ts';
import { deleteWorkspaceRows, markDemo, workspaceKind } from '../store/workspace-store.ts';
import { nowIso, todayIn } from './clock.ts';
import type { AppContext } from './context.ts';
import { importLedger, type ImportReport } from './import-ledger.ts';

/** The folder holding package.json, from sources (src/) and from the build (dist/src/) alike. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const demoLedgerFile = (): string => resolve(packageRoot(), 'demo', 'workspace.jsonl');

/** The demo lives in a workspace of its own, never in the user's (#12). */
export const demoWorkspaceId = 'demo';

export interface DemoStory {
  readonly events: readonly WireEvent[];
  readonly timeZone: string;
  /** The story's last day, its "today", in its time zone (2026-11-20 for the committed demo). */
  readonly end: IsoDate;
}

let story: DemoStory | undefined;

/** The demo as its generator wrote it (scripts/generate-demo.ts), read once. */
export function demoStory(): DemoStory {
  if (story) return story;
  const events = readFileSync(demoLedgerFile(), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as WireEvent);
  const configured = events.find((e) => e.type === 'workspace.configured');
  const timeZone = String(configured?.data.timezone ?? 'UTC');
  const last = events.reduce((max, e) => (e.at > max ? e.at : max), '');
  const end = Temporal.Instant.from(last).toZonedDateTimeISO(timeZone).toPlainDate().toString() as IsoDate;
  story = { events, timeZone, end };
  return story;
}

/** The demo dated so that its last day is `at` or up to 6 days before (whole weeks: see wholeWeeksShift). */
export function datedDemo(at: IsoDate): { readonly events: WireEvent[]; readonly shiftDays: number; readonly storyEnd: IsoDate } {
  const { events, timeZone, end } = demoStory();
  const shiftDays = wholeWeeksShift(end, at);
  return { events: redateLedger(events, { days: shiftDays, timeZone }), shiftDays, storyEnd: Temporal.PlainDate.from(end).add({ days: shiftDays }).toString() as IsoDate };
}

export type DemoLoad =
  | {
    readonly kind: 'loaded'; readonly workspaceId: string;
    /** The day asked for (default today in the demo's time zone). */
    readonly datedOn: IsoDate;
    /** Days the story moved, a multiple of 7, and the day it now ends on. */
    readonly shiftDays: number; readonly storyEnd: IsoDate;
    readonly report: ImportReport;
  }
  /** The workspace already holds the demo: nothing was added. */
  | { readonly kind: 'already-loaded'; readonly workspaceId: string; readonly datedOn: IsoDate | null };

/**
 * Loads the demo agency into its own workspace (`demo` unless told otherwise), dated relative to
 * `at` (default today). A workspace that already holds the demo gets nothing more, whatever day
 * is asked for: the same events dated otherwise would conflict with those there. A workspace of
 * that name holding anything else is left alone (`ledger.conflict`). Every user who owns a
 * workspace becomes an owner of the demo, so it shows in their web app.
 */
export async function loadDemo(ctx: AppContext, workspaceId: string = demoWorkspaceId, options: { readonly at?: IsoDate } = {}): Promise<DemoLoad> {
  const kind = await workspaceKind(ctx.store.db, workspaceId);
  const empty = kind === undefined || (await chainHead(ctx.store.db, workspaceId)).seq === 0;
  if (kind?.demo && !empty) return { kind: 'already-loaded', workspaceId, datedOn: kind.demoDatedOn as IsoDate | null };
  if (!empty) {
    throw new FirmlyError('ledger.conflict', `workspace "${workspaceId}" already holds a ledger that is not the demo; it is left as it is`, { workspaceId });
  }
  const at = options.at ?? (todayIn(ctx.clock, demoStory().timeZone) as IsoDate);
  const dated = datedDemo(at);
  // Marked before the import: if the import fails, the workspace is an empty demo that the
  // next load fills, and never a demo-looking workspace that cannot be told from the user's.
  const now = nowIso(ctx.clock);
  await ctx.store.db.transaction().execute(async (trx) => {
    await ensureWorkspace(trx, workspaceId, now);
    await markDemo(trx, workspaceId, at);
    for (const userId of await ownerIds(trx)) {
      await trx.insertInto('membership').values({ userId, workspaceId, role: 'owner', createdAt: now })
        .onConflict((oc) => oc.columns(['userId', 'workspaceId']).doNothing()).execute();
    }
  });
  const lines = dated.events.map((e) => JSON.stringify(e) + '\n');
  const report = await importLedger(ctx, workspaceId, [{ name: `demo/workspace.jsonl dated to ${at}`, open: () => Readable.from(lines) }]);
  return { kind: 'loaded', workspaceId, datedOn: at, shiftDays: dated.shiftDays, storyEnd: dated.storyEnd, report };
}

/**
 * Deletes a demo workspace with every row it has (ledger, read models, outbox, templates,
 * portal links, memberships), in one transaction. `workspace.not_found` when there is none,
 * `workspace.not_demo` for any other workspace: only the demo goes this way.
 */
export async function removeDemo(ctx: AppContext, workspaceId: string = demoWorkspaceId): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const kind = await workspaceKind(trx, workspaceId);
    if (!kind) throw new FirmlyError('workspace.not_found', `no workspace "${workspaceId}"`, { workspaceId });
    if (!kind.demo) {
      throw new FirmlyError('workspace.not_demo', `workspace "${workspaceId}" is not a demo; only a demo workspace can be removed`, { workspaceId });
    }
    await deleteWorkspaceRows(trx, workspaceId);
  });
}


/**
 * The first-run choice (#12), once the owner exists: `demo` loads the demo if it is not there
 * (its owners include the new one); `empty` removes a demo that `serve --with-demo` loaded, so
 * the owner has their own empty workspace and nothing else.
 */
export async function startInstallation(ctx: AppContext, start: 'empty' | 'demo', ownWorkspaceId: string): Promise<DemoLoad | undefined> {
  if (start === 'demo') return loadDemo(ctx, demoWorkspaceId);
  const kind = await workspaceKind(ctx.store.db, demoWorkspaceId);
  if (kind?.demo && ownWorkspaceId !== demoWorkspaceId) await removeDemo(ctx, demoWorkspaceId);
  return undefined;
}
