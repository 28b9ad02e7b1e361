import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json.ts';
import { FirmlyError } from '../core/errors.ts';
import type { LedgerEvent, StoredEvent } from '../core/ledger/events.ts';
import { recordableTypes } from '../core/ledger/recordable.ts';
import { parseEvent } from '../core/ledger/parse-event.ts';
import { findEventById, LedgerAppender, readEvents, type BatchOutcome } from '../store/ledger-store.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { requireWorkspace } from './workspace.ts';

export { recordableTypes };
export type RecordableType = (typeof recordableTypes)[number];

export interface RecordInput {
  readonly type: RecordableType;
  readonly data: Readonly<Record<string, unknown>>;
  /** When it happened; now when absent. */
  readonly at?: string | undefined;
  /** The event's id; a new one when absent. Sending the same id again replays instead of recording twice. */
  readonly id?: string | undefined;
}

export interface Recorded {
  readonly event: StoredEvent;
  /** False when the same event was on record already (an idempotent replay). */
  readonly created: boolean;
}

/** `evt_` and 80 random bits in hex: unique without coordination, short enough to read out. */
export const newEventId = (): string => `evt_${randomBytes(10).toString('hex')}`;

/**
 * Records one event a person entered, exactly as an imported line is recorded: the same
 * schema (`parseEvent`), the same checks against the record and the same append
 * (`LedgerAppender`), in one transaction — all or nothing. The same id with the same type,
 * data (and `at`, when given) is a replay that records nothing; with anything else it is a
 * conflict.
 */
export async function recordEvent(ctx: AppContext, workspaceId: string, input: RecordInput): Promise<Recorded> {
  await requireWorkspace(ctx, workspaceId);
  if (input.id !== undefined) return record(ctx, workspaceId, input, input.id);
  // A random id can only collide by an accident of 2^-80; a second draw settles it.
  try {
    return await record(ctx, workspaceId, input, newEventId());
  } catch (error) {
    if (!(error instanceof FirmlyError) || error.code !== 'ledger.conflict') throw error;
    return record(ctx, workspaceId, input, newEventId());
  }
}

async function record(ctx: AppContext, workspaceId: string, input: RecordInput, id: string): Promise<Recorded> {
  const parsed = parseEvent({ id, type: input.type, at: input.at ?? nowIso(ctx.clock), data: input.data });
  if (!parsed.ok) throw new FirmlyError('input.invalid', parsed.reason, { reason: parsed.reason });
  const event = parsed.event;

  // A retry that leaves `at` out gets a new "now": what makes it the same event is its type and data.
  if (input.id !== undefined && input.at === undefined) {
    const previous = await findEvent(ctx, workspaceId, event);
    if (previous) {
      if (canonicalJson(previous.data) === canonicalJson(event.data)) return { event: previous, created: false };
      throw conflict(event, 'it is already used by a different event');
    }
  }

  const stored = await ctx.store.db.transaction().execute(async (trx) => {
    const appender = await LedgerAppender.open(trx, { workspaceId, dialect: ctx.store.dialect, sha256: ctx.sha256, now: () => nowIso(ctx.clock) });
    const result: BatchOutcome = await appender.append([event]);
    const rejection = result.rejections[0];
    if (rejection) throw rejected(event, rejection.reason); // rolls the transaction back
    const seq = (await appender.close()).seq;
    if (result.skipped > 0) return undefined;
    // Read back before committing, not after: an event the database keeps differently from
    // how it was hashed (#19 F1: a lone surrogate stored as U+FFFD) was answered with a 500
    // *after* it had been committed, and broke `verify` for good. Now it is never committed.
    const [back] = await readEvents(trx, workspaceId, {}, { afterSeq: seq - 1, limit: 1 });
    if (!back || !storedAsHashed(back, event)) {
      throw new FirmlyError('internal', `event "${event.id}" would not be stored as it was hashed; nothing was recorded`);
    }
    return back;
  });

  if (stored) return { event: stored, created: true };
  const previous = await findEvent(ctx, workspaceId, event);
  if (!previous) throw new FirmlyError('internal', `event "${event.id}" was reported on record but cannot be read`);
  return { event: previous, created: false };
}

const storedAsHashed = (stored: StoredEvent, event: LedgerEvent): boolean =>
  stored.id === event.id && stored.type === event.type && stored.at === event.at && canonicalJson(stored.data) === canonicalJson(event.data);

const conflict = (event: LedgerEvent, reason: string) =>
  new FirmlyError('ledger.conflict', `id "${event.id}" cannot be used: ${reason}`, { eventId: event.id, reason });

function rejected(event: LedgerEvent, reason: string): FirmlyError {
  // The appender states a clash of ids in words only; it is the one rejection that is about
  // the id rather than the facts, so it gets its own code (409) and the rest stay 422.
  if (/already used by a different event/.test(reason)) return conflict(event, reason);
  return new FirmlyError('import.rejected', `${event.type} cannot be recorded: ${reason}`, { eventId: event.id, reason });
}

const findEvent = (ctx: AppContext, workspaceId: string, event: LedgerEvent): Promise<StoredEvent | undefined> =>
  findEventById(ctx.store.db, workspaceId, event.id);
