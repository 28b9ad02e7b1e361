import type { Statement } from '../../core/accounts/statement.ts';
import { requestKinds, timeKinds } from '../../core/ledger/events.ts';
import type { Locale } from '../../core/ledger/wire.ts';
import { formatDate, formatMoney } from '../../core/letters/format.ts';
import { median } from '../../core/reports/figures.ts';
import { formatHours, formatMonth, formatNumber, formatShare, formatShortDate } from '../../core/reports/format-report.ts';
import { reportTexts, type Catalogue } from '../../core/reports/texts.ts';
import type { Money } from '../../core/money.ts';
import type { ReportData } from './gather-report.ts';
import { ReportPdf, type Column } from './report-pdf.ts';

// Layout only: what each report says was computed in core (figures, timeline, statement).

export const reportKinds = ['final', 'waiting', 'approvals', 'dossier'] as const;
export type ReportKind = (typeof reportKinds)[number];

interface Ctx {
  readonly data: ReportData;
  readonly t: Catalogue;
  readonly locale: Locale;
  readonly date: (d: Parameters<typeof formatShortDate>[0]) => string;
  readonly money: (m: Money) => string;
}

function start(data: ReportData, kind: ReportKind): { pdf: ReportPdf; c: Ctx } {
  const locale = data.client.locale;
  const t = reportTexts(locale);
  const { from, to } = data.scope.period;
  const pdf = new ReportPdf({
    title: t.titles[kind], locale, generatedOn: data.generatedOn,
    facts: [[t.client, data.client.name], [t.period, `${formatDate(from, locale)} – ${formatDate(to, locale)}`], [t.preparedBy, data.workspace.name]],
  });
  return { pdf, c: { data, t, locale, date: (d) => formatShortDate(d, locale), money: (m) => formatMoney(m, locale) } };
}

/** The final report handed to the client: what was achieved, factual and without blame. */
export async function renderFinalReport(data: ReportData): Promise<Buffer> {
  const { pdf, c } = start(data, 'final');
  const { t, locale, data: { figures } } = c;
  const e = figures.engagement;
  pdf.heading(t.engagement)
    .paragraph(e.end === null ? t.engagementSince(formatDate(e.start, locale)) : t.engagementFromTo(formatDate(e.start, locale), formatDate(e.end, locale)));
  if (e.networks.length > 0) pdf.paragraph(t.networksCovered(e.networks.join(', ')));
  publishedSection(pdf, c);
  pdf.heading(t.requests);
  const r = figures.requests;
  pdf.paragraph(t.requestsSummary(r.sent, r.answered, r.medianAnswerBusinessDays, formatNumber(r.medianAnswerBusinessDays ?? 0, locale)));
  const byKind = requestKinds.map((kind) => {
    const lines = r.lines.filter((l) => l.kind === kind);
    const answered = lines.filter((l) => l.answeredOn !== null).map((l) => l.waitedBusinessDays);
    return { kind, sent: lines.length, answered: answered.length, median: median(answered) };
  }).filter((k) => k.sent > 0);
  if (byKind.length > 0) {
    pdf.table([{ header: t.kind, width: '*' }, { header: t.sent, width: 80, align: 'right' }, { header: t.answered, width: 80, align: 'right' }, { header: t.medianDays, width: 130, align: 'right' }],
      byKind.map((k) => [t.requestKind[k.kind], String(k.sent), String(k.answered), k.median === null ? '–' : formatNumber(k.median, locale)]));
  }
  const a = figures.approvals;
  pdf.heading(t.approvalRounds).paragraph(t.roundsSummary(a.rounds, a.deliverables.filter((d) => d.rounds > 0).length, a.deliverables.length));
  timeSection(pdf, c);
  invoiceSection(pdf, c, { daysHeader: t.daysAfterDue, charges: false });
  if (data.highlights.length > 0) pdf.heading(t.highlights).bullets(data.highlights);
  pdf.paragraph('').paragraph(t.closing);
  return pdf.finish();
}

/** How long each request waited on the client and the delay it caused. */
export async function renderWaitingReport(data: ReportData): Promise<Buffer> {
  const { pdf, c } = start(data, 'waiting');
  waitingSection(pdf, c, false);
  return pdf.finish();
}

/** Revision rounds, trivial revisions and hours on approvals. */
export async function renderApprovalsReport(data: ReportData): Promise<Buffer> {
  const { pdf, c } = start(data, 'approvals');
  approvalsSection(pdf, c, false);
  return pdf.finish();
}

