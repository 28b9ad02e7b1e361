import type { Kysely, Transaction } from 'kysely';
import { canonicalJson } from '../core/canonical-json.ts';
import type { ClientId, EventId } from '../core/brand.ts';
import type { IsoInstant } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { chainBreak, emptyChain, sealEvent, type ChainTip, type Sha256Hex } from '../core/ledger/chain.ts';
import { ClientIndex, type EventClient } from '../core/ledger/event-client.ts';
import type { EventType, LedgerEvent, StoredEvent } from '../core/ledger/events.ts';
import { collectNeeds, projectEvent } from '../core/ledger/project.ts';
import { emptyNeeds, ViewUnit } from '../core/ledger/view-unit.ts';
import type { Database, LedgerEventTable } from './schema.ts';
import { chunksFor, flushViews, loadViews } from './views/view-store.ts';
import { compareViews, type ReadModelCheck } from './views/compare-views.ts';
import { StatisticsKeeper } from './statistics.ts';
import type { Dialect } from './database.ts';

export interface Rejection {
  /** Position of the event in the batch handed to `append`. */
  readonly index: number;
  readonly reason: string;
}

export interface BatchOutcome {
  readonly appended: number;
  /** Events already in the ledger with the same id and content: importing twice adds nothing. */
  readonly skipped: number;
  readonly rejections: readonly Rejection[];
}

type Row = Omit<LedgerEventTable, 'workspaceId'>;

const LEDGER_COLUMNS = 10;

/** Creates the workspace and its empty chain if they do not exist yet. */
export async function ensureWorkspace(db: Kysely<Database> | Transaction<Database>, workspaceId: string, now: IsoInstant): Promise<void> {
  await db.insertInto('workspace').values({ id: workspaceId, createdAt: now }).onConflict((oc) => oc.column('id').doNothing()).execute();
  await db.insertInto('ledgerHead').values({ workspaceId, seq: 0, hash: emptyChain.hash })
    .onConflict((oc) => oc.column('workspaceId').doNothing()).execute();
}

/**
 * Takes the workspace's write lock for the rest of the transaction by writing its head row
 * first: a row lock on PostgreSQL, the database write lock on SQLite (taken now rather than
 * upgraded from a read later, which can fail). SQLite waits `busy_timeout` for another writer.
 */
export async function lockHead(trx: Transaction<Database>, workspaceId: string): Promise<void> {
  await trx.updateTable('ledgerHead').set((eb) => ({ seq: eb.ref('seq') })).where('workspaceId', '=', workspaceId).execute();
}

/** Runs the first writes of a transaction, turning SQLite's "another writer holds the lock" into `ledger.busy`. */
async function firstWrites<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new FirmlyError('ledger.busy', 'another process is writing to this database (an import?); try again when it has finished', {}, { cause: error });
    }
    throw error;
  }
}

export async function workspaceExists(db: Kysely<Database>, workspaceId: string): Promise<boolean> {
  return (await db.selectFrom('workspace').select('id').where('id', '=', workspaceId).executeTakeFirst()) !== undefined;
}

export interface AppenderOptions {
  readonly workspaceId: string;
  readonly dialect: Dialect;
  readonly sha256: Sha256Hex;
  /** The `recordedAt` of what is appended now. */
  readonly now: () => IsoInstant;
}

/**
 * Appends events to one workspace's ledger inside a caller's transaction: checks each
 * against what is on record, projects it into the read models, chains and stores it.
 * Begin with `LedgerAppender.open`, which locks the chain's head for the transaction.
 */
export class LedgerAppender {
  private constructor(
    private readonly trx: Transaction<Database>,
    private readonly options: AppenderOptions,
    private readonly statistics: StatisticsKeeper,
    private tip: ChainTip,
  ) {}

  static async open(trx: Transaction<Database>, options: AppenderOptions): Promise<LedgerAppender> {
    const { workspaceId, now } = options;
    await firstWrites(async () => {
      await ensureWorkspace(trx, workspaceId, now());
      await lockHead(trx, workspaceId);
    });
    const head = await trx.selectFrom('ledgerHead').select(['seq', 'hash']).where('workspaceId', '=', workspaceId).executeTakeFirstOrThrow();
    return new LedgerAppender(trx, options, new StatisticsKeeper(options.dialect), { seq: head.seq, hash: head.hash });
  }

