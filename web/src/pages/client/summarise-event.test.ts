import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.tsx';
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

describe('summariseEvent', () => {
  it('names what an event refers to by id in words, in the current language', () => {
    const event = { type: 'request.answered', data: { requestId: 'req_1', channel: 'portal', verdict: 'approved' } };
    expect(summariseEvent(event, names, formatters('en'))).toBe('"December plan" approved by the portal');
    expect(summariseEvent(event, names, formatters('da'))).toBe('"December plan" godkendt via portalen');
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
