import type { Statement } from '../accounts/statement.ts';
import type { IsoDate } from '../dates.ts';
import type { Locale } from '../ledger/wire.ts';
import { localDate } from '../assess/replay.ts';
import { formatMoney } from '../letters/format.ts';
import type { ClientRecords, ClientReportFigures, ReportScope } from './figures.ts';
import { reportTexts } from './texts.ts';

export const timelineKinds = ['work', 'problem', 'account'] as const;

export interface TimelineEntry {
  readonly date: IsoDate;
  readonly kind: (typeof timelineKinds)[number];
  readonly text: string;
}

export interface MessageLine {
  readonly date: IsoDate;
  readonly direction: 'out' | 'in';
  readonly subject: string;
}

const kindOrder = { work: 0, account: 1, problem: 2 } as const;

/**
 * The dossier's timeline over the period, oldest first: the work (contracts, what was
 * published each month), the account (invoices, payments) and the problems (answers past
 * their due date, requests still open past it, late invoices, incidents, pauses), in `locale`.
 */
export function buildTimeline(records: ClientRecords, figures: ClientReportFigures, statement: Statement, scope: ReportScope, locale: Locale): TimelineEntry[] {
  const texts = reportTexts(locale);
  const t = texts.timelineText;
  const { period, timeZone } = scope;
  const inPeriod = (date: IsoDate) => date >= period.from && date <= period.to;
  const entries: TimelineEntry[] = [];
  const add = (date: IsoDate, kind: TimelineEntry['kind'], text: string) => { if (inPeriod(date)) entries.push({ date, kind, text }); };

  for (const c of records.contracts) {
    add(c.startDate, 'work', t.contractSigned(c.networks.join(', ')));
    if (c.endDate !== null) add(c.endDate, 'work', t.contractEnded);
  }
  // One line a month, dated by its last publication: a line per post would bury the rest.
  const lastPublished = new Map<string, IsoDate>();
  for (const d of records.deliverables) {
    if (d.publishedAt === null) continue;
    const day = localDate(d.publishedAt, timeZone);
    const month = day.slice(0, 7);
    if (inPeriod(day) && (lastPublished.get(month) ?? '') < day) lastPublished.set(month, day);
  }
  for (const [month, day] of lastPublished) {
    add(day, 'work', t.published(figures.published.cells.filter((c) => c.month === month).reduce((n, c) => n + c.count, 0)));
  }
  for (const r of figures.requests.lines) {
    if (r.delayBusinessDays === 0) continue;
    if (r.answeredOn !== null) add(r.answeredOn, 'problem', t.lateAnswer(r.subject, r.delayBusinessDays));
    else if (r.status === 'open') add(period.to, 'problem', t.openPastDue(r.subject, r.delayBusinessDays));
  }
  for (const i of statement.invoices) {
    add(i.issueDate, 'account', t.invoiceIssued(i.number, formatMoney(i.total, locale)));
    if (i.daysLate > 0) {
      if (i.settledOn !== null) add(i.settledOn, 'problem', t.invoiceLate(i.number, i.daysLate));
      else add(statement.at <= period.to ? statement.at : period.to, 'problem', t.invoiceOpen(i.number, i.daysLate));
    }
  }
  for (const line of statement.lines) if (line.kind === 'payment') add(line.date, 'account', t.payment(formatMoney({ ...line.amount, minor: -line.amount.minor }, locale)));
  for (const i of records.incidents) add(localDate(i.at, timeZone), 'problem', t.incident(texts.severity[i.severity], i.summary));
  for (const p of records.pauses) {
    add(localDate(p.pausedAt, timeZone), 'problem', t.paused);
    if (p.resumedAt !== null) add(localDate(p.resumedAt, timeZone), 'work', t.resumed);
  }
  if (records.client.offboardedAt !== null) add(localDate(records.client.offboardedAt, timeZone), 'work', t.offboarded(records.client.offboardReason ?? ''));
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : kindOrder[a.kind] - kindOrder[b.kind]));
}

/** The messages exchanged in the period, oldest first. */
export function messageLines(records: ClientRecords, scope: ReportScope): MessageLine[] {
  return records.messages
    .map((m) => ({ at: m.at, date: localDate(m.at, scope.timeZone), direction: m.direction, subject: m.subject }))
    .filter((m) => m.date >= scope.period.from && m.date <= scope.period.to)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map(({ date, direction, subject }) => ({ date, direction, subject }));
}
