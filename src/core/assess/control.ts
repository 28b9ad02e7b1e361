import type { IsoDate } from '../dates.ts';
import type { AccessGrantView, ContractView, DeliverableView, RequestView, RevisionView, TimeEntryView } from '../ledger/read-model.ts';
import { localDate, type AsOf } from './replay.ts';

export interface DeliverableLoad {
  readonly deliverableId: string;
  readonly clientRounds: number;
  readonly trivialClientRounds: number;
  readonly approvalRequests: number;
}

export interface ControlSignals {
  /** Deliverables created within the window. */
  readonly deliverables: readonly DeliverableLoad[];
  readonly clientRounds: number;
  readonly trivialClientRounds: number;
  /** Share of client-requested rounds that changed fewer than the trivial threshold of characters. */
  readonly trivialShare: number | null;
  readonly clientRoundsPerDeliverable: number | null;
  readonly approvalRequestsPerDeliverable: number | null;
  /** Share of all logged minutes in the window spent on approvals. */
  readonly approvalTimeShare: number | null;
  /** Networks the contract covers on which we hold no full access. */
  readonly networksWithoutFullAccess: readonly string[];
}

export interface ControlInputs {
  readonly deliverables: readonly DeliverableView[];
  readonly revisions: readonly RevisionView[];
  readonly requests: readonly RequestView[];
  readonly time: readonly TimeEntryView[];
  readonly contract: ContractView | undefined;
  readonly grants: readonly AccessGrantView[];
}

/** The approval load the client puts on us over the `windowStart`..`when.date` window. */
export function measureControl(inputs: ControlInputs, when: AsOf, windowStart: IsoDate, trivialChars: number): ControlSignals {
  const inWindow = (date: IsoDate) => date >= windowStart && date <= when.date;
  const deliverables = inputs.deliverables.filter((d) => inWindow(localDate(d.createdAt, when.timeZone)));
  const ids = new Set(deliverables.map((d) => d.deliverableId));
  const load = new Map(deliverables.map((d) => [d.deliverableId, { deliverableId: d.deliverableId, clientRounds: 0, trivialClientRounds: 0, approvalRequests: 0 }]));
  for (const revision of inputs.revisions) {
    const entry = load.get(revision.deliverableId);
    if (!entry || revision.requestedBy !== 'client') continue;
    entry.clientRounds += 1;
    if (revision.changeChars < trivialChars) entry.trivialClientRounds += 1;
  }
  const approvals = inputs.requests.filter((r) => r.kind === 'approval' && inWindow(localDate(r.sentAt, when.timeZone)));
  for (const request of approvals) {
    const entry = request.deliverableId && ids.has(request.deliverableId) ? load.get(request.deliverableId) : undefined;
    if (entry) entry.approvalRequests += 1;
  }
  const rows = [...load.values()];
  const clientRounds = rows.reduce((n, d) => n + d.clientRounds, 0);
  const trivialClientRounds = rows.reduce((n, d) => n + d.trivialClientRounds, 0);
  const minutes = inputs.time.filter((t) => inWindow(t.date));
  const total = minutes.reduce((n, t) => n + t.minutes, 0);
  const onApprovals = minutes.filter((t) => t.kind === 'approvals').reduce((n, t) => n + t.minutes, 0);
  const fullAccess = new Set(inputs.grants.filter((g) => g.level === 'full' && g.revokedAt === null && g.handedOverAt === null).map((g) => g.network));
  return {
    deliverables: rows,
    clientRounds,
    trivialClientRounds,
    trivialShare: clientRounds === 0 ? null : trivialClientRounds / clientRounds,
    clientRoundsPerDeliverable: rows.length === 0 ? null : clientRounds / rows.length,
    approvalRequestsPerDeliverable: rows.length === 0 ? null : approvals.length / rows.length,
    approvalTimeShare: total === 0 ? null : onApprovals / total,
    networksWithoutFullAccess: (inputs.contract?.networks ?? []).filter((n) => !fullAccess.has(n)),
  };
}
