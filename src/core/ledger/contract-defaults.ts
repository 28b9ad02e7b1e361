import type { approvalModes, feeCycles } from './vocabulary.ts';

/**
 * The terms a contract is signed with when the person names none: one home, shown by
 * `firmly contract sign --help`, the README and the web form's hints, which all read it here.
 */
export const contractDefaults = {
  /** The fee recurs every month. */
  cycle: 'monthly',
  /** Invoices are due 14 days after they are issued. */
  paymentTerms: { netDays: 14 },
  networks: [] as readonly string[],
  /** Business days the client has to give feedback. */
  feedbackDays: 3,
  /** Nothing needs the client's approval before it is published. */
  approvalMode: 'none',
  /** With approval by batch or per item: business days the client has to approve. */
  approvalWindowDays: 5,
  /** Silence is not approval unless the contract says so. */
  deemedApproval: false,
  /** Days an invoice may be overdue before work stops. */
  stopWorkAfterDays: 14,
  lateInterest: 'statutory',
  /** Reminder fees (rykkergebyr) only where the contract allows them. */
  reminderFees: false,
} as const satisfies {
  cycle: (typeof feeCycles)[number];
  approvalMode: (typeof approvalModes)[number];
  lateInterest: 'statutory' | 'none';
  [term: string]: unknown;
};
