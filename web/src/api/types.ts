// Shapes of the API for the pages: those of src/contract (the schemas the server validates
// and serialises with) and, until they move there, a few of routes/*. The OpenAPI document at
// /api/openapi.json is the reference.
import type { Hold, HoldReason } from '../../../src/contract/client-status.ts';

export type { Hold, HoldReason };

export interface Money { readonly amount: string; readonly currency: string }
export type Locale = 'en' | 'da';
export type Role = 'viewer' | 'member' | 'owner';

export interface WorkspaceRef { readonly id: string; readonly name: string; readonly role: Role }
export interface SessionInfo {
  readonly user: { readonly id: string; readonly email: string };
  readonly csrfToken: string;
  readonly workspaces: readonly WorkspaceRef[];
}

// The clients API's shapes come from the contract the server validates with (src/contract).
export type {
  AccessGrant, ClientDetail, ClientSummary, Contract, EventPage, Invoice, LedgerEvent, Payment, RequestItem,
} from '../../../src/contract/clients.ts';

export type Stage = 'active' | 'watch' | 'escalated' | 'paused' | 'offboarding' | 'former';
export interface Decision { readonly flagged: boolean; readonly score: number; readonly evidence: readonly string[]; readonly explanation: { readonly en: string; readonly da: string } }
export interface ClientAssessment {
  readonly clientId: string; readonly name: string; readonly stage: Stage;
  readonly archetypes: { readonly unresponsive: Decision; readonly controlling: Decision; readonly latePayer: Decision };
  readonly economics: { readonly effectiveHourlyRate: Money | null; readonly worthIt: boolean | null };
  readonly actions: readonly { readonly key: string; readonly kind: string; readonly due: string; readonly template: string }[];
  /** The hold on escalation in force on the day assessed. */
  readonly hold: Hold | null;
  readonly archived: boolean;
}
