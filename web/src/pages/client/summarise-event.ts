import type { LedgerEvent, Money } from '../../api/types.ts';
import type { Translate } from '../../i18n/i18n.tsx';

/** What the summaries call things by, instead of their ids. */
export interface EventNames {
  readonly requests: ReadonlyMap<string, string>;
  readonly invoices: ReadonlyMap<string, string>;
  readonly deliverables: ReadonlyMap<string, string>;
}

export interface Formatters {
  readonly t: Translate;
  readonly money: (money: Money | null | undefined) => string;
  readonly date: (iso: string | null | undefined) => string;
}

/** Every ledger type of LEDGER.md, plus what the app itself records (`workspace.rules`, `portal.viewed`, offboarding's). */
export const ledgerTypes = [
  'client.added', 'client.updated', 'client.archived', 'client.restored', 'escalation.held', 'escalation.released',
  'contract.signed', 'contract.amended', 'contract.ended',
  'deliverable.created', 'deliverable.revised', 'deliverable.published',
  'request.sent', 'request.answered', 'request.withdrawn',
  'access.granted', 'access.revoked', 'access.handedOver', 'access.handoverApproved',
  'invoice.issued', 'invoice.credited', 'payment.received',
  'message.sent', 'message.received', 'time.logged', 'incident.noted',
  'work.paused', 'work.resumed', 'offboarding.started', 'offboarding.stepSkipped', 'client.offboarded', 'portal.viewed',
  'workspace.configured', 'workspace.rules',
] as const;

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const isMoney = (value: unknown): value is Money =>
  typeof value === 'object' && value !== null && typeof (value as Money).amount === 'string' && typeof (value as Money).currency === 'string';

/** The label of a value from a closed set (`client.channel.email`), or the value itself when it has none. */
export function closedLabel(t: Translate, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  const label = t(key);
  return label === key ? value : label;
}

/** "90" → "1 h 30 min", in the current language. */
export function duration(minutes: number, t: Translate): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('client.duration.m', { m });
  return m === 0 ? t('client.duration.h', { h }) : t('client.duration.hm', { h, m });
}

