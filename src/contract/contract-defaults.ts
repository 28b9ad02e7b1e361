import type { EventInput } from './events.ts';

type Terms = Omit<EventInput<'contract.signed'>, 'contractId' | 'clientId' | 'startDate' | 'fee' | 'rules'>;

/**
 * Firmly's terms for what a person signing a contract leaves as it is: the web form shows
 * them as the defaults, and the command line uses them for the options not given. Chosen to
 * be firm and common in a Danish or British freelance contract: payment within 14 days,
 * three business days to answer, no approval round unless agreed, work stops 14 days after
 * an invoice falls due, statutory late interest, and no reminder fees unless agreed.
 */
export const contractDefaults = {
  networks: [],
  paymentTerms: { netDays: 14 },
  feedbackDays: 3,
  approval: { mode: 'none' },
  stopWorkAfterDays: 14,
  lateInterest: 'statutory',
  reminderFees: false,
} as const satisfies Terms;

/** With an approval mode, the window a client has to approve, in business days, unless the contract says otherwise. */
export const defaultApprovalWindowDays = 5;

/** The fee's cycle when none is chosen. */
export const defaultFeeCycle = 'monthly' as const;
