import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { clientStatement } from '../../src/app/client-statement.ts';
import { demoStory, loadDemo } from '../../src/app/demo.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { gatherReport } from '../../src/app/reports/gather-report.ts';
import { reportKinds, renderReport } from '../../src/app/reports/generate-report.ts';
import { verifyDossier } from '../../src/app/verify-dossier.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { testDatabases, type TestDatabase, type TestStore } from '../support/databases.ts';
import { scenarioFiles } from '../support/paths.ts';
import { dossierPdf, expectInvoiceRows, pdfText } from './pdf-text.ts';

const clock = fixedClock('2026-11-27T10:00:00Z');

const clientIdsOf = (file: string): string[] => readFileSync(file, 'utf8').trim().split('\n')
  .map((line) => JSON.parse(line) as { type: string; data: { clientId?: string } })
  .filter((e) => e.type === 'client.added').map((e) => e.data.clientId as string);

/**
 * Writes every report about a client and checks what issue #7 asks: each one generates; the
 * final report and the dossier's PDF name the client and show the invoice totals and days
 * late of the statement (computed here by the statement service, as `firmly statement` does);
 * the dossier verifies.
 */
async function checkClient(ctx: AppContext, clientId: string, to: IsoDate): Promise<void> {
  const data = await gatherReport(ctx, 'ws', { clientId, to });
  const expected = await clientStatement(ctx, 'ws', clientId, to);
  const reports = Object.fromEntries(await Promise.all(reportKinds.map(async (kind) => [kind, await renderReport(kind, data)] as const)));
  for (const kind of ['final', 'waiting', 'approvals'] as const) expect(Buffer.from(reports[kind] as Uint8Array).subarray(0, 5).toString()).toBe('%PDF-');
  expect(verifyDossier(reports.dossier as Uint8Array)).toMatchObject({ ok: true, clientId, events: data.events.length });
  for (const pdf of [reports.final as Uint8Array, dossierPdf(reports.dossier as Uint8Array)]) {
    const text = await pdfText(pdf);
    expect(text).toContain(expected.name);
    expectInvoiceRows(text, expected.statement, expected.locale);
  }
}

describe.each(testDatabases())('reports of the shared scenarios on $name', ({ open }) => {
  it.each(scenarioFiles().map((file) => ({ name: basename(file, '.jsonl'), file })))('$name: every report of every client generates and agrees with the statement', async ({ file }) => {
    const store = await open();
    try {
      const ctx = appContext(store, clock);
      await importLedger(ctx, 'ws', [file]);
      const at = (JSON.parse(readFileSync(file.replace(/\.jsonl$/, '.expected.json'), 'utf8')) as { at: IsoDate }).at;
      const clients = clientIdsOf(file);
      expect(clients.length).toBeGreaterThan(1);
      for (const clientId of clients) await checkClient(ctx, clientId, at);
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe('reports of the demo agency on sqlite', () => {
  const sqlite = testDatabases().find((d) => d.name === 'sqlite') as TestDatabase;
  let store: TestStore;
  let ctx: AppContext;
  beforeAll(async () => {
    store = await sqlite.open();
    ctx = appContext(store, clock);
    await loadDemo(ctx, 'ws', { at: demoStory().end }); // the dates it was written with
  }, 120_000);
  afterAll(() => store.close());

  it.each(clientIdsOf('demo/workspace.jsonl'))('%s: every report generates and agrees with the statement', async (clientId) => {
    await checkClient(ctx, clientId, '2026-11-27' as IsoDate);
  }, 60_000);

  it('writes Danish letters that survive text extraction', async () => {
    const data = await gatherReport(ctx, 'ws', { clientId: 'moeller', highlights: ['Sæsonkampagne for påske: større rækkevidde på Instagram'] });
    const text = await pdfText(await renderReport('final', data));
    for (const words of ['Afsluttende rapport', 'Møllers Cykler ApS', 'Udgivne opslag', 'Højdepunkter', 'Sæsonkampagne for påske: større rækkevidde på Instagram', 'Måned']) {
      expect(text).toContain(words);
    }
  });

  it('writes the same bytes for the same ledger and day', async () => {
    for (const kind of reportKinds) {
      const first = await renderReport(kind, await gatherReport(ctx, 'ws', { clientId: 'lykke' }));
      const second = await renderReport(kind, await gatherReport(ctx, 'ws', { clientId: 'lykke' }));
      expect(Buffer.from(second).equals(Buffer.from(first)), kind).toBe(true);
    }
  });

  it('dates the report by the clock and covers the engagement by default', async () => {
    const data = await gatherReport(ctx, 'ws', { clientId: 'harbourfinch' });
    expect(data.generatedOn).toBe('2026-11-27');
    expect(data.scope.period).toEqual({ from: data.figures.engagement.start, to: '2026-11-27' });
    const text = await pdfText(await renderReport('waiting', data));
    expect(text).toContain('Generated by Firmly on 27 November 2026');
    expect(text).toMatch(/Page 1 of \d+/);
  });

  it('refuses a period that ends before it starts, and a client it does not know', async () => {
    await expect(gatherReport(ctx, 'ws', { clientId: 'lykke', from: '2026-06-01' as IsoDate, to: '2026-05-01' as IsoDate })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(gatherReport(ctx, 'ws', { clientId: 'nobody' })).rejects.toMatchObject({ code: 'client.not_found' });
  });
});
