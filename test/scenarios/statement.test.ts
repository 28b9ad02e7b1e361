import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { clientStatement } from '../../src/app/client-statement.ts';
import { asOf } from '../../src/core/assess/replay.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { testDatabases } from '../support/databases.ts';
import { scenarioFiles } from '../support/paths.ts';

interface RawEvent { type: string; at: string; data: Record<string, unknown> & { amount?: { amount: string; currency: string }; total?: { amount: string; currency: string } } }

const minor = (amount: string) => Math.round(Number(amount) * 100);

/** What the events say, summed straight from the file: no projection, no allocation. */
function expectedBalances(events: readonly RawEvent[], clientId: string, cutoff: string) {
  const counted = events.filter((e) => e.at < cutoff);
  const invoices = counted.filter((e) => e.type === 'invoice.issued' && e.data['clientId'] === clientId);
  const ids = new Set(invoices.map((e) => e.data['invoiceId']));
  const credits = counted.filter((e) => e.type === 'invoice.credited' && ids.has(e.data['invoiceId']));
  const payments = counted.filter((e) => e.type === 'payment.received' && e.data['clientId'] === clientId);
  const byCurrency = new Map<string, { invoiced: number; credited: number; paid: number }>();
  const add = (currency: string, field: 'invoiced' | 'credited' | 'paid', value: number) => {
    const sums = byCurrency.get(currency) ?? { invoiced: 0, credited: 0, paid: 0 };
    sums[field] += value;
    byCurrency.set(currency, sums);
  };
  for (const e of invoices) add(e.data.total?.currency as string, 'invoiced', minor(e.data.total?.amount as string));
  for (const e of credits) add(e.data.amount?.currency as string, 'credited', minor(e.data.amount?.amount as string));
  for (const e of payments) add(e.data.amount?.currency as string, 'paid', minor(e.data.amount?.amount as string));
  return { byCurrency, lines: invoices.length + credits.length + payments.length, invoices };
}

describe.each(testDatabases())('statements of the shared scenarios on $name', ({ open }) => {
  it.each(scenarioFiles().map((file) => ({ name: basename(file, '.jsonl'), file })))('$name: every client\'s statement matches its events', async ({ file }) => {
    const store = await open();
    try {
      const ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
      await importLedger(ctx, 'ws', [file]);
      const at = (JSON.parse(readFileSync(file.replace(/\.jsonl$/, '.expected.json'), 'utf8')) as { at: IsoDate }).at;
      const events = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as RawEvent);
      const timeZone = (events.find((e) => e.type === 'workspace.configured')?.data['timezone'] as string | undefined) ?? 'UTC';
      const cutoff = asOf(at, timeZone).cutoff;
      const clientIds = events.filter((e) => e.type === 'client.added').map((e) => e.data['clientId'] as string);
      expect(clientIds.length).toBeGreaterThan(0);
      for (const clientId of clientIds) {
        const { statement } = await clientStatement(ctx, 'ws', clientId, at);
        const expected = expectedBalances(events, clientId, cutoff);
        expect(statement.lines.length).toBe(expected.lines);
        expect(Object.fromEntries(statement.balances.map((b) => [b.currency, { invoiced: b.invoiced.minor, credited: b.credited.minor, paid: b.paid.minor, balance: b.balance.minor }])))
          .toEqual(Object.fromEntries([...expected.byCurrency].map(([currency, s]) => [currency, { ...s, balance: s.invoiced - s.credited - s.paid }])));
        expect(statement.invoices.map((i) => [i.number, i.dueDate, i.total.minor]).sort())
          .toEqual(expected.invoices.map((e) => [e.data['number'], e.data['dueDate'], minor(e.data.total?.amount as string)]).sort());
        for (const invoice of statement.invoices) {
          // Days late: to payment in full, or to the statement date while open; never negative.
          const end = invoice.settledOn ?? at;
          expect(invoice.daysLate).toBe(Math.max(0, Math.round((Date.parse(end) - Date.parse(invoice.dueDate)) / 86_400_000)));
          if (invoice.daysLate === 0) expect(invoice.late).toBeNull();
        }
      }
    } finally {
      await store.close();
    }
  });
});
