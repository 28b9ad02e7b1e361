import type { EventType } from './events.ts';

/**
 * The ledger types a person records by hand. Left out: the workspace's settings and rules
 * (the owner's settings routes record those), and what the playbook carries out — pausing
 * and resuming work, offboarding — which the sweep records with the action it belongs to.
 * Handing an account over (`access.handedOver`) goes through offboarding too: it is refused
 * there while the client owes money overdue, unless a person overrides that with a reason.
 */
export const recordableTypes = [
  'client.added', 'client.updated', 'client.archived', 'client.restored', 'escalation.held', 'escalation.released',
  'contract.signed', 'contract.amended', 'contract.ended',
  'deliverable.created', 'deliverable.revised', 'deliverable.published',
  'request.sent', 'request.answered', 'request.withdrawn',
  'access.granted', 'access.revoked',
  'invoice.issued', 'invoice.credited', 'payment.received',
  'message.sent', 'message.received', 'time.logged', 'incident.noted',
] as const satisfies readonly EventType[];
