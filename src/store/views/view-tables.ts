import type { ViewName, Views } from '../../core/ledger/read-model.ts';

// How each read model is stored: its key columns (after workspace_id) and the few
// fields whose SQL form differs from the core value (flags as 0/1, lists and objects as JSON text).

export interface ViewTable<K extends ViewName> {
  readonly key: readonly (keyof Views[K] & string)[];
  readonly flags?: readonly (keyof Views[K] & string)[];
  /** Fields stored as JSON text (lists, rule overrides). */
  readonly json?: readonly (keyof Views[K] & string)[];
}

export const viewTables: { readonly [K in ViewName]: ViewTable<K> } = {
  client: { key: ['clientId'], flags: ['paused'] },
  contact: { key: ['clientId', 'position'] },
  contract: { key: ['contractId'], flags: ['deemedApproval', 'reminderFees'], json: ['networks', 'rules'] },
  contractAmendment: { key: ['eventId'], json: ['terms'] },
  deliverable: { key: ['deliverableId'] },
  revision: { key: ['eventId'] },
  request: { key: ['requestId'] },
  accessGrant: { key: ['clientId', 'network', 'account'] },
  invoice: { key: ['invoiceId'] },
  credit: { key: ['eventId'] },
  payment: { key: ['paymentId'] },
  allocation: { key: ['paymentId', 'invoiceId'] },
  message: { key: ['messageId'] },
  timeEntry: { key: ['eventId'] },
  incident: { key: ['eventId'] },
};

export type Row = Record<string, unknown>;

export function toRow<K extends ViewName>(view: K, workspaceId: string, record: Views[K]): Row {
  const spec = viewTables[view] as ViewTable<ViewName>;
  const row: Row = { workspaceId, ...record };
  for (const flag of spec.flags ?? []) row[flag] = row[flag] ? 1 : 0;
  for (const field of spec.json ?? []) row[field] = JSON.stringify(row[field]);
  return row;
}

export function fromRow<K extends ViewName>(view: K, row: Row): Views[K] {
  const spec = viewTables[view] as ViewTable<ViewName>;
  const { workspaceId: _workspaceId, ...record } = row;
  for (const flag of spec.flags ?? []) record[flag] = record[flag] === 1 || record[flag] === true;
  for (const field of spec.json ?? []) record[field] = JSON.parse(record[field] as string);
  return record as unknown as Views[K];
}
