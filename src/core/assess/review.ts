import { addDays, type IsoDate } from '../dates.ts';
import { assessClient, type AssessContext, type ClientAssessment } from './assess-client.ts';
import { asOf, type ClientHistory } from './replay.ts';

/**
 * How many days ahead the sweep looks for a client whose ledger does not change. Within it
 * the look-ahead is exact; a client found quiet for that long is simply assessed again then.
 */
export const reviewHorizonDays = 7;

/**
 * The first day after `assessment`'s on which the playbook would plan an action it did not
 * plan that day, if no new event about the client is recorded: until then the sweep need not
 * assess the client again. Found by assessing the same history on the following days — no
 * second copy of the plan's rules to keep in step — up to `reviewHorizonDays` ahead. Null for
 * an offboarded or archived client: nothing is planned for them again before an event (a
 * `client.restored`) says otherwise. A held client is looked at again the day after the hold.
 *
 * The history must hold every event up to the last day looked at: a caller holding events
 * dated later than the assessed day must not look past the first of them.
 */
export function nextReviewDate(history: ClientHistory, context: AssessContext, assessment: ClientAssessment): IsoDate | null {
  const client = history.state.get('client', history.clientId);
  // Offboarded or archived: nothing is planned for them again before an event says otherwise.
  if (client?.offboardedAt || client?.archivedAt) return null;
  const planned = new Set(assessment.actions.map((action) => action.key));
  for (let days = 1; days < reviewHorizonDays; days += 1) {
    const date = addDays(context.when.date, days);
    const later = assessClient(history, { ...context, when: asOf(date, context.when.timeZone) });
    if (later?.actions.some((action) => !planned.has(action.key))) return date;
  }
  return addDays(context.when.date, reviewHorizonDays);
}
