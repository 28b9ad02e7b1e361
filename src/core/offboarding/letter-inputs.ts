import type { IsoDate } from '../dates.ts';
import { localDate, type AsOf, type ClientHistory } from '../assess/replay.ts';
import type { OffboardingLetterInputs, TerminationReason } from '../letters/offboarding-letters.ts';
import type { OffboardingRecord } from './record.ts';

/** What an offboarding letter says beyond the common values, from the client's history as of `when`. */
export type OffboardingLetterFacts = Pick<OffboardingLetterInputs, 'reason' | 'endDate' | 'accounts' | 'finalInvoice' | 'period'>;

/**
 * The facts of the termination letter and of the final report's cover: the reason given at the
 * start ("other" in the user's own words), the accounts handed over, the final invoice (the
 * latest issued since the start), the end date (a contract's end where one is set, else the
 * letter's date) and the engagement period.
 */
export function offboardingLetterFacts(history: ClientHistory, record: OffboardingRecord, when: AsOf): OffboardingLetterFacts {
  const { state } = history;
  const started = record.started;
  const reason: OffboardingLetterFacts['reason'] = started === null
    ? undefined
    : started.reason === 'other' ? { text: started.note ?? '' } : started.reason satisfies TerminationReason;
  const contracts = state.all('contract');
  const ends = contracts.map((c) => c.endDate).filter((d): d is IsoDate => d !== null && d >= when.date).sort();
  const startedOn = started ? localDate(started.at, when.timeZone) : null;
  const final = startedOn === null ? undefined : state.all('invoice')
    .filter((i) => i.issueDate >= startedOn).sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.invoiceId.localeCompare(b.invoiceId)).at(-1);
  const accounts = state.all('accessGrant').filter((g) => g.handedOverAt !== null)
    .sort((a, b) => a.network.localeCompare(b.network) || a.account.localeCompare(b.account))
    .map(({ network, account }) => ({ network, account }));
  const client = state.get('client', history.clientId);
  const from = contracts.map((c) => c.startDate).sort()[0] ?? (client ? localDate(client.addedAt, when.timeZone) : when.date);
  return {
    ...(reason === undefined ? {} : { reason }),
    endDate: ends.at(-1) ?? when.date,
    accounts,
    ...(final ? { finalInvoice: { number: final.number, total: { minor: final.totalMinor - final.creditedMinor, currency: final.currency }, dueDate: final.dueDate } } : {}),
    period: { from, to: when.date },
  };
}
