import { z } from 'zod';
import type { EventId } from '../brand.ts';
import { eventSchemas, isEventType, type LedgerEvent } from './events.ts';
import { describeTextIssue, findTextIssue } from '../text.ts';
import { IdWire, InstantWire } from './wire.ts';

export type ParseResult = { readonly ok: true; readonly event: LedgerEvent } | { readonly ok: false; readonly reason: string };

// The chain fields are accepted so an export can be imported again; this ledger
// recomputes them, so their values are only checked for shape.
const Envelope = z.strictObject({
  id: IdWire,
  type: z.string(),
  at: InstantWire,
  data: z.record(z.string(), z.unknown(), { error: 'must be an object' }),
  seq: z.number().int().positive().optional(),
  recordedAt: z.string().optional(),
  prevHash: z.string().optional(),
  hash: z.string().optional(),
});

function describe(error: z.ZodError, prefix: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** A decoded JSON value → a validated, normalised ledger event, or the reason it is not one. */
export function parseEvent(value: unknown): ParseResult {
  // Before the schemas, over the whole value, keys included: every way into the ledger comes
  // through here, and what is hashed must be what the database stores (src/core/text.ts).
  const textIssue = findTextIssue(value);
  if (textIssue) return { ok: false, reason: describeTextIssue(textIssue) };
  const envelope = Envelope.safeParse(value);
  if (!envelope.success) return { ok: false, reason: describe(envelope.error, '') };
  const { id, type, at, data } = envelope.data;
  if (!isEventType(type)) return { ok: false, reason: `type: unknown event type "${type}"` };
  const parsed = eventSchemas[type].safeParse(data);
  if (!parsed.success) return { ok: false, reason: `${type}: ${describe(parsed.error, 'data')}` };
  return { ok: true, event: { id: id as EventId, type, at, data: parsed.data } as LedgerEvent };
}

/** One line of a JSON Lines file → an event, or the reason it is rejected. */
export function parseEventLine(line: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'expected a JSON object with id, type, at and data' };
  }
  return parseEvent(value);
}
