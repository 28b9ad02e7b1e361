import { FirmlyError, type ErrorCode } from '../errors.ts';

// Issue 19, F2: one client whose history cannot be replayed or assessed (a date no part of
// the product can count with, a row an old version or an attacker wrote) used to take down
// the dashboard, `assess` and the sweep of the whole workspace. It is now an outcome the
// domain expects, returned beside the assessed clients: shown with its reason, skipped by
// the sweep, and the others assessed as usual.

/** A client that cannot be assessed, and why: `{"clientId","name","error":{"code","message"}}` on every surface. */
export interface UnassessableClient {
  readonly clientId: string;
  /** Its name as recorded, when the history holds one. */
  readonly name: string | null;
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

const MAX_MESSAGE = 500;

/**
 * What went wrong with a client, for people: a FirmlyError's code and message; anything else
 * as `internal` with its kind and message (no stack), so the owner can tell support.
 */
export function unassessable(clientId: string, name: string | null, error: unknown): UnassessableClient {
  const known = error instanceof FirmlyError;
  const message = known ? error.message
    : error instanceof Error ? `${error.name}: ${error.message}` : `unexpected ${typeof error}`;
  return {
    clientId, name,
    error: { code: known ? error.code : 'internal', message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message },
  };
}

/** The name of the client in its raw history (the last `client.added`), without replaying it. */
export function recordedName(events: readonly { readonly type: string; readonly data: unknown }[]): string | null {
  let name: string | null = null;
  for (const event of events) {
    const data = event.data as { name?: unknown } | null;
    if (event.type === 'client.added' && typeof data?.name === 'string') name = data.name;
  }
  return name;
}
