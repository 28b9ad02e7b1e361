import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate } from '../dates.ts';
import { businessCalendar } from '../calendar/business-days.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { assessClient } from './assess-client.ts';
import type { Economics } from './economics.ts';
import { asOf, replayClient } from './replay.ts';
import { defaultRules } from './rules.ts';
import { dkk, ev } from '../../../test/support/ledger-events.ts';

const C1 = 'c1' as ClientId;


/** A DK workspace in Copenhagen aiming at `target` an hour, with one client, c1, billed in DKK. */
const setup = (target = dkk('650.00')) => [
  ev('workspace.configured', '2025-12-01T09:00:00Z', {
    name: 'Studio', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: target,
  }),
  ev('client.added', '2025-12-01T10:00:00Z', { clientId: 'c1', name: 'Oak & Ivy', locale: 'da', currency: 'DKK', contacts: [] }),
];
const invoice = (invoiceId: string, issueDate: string, total: string) =>
  ev('invoice.issued', `${issueDate}T08:00:00Z`, { invoiceId, clientId: 'c1', number: `N-${invoiceId}`, issueDate, dueDate: issueDate, total: dkk(total) });
const logged = (date: string, minutes: number, kind: 'work' | 'chasing' | 'approvals' | 'admin' = 'work') =>
  ev('time.logged', `${date}T15:00:00Z`, { clientId: 'c1', date, minutes, kind });

function economics(events: readonly LedgerEvent[], date = '2026-06-15', target = dkk('650.00')): Economics {
  const when = asOf(date as IsoDate, 'Europe/Copenhagen');
  const history = replayClient(C1, [...setup(target), ...events], when);
  const assessment = assessClient(history, { when, workspace: history.state.workspace, rules: defaultRules, calendarFor: businessCalendar });
  if (!assessment) throw new Error('c1 is not on record');
  return assessment.economics;
}

describe('what the client pays per hour we spend on them', () => {
  it('divides the fees invoiced in the 90-day window by all hours logged, chasing and approvals included', () => {
    // As of 15 June 2026 the window opens on 18 March.
    const result = economics([
      invoice('inv_apr', '2026-04-15', '6000.00'), invoice('inv_may', '2026-05-15', '4000.00'),
      invoice('inv_before', '2026-03-17', '8000.00'),
      logged('2026-05-04', 600, 'work'), logged('2026-05-05', 120, 'chasing'), logged('2026-05-06', 180, 'approvals'), logged('2026-05-07', 60, 'admin'),
      logged('2026-03-17', 600, 'work'),
    ]);

    // 10 000 DKK over 16 hours; without the chasing and approvals it would be 769 DKK, above target.
    expect(result.window).toMatchObject({ from: '2026-03-18', to: '2026-06-15', invoicedMinor: 1_000_000, minutes: 960, hourlyRate: { minor: 62_500, currency: 'DKK' } });
    expect(result).toMatchObject({ chasingMinutes: 120, approvalMinutes: 180, worthIt: false });
  });

  it('counts fees net of credits and rounds the rate once, to the øre', () => {
    // 1 000 DKK over 7 hours = 142.857… → 142.86; rounding the per-minute rate first would give 142.80.
    const result = economics([
      invoice('inv_1', '2026-05-15', '1200.00'), ev('invoice.credited', '2026-05-20T09:00:00Z', { invoiceId: 'inv_1', amount: dkk('200.00') }),
      logged('2026-05-18', 420),
    ]);

    expect(result.window.hourlyRate).toEqual({ minor: 14_286, currency: 'DKK' });
  });

  it('finds the client worth it when the rate reaches the target exactly', () => {
    const result = economics([invoice('inv_1', '2026-05-15', '10400.00'), logged('2026-05-18', 960)]);

    expect(result.window.hourlyRate?.minor).toBe(65_000);
    expect(result.worthIt).toBe(true);
  });

  it('does not judge the client worth it or not when the target is in another currency', () => {
    const result = economics([invoice('inv_1', '2026-05-15', '1000.00'), logged('2026-05-18', 600)], '2026-06-15', { amount: '90.00', currency: 'EUR' });

    expect(result.window.hourlyRate).toEqual({ minor: 10_000, currency: 'DKK' });
    expect(result.worthIt).toBeNull();
    expect(result.monthsBelowTarget).toBe(0);
  });

  it('counts the months below target among the last three whole months only', () => {
    // 10 hours a month; 5 000 DKK is 500 an hour (below 650), 8 000 DKK is 800 (above).
    const month = (m: string, fee: string) => [invoice(`inv_${m}`, `2026-${m}-10`, fee), logged(`2026-${m}-12`, 600)];
    const belowThroughout = [...month('02', '5000.00'), ...month('03', '5000.00'), ...month('04', '5000.00'), ...month('05', '5000.00'), ...month('06', '5000.00')];
    const aprilAbove = [...month('02', '5000.00'), ...month('03', '5000.00'), ...month('04', '8000.00'), ...month('05', '5000.00'), ...month('06', '5000.00')];

    const result = economics(belowThroughout);
    expect(result.months.map((m) => [m.from, m.to, m.hourlyRate?.minor])).toEqual([
      ['2026-03-01', '2026-03-31', 50_000], ['2026-04-01', '2026-04-30', 50_000], ['2026-05-01', '2026-05-31', 50_000],
    ]);
    expect(result.monthsBelowTarget).toBe(3);
    expect(economics(aprilAbove).monthsBelowTarget).toBe(2);
  });
});
