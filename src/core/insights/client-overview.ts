import type { ClientAssessment } from '../assess/assess-client.ts';
import type { Archetype } from '../assess/decide.ts';
import type { Hold } from '../assess/hold.ts';
import type { Action } from '../assess/plan.ts';
import type { AsOf, ClientHistory } from '../assess/replay.ts';
import type { Stage } from '../assess/stage.ts';
import type { BusinessCalendar } from '../calendar/business-days.ts';
import type { Money } from '../money.ts';
import { overdueByCurrency } from './invoice-history.ts';
import { longestWait, requestTimes } from './request-times.ts';

/** One client's line on the dashboard: where they stand, what they owe, how long we have waited. */
export interface ClientOverview {
  readonly clientId: string;
  readonly name: string;
  readonly stage: Stage;
  readonly offboarded: boolean;
  readonly archived: boolean;
  /** The hold on escalation in force that day, if any. */
  readonly hold: Hold | null;
  readonly archetypes: Readonly<Record<Archetype, { readonly flagged: boolean; readonly score: number }>>;
  readonly overdue: readonly Money[];
  readonly waitingBusinessDays: number;
  readonly openRequests: number;
  readonly effectiveHourlyRate: Money | null;
  readonly worthIt: boolean | null;
  /** The playbook's steps due by the day, not yet carried out. */
  readonly actions: readonly Action[];
}

/** The dashboard line of a client already assessed from `history`, as of `when`. */
export function clientOverview(history: ClientHistory, assessment: ClientAssessment, calendar: BusinessCalendar, when: AsOf): ClientOverview {
  const { state } = history;
  const requests = state.all('request');
  const { unresponsive, controlling, latePayer } = assessment.archetypes;
  const pick = (d: { flagged: boolean; score: number }) => ({ flagged: d.flagged, score: d.score });
  return {
    clientId: assessment.clientId,
    name: assessment.name,
    stage: assessment.stage,
    offboarded: state.get('client', history.clientId)?.offboardedAt != null,
    archived: assessment.archived,
    hold: assessment.hold,
    archetypes: { unresponsive: pick(unresponsive), controlling: pick(controlling), latePayer: pick(latePayer) },
    overdue: overdueByCurrency(state.all('invoice'), when.date),
    waitingBusinessDays: longestWait(requestTimes(requests, calendar, when)),
    openRequests: requests.filter((r) => r.status === 'open').length,
    effectiveHourlyRate: assessment.economics.window.hourlyRate,
    worthIt: assessment.economics.worthIt,
    actions: assessment.actions,
  };
}
