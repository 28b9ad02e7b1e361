// Shapes of the API for the pages: those of src/contract (the schemas the server validates
// and serialises with) and, until they move there, a few of routes/*. The OpenAPI document at
// /api/openapi.json is the reference.
import type { Hold, HoldReason } from '../../../src/contract/client-status.ts';
import type { WorkspaceDemoView } from '../../../src/contract/demo.ts';

export type { Hold, HoldReason };

export type { WireMoney as Money } from '../../../src/contract/money.ts';
export type { Locale } from '../../../src/core/ledger/wire.ts';
export type Role = 'viewer' | 'member' | 'owner';

/** `demo` from the contract (src/contract/demo.ts): a change there is a type error here. */
export interface WorkspaceRef extends Readonly<WorkspaceDemoView> { readonly id: string; readonly name: string; readonly role: Role }
export interface SessionInfo {
  readonly user: { readonly id: string; readonly email: string };
  readonly csrfToken: string;
  readonly workspaces: readonly WorkspaceRef[];
}

// The clients API's shapes come from the contract the server validates with (src/contract).
export type {
  AccessGrant, ClientDetail, ClientSummary, Contract, EventPage, Invoice, LedgerEvent, Payment, RequestItem,
} from '../../../src/contract/clients.ts';

export type { ClientAssessment, Decision, Stage } from '../../../src/contract/assessment.ts';
