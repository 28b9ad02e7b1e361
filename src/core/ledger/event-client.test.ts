import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryLedger } from '../../../test/support/ledger-arbitrary.ts';
import { parsed } from '../../../test/support/events.ts';
import { eventTypes } from './events.ts';
import { ClientIndex } from './event-client.ts';
import { projectEvent } from './project.ts';
import { ViewUnit } from './view-unit.ts';

describe('the client of an event', () => {
  it('is the client the projection finds, for every event of any ledger', () => fc.assert(fc.property(arbitraryLedger(), (ledger) => {
    const unit = new ViewUnit();
    const index = new ClientIndex();
    for (const event of parsed(...ledger)) {
      const projection = projectEvent(unit, event);
      if (!projection.ok) throw new Error(`the generated ledger is not accepted at ${event.id}: ${projection.reason}`);
      expect(index.clientOf(event)).toEqual({ ok: true, clientId: projection.clientId });
    }
  }), { seed: 19, numRuns: 300 }));

  it('is covered for every event type by the random ledgers', () => {
    const seen = new Set<string>();
    fc.assert(fc.property(arbitraryLedger(), (ledger) => { for (const e of ledger) seen.add(e.type); }), { seed: 19, numRuns: 300 });
    expect([...seen].sort()).toEqual([...eventTypes].sort());
  });

  it('is found through the invoice a credit names, not through anything the event says of a client', () => {
    const index = new ClientIndex();
    const [added, invoice, credit] = parsed(
      { id: 'e1', type: 'client.added', at: '2026-03-01T09:00:00Z', data: { clientId: 'c1', name: 'One', locale: 'en', contacts: [] } },
      { id: 'e2', type: 'invoice.issued', at: '2026-03-01T09:00:00Z', data: { invoiceId: 'i1', clientId: 'c1', number: '1', issueDate: '2026-03-01', dueDate: '2026-03-15', total: { amount: '10.00', currency: 'DKK' } } },
      { id: 'e3', type: 'invoice.credited', at: '2026-03-02T09:00:00Z', data: { invoiceId: 'i1', amount: { amount: '5.00', currency: 'DKK' } } },
    );
    expect([added, invoice, credit].map((e) => index.clientOf(e!))).toEqual([
      { ok: true, clientId: 'c1' }, { ok: true, clientId: 'c1' }, { ok: true, clientId: 'c1' },
    ]);
  });

  it('cannot be found for an event naming an invoice no earlier event issued', () => {
    const [credit] = parsed({ id: 'e3', type: 'invoice.credited', at: '2026-03-02T09:00:00Z', data: { invoiceId: 'i9', amount: { amount: '5.00', currency: 'DKK' } } });
    expect(new ClientIndex().clientOf(credit!)).toEqual({ ok: false, reason: 'invoice "i9" is named before any event creates it' });
  });
});
