import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { dashboard, type Dashboard } from '../../src/app/dashboard.ts';
import { datedDemo, demoStory, loadDemo } from '../../src/app/demo.ts';
import { addDays, epochDay, Temporal, type IsoDate } from '../../src/core/dates.ts';
import { dateFields } from '../../src/core/ledger/redate.ts';
import type { EventType } from '../../src/core/ledger/events.ts';
import { testDatabases } from '../support/databases.ts';

// #12: the demo is dated relative to the day it is loaded, so that its dashboard tells the
// story it was written to tell on any day. The story moves by whole weeks (src/core/ledger/redate.ts).

const sqlite = testDatabases().find((d) => d.name === 'sqlite')!;
const story = demoStory();
const localDate = (at: string) => Temporal.Instant.from(at).toZonedDateTimeISO(story.timeZone).toPlainDate();
const loadDay = fc.integer({ min: epochDay('2024-01-01' as IsoDate), max: epochDay('2040-12-31' as IsoDate) })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10) as IsoDate);

/** Loads the demo dated to `at` into a fresh database and answers the dashboard of that day. */
async function dashboardOfDemoLoadedOn(at: IsoDate): Promise<{ d: Dashboard; appended: number; rejected: unknown[] }> {
  const store = await sqlite.open();
  try {
    const ctx = appContext(store, fixedClock(`${at}T11:00:00Z`));
    const load = await loadDemo(ctx); // today by the clock
    if (load.kind !== 'loaded') throw new Error('expected a fresh load');
    return { d: await dashboard(ctx, 'demo', at), appended: load.report.appended, rejected: [...load.report.rejected] };
  } finally {
    await store.close();
  }
}

const flagged = (d: Dashboard, archetype: 'unresponsive' | 'controlling' | 'latePayer') =>
  d.clients.filter((c) => c.archetypes[archetype].flagged).map((c) => c.clientId).sort();
const clientOf = (d: Dashboard, id: string) => d.clients.find((c) => c.clientId === id)!;

describe('the demo dated to the day it is loaded', () => {
  it('was written to end on 2026-11-20 in Copenhagen, and dated to that day it is the file as written', () => {
    expect(story).toMatchObject({ end: '2026-11-20', timeZone: 'Europe/Copenhagen' });
    expect(datedDemo('2026-11-20' as IsoDate)).toMatchObject({ shiftDays: 0, storyEnd: '2026-11-20', events: story.events });
  });

  it('moves every instant and every date field of every event by whole weeks, keeping weekdays, ids and texts', { timeout: 120_000 }, () => fc.assert(fc.property(loadDay, (at) => {
    const { events, shiftDays, storyEnd } = datedDemo(at);
    expect(Math.abs(shiftDays % 7)).toBe(0);
    const slack = epochDay(at) - epochDay(storyEnd);
    expect(slack).toBeGreaterThanOrEqual(0);
    expect(slack).toBeLessThanOrEqual(6);
    expect(events).toHaveLength(story.events.length);
    const wrong: unknown[] = [];
    for (const [i, moved] of events.entries()) {
      const was = story.events[i]!;
      const local = localDate(moved.at);
      if (moved.id !== was.id || moved.type !== was.type) wrong.push({ id: was.id, moved: moved.id });
      if (local.toString() !== localDate(was.at).add({ days: shiftDays }).toString() || local.dayOfWeek !== localDate(was.at).dayOfWeek) wrong.push({ id: was.id, at: moved.at });
      const fields = (dateFields[was.type as EventType] ?? []).map((p) => p.join('.'));
      for (const key of fields.filter((k) => k in was.data)) {
        const want = addDays(was.data[key] as IsoDate, shiftDays);
        const got = moved.data[key] as IsoDate;
        const allowed = was.type === 'invoice.issued' && key === 'dueDate' ? 2 : 0; // monthly due dates realigned
        if (Math.abs(epochDay(got) - epochDay(want)) > allowed) wrong.push({ id: was.id, key, got, want });
      }
      // Nothing but dates moves (and the day of the month of monthly terms).
      const undated = (data: Record<string, unknown>) => JSON.stringify(Object.entries(data).filter(([k]) => !fields.includes(k) && k !== 'paymentTerms'));
      if (undated(moved.data) !== undated(was.data)) wrong.push({ id: was.id, data: moved.data });
    }
    expect(wrong).toEqual([]);
  }), { numRuns: 12 }));

  it('keeps contracts due on a day of the month consistent with their invoices\' due dates', { timeout: 120_000 }, () => fc.assert(fc.property(loadDay, (at) => {
    const { events } = datedDemo(at);
    const dayOf = new Map<string, number>();
    let monthly = 0;
    for (const e of events) {
      const terms = e.data.paymentTerms as { dueDayOfMonth?: number } | undefined;
      if (e.type === 'contract.signed' && terms?.dueDayOfMonth !== undefined) dayOf.set(String(e.data.clientId), terms.dueDayOfMonth);
      if (e.type !== 'invoice.issued' || !dayOf.has(String(e.data.clientId))) continue;
      monthly += 1;
      const due = Temporal.PlainDate.from(String(e.data.dueDate));
      expect({ invoice: e.data.invoiceId, day: due.day }).toEqual({ invoice: e.data.invoiceId, day: Math.min(dayOf.get(String(e.data.clientId))!, due.daysInMonth) });
    }
    expect(monthly).toBeGreaterThan(40); // five clients pay on a day of the month
  }), { numRuns: 12 }));

  it('imports cleanly on random load days, and its dashboard that day tells the story', async () => {
    await fc.assert(fc.asyncProperty(loadDay, async (at) => {
      const { d, appended, rejected } = await dashboardOfDemoLoadedOn(at);
      expect(rejected).toEqual([]);
      expect(appended).toBe(story.events.length);
      expect(d.at).toBe(at);
      expect(clientOf(d, 'harbourfinch').archetypes.latePayer.flagged).toBe(true);
      expect(clientOf(d, 'harbourfinch').overdue).toEqual([{ minor: 290_000, currency: 'GBP' }]);
      expect(flagged(d, 'controlling')).toEqual(['lykke']);
      expect(flagged(d, 'unresponsive')).toEqual(['vestergaard']);
      for (const good of ['bageriet', 'hyggehjem']) {
        expect(clientOf(d, good)).toMatchObject({ stage: 'active', overdue: [], openRequests: 0, waitingBusinessDays: 0 });
      }
      expect(clientOf(d, 'puls')).toMatchObject({ offboarded: true, stage: 'former' });
    }), { numRuns: 6, seed: 12 });
  }, 180_000);

  it('on the day the issue was filed, ends in the week before and not months ago', async () => {
    // Loaded on 8 December 2026, a Tuesday: the story ends on Friday 4 December, not 20 November.
    const { d } = await dashboardOfDemoLoadedOn('2026-12-08' as IsoDate);
    expect(datedDemo('2026-12-08' as IsoDate)).toMatchObject({ shiftDays: 14, storyEnd: '2026-12-04' });
    // Dated to 20 November, Harbour & Finch's request would have waited 12 business days by then; now 2.
    expect(clientOf(d, 'harbourfinch').waitingBusinessDays).toBe(2);
  }, 60_000);
});
