import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import { addDays, type IsoDate } from '../dates.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import type { Locale } from '../ledger/wire.ts';
import { asOf, localDate, replayClient } from '../assess/replay.ts';
import { contractInForce } from '../assess/assess-client.ts';
import { buildStatement, type Statement } from '../accounts/statement.ts';
import type { SentReminder } from '../law/reminder-fees.ts';
import { paymentLetter, paymentTemplateIds, type PaymentTemplateId } from './payment-letters.ts';
import { formatCount, dayForms } from './format.ts';
import { ev } from '../../../test/support/ledger-events.ts';

const events = (jurisdiction: string, currency: string, lateInterest: unknown = 'statutory'): LedgerEvent[] => [
  ev('client.added', '2025-01-02T09:00:00Z', { clientId: 'c1', name: 'Bageriet ApS', locale: 'da', jurisdiction, contacts: [] }),
  ev('contract.signed', '2025-01-02T10:00:00Z', {
    contractId: 'k1', clientId: 'c1', startDate: '2025-01-05', networks: ['instagram'], fee: { amount: '25000.00', currency, cycle: 'monthly' },
    paymentTerms: { dueDayOfMonth: 31 }, feedbackDays: 3, approval: { mode: 'none' }, stopWorkAfterDays: 14, lateInterest,
  }),
  ev('invoice.issued', '2025-05-01T09:00:00Z', { invoiceId: 'i1', clientId: 'c1', number: '2025-017', issueDate: '2025-05-01', dueDate: '2025-05-31', total: { amount: '25000.00', currency } }),
];

function statementOf(list: readonly LedgerEvent[], at: string, jurisdiction: 'DK' | 'GB', locale: Locale): Statement {
  const when = asOf(at as IsoDate, 'UTC');
  const { state } = replayClient('c1' as ClientId, list, when);
  return buildStatement({
    at: when.date, invoices: state.all('invoice'), credits: state.all('credit'), payments: state.all('payment'), allocations: state.all('allocation'),
    contract: contractInForce(state.all('contract'), state.all('contractAmendment'), when.date), jurisdiction, creditDate: (c) => localDate(c.at, 'UTC'), locale,
  });
}

/** Amounts keep a no-break space between number and currency; the assertions read plain spaces. */
const plain = <T extends { subject: string; text: string }>(l: T): T => ({ ...l, subject: l.subject.replace(/\u00a0/g, ' '), text: l.text.replace(/\u00a0/g, ' ') });

const letter = (template: PaymentTemplateId, locale: Locale, options: { at?: string; jurisdiction?: 'DK' | 'GB'; sent?: SentReminder[]; disputedOn?: IsoDate; list?: LedgerEvent[] } = {}) => {
  const jurisdiction = options.jurisdiction ?? 'DK';
  const at = options.at ?? '2025-06-20';
  const statement = statementOf(options.list ?? events(jurisdiction, jurisdiction === 'DK' ? 'DKK' : 'GBP'), at, jurisdiction, locale);
  return plain(paymentLetter({
    template, locale, date: at as IsoDate, clientName: 'Bageriet ApS', senderName: 'Nordlys Social', statement,
    ...(template === 'late.resume' ? {} : { invoiceId: 'i1' }),
    reminderFees: { sent: options.sent ?? [], disputedOn: options.disputedOn ?? null },
  }));
};

