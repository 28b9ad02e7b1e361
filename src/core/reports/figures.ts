import type { BusinessCalendar } from '../calendar/business-days.ts';
import type { IsoDate } from '../dates.ts';
import { timeKinds } from '../ledger/events.ts';
import type {
  ClientView, ContractView, DeliverableView, IncidentView, MessageView, RequestView, RevisionView, TimeEntryView,
} from '../ledger/read-model.ts';
import { localDate, type PauseEpisode } from '../assess/replay.ts';

/** The days a report covers, both included. */
export interface ReportPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** One client's read models, replayed to the end of the period. */
export interface ClientRecords {
  readonly client: ClientView;
  readonly contracts: readonly ContractView[];
  readonly deliverables: readonly DeliverableView[];
  readonly revisions: readonly RevisionView[];
  readonly requests: readonly RequestView[];
  readonly time: readonly TimeEntryView[];
  readonly incidents: readonly IncidentView[];
  readonly messages: readonly MessageView[];
  readonly pauses: readonly PauseEpisode[];
}

export interface ReportScope {
  readonly period: ReportPeriod;
  /** The workspace's: instants become calendar dates in it. */
  readonly timeZone: string;
  /** The client's jurisdiction's: answer times count its business days, as the contract's feedbackDays do. */
  readonly calendar: BusinessCalendar;
  /** A client-requested revision changing fewer characters than this is trivial (rules.controlling.trivialChars). */
  readonly trivialChars: number;
}

export interface EngagementFigures {
  readonly start: IsoDate;
  /** The last contract's end date when every contract has ended; null while one runs. */
  readonly end: IsoDate | null;
  readonly networks: readonly string[];
}

export interface PublishedFigures {
  readonly total: number;
  /** `YYYY-MM`, ascending. */
  readonly months: readonly string[];
  /** Sorted; null (no network named) last. */
  readonly networks: readonly (string | null)[];
  readonly cells: readonly { readonly month: string; readonly network: string | null; readonly count: number }[];
}

export interface RequestLine {
  readonly requestId: string;
  readonly kind: RequestView['kind'];
  readonly subject: string;
  readonly sentOn: IsoDate;
  readonly dueDate: IsoDate;
  readonly status: RequestView['status'];
  readonly answeredOn: IsoDate | null;
  readonly withdrawnOn: IsoDate | null;
  /** Business days from sending to the answer, the withdrawal, or the end of the period while open. */
  readonly waitedBusinessDays: number;
  /** Business days past the due date at that same end; 0 when it came in time. */
  readonly delayBusinessDays: number;
}

export interface RequestFigures {
  readonly lines: readonly RequestLine[];
  readonly sent: number;
  readonly answered: number;
  /** Median business days to an answer, over the answered requests; null with none answered. */
  readonly medianAnswerBusinessDays: number | null;
  /** Requests with a delay (answered late, or open or withdrawn past their due date). */
  readonly late: number;
  readonly totalDelayBusinessDays: number;
}

export interface DeliverableRounds {
  readonly deliverableId: string;
  readonly title: string;
  readonly network: string | null;
  readonly rounds: number;
  readonly clientRounds: number;
  readonly trivialClientRounds: number;
  readonly approvalRequests: number;
}

export interface ApprovalFigures {
  readonly trivialChars: number;
  /** Deliverables created or revised in the period, oldest first. */
  readonly deliverables: readonly DeliverableRounds[];
  readonly rounds: number;
  readonly clientRounds: number;
  readonly trivialClientRounds: number;
  readonly approvalMinutes: number;
  readonly totalMinutes: number;
}

export type TimeKind = (typeof timeKinds)[number];

export interface TimeFigures {
  readonly minutes: Readonly<Record<TimeKind, number>>;
  readonly total: number;
}

export interface ClientReportFigures {
  readonly engagement: EngagementFigures;
  readonly published: PublishedFigures;
  readonly requests: RequestFigures;
  readonly approvals: ApprovalFigures;
  readonly time: TimeFigures;
  /** Pauses that overlap the period, as local dates. */
  readonly pauses: readonly { readonly from: IsoDate; readonly to: IsoDate | null }[];
}