  /**
   * Appends a batch. When any event is rejected nothing of the batch is written, and the
   * caller must roll the transaction back: earlier batches may have been written.
   */
  async append(events: readonly LedgerEvent[]): Promise<BatchOutcome> {
    const { fresh, skipped, rejections } = await this.withoutDuplicates(events);
    if (rejections.length > 0) return { appended: 0, skipped, rejections };

    const needs = emptyNeeds();
    for (const { event } of fresh) collectNeeds(event, needs);
    const unit = new ViewUnit();
    const { workspaceId, sha256, now } = this.options;
    await loadViews(this.trx, workspaceId, needs, unit);

    const recordedAt = now();
    const rows: Row[] = [];
    let tip = this.tip;
    for (const { event, index, data } of fresh) {
      const projection = projectEvent(unit, event);
      if (!projection.ok) return { appended: 0, skipped, rejections: [{ index, reason: projection.reason }] };
      const sealed = sealEvent(sha256, tip.hash, { ...event, seq: tip.seq + 1, recordedAt }, data);
      rows.push({ seq: sealed.seq, id: event.id, type: event.type, at: event.at, recordedAt, clientId: projection.clientId, data, prevHash: sealed.prevHash, hash: sealed.hash });
      tip = { seq: sealed.seq, hash: sealed.hash };
    }
    for (const chunk of chunksFor(rows, LEDGER_COLUMNS)) {
      await this.trx.insertInto('ledgerEvent').values(chunk.map((row) => ({ workspaceId, ...row }))).execute();
    }
    await flushViews(this.trx, workspaceId, unit);
    await this.statistics.wrote(this.trx, rows.length);
    this.tip = tip;
    return { appended: rows.length, skipped, rejections: [] };
  }

  /** Records the new chain tip; call once after the last batch, before committing. */
  async close(): Promise<ChainTip> {
    await this.trx.updateTable('ledgerHead').set({ seq: this.tip.seq, hash: this.tip.hash }).where('workspaceId', '=', this.options.workspaceId).execute();
    await this.statistics.settle(this.trx);
    return this.tip;
  }

  private async withoutDuplicates(events: readonly LedgerEvent[]) {
    const known = new Map<string, { type: string; at: string; data: string; seq: number | undefined }>();
    const ids = [...new Set(events.map((e) => e.id as string))];
    for (const chunk of chunksFor(ids, 1)) {
      const rows = await this.trx.selectFrom('ledgerEvent').select(['id', 'type', 'at', 'data', 'seq'])
        .where('workspaceId', '=', this.options.workspaceId).where('id', 'in', chunk).execute();
      for (const row of rows) known.set(row.id, row);
    }
    const fresh: { event: LedgerEvent; index: number; data: string }[] = [];
    const rejections: Rejection[] = [];
    let skipped = 0;
    events.forEach((event, index) => {
      const data = canonicalJson(event.data);
      const previous = known.get(event.id);
      if (!previous) {
        known.set(event.id, { type: event.type, at: event.at, data, seq: undefined });
        fresh.push({ event, index, data });
      } else if (previous.type === event.type && previous.at === event.at && previous.data === data) {
        skipped += 1;
      } else {
        const where = previous.seq === undefined ? 'earlier in this import' : `at seq ${previous.seq}`;
        rejections.push({ index, reason: `id "${event.id}" is already used by a different event (${where})` });
      }
    });
    return { fresh, skipped, rejections };
  }
}

/** Appends events in one transaction: all of them, or none with a `import.rejected` error naming the first bad one. */
export async function appendEvents(db: Kysely<Database>, options: AppenderOptions, events: readonly LedgerEvent[]): Promise<BatchOutcome> {
  return db.transaction().execute(async (trx) => {
    const appender = await LedgerAppender.open(trx, options);
    const outcome = await appender.append(events);
    const first = outcome.rejections[0];
    if (first) {
      const event = events[first.index] as LedgerEvent;
      throw new FirmlyError('import.rejected', `event "${event.id}" (${event.type}) rejected: ${first.reason}`, { eventId: event.id, reason: first.reason });
    }
    await appender.close();
    return outcome;
  });
}

