import { describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import { renderMessage } from '../../src/app/render-message.ts';
import { listOutbox } from '../../src/store/outbox-store.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { testDatabases } from '../support/databases.ts';
import { demoFile } from '../support/paths.ts';
import { aClient, aWorkspace, anInvoice, jsonl } from '../support/events.ts';
import { Readable } from 'node:stream';

describe.each(testDatabases())('rendering the planned messages on $name', ({ open }) => {
  it('renders every message the demo\'s sweep queues, in the client\'s language, with the client\'s contacts', async () => {
    const store = await open();
    try {
      const ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
      await importLedger(ctx, 'demo', [demoFile]);
      const at = '2026-11-20' as IsoDate;
      await runSweep(ctx, 'demo', at);
      const queued = await listOutbox(store.db, 'demo');
      const toClients = queued.filter((m) => m.kind !== 'client.walk-away');
      expect(new Set(toClients.map((m) => m.template)).size).toBeGreaterThanOrEqual(3);
      for (const message of toClients) {
        const rendered = await renderMessage(ctx, 'demo', message, at);
        expect(rendered.locale).toBe(message.locale);
        expect(rendered.subject.length).toBeGreaterThan(5);
        expect(rendered.text).not.toMatch(/{{|}}|undefined|NaN/);
        expect(rendered.to.length).toBeGreaterThan(0);
        expect(rendered.html).toContain(`lang="${message.locale}"`);
      }
      const walkAway = queued.find((m) => m.kind === 'client.walk-away');
      if (walkAway) await expect(renderMessage(ctx, 'demo', walkAway, at)).rejects.toThrow(/not a message to the client/);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('escapes every value in the HTML part', async () => {
    const store = await open();
    try {
      const ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
      const client = aClient('c1');
      client.data['contacts'] = [{ name: '<script>alert("x")</script> & Co', email: 'kim@c1.example' }];
      const lines = jsonl(aWorkspace(), client, anInvoice('c1', 'i1', '1000.00', '2026-03-31'));
      await importLedger(ctx, 'ws', [{ name: 'inline', open: () => Readable.from([lines]) }]);
      const rendered = await renderMessage(ctx, 'ws', { clientId: 'c1', template: 'late.reminder.first', locale: 'en', subjectId: 'i1' }, '2026-04-02' as IsoDate);
      expect(rendered.text).toContain('<script>alert("x")</script> & Co');
      expect(rendered.html).not.toContain('<script>');
      expect(rendered.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    } finally {
      await store.close();
    }
  });
});
