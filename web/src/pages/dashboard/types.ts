import type { Hold, Money, Stage } from '../../api/types.ts';

// GET /api/workspaces/:ws/dashboard (the #6 contract).

export const archetypeKeys = ['latePayer', 'unresponsive', 'controlling'] as const;
export type ArchetypeKey = (typeof archetypeKeys)[number];
export interface ArchetypeScore { readonly flagged: boolean; readonly score: number }

export interface DashboardClient {
  readonly clientId: string;
  readonly name: string;
  readonly stage: Stage;
  readonly offboarded: boolean;
  /** Listed only when asked for with `?archived=include`. */
  readonly archived: boolean;
  /** The hold on escalation in force that day. */
  readonly hold: Hold | null;
  readonly archetypes: Readonly<Record<ArchetypeKey, ArchetypeScore>>;
  /** Per currency, only non-zero. */
  readonly overdue: readonly Money[];
  /** Business days the oldest open request has waited on the client (0 with none). */
  readonly waitingBusinessDays: number;
  readonly openRequests: number;
  readonly effectiveHourlyRate: Money | null;
  readonly worthIt: boolean | null;
}

export interface DashboardAction {
  readonly key: string;
  readonly kind: string;
  readonly due: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly template: string;
  /** The queued message carrying the action out; null until the sweep drafts it. */
  readonly outbox: { readonly id: string; readonly status: string } | null;
}

export interface DashboardData {
  readonly at: string;
  readonly workspace: {
    readonly id: string; readonly name: string; readonly currency: string; readonly locale: string;
    readonly timezone: string; readonly jurisdiction: string; readonly targetHourlyRate: Money | null;
  } | null;
  readonly clients: readonly DashboardClient[];
  readonly actions: readonly DashboardAction[];
  /** Clients whose history cannot be assessed, with the server's reason (#19 F2). */
  readonly unassessable: readonly UnassessableClient[];
}

export interface UnassessableClient {
  readonly clientId: string;
  readonly name: string | null;
  readonly error: { readonly code: string; readonly message: string };
}