/** The dossier's PDF: timeline, messages, payment history with late charges, waiting and approvals, integrity. */
export async function renderDossierReport(data: ReportData): Promise<Buffer> {
  const { pdf, c } = start(data, 'dossier');
  const { t } = c;
  pdf.paragraph(t.dossierIntro);
  pdf.heading(t.summary);
  for (const b of data.statement.balances) pdf.paragraph(t.balanceLine(b.currency, c.money(b.invoiced), c.money(b.paid), c.money(b.balance)));
  chargesLines(pdf, c, data.statement);
  pdf.heading(t.timeline);
  if (data.timeline.length === 0) pdf.paragraph(t.none);
  else pdf.table([{ header: t.date, width: 80 }, { header: t.description, width: '*' }], data.timeline.map((e) => [c.date(e.date), e.text]));
  pdf.heading(t.messages);
  if (data.messages.length === 0) pdf.paragraph(t.none);
  else pdf.table([{ header: t.date, width: 80 }, { header: t.direction, width: 70 }, { header: t.subject, width: '*' }],
    data.messages.map((m) => [c.date(m.date), m.direction === 'out' ? t.outgoing : t.incoming, m.subject]));
  pdf.heading(t.paymentHistory);
  if (data.statement.lines.length === 0) pdf.paragraph(t.none);
  else pdf.table([{ header: t.date, width: 80 }, { header: t.kind, width: 80 }, { header: t.reference, width: '*' }, { header: t.amount, width: 95, align: 'right' }, { header: t.balance, width: 95, align: 'right' }],
    data.statement.lines.map((l) => [c.date(l.date), t.movement[l.kind], l.reference, c.money(l.amount), c.money(l.balance)]));
  invoiceSection(pdf, c, { daysHeader: t.daysLate, charges: true });
  waitingSection(pdf, c, true);
  approvalsSection(pdf, c, true);
  pdf.heading(t.integrity).paragraph(t.integrityText(data.events.length, data.head.seq, data.head.hash));
  return pdf.finish();
}

function publishedSection(pdf: ReportPdf, c: Ctx): void {
  const { t, locale } = c;
  const p = c.data.figures.published;
  pdf.heading(t.deliverables).paragraph(t.deliverablesSummary(p.total));
  if (p.total === 0) return;
  const count = (month: string, network: string | null) => p.cells.find((x) => x.month === month && x.network === network)?.count ?? 0;
  const columns: Column[] = [{ header: t.month, width: '*' }, ...p.networks.map((n): Column => ({ header: n ?? t.otherNetwork, width: 62, align: 'right' })), { header: t.total, width: 55, align: 'right' }];
  pdf.table(columns, [
    ...p.months.map((m) => [formatMonth(m, locale), ...p.networks.map((n) => String(count(m, n))), String(p.networks.reduce((s, n) => s + count(m, n), 0))]),
    [t.total, ...p.networks.map((n) => String(p.cells.filter((x) => x.network === n).reduce((s, x) => s + x.count, 0))), String(p.total)],
  ], { totalRow: true });
}

function timeSection(pdf: ReportPdf, c: Ctx): void {
  const { t, locale } = c;
  const time = c.data.figures.time;
  pdf.heading(t.timeSpent);
  if (time.total === 0) {
    pdf.paragraph(t.none);
    return;
  }
  pdf.table([{ header: t.kind, width: '*' }, { header: t.hours, width: 100, align: 'right' }],
    [...timeKinds.filter((k) => time.minutes[k] > 0).map((k) => [t.timeKind[k], formatHours(time.minutes[k], locale)]), [t.total, formatHours(time.total, locale)]], { totalRow: true });
}

function invoiceSection(pdf: ReportPdf, c: Ctx, options: { daysHeader: string; charges: boolean }): void {
  const { t, data } = c;
  const { statement } = data;
  pdf.heading(t.invoices);
  if (statement.invoices.length === 0) {
    pdf.paragraph(t.none);
    return;
  }
  const columns: Column[] = [
    { header: t.invoiceNumber, width: '*' }, { header: t.issued, width: 62 }, { header: t.due, width: 62 },
    { header: t.amount, width: 84, align: 'right' }, { header: t.paidOn, width: 62 }, { header: t.open, width: 84, align: 'right' },
    { header: options.daysHeader, width: 56, align: 'right' },
  ];
  pdf.table(columns, statement.invoices.map((i) => [
    i.number, c.date(i.issueDate), c.date(i.dueDate), c.money(i.total), i.settledOn === null ? '–' : c.date(i.settledOn),
    c.money(i.open), String(i.daysLate),
  ]));
  for (const b of statement.balances) pdf.paragraph(t.balanceLine(b.currency, c.money(b.invoiced), c.money(b.paid), c.money(b.balance)));
  if (!options.charges) return;
  const late = statement.invoices.filter((i) => i.late !== null);
  if (late.length > 0) {
    pdf.table([{ header: t.invoiceNumber, width: '*' }, { header: t.daysLate, width: 60, align: 'right' }, { header: t.interest, width: 100, align: 'right' }, { header: t.compensation, width: 100, align: 'right' }],
      late.map((i) => [i.number, String(i.daysLate), i.late?.interest ? c.money(i.late.interest) : '–', i.late?.compensation ? c.money(i.late.compensation) : '–']));
  }
  chargesLines(pdf, c, statement);
}

