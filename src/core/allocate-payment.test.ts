import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocatePayment, type OpenItem } from './allocate-payment.ts';
import type { IsoDate } from './dates.ts';

const item = (invoiceId: string, dueDate: string, openMinor: number, issueDate = dueDate): OpenItem =>
  ({ invoiceId, dueDate: dueDate as IsoDate, issueDate: issueDate as IsoDate, openMinor });

const feb = item('inv-feb', '2026-02-01', 100_000);
const mar = item('inv-mar', '2026-03-01', 100_000);
const apr = item('inv-apr', '2026-04-01', 100_000);

describe('allocatePayment', () => {
  it('settles the oldest open invoice first when a payment names none', () => {
    expect(allocatePayment(150_000, undefined, [mar, feb])).toEqual({
      allocations: [{ invoiceId: 'inv-feb', minor: 100_000 }, { invoiceId: 'inv-mar', minor: 50_000 }],
      unallocatedMinor: 0,
    });
  });

  it('orders invoices due the same day by issue date, then by id', () => {
    const early = item('inv-b', '2026-03-01', 100, '2026-01-01');
    const late = item('inv-a', '2026-03-01', 100, '2026-02-01');
    const sameDayA = item('inv-c', '2026-03-01', 100, '2026-02-01');
    expect(allocatePayment(250, undefined, [sameDayA, late, early]).allocations).toEqual([
      { invoiceId: 'inv-b', minor: 100 }, { invoiceId: 'inv-a', minor: 100 }, { invoiceId: 'inv-c', minor: 50 }]);
  });

  it('settles the invoices a payment names first, in the order named, then the oldest others', () => {
    expect(allocatePayment(250_000, ['inv-apr', 'inv-mar'], [feb, mar, apr])).toEqual({
      allocations: [{ invoiceId: 'inv-apr', minor: 100_000 }, { invoiceId: 'inv-mar', minor: 100_000 }, { invoiceId: 'inv-feb', minor: 50_000 }],
      unallocatedMinor: 0,
    });
  });

  it('lets a short payment settle only part of the first named invoice', () => {
    expect(allocatePayment(30_000, ['inv-mar'], [feb, mar])).toEqual({
      allocations: [{ invoiceId: 'inv-mar', minor: 30_000 }], unallocatedMinor: 0 });
  });

  it('ignores named invoices that are not open', () => {
    expect(allocatePayment(50_000, ['inv-gone', 'inv-mar', 'inv-mar'], [feb, mar])).toEqual({
      allocations: [{ invoiceId: 'inv-mar', minor: 50_000 }], unallocatedMinor: 0 });
  });

  it('leaves an over-payment unallocated', () => {
    expect(allocatePayment(250_000, undefined, [feb, mar])).toEqual({
      allocations: [{ invoiceId: 'inv-feb', minor: 100_000 }, { invoiceId: 'inv-mar', minor: 100_000 }],
      unallocatedMinor: 50_000,
    });
  });

  it('leaves the whole payment unallocated when nothing is open', () => {
    expect(allocatePayment(10_000, ['inv-feb'], [])).toEqual({ allocations: [], unallocatedMinor: 10_000 });
  });

  it('gives nothing to invoices with nothing or less than nothing open', () => {
    const paid = item('inv-paid', '2026-01-01', 0);
    const overpaid = item('inv-over', '2026-01-02', -500);
    expect(allocatePayment(50_000, ['inv-paid'], [paid, overpaid, feb])).toEqual({
      allocations: [{ invoiceId: 'inv-feb', minor: 50_000 }], unallocatedMinor: 0 });
  });

  describe('for any payment and open invoices', () => {
    const openItems = fc.uniqueArray(
      fc.record({
        invoiceId: fc.stringMatching(/^inv-[a-z0-9]{1,4}$/),
        dueDate: fc.constantFrom('2026-01-01', '2026-02-01', '2026-03-01'),
        issueDate: fc.constantFrom('2025-12-01', '2026-01-01'),
        openMinor: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: -1_000, max: 0 })),
      }).map((r) => item(r.invoiceId, r.dueDate, r.openMinor, r.issueDate)),
      { selector: (i) => i.invoiceId, maxLength: 12 },
    );
    const scenario = openItems.chain((open) => fc.record({
      open: fc.constant(open),
      amount: fc.integer({ min: 0, max: 5_000_000 }),
      named: fc.option(fc.array(fc.oneof(fc.constantFrom(...open.map((i) => i.invoiceId), 'inv-unknown'), fc.constant('inv-none')), { minLength: 1, maxLength: 4 }), { nil: undefined }),
      permutation: fc.shuffledSubarray(open, { minLength: open.length, maxLength: open.length }),
    }));

    it('allocates exactly the amount paid, what is left staying unallocated', () => fc.assert(fc.property(scenario, ({ open, amount, named }) => {
      const { allocations, unallocatedMinor } = allocatePayment(amount, named, open);
      expect(allocations.reduce((sum, a) => sum + a.minor, 0) + unallocatedMinor).toBe(amount);
      expect(unallocatedMinor).toBeGreaterThanOrEqual(0);
    }), { numRuns: 400 }));

    it('never gives an invoice more than is open on it, nor anything to one with nothing open', () => fc.assert(fc.property(scenario, ({ open, amount, named }) => {
      const { allocations } = allocatePayment(amount, named, open);
      const openOf = new Map(open.map((i) => [i.invoiceId, i.openMinor]));
      expect(new Set(allocations.map((a) => a.invoiceId)).size).toBe(allocations.length);
      for (const a of allocations) {
        expect(a.minor).toBeGreaterThan(0);
        expect(a.minor).toBeLessThanOrEqual(openOf.get(a.invoiceId) ?? 0);
      }
    }), { numRuns: 400 }));

    it('leaves money unallocated only when every invoice is settled', () => fc.assert(fc.property(scenario, ({ open, amount, named }) => {
      const { allocations, unallocatedMinor } = allocatePayment(amount, named, open);
      const taken = new Map(allocations.map((a) => [a.invoiceId, a.minor]));
      if (unallocatedMinor > 0) {
        for (const i of open) if (i.openMinor > 0) expect(taken.get(i.invoiceId)).toBe(i.openMinor);
      }
    }), { numRuns: 400 }));

    it('does not depend on the order the open invoices come in', () => fc.assert(fc.property(scenario, ({ open, amount, named, permutation }) => {
      expect(allocatePayment(amount, named, permutation)).toEqual(allocatePayment(amount, named, open));
    }), { numRuns: 400 }));
  });
});
