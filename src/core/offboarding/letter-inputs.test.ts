import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate } from '../dates.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { asOf, replayClient } from '../assess/replay.ts';
import { offboardingLetter } from '../letters/offboarding-letters.ts';
import { dkk, ev } from '../../../test/support/ledger-events.ts';
import { offboardingLetterFacts } from './letter-inputs.ts';
import { readOffboarding } from './record.ts';

const CPH = 'Europe/Copenhagen';
const events = (reason: Record<string, unknown>): LedgerEvent[] => [
  ev('client.added', '2026-01-01T10:00:00Z', { clientId: 'c1', name: 'Oak & Ivy', locale: 'da', currency: 'DKK', contacts: [] }),
  ev('access.granted', '2026-01-02T10:00:00Z', { clientId: 'c1', network: 'instagram', account: '@oak', level: 'full' }),
  ev('access.granted', '2026-01-02T10:05:00Z', { clientId: 'c1', network: 'facebook', account: 'oakivy', level: 'full' }),
  ev('invoice.issued', '2026-10-01T10:00:00Z', { invoiceId: 'i1', clientId: 'c1', number: '2026-10', issueDate: '2026-10-01', dueDate: '2026-10-15', total: dkk('1000.00') }),
  ev('offboarding.started', '2026-11-20T10:00:00Z', { clientId: 'c1', ...reason }),
  ev('access.handedOver', '2026-11-21T10:00:00Z', { clientId: 'c1', network: 'instagram', account: '@oak' }),
  ev('invoice.issued', '2026-11-22T10:00:00Z', { invoiceId: 'i2', clientId: 'c1', number: '2026-11-final', issueDate: '2026-11-22', dueDate: '2026-12-06', total: dkk('700.00') }),
  ev('invoice.credited', '2026-11-23T10:00:00Z', { invoiceId: 'i2', amount: dkk('200.00') }),
];
const factsOf = (list: LedgerEvent[]) => {
  const when = asOf('2026-11-27' as IsoDate, CPH);
  return offboardingLetterFacts(replayClient('c1' as ClientId, list, when), readOffboarding('c1', list), when);
};

describe('the facts of the termination letter', () => {
  it('names the reason, only the accounts handed over, and the final invoice net of credits', () => {
    expect(factsOf(events({ reason: 'payment' }))).toEqual({
      reason: 'payment', endDate: '2026-11-27', accounts: [{ network: 'instagram', account: '@oak' }],
      finalInvoice: { number: '2026-11-final', total: { minor: 50_000, currency: 'DKK' }, dueDate: '2026-12-06' },
      period: { from: '2026-01-01', to: '2026-11-27' },
    });
  });

  it('writes a reason given in words into the Danish letter', () => {
    const letter = offboardingLetter({
      template: 'offboarding.termination', locale: 'da', date: '2026-11-27' as IsoDate, clientName: 'Oak & Ivy', senderName: 'Studio',
      ...factsOf(events({ reason: 'other', note: 'vi lukker vores afdeling for sociale medier' })),
    });
    expect(letter.text).toContain('da vi lukker vores afdeling for sociale medier.');
    expect(letter.text).toContain('instagram: @oak');
    expect(letter.text).not.toContain('facebook');
    expect(letter.text).toContain('2026-11-final');
  });
});
