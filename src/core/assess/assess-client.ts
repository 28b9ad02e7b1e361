import type { ClientId } from '../brand.ts';
import type { IsoDate } from '../dates.ts';
import { Temporal } from '../dates.ts';
import type { Money } from '../money.ts';
import type { BusinessCalendar } from '../calendar/business-days.ts';
import type { ContractAmendmentView, ContractView, WorkspaceView } from '../ledger/read-model.ts';
import { contractTermsOn } from '../ledger/contract-terms.ts';
import type { Jurisdiction, Locale } from '../ledger/wire.ts';
import { holdEndedOn, holdOn, type Hold } from './hold.ts';
import { planActions, type Action, type CarriedOutAction } from './plan.ts';
import { deriveStage, type Stage } from './stage.ts';
import { measureControl, type ControlSignals } from './control.ts';
import { decideControlling, decideLatePayer, decideUnresponsive, type Archetype, type Decision } from './decide.ts';
import { measureEconomics, type Economics } from './economics.ts';
import { measurePayments, type PaymentSignals } from './payment.ts';
import type { AsOf, ClientHistory } from './replay.ts';
import { measureResponsiveness, type Responsiveness } from './responsiveness.ts';
import { mergeRules, type Rules } from './rules.ts';

export interface ClientAssessment {
  readonly clientId: ClientId;
  readonly name: string;
  readonly locale: Locale;
  readonly stage: Stage;
  readonly actions: readonly Action[];
  readonly contract: ContractView | undefined;
  /** The hold on escalation in force that day (#12); null when not held. */
  readonly hold: Hold | null;
  /** Put away (`client.archived`): nothing is planned for them, and lists leave them out unless asked. */
  readonly archived: boolean;
  readonly archetypes: Readonly<Record<Archetype, Decision>>;
  readonly signals: {
    readonly responsiveness: Responsiveness;
    readonly control: ControlSignals;
    readonly payment: PaymentSignals;
  };
  readonly economics: Economics;
  /** Events that could not be applied in time order, as replay found them. */
  readonly anomalies: ClientHistory['anomalies'];
}

/** The contract in force on the date, else the latest signed before it, in the terms in force that day (amendments applied). */
export function contractInForce(contracts: readonly ContractView[], amendments: readonly ContractAmendmentView[], date: IsoDate): ContractView | undefined {
  const started = contracts.filter((c) => c.startDate <= date).sort((a, b) => a.startDate.localeCompare(b.startDate) || a.contractId.localeCompare(b.contractId));
  const contract = started.filter((c) => c.endDate === null || c.endDate >= date).at(-1) ?? started.at(-1) ?? contracts.at(-1);
  return contract && contractTermsOn(contract, amendments, date);
}

export interface AssessContext {
  readonly when: AsOf;
  readonly workspace: WorkspaceView | undefined;
  /** The base thresholds; the workspace's and the contract's overrides apply on top. */
  readonly rules: Rules;
  readonly calendarFor: (jurisdiction: Jurisdiction) => BusinessCalendar;
  /** The sweep's: actions it carried out, by client id (`PlanInputs.carriedOut`). */
  readonly carriedOut?: ReadonlyMap<string, readonly CarriedOutAction[]>;
}

/** Signals, decisions and economics of one client, purely from its replayed history. */
export function assessClient(history: ClientHistory, context: AssessContext): ClientAssessment | undefined {
  const { state } = history;
  const client = state.get('client', history.clientId);
  if (!client) return undefined;
  const { when, workspace } = context;
  const calendar = context.calendarFor(client.jurisdiction ?? workspace?.jurisdiction ?? 'NONE');
  const contract = contractInForce(state.all('contract'), state.all('contractAmendment'), when.date);
  const rules = mergeRules(context.rules, workspace?.rules, contract?.rules);
  const invoices = state.all('invoice');
  const time = state.all('timeEntry');
  const requests = state.all('request');

  const responsiveness = measureResponsiveness(requests, calendar, when);
  const controlWindowStart = Temporal.PlainDate.from(when.date).subtract({ days: rules.controlling.windowDays - 1 }).toString() as IsoDate;
  const control = measureControl({
    deliverables: state.all('deliverable'), revisions: state.all('revision'), requests, time, contract, grants: state.all('accessGrant'),
  }, when, controlWindowStart, rules.controlling.trivialChars);
  const payment = measurePayments(invoices, when, rules.latePayer.recentCycles, rules.latePayer.graceDays);
  const currency = client.currency ?? contract?.feeCurrency ?? workspace?.currency;
  const target: Money | null = workspace ? { minor: workspace.targetRateMinor, currency: workspace.targetRateCurrency } : null;
  const economics: Economics = measureEconomics(invoices, time, currency ?? target?.currency ?? ('DKK' as Money['currency']), target, when, rules.economics.windowDays);

  const decisions = {
    unresponsive: decideUnresponsive(responsiveness, rules.unresponsive),
    controlling: decideControlling(control, rules.controlling),
    latePayer: decideLatePayer(payment, rules.latePayer),
  };
  const offboarded = client.offboardedAt !== null;
  const archived = client.archivedAt !== null;
  const hold = holdOn(client, when.date);
  const actions = planActions({
    clientId: history.clientId, when, calendar, rules, contract, requests, invoices, messages: state.all('message'),
    carriedOut: context.carriedOut?.get(history.clientId) ?? [], paused: client.paused, offboarded, archived,
    hold, holdEndedOn: holdEndedOn(history.hold, when.date, when.timeZone), pauses: history.pauses, decisions, economics,
  });
  return {
    clientId: history.clientId,
    name: client.name,
    locale: client.locale,
    stage: deriveStage({ when, offboarded, offboarding: history.offboardingStartedAt !== null, paused: client.paused, contract, decisions, actions }),
    actions,
    contract,
    hold,
    archived,
    archetypes: decisions,
    signals: { responsiveness, control, payment },
    economics,
    anomalies: history.anomalies,
  };
}
