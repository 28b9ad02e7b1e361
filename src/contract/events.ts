import { z } from 'zod';
import type { EventType, eventSchemas } from '../core/ledger/events.ts';
import { recordableTypes } from '../core/ledger/recordable.ts';

// The HTTP contract for recording what a person entered (`POST …/events`): one schema the
// server validates with, and the types the web app's forms are built on, so a change of an
// event's fields is a type error in the form that sends it.

/** What a form sends as an event's `data`: the ledger schema's input (before normalising). */
export type EventInput<T extends EventType> = z.input<(typeof eventSchemas)[T]>;

export type RecordableType = (typeof recordableTypes)[number];

// Strict: a misspelt top-level field ("date" for "at") is an error naming it, not ignored.
export const RecordBody = z.strictObject({
  type: z.enum(recordableTypes).describe('a ledger type a person records (LEDGER.md)'),
  data: z.record(z.string(), z.unknown()).describe('the data of that type, exactly as in LEDGER.md'),
  at: z.string().optional().describe('when it happened (ISO-8601); default now'),
  id: z.string().optional().describe('the event id; generated (evt_…) when absent. The same id and content again is a replay (200), never a second event'),
});

/** One event to record, typed by its type: what the web app posts. */
export type RecordRequest<T extends RecordableType = RecordableType> = {
  [K in T]: { readonly type: K; readonly data: EventInput<K>; readonly at?: string; readonly id?: string };
}[T];
