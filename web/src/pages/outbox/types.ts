import { outboxStatuses, type OutboxStatus } from '../../../../src/contract/vocabulary.ts';

// The outbox API's shapes: src/contract/outbox.ts.

export { outboxStatuses, type OutboxStatus };

export type { OutboxDetail, OutboxItem, OutboxPreview } from '../../../../src/contract/outbox.ts';

/** The filters of the outbox page; each names the statuses it shows. */
export const outboxFilters = {
  queued: ['queued'],
  approved: ['approved', 'sending', 'unconfirmed'],
  failed: ['failed'],
  sent: ['accepted', 'sent', 'acknowledged'],
  discarded: ['discarded'],
  all: outboxStatuses,
} as const satisfies Record<string, readonly OutboxStatus[]>;
export type OutboxFilter = keyof typeof outboxFilters;
export const isOutboxFilter = (value: string | null): value is OutboxFilter => value !== null && value in outboxFilters;

export const canEdit = (status: OutboxStatus): boolean => status === 'queued' || status === 'approved' || status === 'failed';
