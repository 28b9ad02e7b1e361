import { beforeAll, describe, expect, it } from 'vitest';
import { loadAreas } from '../../i18n/catalogues/index.ts';
import { translator } from '../../i18n/i18n.tsx';
import { eventTypes } from '../../../../src/core/ledger/events.ts';
import { ledgerTypes, summariseEvent, type EventNames } from './summarise-event.ts';

const names: EventNames = {
  requests: new Map([['req_1', 'December plan']]),
  invoices: new Map([['inv_1', '2026-0086']]),
  deliverables: new Map([['dlv_1', 'Black Friday post']]),
};
const formatters = (locale: 'en' | 'da') => ({
  t: translator(locale),
  money: (m: { amount: string; currency: string } | null | undefined) => (m ? `${m.amount} ${m.currency}` : '—'),
  date: (d: string | null | undefined) => d ?? '—',
});

beforeAll(() => loadAreas('client'));

describe('summariseEvent', () => {
  it('names what an event refers to by id in words, in the current language', () => {
    const event = { type: 'request.answered', data: { requestId: 'req_1', channel: 'portal', verdict: 'approved' } };
    expect(summariseEvent(event, names, formatters('en'))).toBe('"December plan" approved by the portal');
    expect(summariseEvent(event, names, formatters('da'))).toBe('"December plan" godkendt via portalen');
  });

  it('describes offboarding in words: the reason, the step skipped and the override, with why', () => {
    const started = { type: 'offboarding.started', data: { clientId: 'hf', reason: 'payment', note: 'two invoices unpaid' } };
    expect(summariseEvent(started, names, formatters('en'))).toBe('Offboarding started: Lack of timely payment — two invoices unpaid');
    expect(summariseEvent(started, names, formatters('da'))).toBe('Afslutning af samarbejdet påbegyndt: Manglende rettidig betaling — two invoices unpaid');
    const other = { type: 'offboarding.started', data: { clientId: 'hf', reason: 'other', note: 'we are closing the studio' } };
    expect(summariseEvent(other, names, formatters('en'))).toBe('Offboarding started: we are closing the studio');
    const skipped = { type: 'offboarding.stepSkipped', data: { clientId: 'hf', step: 'final-invoice', reason: 'nothing left to bill' } };
    expect(summariseEvent(skipped, names, formatters('en'))).toBe('Offboarding step skipped: Final invoice issued — nothing left to bill');
    expect(summariseEvent(skipped, names, formatters('da'))).toBe('Trin i afslutningen sprunget over: Slutfaktura udstedt — nothing left to bill');
    const approved = { type: 'access.handoverApproved', data: { clientId: 'hf', reason: 'they agreed a payment plan', by: 'ann@studio.example' } };
    expect(summariseEvent(approved, names, formatters('en'))).toBe('Handover of the accounts approved by ann@studio.example although the client owes money — they agreed a payment plan');
    expect(summariseEvent(approved, names, formatters('da'))).toBe('Overdragelse af konti godkendt af ann@studio.example, selv om kunden skylder penge — they agreed a payment plan');
    expect(summariseEvent({ type: 'portal.viewed', data: { clientId: 'hf', linkId: 'l1' } }, names, formatters('da'))).toBe('Kunden åbnede sin portal');
  });

  it('says what a hold, an amendment and an edit are, in the page language', () => {
    const f = formatters('da');
    expect(summariseEvent({ type: 'escalation.held', data: { clientId: 'c', until: '2026-12-18', reason: 'promise', note: 'på telefonen' } }, names, f))
      .toBe('Rykkere sat i bero til 2026-12-18: lovet at betale — på telefonen');
    expect(summariseEvent({ type: 'client.updated', data: { clientId: 'c', vatNumber: null, contacts: [] } }, names, formatters('en')))
      .toBe('Client details changed: VAT number, contacts');
  });

  it('knows every type of the ledger', () => {
    expect([...ledgerTypes].sort()).toEqual([...eventTypes].sort());
  });

  it('has a summary of its own, in both languages, for every ledger type', () => {
    for (const locale of ['en', 'da'] as const) {
      for (const type of ledgerTypes) {
        const line = summariseEvent({ type, data: {} }, names, formatters(locale));
        expect(line, `${locale} ${type}`).not.toMatch(/client\.event|\{\w+\}/);
        expect(line, `${locale} ${type}`).not.toBe(formatters(locale).t('client.event.unknown', { type }));
      }
    }
  });
});
