import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { renderMessage } from '../../src/app/render-message.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { useTestApp } from '../support/app.ts';
import { testDatabases } from '../support/databases.ts';
import { aClient, anInvoice, aWorkspace, jsonl, raw } from '../support/events.ts';

// #12 item 3: "Amendments take effect from a date; assessments before it use the old terms."
// Signed net 14 days, stop-work after 30 days, no late interest; amended on 10 March with
// effect from 20 March: stop-work after 7 days and 10 % interest a year.

const ledger = jsonl(
  aWorkspace({ at: '2026-01-01T08:00:00Z' }),
  aClient('c1', { at: '2026-01-01T08:00:00Z' }),
  raw('contract.signed', {
    contractId: 'k1', clientId: 'c1', startDate: '2026-01-01', networks: ['instagram'], fee: { amount: '8000.00', currency: 'DKK', cycle: 'monthly' },
    paymentTerms: { netDays: 14 }, feedbackDays: 3, approval: { mode: 'none' }, stopWorkAfterDays: 30, lateInterest: 'none',
  }, { at: '2026-01-01T09:00:00Z' }),
  anInvoice('c1', 'i1', '8000.00', '2026-03-01', { at: '2026-02-15T09:00:00Z' }),
  raw('contract.amended', {
    contractId: 'k1', effectiveDate: '2026-03-20', stopWorkAfterDays: 7, lateInterest: { ratePct: '10.00' }, note: 'Agreed after the February delays',
  }, { at: '2026-03-10T09:00:00Z' }),
);

describe.each(testDatabases())('a contract amended from a date on $name', ({ open }) => {
  let ctx: AppContext;
  useTestApp(open, (_s, c) => { ctx = c; });
  const load = () => importLedger(ctx, 'ws', [{ name: 'amended.jsonl', open: () => Readable.from([ledger]) }]);

  it('plans stop-work by the old terms the day before the effective date and by the new ones from it', async () => {
    await load();
    const kinds = async (day: string) => (await runSweep(ctx, 'ws', day as IsoDate, { dryRun: true })).planned.map((a) => a.kind);
    expect(await kinds('2026-03-19')).not.toContain('work.pause');
    expect(await kinds('2026-03-20')).toContain('work.pause');
  });

  it('writes a letter in the terms in force on its day', async () => {
    await load();
    const letter = (day: string) => renderMessage(ctx, 'ws', { clientId: 'c1', template: 'late.reminder.second', locale: 'en', subjectId: 'i1' }, day as IsoDate);
    const before = await letter('2026-03-19');
    expect(before.text).not.toMatch(/interest/i);
    const after = await letter('2026-03-20');
    expect(after.text).toMatch(/late payment carries interest/);
    expect(after.text).toMatch(/10(\.00)? ?%/);
  });
});
