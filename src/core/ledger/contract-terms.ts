import { parseMoney } from '../money.ts';
import type { IsoDate } from '../dates.ts';
import type { EventData } from './events.ts';
import type { AmendedTerms, ContractAmendmentView, ContractView } from './read-model.ts';

// One home for "the terms of a contract → the columns of its read model": `contract.signed`
// sets them all, `contract.amended` the ones it names, from its effective date (#12).

type SignedTerms = Omit<EventData<'contract.signed'>, 'contractId' | 'clientId' | 'startDate'>;

/** `contract` with `terms` applied: only the terms present change (`rules: null` clears the contract's own). */
export function applyTerms(contract: ContractView, terms: AmendedTerms | (Omit<SignedTerms, 'rules'> & { rules: SignedTerms['rules'] | null })): ContractView {
  const next = { ...contract };
  if (terms.networks !== undefined) next.networks = [...terms.networks];
  if (terms.fee !== undefined) {
    const fee = parseMoney(terms.fee.amount, terms.fee.currency);
    next.feeMinor = fee.minor;
    next.feeCurrency = fee.currency;
    next.feeCycle = terms.fee.cycle;
  }
  if (terms.paymentTerms !== undefined) {
    const payment = terms.paymentTerms;
    next.dueDayOfMonth = 'dueDayOfMonth' in payment ? payment.dueDayOfMonth : null;
    next.netDays = 'netDays' in payment ? payment.netDays : null;
  }
  if (terms.feedbackDays !== undefined) next.feedbackDays = terms.feedbackDays;
  if (terms.approval !== undefined) {
    next.approvalMode = terms.approval.mode;
    next.approvalWindowDays = terms.approval.windowDays ?? null;
    next.deemedApproval = terms.approval.deemedApproval ?? false;
  }
  if (terms.stopWorkAfterDays !== undefined) next.stopWorkAfterDays = terms.stopWorkAfterDays;
  if (terms.lateInterest !== undefined) {
    const interest = terms.lateInterest;
    next.lateInterest = typeof interest === 'string' ? interest : 'contractual';
    next.lateInterestRatePct = typeof interest === 'string' ? null : interest.ratePct;
  }
  if (terms.reminderFees !== undefined) next.reminderFees = terms.reminderFees;
  if (terms.rules !== undefined) next.rules = terms.rules;
  return next;
}

/**
 * The contract's terms in force on `date`: as signed, then each amendment of it effective on or
 * before that day, in order of effective date and then of recording.
 */
export function contractTermsOn(contract: ContractView, amendments: readonly ContractAmendmentView[], date: IsoDate): ContractView {
  return amendmentsOf(contract, amendments)
    .filter((a) => a.effectiveDate <= date)
    .reduce((terms, amendment) => applyTerms(terms, amendment.terms), contract);
}

/** The amendments of one contract, in the order they apply. */
export function amendmentsOf(contract: ContractView, amendments: readonly ContractAmendmentView[]): ContractAmendmentView[] {
  return amendments.filter((a) => a.contractId === contract.contractId)
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.amendedAt.localeCompare(b.amendedAt) || a.eventId.localeCompare(b.eventId));
}
