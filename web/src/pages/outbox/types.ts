import type { Locale } from '../../api/types.ts';

// Shapes of the outbox API (/tmp contract "outbox, templates, settings").

export const outboxStatuses = ['queued', 'approved', 'sending', 'unconfirmed', 'accepted', 'sent', 'failed', 'acknowledged', 'discarded'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export interface OutboxItem {
  readonly id: string;
  readonly actionKey: string;
  readonly kind: string;
  readonly template: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly locale: Locale;
  readonly status: OutboxStatus;
  /** Null for a step for the user (walk away). */
  readonly subject: string | null;
  readonly to: readonly string[];
  /** The day the action became due. */
  readonly due: string;
  /** The invoice or request it is about. */
  readonly subjectId: string | null;
  readonly createdAt: string;
  readonly approvedAt: string | null;
  readonly sentAt: string | null;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly edited: boolean;
}

export interface OutboxPreview {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly to: readonly string[];
  readonly locale: Locale;
  readonly warnings: readonly string[];
}

export interface OutboxDetail {
  readonly message: OutboxItem;
  /** Null (or absent) for a step for the user, which is never mailed. */
  readonly preview: OutboxPreview | null;
}

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