export function toStoredEvent(row: Omit<LedgerEventTable, 'workspaceId' | 'clientId'> & { clientId?: string | null }): StoredEvent {
  return {
    seq: row.seq, id: row.id as EventId, type: row.type as EventType, at: row.at as IsoInstant,
    recordedAt: row.recordedAt as IsoInstant, data: JSON.parse(row.data), prevHash: row.prevHash, hash: row.hash,
  } as StoredEvent;
}

export interface EventFilter {
  readonly clientId?: string | undefined;
  readonly types?: readonly string[] | undefined;
}

export interface EventPage {
  readonly afterSeq?: number | undefined;
  readonly limit: number;
}

const eventColumns = ['seq', 'id', 'type', 'at', 'recordedAt', 'data', 'prevHash', 'hash', 'clientId'] as const;

/** One page of stored events in chain order, after `afterSeq`. */
export async function readEvents(db: Kysely<Database>, workspaceId: string, filter: EventFilter, page: EventPage): Promise<StoredEvent[]> {
  let query = db.selectFrom('ledgerEvent').select(eventColumns).where('workspaceId', '=', workspaceId)
    .where('seq', '>', page.afterSeq ?? 0).orderBy('seq').limit(page.limit);
  if (filter.clientId !== undefined) query = query.where('clientId', '=', filter.clientId);
  if (filter.types?.length) query = query.where('type', 'in', [...filter.types]);
  return (await query.execute()).map(toStoredEvent);
}

/** The stored event with this id, through the (workspace, id) unique index. */
export async function findEventById(db: Kysely<Database>, workspaceId: string, id: string): Promise<StoredEvent | undefined> {
  const row = await db.selectFrom('ledgerEvent').select(eventColumns).where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return row && toStoredEvent(row);
}

/**
 * Streams stored rows in chain order, a range of `pageSize` seqs at a time, without parsing them;
 * all of them, or those up to `throughSeq`.
 * Pages are seq ranges rather than `seq > n limit k`: a bounded range is read through the
 * primary key whatever the planner believes about the table (stale statistics after a bulk
 * import made PostgreSQL sort the whole remaining ledger for every page).
 */
export async function* streamEventRows(db: Kysely<Database> | Transaction<Database>, workspaceId: string, filter: EventFilter = {}, pageSize = 5_000, throughSeq?: number) {
  // The highest seq stored, not the head's: rows slipped in past the head must be seen by verify.
  const stored = throughSeq === undefined
    ? await db.selectFrom('ledgerEvent').select((eb) => eb.fn.max('seq').as('last')).where('workspaceId', '=', workspaceId).executeTakeFirst()
    : undefined;
  const last = throughSeq ?? Number(stored?.last ?? 0);
  for (let from = 0; from < last; from += pageSize) {
    let query = db.selectFrom('ledgerEvent').select(eventColumns).where('workspaceId', '=', workspaceId)
      .where('seq', '>', from).where('seq', '<=', from + pageSize).orderBy('seq');
    if (filter.clientId !== undefined) query = query.where('clientId', '=', filter.clientId);
    if (filter.types?.length) query = query.where('type', 'in', [...filter.types]);
    const rows = await query.execute();
    if (rows.length > 0) yield rows;
  }
}

/** One client's stored rows, complete and in chain order. */
export interface ClientRows {
  readonly clientId: string;
  readonly rows: readonly Row[];
}

/**
 * Streams the events of the workspace's clients (all, or those named) one whole client at a
 * time, so that only a page and one client's history are ever held in memory, however large
 * the ledger. All clients: a keyset walk over the (workspace, client, seq) index. Named
 * clients: a few at a time, each group read whole through the same index — an IN list
 * combined with a keyset made PostgreSQL scan far more of the index than it returned.
 */
export async function* streamClientRows(db: Kysely<Database>, workspaceId: string, options: { clientIds?: readonly string[] } = {}, pageSize = 5_000): AsyncGenerator<ClientRows> {
  if (options.clientIds === undefined) {
    yield* walkAllClients(db, workspaceId, pageSize);
    return;
  }
  for (const clientIds of chunksOf([...new Set(options.clientIds)].sort(), 50)) {
    const rows = await db.selectFrom('ledgerEvent').select(eventColumns).where('workspaceId', '=', workspaceId)
      .where('clientId', 'in', clientIds).orderBy('clientId').orderBy('seq').execute();
    yield* groupByClient(rows);
  }
}

