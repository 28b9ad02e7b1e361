import { parseEvent } from '../../src/core/ledger/parse-event.ts';
import type { LedgerEvent } from '../../src/core/ledger/events.ts';

// The event builder of the core unit tests: one event as an import would parse it, so a
// builder mistake throws here rather than in an assertion. Ids count up per test file
// (Vitest isolates modules per file) unless a test names one.

let seq = 0;

export function ev(type: string, at: string, data: Record<string, unknown>, id = `e${String(++seq).padStart(5, '0')}`): LedgerEvent {
  const result = parseEvent({ id, type, at, data });
  if (!result.ok) throw new Error(`test event ${type} is invalid: ${result.reason}`);
  return result.event;
}

export const dkk = (amount: string) => ({ amount, currency: 'DKK' });
