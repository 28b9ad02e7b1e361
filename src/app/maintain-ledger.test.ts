import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../core/ledger/events.ts';
import { requireVerifiedEvents } from './maintain-ledger.ts';

// The second half of a dossier's check: the rows a query read for the client against the
// events the verified ledger gives it. (The first half, verify, is tested on both databases.)
const event = (seq: number, hash = `h${seq}`) => ({ seq, hash }) as StoredEvent;

describe('the events read for a client', () => {
  it('pass when they are exactly the verified ones', () => {
    expect(() => requireVerifiedEvents('c1', [event(2), event(5)], [event(2), event(5)])).not.toThrow();
  });

  it('are refused when a verified event of the client was not read', () => {
    expect(() => requireVerifiedEvents('c1', [event(2), event(5)], [event(2)])).toThrow(expect.objectContaining({
      code: 'ledger.corrupt', details: { seq: 5 }, message: expect.stringContaining('seq 5 is about client "c1" but was not read'),
    }));
  });

  it('are refused when one of them is another client\'s, or not the verified event', () => {
    expect(() => requireVerifiedEvents('c1', [event(2)], [event(2), event(3)])).toThrow(expect.objectContaining({ code: 'ledger.corrupt', details: { seq: 3 } }));
    expect(() => requireVerifiedEvents('c1', [event(2)], [event(2, 'other')])).toThrow(expect.objectContaining({ code: 'ledger.corrupt', details: { seq: 2 } }));
  });
});