describe('the payment-reminder ladder', () => {
  it.each(paymentTemplateIds.flatMap((t) => (['en', 'da'] as const).map((l) => [t, l] as const)))('renders %s in %s with every value filled', (template, locale) => {
    const rendered = letter(template, locale);
    expect(rendered.subject).not.toMatch(/{{|}}|undefined|null/);
    expect(rendered.text).not.toMatch(/{{|}}|undefined|null|NaN/);
    expect(rendered.text).toContain('Bageriet ApS');
    expect(rendered.text).toContain('Nordlys Social');
    if (template !== 'late.resume') expect(rendered.subject).toContain('2025-017');
  });

  it('lets the client save face first: no interest, no fee, "perhaps it slipped through"', () => {
    const en = letter('late.reminder.first', 'en');
    expect(en.text).toContain('Perhaps our invoice 2025-017 of DKK 25,000.00 slipped through');
    expect(en.text).not.toMatch(/interest|fee/i);
    expect(en.fee).toBeNull();
    expect(letter('late.reminder.first', 'da').text).toContain('Måske er vores faktura 2025-017 på 25.000,00 DKK smuttet forbi');
  });

  it('writes the second reminder in Danish with rykker, morarente and kompensationsbeløb, stating rule, rate and day count', () => {
    const da = letter('late.reminder.second', 'da');
    expect(da.subject).toBe('Rykker: faktura 2025-017 er 20 dage over forfald');
    expect(da.text).toContain('morarente');
    expect(da.text).toContain('kompensationsbeløbet 310,00 DKK.');
    expect(da.text).toMatch(/renteloven/);
    expect(da.text).toMatch(/10,75 %/);
    expect(da.text).toMatch(/ACT\/365/);
    expect(da.text).toContain('rykkergebyr på 100,00 DKK.');
    expect(da.fee).toEqual({ minor: 100_00, currency: 'DKK' });
    // 25,000 for 20 days at 10.75 % = 147.26; plus 310 compensation and the 100 fee.
    expect(da.text).toContain('Betal venligst 25.557,26 DKK senest den 28. juni 2025.');
  });

  it('tells a British client the Act, the fixed rate and the day count, and charges no reminder fee', () => {
    const en = letter('late.reminder.second', 'en', { jurisdiction: 'GB' });
    expect(en.text).toContain('Late Payment of Commercial Debts (Interest) Act 1998');
    expect(en.text).toMatch(/ACT\/365/);
    expect(en.text).toContain('the compensation £100.00');
    expect(en.fee).toBeNull();
  });

  it('pauses work and promises to resume promptly on payment', () => {
    expect(letter('late.stop-work', 'en').text).toContain('Work resumes promptly once the payment is received.');
    expect(letter('late.stop-work', 'da').text).toContain('Arbejdet genoptages straks, når betalingen er modtaget.');
  });

  it('warns when the invoice was settled after the letter was planned', () => {
    const list = [...events('DK', 'DKK'), ev('payment.received', '2025-06-10T10:00:00Z', { paymentId: 'p1', clientId: 'c1', date: '2025-06-10', amount: { amount: '25000.00', currency: 'DKK' } })];
    expect(letter('late.reminder.first', 'en', { list }).warnings).toEqual(['invoice 2025-017 is settled: this letter is no longer needed']);
    expect(letter('late.reminder.first', 'en').warnings).toEqual([]);
  });

  it('counts days with the language\'s plural rule', () => {
    expect(formatCount(1, dayForms, 'en')).toBe('1 day');
    expect(formatCount(2, dayForms, 'en')).toBe('2 days');
    expect(formatCount(1, dayForms, 'da')).toBe('1 dag');
    expect(formatCount(0, dayForms, 'da')).toBe('0 dage');
    expect(letter('late.reminder.second', 'en', { at: '2025-06-01' }).subject).toBe('Invoice 2025-017: 1 day overdue');
  });

  it('leaves out interest it cannot compute, and says why', () => {
    const list = events('DK', 'DKK');
    list[2] = ev('invoice.issued', '2026-07-01T09:00:00Z', { invoiceId: 'i1', clientId: 'c1', number: '2026-001', issueDate: '2026-07-01', dueDate: '2026-07-31', total: { amount: '1000.00', currency: 'DKK' } });
    const da = letter('late.reminder.second', 'da', { at: '2026-08-20', list });
    expect(da.text).not.toContain('morarente');
    expect(da.warnings).toEqual([expect.stringContaining('2026-07-01')]);
  });

  it('never charges a fee the law forbids: three at most, ten days apart, after the due date, none once disputed', () => {
    expect(letter('late.reminder.second', 'da', { sent: [{ date: '2025-06-15' as IsoDate, fee: { minor: 100_00, currency: 'DKK' as never } }] }).fee).toBeNull();
    expect(letter('late.reminder.second', 'da', { disputedOn: '2025-06-10' as IsoDate }).fee).toBeNull();
    const day = fc.integer({ min: -5, max: 120 });
    fc.assert(fc.property(fc.array(fc.tuple(day, fc.constantFrom<PaymentTemplateId>('late.reminder.second', 'late.stop-work')), { maxLength: 12 }), fc.option(day), (sends, disputed) => {
      const sent: SentReminder[] = [];
      const disputedOn = disputed === null ? undefined : addDays('2025-05-31' as IsoDate, disputed);
      for (const [offset, template] of sends.sort((a, b) => a[0] - b[0])) {
        const at = addDays('2025-05-31' as IsoDate, offset);
        const { fee } = letter(template, 'da', { at, sent, ...(disputedOn ? { disputedOn } : {}) });
        if (fee) {
          expect(at > '2025-05-31').toBe(true);
          if (disputedOn) expect(at < disputedOn).toBe(true);
        }
        sent.push({ date: at, fee });
      }
      const charged = sent.filter((s) => s.fee).map((s) => s.date);
      expect(charged.length).toBeLessThanOrEqual(3);
      for (let i = 1; i < charged.length; i += 1) expect(Date.parse(charged[i] as string) - Date.parse(charged[i - 1] as string)).toBeGreaterThanOrEqual(10 * 86_400_000);
    }), { numRuns: 150 });
  });

  it('refuses a workspace template naming a value the letter does not have', () => {
    const statement = statementOf(events('DK', 'DKK'), '2025-06-20', 'DK', 'en');
    expect(() => paymentLetter({
      template: 'late.reminder.first', locale: 'en', date: '2025-06-20' as IsoDate, clientName: 'B', senderName: 'N', statement, invoiceId: 'i1',
      override: { subject: 'Hi {{clientNmae}}', body: '{{invoiceNumber}}' },
    })).toThrow(/\{\{clientNmae\}\}/);
  });
});
