import type { ClientId } from '../../core/brand.ts';
import type { Statement } from '../../core/accounts/statement.ts';
import { contractInForce } from '../../core/assess/assess-client.ts';
import { localDate } from '../../core/assess/replay.ts';
import { defaultRules, mergeRules } from '../../core/assess/rules.ts';
import { businessCalendar } from '../../core/calendar/business-days.ts';
import type { IsoDate } from '../../core/dates.ts';
import { FirmlyError } from '../../core/errors.ts';
import type { ChainTip } from '../../core/ledger/chain.ts';
import type { StoredEvent } from '../../core/ledger/events.ts';
import type { Locale } from '../../core/ledger/wire.ts';
import { clientReportFigures, type ClientRecords, type ClientReportFigures, type ReportScope } from '../../core/reports/figures.ts';
import { buildTimeline, messageLines, type MessageLine, type TimelineEntry } from '../../core/reports/timeline.ts';
import { chainHead } from '../../store/ledger-store.ts';
import { startAssessment, workspaceToday } from '../assess-workspace.ts';
import { clientStatement } from '../client-statement.ts';
import type { AppContext } from '../context.ts';

export interface ReportRequest {
  readonly clientId: string;
  /** First day of the period; the start of the engagement when absent. */
  readonly from?: IsoDate | undefined;
  /** Last day of the period, and the day the statement is as of; today when absent. */
  readonly to?: IsoDate | undefined;
  /** Lines the user adds to the final report. */
  readonly highlights?: readonly string[] | undefined;
}

/** Everything the reports about one client show, computed once. */
export interface ReportData {
  readonly workspace: { readonly id: string; readonly name: string };
  readonly client: { readonly id: string; readonly name: string; readonly locale: Locale };
  readonly scope: ReportScope;
  /** Today in the workspace's time zone: the footer's date. */
  readonly generatedOn: IsoDate;
  readonly records: ClientRecords;
  readonly figures: ClientReportFigures;
  /** As `firmly statement --at <to>` gives it. */
  readonly statement: Statement;
  readonly timeline: readonly TimelineEntry[];
  readonly messages: readonly MessageLine[];
  readonly highlights: readonly string[];
  /** The client's events on record at export, in chain order (for the dossier's proof). */
  readonly events: readonly StoredEvent[];
  readonly head: ChainTip;
}

/**
 * Replays one client to the end of the period and computes every report's figures. The
 * statement comes from the same service as `firmly statement`, so the two can never disagree.
 * `atHead`: the chain head to report as of, when the caller has read it already.
 */
export async function gatherReport(ctx: AppContext, workspaceId: string, request: ReportRequest, atHead?: ChainTip): Promise<ReportData> {
  // The head first (or the caller's, read earlier): events appended meanwhile are left out rather than lying past it.
  const head = atHead ?? await chainHead(ctx.store.db, workspaceId);
  const generatedOn = await workspaceToday(ctx, workspaceId);
  const to = request.to ?? generatedOn;
  const run = await startAssessment(ctx, workspaceId, to);
  for await (const { events, history } of run.eachHistory({ clientIds: [request.clientId] })) {
    const { state } = history;
    const client = state.get('client', history.clientId);
    if (!client) break;
    const contracts = state.all('contract');
    const records: ClientRecords = {
      client, contracts,
      deliverables: state.all('deliverable'), revisions: state.all('revision'), requests: state.all('request'),
      time: state.all('timeEntry'), incidents: state.all('incident'), messages: state.all('message'), pauses: history.pauses,
    };
    const starts = contracts.map((c) => c.startDate).sort();
    const from = request.from ?? starts[0] ?? localDate(client.addedAt, run.timeZone);
    if (from > to) throw new FirmlyError('input.invalid', `the period starts (${from}) after it ends (${to})`, { from, to });
    const rules = mergeRules(defaultRules, run.workspace?.rules, contractInForce(contracts, state.all('contractAmendment'), to)?.rules);
    const scope: ReportScope = {
      period: { from, to }, timeZone: run.timeZone,
      calendar: businessCalendar(client.jurisdiction ?? run.workspace?.jurisdiction ?? 'NONE'),
      trivialChars: rules.controlling.trivialChars,
    };
    const { statement } = await clientStatement(ctx, workspaceId, request.clientId, to);
    const figures = clientReportFigures(records, scope);
    return {
      workspace: { id: workspaceId, name: run.workspace?.name ?? workspaceId },
      client: { id: client.clientId, name: client.name, locale: client.locale },
      scope, generatedOn, records, figures, statement,
      timeline: buildTimeline(records, figures, statement, scope, client.locale),
      messages: messageLines(records, scope),
      highlights: request.highlights ?? [],
      events: events.filter((e) => e.seq <= head.seq),
      head,
    };
  }
  throw new FirmlyError('client.not_found', `no client "${request.clientId}" on record by ${to}`, { clientId: request.clientId as ClientId });
}
