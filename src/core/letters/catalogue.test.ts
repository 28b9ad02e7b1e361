import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../dates.ts';
import type { CurrencyCode } from '../money.ts';
import { checkOverride, defaultTemplate, templateIds, templateValues } from './catalogue.ts';
import { offboardingLetter, terminationReasons } from './offboarding-letters.ts';
import { templateNames } from './template.ts';

describe('the letter catalogue', () => {
  it.each(templateIds.flatMap((id) => (['en', 'da'] as const).map((locale) => [id, locale] as const)))('%s in %s uses only the values its letter has, and accepts itself as an override', (id, locale) => {
    const template = defaultTemplate(id, locale);
    const known = new Set(templateValues(id));
    expect([...templateNames(template)].filter((name) => !known.has(name))).toEqual([]);
    expect(() => checkOverride(id, template)).not.toThrow();
  });

  it('refuses an override with an unknown value, naming it', () => {
    expect(() => checkOverride('late.reminder.first', { subject: 'Hi', body: 'Dear {{clientName}}, {{interestRate}}' })).toThrow(/\{\{interestRate\}\}/);
    expect(() => checkOverride('late.reminder.first', { subject: 'Hi', body: '{{#nope}}x{{/nope}}' })).toThrow(/\{\{nope\}\}/);
  });

  it('writes the termination letter with the reason, the accounts handed over and the final invoice, in both languages', () => {
    for (const reason of terminationReasons) {
      const en = offboardingLetter({ template: 'offboarding.termination', locale: 'en', date: '2026-11-27' as IsoDate, endDate: '2026-12-31' as IsoDate, clientName: 'Lykke Boutique', senderName: 'Nordlys', reason });
      expect(en.text).toContain(`as we are unable to meet your needs because of the lack of ${reason === 'feedback' ? 'timely feedback' : reason === 'trust' ? 'trust in our process' : 'timely payment'}`);
    }
    const da = offboardingLetter({
      template: 'offboarding.termination', locale: 'da', date: '2026-11-27' as IsoDate, endDate: '2026-12-31' as IsoDate, clientName: 'Lykke Boutique', senderName: 'Nordlys', reason: 'payment',
      accounts: [{ network: 'instagram', account: '@lykke' }], finalInvoice: { number: '2026-099', total: { minor: 450_000, currency: 'DKK' as CurrencyCode }, dueDate: '2027-01-10' as IsoDate },
    });
    expect(da.text).toContain('da vi ikke kan opfylde jeres behov på grund af manglende rettidig betaling');
    expect(da.text).toContain('instagram: @lykke');
    expect(da.text.replace(/\u00a0/g, ' ')).toContain('Vores slutfaktura: 2026-099, 4.500,00 DKK, forfalder 10. januar 2027.');
  });
});
