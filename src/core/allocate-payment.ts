import type { IsoDate } from './dates.ts';

export interface OpenItem {
  readonly invoiceId: string;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly openMinor: number;
}

export interface Allocation {
  readonly invoiceId: string;
  readonly minor: number;
}

export interface AllocationResult {
  readonly allocations: readonly Allocation[];
  /** What no open item could take: money on account (an over-payment). */
  readonly unallocatedMinor: number;
}

const byAge = (a: OpenItem, b: OpenItem) =>
  a.dueDate.localeCompare(b.dueDate) || a.issueDate.localeCompare(b.issueDate) || a.invoiceId.localeCompare(b.invoiceId);

/**
 * Spreads a payment (minor units) over open items of its currency: first the invoices the
 * payment names, in the order named, then the others oldest due date first. What is left
 * stays unallocated. Items with nothing open take nothing.
 * @example allocatePayment(150_000, undefined, [feb(100_000), mar(100_000)]) // feb 100 000, mar 50 000
 */
export function allocatePayment(amountMinor: number, named: readonly string[] | undefined, open: readonly OpenItem[]): AllocationResult {
  const byId = new Map(open.map((item) => [item.invoiceId, item]));
  const namedItems = (named ?? []).flatMap((id) => byId.get(id) ?? []);
  const namedIds = new Set(namedItems.map((item) => item.invoiceId));
  const rest = open.filter((item) => !namedIds.has(item.invoiceId)).sort(byAge);
  const taken = new Map<string, number>();
  let remaining = amountMinor;
  for (const item of [...namedItems, ...rest]) {
    if (remaining <= 0) break;
    const free = item.openMinor - (taken.get(item.invoiceId) ?? 0);
    if (free <= 0) continue;
    const applied = Math.min(free, remaining);
    taken.set(item.invoiceId, (taken.get(item.invoiceId) ?? 0) + applied);
    remaining -= applied;
  }
  const allocations = [...taken].map(([invoiceId, minor]) => ({ invoiceId, minor }));
  return { allocations, unallocatedMinor: remaining };
}