const within = (date: IsoDate, period: ReportPeriod) => date >= period.from && date <= period.to;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Median of whole numbers, halves kept (2 and 3 give 2.5); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The figures of every report about one client over `scope.period`: what was published per
 * network and month, how long each request waited and the delay past its due date (in the
 * client's business days), revision rounds and trivial ones, and time by kind.
 */
export function clientReportFigures(records: ClientRecords, scope: ReportScope): ClientReportFigures {
  return {
    engagement: engagementFigures(records, scope),
    published: publishedFigures(records.deliverables, scope),
    requests: requestFigures(records.requests, scope),
    approvals: approvalFigures(records, scope),
    time: timeFigures(records.time, scope.period),
    pauses: records.pauses
      .map((p) => ({ from: localDate(p.pausedAt, scope.timeZone), to: p.resumedAt === null ? null : localDate(p.resumedAt, scope.timeZone) }))
      .filter((p) => p.from <= scope.period.to && (p.to === null || p.to >= scope.period.from)),
  };
}

function engagementFigures(records: ClientRecords, scope: ReportScope): EngagementFigures {
  const starts = records.contracts.map((c) => c.startDate).sort(byText);
  const start = starts[0] ?? localDate(records.client.addedAt, scope.timeZone);
  const ended = records.contracts.length > 0 && records.contracts.every((c) => c.endDate !== null);
  const end = ended ? (records.contracts.map((c) => c.endDate as IsoDate).sort(byText).at(-1) as IsoDate) : null;
  const networks = [...new Set(records.contracts.flatMap((c) => c.networks))].sort(byText);
  return { start, end, networks };
}

function publishedFigures(deliverables: readonly DeliverableView[], scope: ReportScope): PublishedFigures {
  const counts = new Map<string, { month: string; network: string | null; count: number }>();
  for (const d of deliverables) {
    if (d.publishedAt === null) continue;
    const day = localDate(d.publishedAt, scope.timeZone);
    if (!within(day, scope.period)) continue;
    const month = day.slice(0, 7);
    const key = `${month} ${d.network ?? ''}`;
    const cell = counts.get(key) ?? { month, network: d.network, count: 0 };
    cell.count += 1;
    counts.set(key, cell);
  }
  const cells = [...counts.values()].sort((a, b) => byText(a.month, b.month) || byText(a.network ?? '\uffff', b.network ?? '\uffff'));
  const named = [...new Set(cells.flatMap((c) => (c.network === null ? [] : [c.network])))].sort(byText);
  return {
    total: cells.reduce((n, c) => n + c.count, 0),
    months: [...new Set(cells.map((c) => c.month))],
    networks: cells.some((c) => c.network === null) ? [...named, null] : named,
    cells,
  };
}

/** Each request sent in the period with how long it waited and the delay past its due date. */
export function requestFigures(requests: readonly RequestView[], scope: ReportScope): RequestFigures {
  const { calendar, period, timeZone } = scope;
  const lines = requests
    .map((r) => ({ r, sentOn: localDate(r.sentAt, timeZone) }))
    .filter(({ sentOn }) => within(sentOn, period))
    .sort((a, b) => byText(a.r.sentAt, b.r.sentAt) || byText(a.r.requestId, b.r.requestId))
    .map(({ r, sentOn }): RequestLine => {
      const answeredOn = r.answeredAt === null ? null : localDate(r.answeredAt, timeZone);
      const withdrawnOn = r.withdrawnAt === null ? null : localDate(r.withdrawnAt, timeZone);
      const end = answeredOn ?? withdrawnOn ?? period.to;
      return {
        requestId: r.requestId, kind: r.kind, subject: r.subject, sentOn, dueDate: r.dueDate, status: r.status, answeredOn, withdrawnOn,
        waitedBusinessDays: Math.max(0, calendar.businessDaysBetween(sentOn, end)),
        delayBusinessDays: Math.max(0, calendar.businessDaysBetween(r.dueDate, end)),
      };
    });
  const answered = lines.filter((l) => l.answeredOn !== null);
  return {
    lines,
    sent: lines.length,
    answered: answered.length,
    medianAnswerBusinessDays: median(answered.map((l) => l.waitedBusinessDays)),
    late: lines.filter((l) => l.delayBusinessDays > 0).length,
    totalDelayBusinessDays: lines.reduce((n, l) => n + l.delayBusinessDays, 0),
  };
}

function approvalFigures(records: ClientRecords, scope: ReportScope): ApprovalFigures {
  const { period, timeZone, trivialChars } = scope;
  const revisions = records.revisions.filter((r) => within(localDate(r.at, timeZone), period));
  const revised = new Set(revisions.map((r) => r.deliverableId));
  const approvals = records.requests.filter((r) => r.kind === 'approval' && within(localDate(r.sentAt, timeZone), period));
  const deliverables = records.deliverables
    .filter((d) => revised.has(d.deliverableId) || within(localDate(d.createdAt, timeZone), period))
    .sort((a, b) => byText(a.createdAt, b.createdAt) || byText(a.deliverableId, b.deliverableId))
    .map((d): DeliverableRounds => {
      const own = revisions.filter((r) => r.deliverableId === d.deliverableId);
      const client = own.filter((r) => r.requestedBy === 'client');
      return {
        deliverableId: d.deliverableId, title: d.title, network: d.network,
        rounds: own.length,
        clientRounds: client.length,
        trivialClientRounds: client.filter((r) => r.changeChars < trivialChars).length,
        approvalRequests: approvals.filter((r) => r.deliverableId === d.deliverableId).length,
      };
    });
  const time = timeFigures(records.time, period);
  return {
    trivialChars,
    deliverables,
    rounds: deliverables.reduce((n, d) => n + d.rounds, 0),
    clientRounds: deliverables.reduce((n, d) => n + d.clientRounds, 0),
    trivialClientRounds: deliverables.reduce((n, d) => n + d.trivialClientRounds, 0),
    approvalMinutes: time.minutes.approvals,
    totalMinutes: time.total,
  };
}

function timeFigures(entries: readonly TimeEntryView[], period: ReportPeriod): TimeFigures {
  const minutes = Object.fromEntries(timeKinds.map((k) => [k, 0])) as Record<TimeKind, number>;
  for (const entry of entries) if (within(entry.date, period)) minutes[entry.kind] += entry.minutes;
  return { minutes, total: timeKinds.reduce((n, k) => n + minutes[k], 0) };
}
