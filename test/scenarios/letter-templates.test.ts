import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { effectiveTemplate, listLetterTemplates, previewLetterTemplate, resetLetterTemplate, setLetterTemplate } from '../../src/app/letter-templates.ts';
import { renderMessage } from '../../src/app/render-message.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { testDatabases } from '../support/databases.ts';
import { aClient, anInvoice, aWorkspace, jsonl } from '../support/events.ts';

describe.each(testDatabases())('a workspace\'s own letter wording on $name', ({ open }) => {
  it('is checked when saved, used for its client\'s letters, previewable, and can be reset', async () => {
    const store = await open();
    try {
      const ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
      await importLedger(ctx, 'ws', [{ name: 'inline', open: () => Readable.from([jsonl(aWorkspace(), aClient('c1'), anInvoice('c1', 'i1', '1000.00', '2026-03-31'))]) }]);
      const message = { clientId: 'c1', template: 'late.reminder.first', locale: 'da', subjectId: 'i1' };
      const at = '2026-04-02' as IsoDate;

      await expect(setLetterTemplate(ctx, 'ws', 'late.reminder.first', 'da', { subject: 'Hej {{kunde}}', body: 'x' })).rejects.toThrow(/\{\{kunde\}\}/);
      await expect(setLetterTemplate(ctx, 'ws', 'late.reminder.first', 'da', { subject: 'Hej', body: '{{#clientName}}unclosed' })).rejects.toThrow(/cannot be read/);
      await expect(setLetterTemplate(ctx, 'ws', 'no.such', 'da', { subject: 'a', body: 'b' })).rejects.toThrow(/no template "no.such"/);
      expect((await effectiveTemplate(ctx, 'ws', 'late.reminder.first', 'da')).custom).toBe(false);

      const own = { subject: 'Lille påmindelse om {{invoiceNumber}}', body: 'Hej {{clientName}}, husk {{openAmount}}. Mvh {{senderName}}' };
      await setLetterTemplate(ctx, 'ws', 'late.reminder.first', 'da', own);
      const rendered = await renderMessage(ctx, 'ws', message, at);
      expect(rendered.subject).toBe('Lille påmindelse om N-i1');
      expect(rendered.text.replace(/\u00a0/g, ' ')).toBe('Hej Client c1, husk 1.000,00 DKK. Mvh Studio Test\n');
      expect((await renderMessage(ctx, 'ws', { ...message, locale: 'en' }, at)).subject).toBe('Invoice N-i1: a friendly reminder');
      expect((await listLetterTemplates(ctx, 'ws')).filter((t) => t.custom).map((t) => [t.templateId, t.locale])).toEqual([['late.reminder.first', 'da']]);

      const draft = await previewLetterTemplate(ctx, 'ws', 'late.reminder.first', { clientId: 'c1', subjectId: 'i1', date: at, template: { subject: 'Udkast {{invoiceNumber}}', body: 'Udkast' } });
      expect(draft.subject).toBe('Udkast N-i1');
      expect(await resetLetterTemplate(ctx, 'ws', 'late.reminder.first', 'da')).toBe(true);
      expect((await renderMessage(ctx, 'ws', message, at)).subject).toBe('Faktura N-i1: en venlig påmindelse');
      expect(await resetLetterTemplate(ctx, 'ws', 'late.reminder.first', 'da')).toBe(false);
    } finally {
      await store.close();
    }
  });
});
