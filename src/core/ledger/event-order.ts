import type { LedgerEvent } from './events.ts';

/**
 * The order facts happened in: by `at`; at the same instant, in the order the ledger accepted
 * them (`seq` — the appender checked each against the record in that order, so it is an order
 * the projections accept: a request is sent before it is withdrawn, a contract ends before its
 * client is offboarded), and by id for events not (yet) stored.
 */
export function byTime(a: LedgerEvent, b: LedgerEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  const seqA = (a as { readonly seq?: number }).seq;
  const seqB = (b as { readonly seq?: number }).seq;
  if (seqA !== undefined && seqB !== undefined && seqA !== seqB) return seqA - seqB;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