async function* walkAllClients(db: Kysely<Database>, workspaceId: string, pageSize: number): AsyncGenerator<ClientRows> {
  let current: { clientId: string; rows: Row[] } | undefined;
  let after: { clientId: string; seq: number } | undefined;
  for (;;) {
    let query = db.selectFrom('ledgerEvent').select(eventColumns).where('workspaceId', '=', workspaceId).where('clientId', 'is not', null);
    if (after) { const { clientId, seq } = after; query = query.where((eb) => eb(eb.refTuple('clientId', 'seq'), '>', eb.tuple(clientId, seq))); }
    const rows = await query.orderBy('clientId').orderBy('seq').limit(pageSize).execute();
    for (const row of rows) {
      const clientId = row.clientId as string;
      if (current?.clientId !== clientId) {
        if (current) yield current;
        current = { clientId, rows: [] };
      }
      current.rows.push(row);
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) break;
    after = { clientId: last.clientId as string, seq: last.seq };
  }
  if (current) yield current;
}

function* groupByClient(rows: readonly Row[]): Generator<ClientRows> {
  let current: { clientId: string; rows: Row[] } | undefined;
  for (const row of rows) {
    const clientId = row.clientId as string;
    if (current?.clientId !== clientId) {
      if (current) yield current;
      current = { clientId, rows: [] };
    }
    current.rows.push(row);
  }
  if (current) yield current;
}

/** The clients any event after `afterSeq` is about: what changed since a sweep's snapshot. */
export async function clientsChangedSince(db: Kysely<Database>, workspaceId: string, afterSeq: number): Promise<string[]> {
  const rows = await db.selectFrom('ledgerEvent').select('clientId').distinct().where('workspaceId', '=', workspaceId)
    .where('seq', '>', afterSeq).where('clientId', 'is not', null).execute();
  return rows.map((row) => row.clientId as string);
}

