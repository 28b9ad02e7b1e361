// Shapes of the API for the pages, from src/contract: the schemas the server validates and
// serialises with, so a change there is a type error in the page that uses it.
import type { Hold, HoldReason } from '../../../src/contract/client-status.ts';

export type { Hold, HoldReason };

export type { WireMoney as Money } from '../../../src/contract/money.ts';
export type { Locale } from '../../../src/core/ledger/wire.ts';
export type { Role, SessionInfo, WorkspaceRef } from '../../../src/contract/session.ts';

// The clients API's shapes come from the contract the server validates with (src/contract).
export type {
  AccessGrant, ClientDetail, ClientSummary, Contract, EventPage, Invoice, LedgerEvent, Payment, RequestItem,
} from '../../../src/contract/clients.ts';

export type { ClientAssessment, Decision, Stage } from '../../../src/contract/assessment.ts';