function chargesLines(pdf: ReportPdf, c: Ctx, statement: Statement): void {
  const { t, locale } = c;
  pdf.paragraph(t.interestToDate(formatDate(statement.at, locale)));
  for (const b of statement.balances) pdf.paragraph(t.interestLine(b.currency, c.money(b.overdue), c.money(b.interest)));
  for (const m of statement.compensation) pdf.paragraph(t.compensationLine(c.money(m)));
  if (statement.balances.some((b) => b.interestIncomplete)) pdf.paragraph(t.interestUnknown);
}

/** `heading`: as a section of the dossier; a report of its own has the title already. */
function waitingSection(pdf: ReportPdf, c: Ctx, heading: boolean): void {
  const { t } = c;
  const r = c.data.figures.requests;
  if (heading) pdf.heading(t.titles.waiting);
  pdf.paragraph(t.waitingIntro);
  if (r.lines.length === 0) pdf.paragraph(t.none);
  else {
    pdf.table([
      { header: t.sent, width: 60 }, { header: t.request, width: '*' }, { header: t.due, width: 60 }, { header: t.answered, width: 62 },
      { header: t.businessDays, width: 78, align: 'right' }, { header: t.delay, width: 72, align: 'right' },
    ], r.lines.map((l) => [
      c.date(l.sentOn), l.subject, c.date(l.dueDate),
      l.answeredOn !== null ? c.date(l.answeredOn) : l.withdrawnOn !== null ? t.withdrawn : t.stillOpen,
      String(l.waitedBusinessDays), String(l.delayBusinessDays),
    ]));
    pdf.paragraph(t.waitingTotals(r.sent, r.late, r.totalDelayBusinessDays));
  }
  const pauses = c.data.figures.pauses;
  if (pauses.length > 0) {
    pdf.heading(t.pauses).bullets(pauses.map((p) => t.pausedFromTo(formatDate(p.from, c.locale), p.to === null ? null : formatDate(p.to, c.locale))));
  }
}

function approvalsSection(pdf: ReportPdf, c: Ctx, heading: boolean): void {
  const { t, locale } = c;
  const a = c.data.figures.approvals;
  if (heading) pdf.heading(t.titles.approvals);
  pdf.paragraph(t.approvalsIntro(a.trivialChars));
  pdf.paragraph(t.approvalTotals(a.clientRounds, a.trivialClientRounds, formatHours(a.approvalMinutes, locale), a.totalMinutes === 0 ? '–' : formatShare(a.approvalMinutes / a.totalMinutes, locale)));
  // The load is in the deliverables that had rounds: a row per untouched one would bury them.
  const loaded = a.deliverables.filter((d) => d.rounds > 0 || d.approvalRequests > 0);
  if (loaded.length === 0) pdf.paragraph(t.none);
  else {
    pdf.table([
      { header: t.deliverable, width: '*' }, { header: t.network, width: 62 }, { header: t.rounds, width: 48, align: 'right' },
      { header: t.clientRounds, width: 55, align: 'right' }, { header: t.trivial, width: 66, align: 'right' }, { header: t.approvalRequests, width: 84, align: 'right' },
    ], [
      ...loaded.map((d) => [d.title, d.network ?? t.otherNetwork, String(d.rounds), String(d.clientRounds), String(d.trivialClientRounds), String(d.approvalRequests)]),
      [t.total, '', String(a.rounds), String(a.clientRounds), String(a.trivialClientRounds), String(loaded.reduce((n, d) => n + d.approvalRequests, 0))],
    ], { totalRow: true });
  }
  if (loaded.length < a.deliverables.length) pdf.paragraph(t.withoutRounds(a.deliverables.length - loaded.length));
}