/** One ledger event as one readable line in the current language. */
export function summariseEvent(event: Pick<LedgerEvent, 'type' | 'data'>, names: EventNames, { t, money, date }: Formatters): string {
  const d = event.data;
  const request = () => names.requests.get(text(d.requestId)) ?? text(d.requestId);
  const invoice = () => names.invoices.get(text(d.invoiceId)) ?? text(d.invoiceId);
  const deliverable = () => names.deliverables.get(text(d.deliverableId)) ?? text(d.deliverableId);
  const withReason = (line: string, reason: unknown = d.reason) => (text(reason) ? t('client.event.withReason', { line, reason: text(reason) }) : line);
  const key = (k: string) => `client.event.${k}`;
  const label = (prefix: string, value: unknown) => closedLabel(t, prefix, text(value));

  switch (event.type) {
    case 'workspace.configured':
      return t(key('workspace.configured'), { name: text(d.name), currency: text(d.currency), rate: isMoney(d.targetHourlyRate) ? money(d.targetHourlyRate) : '—' });
    case 'workspace.rules':
      return t(key('workspace.rules'));
    case 'client.added':
      return t(key('client.added'), { name: text(d.name), language: label('client.lang', d.locale) });
    case 'contract.signed': {
      const fee = d.fee as (Money & { cycle?: string }) | undefined;
      return t(key('contract.signed'), {
        fee: isMoney(fee) ? money(fee) : '—',
        cycle: t(`client.cycle.${text(fee?.cycle) || 'once'}`),
        start: date(text(d.startDate)),
      });
    }
    case 'contract.ended':
      return withReason(t(key('contract.ended'), { date: date(text(d.endDate)) }));
    case 'contract.amended':
      return withReason(t(key('contract.amended'), { date: date(text(d.effectiveDate)) }), d.note);
    case 'client.updated': {
      const fields = Object.keys(d).filter((k) => k !== 'clientId').map((k) => closedLabel(t, 'client.field', k));
      return t(key('client.updated'), { fields: fields.join(', ') || '—' });
    }
    case 'client.archived':
    case 'client.restored':
    case 'escalation.released':
      return withReason(t(key(event.type)));
    case 'escalation.held':
      return withReason(t(key('escalation.held'), { until: date(text(d.until)), reason: label('hold.reason', d.reason) }), d.note);
    case 'deliverable.created':
      return text(d.network)
        ? t(key('deliverable.created.network'), { title: text(d.title), network: text(d.network) })
        : t(key('deliverable.created'), { title: text(d.title) });
    case 'deliverable.revised':
      return t(key(d.requestedBy === 'client' ? 'deliverable.revised.client' : 'deliverable.revised.us'), {
        title: deliverable(), round: text(d.round), chars: typeof d.changeChars === 'number' ? d.changeChars : 0,
        count: typeof d.changeChars === 'number' ? d.changeChars : 0,
      });
    case 'deliverable.published':
      return t(key('deliverable.published'), { title: deliverable() });
    case 'request.sent':
      return t(key('request.sent'), { kind: label('client.requestKind', d.kind), subject: text(d.subject), due: date(text(d.dueDate)) });
    case 'request.answered': {
      const verdict = d.verdict === 'approved' || d.verdict === 'changes' ? `.${d.verdict}` : '';
      const line = t(key(`request.answered${verdict}`), { subject: request(), channel: label('client.channel', d.channel) });
      return text(d.comment) ? t('client.event.withComment', { line, comment: text(d.comment) }) : line;
    }
    case 'request.withdrawn':
      return withReason(t(key('request.withdrawn'), { subject: request() }));
    case 'access.granted':
      return t(key('access.granted'), { level: label('client.level', d.level), network: text(d.network), account: text(d.account) });
    case 'access.revoked':
      return t(key('access.revoked'), { network: text(d.network), account: text(d.account) });
    case 'access.handedOver':
      return text(d.confirmedBy)
        ? t(key('access.handedOver.confirmed'), { network: text(d.network), account: text(d.account), by: text(d.confirmedBy) })
        : t(key('access.handedOver'), { network: text(d.network), account: text(d.account) });
    case 'invoice.issued':
      return t(key('invoice.issued'), { number: text(d.number), total: isMoney(d.total) ? money(d.total) : '—', due: date(text(d.dueDate)) });
    case 'invoice.credited':
      return withReason(t(key('invoice.credited'), { number: invoice(), amount: isMoney(d.amount) ? money(d.amount) : '—' }));
    case 'payment.received':
      return t(key('payment.received'), { amount: isMoney(d.amount) ? money(d.amount) : '—', date: date(text(d.date)) });
    case 'message.sent':
    case 'message.received':
      return t(key(event.type), { channel: label('client.channel', d.channel), subject: text(d.subject) });
    case 'time.logged':
      return t(key('time.logged'), {
        duration: duration(typeof d.minutes === 'number' ? d.minutes : 0, t), kind: label('client.timeKind', d.kind), date: date(text(d.date)),
      });
    case 'incident.noted':
      return t(key('incident.noted'), { severity: label('client.severity', d.severity), summary: text(d.summary) });
    case 'work.paused':
    case 'work.resumed':
    case 'client.offboarded':
      return withReason(t(key(event.type)));
    case 'offboarding.started': {
      const reason = d.reason === 'other' || !text(d.reason) ? text(d.note) : label('client.offboarding.reason', d.reason);
      const line = t(key('offboarding.started'), { reason: reason || '—' });
      return d.reason !== 'other' && text(d.note) ? t('client.event.withReason', { line, reason: text(d.note) }) : line;
    }
    case 'offboarding.stepSkipped':
      return withReason(t(key('offboarding.stepSkipped'), { step: label('client.offboarding.step', d.step) || '—' }));
    case 'access.handoverApproved':
      return withReason(text(d.by) ? t(key('access.handoverApproved.by'), { by: text(d.by) }) : t(key('access.handoverApproved')));
    case 'portal.viewed':
      return t(key('portal.viewed'));
    default:
      return t(key('unknown'), { type: event.type });
  }
}