/** The highest seq among the events about the workspace itself (its settings and rules). */
export async function lastWorkspaceEventSeq(db: Kysely<Database>, workspaceId: string): Promise<number> {
  const row = await db.selectFrom('ledgerEvent').select((eb) => eb.fn.max('seq').as('last')).where('workspaceId', '=', workspaceId)
    .where('type', 'in', ['workspace.configured', 'workspace.rules']).executeTakeFirst();
  return Number(row?.last ?? 0);
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export async function chainHead(db: Kysely<Database>, workspaceId: string): Promise<ChainTip> {
  const head = await db.selectFrom('ledgerHead').select(['seq', 'hash']).where('workspaceId', '=', workspaceId).executeTakeFirst();
  return head ?? emptyChain;
}

/** A column of `ledger_event` outside the hash whose stored value is not what the event's hashed content gives. */
export interface ColumnMismatch {
  readonly column: 'client_id' | 'data';
  readonly stored: string | null;
  readonly expected: string | null;
}

export type Verification =
  | { readonly ok: true; readonly events: number; readonly head: ChainTip; readonly readModels?: ReadModelCheck }
  /** The chain breaks, or a column disagrees with the hashed content, at `seq`. */
  | ({ readonly ok: false; readonly events: number; readonly seq: number; readonly reason: string } & Partial<ColumnMismatch>)
  /** The ledger is intact but the read models are not what it gives. */
  | { readonly ok: false; readonly events: number; readonly head: ChainTip; readonly reason: string; readonly readModels: ReadModelCheck };

export interface VerifyOptions {
  /**
   * Also project the verified ledger into read models in memory, through the projection that
   * appends and `rebuild` use, and compare them with the stored tables. Writes nothing; holds
   * every read model of the workspace in memory.
   */
  readonly readModels?: boolean;
  /**
   * Verify the chain up to this tip and end there (a report's view of the ledger), rather than
   * every stored row against the recorded head: events appended since are not looked at.
   */
  readonly through?: ChainTip;
  /** Sees every verified event, in chain order, with the client its hashed content names. */
  readonly onEvent?: (event: StoredEvent, clientId: ClientId | null) => void;
}

/**
 * Recomputes the workspace's hash chain from the stored events and compares it with the
 * recorded head, and checks the columns kept beside the hashed content against it: each row's
 * `client_id` (what per-client queries read) must be the client its content names, and `data`
 * must be exactly the canonical JSON that was hashed. The client is found while streaming
 * (`ClientIndex`), so memory grows with the clients' contracts, deliverables, requests and
 * invoices, not with the events; with `readModels` it holds every read model as well.
 */
export async function verifyLedger(db: Kysely<Database>, workspaceId: string, sha256: Sha256Hex, options: VerifyOptions = {}): Promise<Verification> {
  let tip = emptyChain;
  let events = 0;
  const clients = new ClientIndex();
  const unit = options.readModels ? new ViewUnit() : undefined;
  for await (const rows of streamEventRows(db, workspaceId, {}, 5_000, options.through?.seq)) {
    for (const row of rows) {
      let event: StoredEvent;
      try {
        event = toStoredEvent(row);
      } catch {
        return { ok: false, events, seq: row.seq, reason: 'stored data is not valid JSON: its content was changed' };
      }
      let canonical: string;
      try {
        canonical = canonicalJson(event.data);
      } catch {
        return { ok: false, events, seq: row.seq, reason: 'stored data has no canonical JSON form: its content was changed' };
      }
      const broken = chainBreak(sha256, tip, event, canonical);
      if (broken) return { ok: false, events, seq: Math.min(event.seq, tip.seq + 1), reason: broken };
      // The hash covers the parsed content; the text must be that content's one canonical form
      // too, so that what is stored is exactly what was hashed (#19).
      if (row.data !== canonical) {
        return { ok: false, events, seq: event.seq, reason: 'the data column is not the canonical JSON of the hashed content', column: 'data', stored: row.data, expected: canonical };
      }
      const derived = clientOf(clients, unit, event);
      if (!derived.ok) return { ok: false, events, seq: event.seq, reason: derived.reason };
      if ((row.clientId ?? null) !== derived.clientId) {
        const named = (id: string | null) => (id === null ? 'no client' : `client "${id}"`);
        return {
          ok: false, events, seq: event.seq, column: 'client_id', stored: row.clientId ?? null, expected: derived.clientId,
          reason: `client_id is ${row.clientId === null ? 'NULL' : `"${row.clientId}"`} but the hashed content names ${named(derived.clientId)}`,
        };
      }
      options.onEvent?.(event, derived.clientId);
      tip = { seq: event.seq, hash: event.hash };
      events += 1;
    }
  }
  const head = options.through ?? await chainHead(db, workspaceId);
  if (head.seq !== tip.seq || head.hash !== tip.hash) {
    const reason = head.seq > tip.seq
      ? `the chain ends at seq ${tip.seq} but the head records seq ${head.seq}: events at the end were removed`
      : `the head records seq ${head.seq} with another hash than the chain: the head or the last events were changed`;
    const seq = head.seq === tip.seq ? tip.seq : Math.min(head.seq, tip.seq) + 1;
    return { ok: false, events, seq, reason };
  }
  if (!unit) return { ok: true, events, head: tip };
  const readModels = await compareViews(db, workspaceId, unit);
  if (readModels.differenceCount === 0) return { ok: true, events, head: tip, readModels };
  const values = readModels.differenceCount === 1 ? 'value differs' : 'values differ';
  return { ok: false, events, head: tip, reason: `${readModels.differenceCount} read-model ${values} from what the ledger gives`, readModels };
}

/** The client the event's content names, and with `unit` the event projected into it; why not, for content no append could have written. */
function clientOf(clients: ClientIndex, unit: ViewUnit | undefined, event: StoredEvent): EventClient {
  try {
    const derived = clients.clientOf(event);
    if (!derived.ok || !unit) return derived;
    const projection = projectEvent(unit, event);
    return projection.ok ? derived : { ok: false, reason: `the event cannot be replayed into the read models: ${projection.reason}` };
  } catch {
    return { ok: false, reason: `the content is not a ${event.type} event Firmly could have recorded` };
  }
}
