// GET /api/workspaces/:ws/dashboard: src/contract/dashboard.ts.

export const archetypeKeys = ['latePayer', 'unresponsive', 'controlling'] as const;
export type ArchetypeKey = (typeof archetypeKeys)[number];
export interface ArchetypeScore { readonly flagged: boolean; readonly score: number }

export type { DashboardAction, DashboardClient, DashboardData, UnassessableClient } from '../../../../src/contract/dashboard.ts';
