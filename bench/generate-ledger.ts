import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';
import { Prng } from './prng.ts';

// A deterministic, realistic ledger in the LEDGER.md v1 format: one workspace, a few
// thousand clients on monthly contracts, and month after month of invoices, payments,
// deliverables, requests, time, messages and the odd incident. Every reference (client,
// deliverable, request, invoice, message) points at something earlier in the file, so
// the importer accepts every line. Lines are written as they are made: the file is
// never held in memory, only one month of events at a time.

export interface GenerateOptions {
  readonly file: string;
  readonly events: number;
  readonly seed?: number;
  /** Default: one client per 500 events, at most 2,000. */
  readonly clients?: number;
}

export interface GenerateResult {
  readonly file: string;
  readonly events: number;
  readonly clients: number;
  readonly months: number;
  readonly bytes: number;
  readonly ms: number;
  readonly types: Record<string, number>;
}

type Payer = 'prompt' | 'late' | 'sporadic';
type Terms = { dueDayOfMonth: number } | { netDays: number };

interface ClientState {
  readonly id: string;
  readonly name: string;
  readonly feeMinor: number;
  readonly terms: Terms;
  readonly feedbackDays: number;
  readonly networks: readonly string[];
  readonly approvalMode: 'none' | 'batch' | 'per-item';
  readonly payer: Payer;
  /** Invoices issued and not yet paid, oldest first. */
  readonly unpaid: string[];
  paused: boolean;
  invoices: number;
  payments: number;
  deliverables: number;
  requests: number;
  messages: number;
  lastMessageId: string | undefined;
}

type Data = Record<string, unknown>;
/** An event whose instant is not chosen yet: its data may depend on the date it gets. */
type Draft = { readonly type: string; readonly data: (date: string) => Data };
interface Timed {
  readonly t: number;
  readonly type: string;
  readonly data: Data;
}

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const NETWORKS = ['instagram', 'facebook', 'linkedin', 'tiktok', 'youtube', 'pinterest', 'x'] as const;
const FEES = [3_500_00, 4_500_00, 6_000_00, 8_500_00, 12_000_00, 15_500_00, 22_000_00];
const FIRST = ['Kim', 'Ane', 'Søren', 'Mette', 'Lars', 'Ida', 'Jonas', 'Freja', 'Oliver', 'Emma', 'Noah', 'Åse'];
const LAST = ['Oak', 'Fenwick', 'Sol', 'Havn', 'Birk', 'Lund', 'Holm', 'Dahl', 'Krog', 'Bæk', 'Skov', 'Vang'];
const SUFFIX = ['ApS', 'A/S', 'Ltd', 'GmbH', 'I/S', 'Bageri', 'Studio', '& Co.'];
const TOPICS = ['spring campaign', 'product launch', 'weekly tips', 'behind the scenes', 'customer story', 'event recap', 'job ad', 'seasonal offer'];
const INCIDENTS = [
  'Client called outside office hours and demanded an immediate change.',
  'Approval came back with a new brief that contradicts the contract.',
  'Rude e-mail to the designer, copied to the whole team.',
  'Asked for unpaid extra work "as a favour".',
  'Missed the agreed review meeting without notice.',
];

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const amount = (minor: number) => `${Math.floor(minor / 100)}.${pad2(minor % 100)}`;
const money = (minor: number) => ({ amount: amount(minor), currency: 'DKK' });
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoInstant = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const addDays = (date: string, days: number) => isoDate(Date.parse(`${date}T00:00:00Z`) + days * DAY);
const monthStart = (month: number) => Date.UTC(2024, month, 1);

export function defaultClients(events: number): number {
  return Math.max(1, Math.min(2_000, Math.round(events / 500)));
}

export async function generateLedger(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const target = options.events;
  const clientCount = options.clients ?? defaultClients(target);
  const rng = new Prng(options.seed ?? 20_260_301);
  const out = createWriteStream(options.file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const types: Record<string, number> = {};
  let emitted = 0;
  let buffer: string[] = [];

  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('');
    buffer = [];
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const emit = async (t: number, type: string, data: Data) => {
    if (emitted >= target) return;
    emitted += 1;
    types[type] = (types[type] ?? 0) + 1;
    const id = `evt_${String(emitted).padStart(7, '0')}`;
    buffer.push(`${JSON.stringify({ id, type, at: isoInstant(t), data })}\n`);
    if (buffer.length >= 2_000) await flush();
  };
  /** Emits a month's drafts of all clients in time order; a client's own events keep their order. */
  const emitAll = async (timed: Timed[]) => {
    timed.sort((a, b) => a.t - b.t); // stable: equal instants keep the drafting order
    for (const e of timed) {
      if (emitted >= target) break;
      await emit(e.t, e.type, e.data);
    }
  };
  /** Gives a client's drafts increasing instants within [from, from + days), on working hours. */
  const schedule = (drafts: readonly Draft[], from: number, days: number, into: Timed[], firstOnDayOne = false) => {
    const offsets = drafts.map(() => rng.int(0, days - 1) * DAY + rng.int(7 * 60, 18 * 60) * 60_000 + rng.int(0, 59) * 1000);
    offsets.sort((a, b) => a - b);
    if (firstOnDayOne) offsets[0] = Math.min(offsets[0] as number, rng.int(8 * 60, 10 * 60) * 60_000);
    drafts.forEach((draft, i) => {
      const t = from + (offsets[i] as number);
      into.push({ t, type: draft.type, data: draft.data(isoDate(t)) });
    });
  };

  // 1. The workspace and every client with its contract and access.
  await emit(START, 'workspace.configured', {
    name: 'Studio Havn', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK',
    targetHourlyRate: money(650_00),
  });
  const clients: ClientState[] = [];
  const setup: Timed[] = [];
  for (let i = 1; i <= clientCount; i += 1) {
    const id = `c${i}`;
    const last = rng.pick(LAST);
    const roll = rng.next();
    const client: ClientState = {
      id, name: `${last} ${rng.pick(SUFFIX)} ${i}`, feeMinor: rng.pick(FEES),
      terms: rng.chance(0.5) ? { dueDayOfMonth: rng.int(1, 28) } : { netDays: rng.pick([8, 14, 30]) },
      feedbackDays: rng.int(2, 5), networks: rng.subset(NETWORKS, rng.int(1, 4)),
      approvalMode: rng.pick(['none', 'batch', 'per-item'] as const),
      payer: roll < 0.7 ? 'prompt' : roll < 0.9 ? 'late' : 'sporadic',
      unpaid: [], paused: false, invoices: 0, payments: 0, deliverables: 0, requests: 0, messages: 0, lastMessageId: undefined,
    };
    clients.push(client);
    const english = rng.chance(0.3);
    const contacts = Array.from({ length: rng.int(1, 3) }, (_, k) => {
      const first = rng.pick(FIRST);
      return { name: `${first} ${last}`, email: `${first.toLowerCase().replace(/[^a-z]/g, 'x')}${k}@${id}.example` };
    });
    const approval = client.approvalMode === 'none'
      ? { mode: 'none' }
      : { mode: client.approvalMode, windowDays: rng.int(2, 7), deemedApproval: rng.chance(0.5) };
    const drafts: Draft[] = [
      { type: 'client.added', data: () => ({
        clientId: id, name: client.name, locale: english ? 'en' : 'da', jurisdiction: english ? rng.pick(['GB', 'DE', 'EU']) : 'DK',
        currency: 'DKK', contacts,
      }) },
      { type: 'contract.signed', data: () => ({
        contractId: `${id}_k1`, clientId: id, startDate: '2024-02-01', networks: client.networks,
        fee: { ...money(client.feeMinor), cycle: 'monthly' }, paymentTerms: client.terms, feedbackDays: client.feedbackDays,
        approval, stopWorkAfterDays: rng.pick([14, 21, 30]),
        lateInterest: rng.pick<unknown>(['statutory', 'none', { ratePct: '8.05' }]),
      }) },
      ...client.networks.slice(0, 2).map((network): Draft => ({ type: 'access.granted', data: () => ({
        clientId: id, network, account: `@${last.toLowerCase()}${i}`, level: rng.chance(0.7) ? 'full' : 'partial',
      }) })),
    ];
    schedule(drafts, START + DAY, 28, setup);
  }
  await emitAll(setup);

  // 2. Month after month until the ledger has its size.
  let month = 1;
  for (; emitted < target; month += 1) {
    const from = monthStart(month);
    const timed: Timed[] = [];
    for (const client of clients) schedule(monthOf(client, month, rng), from, 28, timed, true);
    await emitAll(timed);
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return {
    file: options.file, events: emitted, clients: clientCount, months: month - 1, bytes: statSync(options.file).size,
    ms: performance.now() - started, types,
  };
}

/** One client's month, in an order where every reference points back. */
function monthOf(c: ClientState, month: number, rng: Prng): Draft[] {
  const drafts: Draft[] = [];
  const issueDate = isoDate(monthStart(month));
  const id = c.id;

  // Invoice on the 1st (its draft is first: `schedule` puts it on the 1st).
  c.invoices += 1;
  const invoiceId = `${id}_inv${c.invoices}`;
  const number = `${2024 + Math.floor(month / 12)}-${id}-${c.invoices}`;
  const dueDate = 'dueDayOfMonth' in c.terms
    ? `${issueDate.slice(0, 8)}${pad2(c.terms.dueDayOfMonth)}`
    : addDays(issueDate, c.terms.netDays);
  drafts.push({ type: 'invoice.issued', data: () => ({ invoiceId, clientId: id, number, issueDate, dueDate, total: money(c.feeMinor) }) });
  c.unpaid.push(invoiceId);
  if (rng.chance(0.02)) {
    drafts.push({ type: 'invoice.credited', data: () => ({ invoiceId, amount: money(Math.round(c.feeMinor / 10)), reason: 'Missed post' }) });
  }

  // Payment: prompt payers settle this month's invoice, late payers last month's, sporadic ones now and then all at once.
  const pay = (invoices: string[], named: boolean) => {
    c.payments += 1;
    const paymentId = `${id}_pay${c.payments}`;
    const total = c.feeMinor * invoices.length;
    drafts.push({ type: 'payment.received', data: (date) => ({
      paymentId, clientId: id, date, amount: money(total), ...(named ? { invoiceIds: invoices.slice(0, 500) } : {}),
    }) });
  };
  if (c.payer === 'prompt') pay(c.unpaid.splice(0, c.unpaid.length), rng.chance(0.5));
  else if (c.payer === 'late' && c.unpaid.length > 1) pay(c.unpaid.splice(0, c.unpaid.length - 1), rng.chance(0.5));
  else if (c.payer === 'sporadic') {
    if (c.unpaid.length >= 3 && !c.paused) {
      c.paused = true;
      drafts.push({ type: 'work.paused', data: () => ({ clientId: id, reason: 'Invoices more than 30 days overdue' }) });
    }
    if (rng.chance(0.4)) {
      pay(c.unpaid.splice(0, c.unpaid.length), rng.chance(0.3));
      if (c.paused) {
        c.paused = false;
        drafts.push({ type: 'work.resumed', data: () => ({ clientId: id, reason: 'Overdue invoices paid' }) });
      }
    }
  }

  // Deliverables, each with revisions, an approval or feedback request, and usually a publication.
  const requestsThisMonth: string[] = [];
  const sendRequest = (kind: string, subject: string, deliverableId: string | undefined, answerP: number) => {
    c.requests += 1;
    const requestId = `${id}_req${c.requests}`;
    requestsThisMonth.push(requestId);
    drafts.push({ type: 'request.sent', data: (date) => ({
      requestId, clientId: id, kind, subject, dueDate: addDays(date, c.feedbackDays), ...(deliverableId ? { deliverableId } : {}),
    }) });
    if (rng.chance(answerP)) {
      const verdict = kind === 'approval' || kind === 'feedback' ? { verdict: rng.chance(0.7) ? 'approved' : 'changes' } : {};
      drafts.push({ type: 'request.answered', data: () => ({ requestId, channel: rng.pick(['email', 'portal', 'phone', 'meeting']), ...verdict }) });
    }
  };
  const deliverables = rng.int(2, 4);
  for (let k = 0; k < deliverables; k += 1) {
    c.deliverables += 1;
    const deliverableId = `${id}_d${c.deliverables}`;
    const title = `${rng.pick(TOPICS)} #${c.deliverables}`;
    const network = rng.pick(c.networks);
    drafts.push({ type: 'deliverable.created', data: () => ({ deliverableId, clientId: id, network, title }) });
    const rounds = rng.int(0, 3);
    for (let round = 1; round <= rounds; round += 1) {
      drafts.push({ type: 'deliverable.revised', data: () => ({
        deliverableId, round, changeChars: rng.int(10, 4_000), requestedBy: rng.chance(0.65) ? 'client' : 'us',
      }) });
    }
    if (rng.chance(0.8)) sendRequest(c.approvalMode === 'none' ? 'feedback' : 'approval', `Please review: ${title}`, deliverableId, 0.85);
    if (rng.chance(0.8)) drafts.push({ type: 'deliverable.published', data: () => ({ deliverableId }) });
  }
  sendRequest(rng.pick(['information', 'access', 'feedback']), 'Material for next month', undefined, 0.7);

  // Messages: one about a request, one follow-up, sometimes a reply from the client.
  for (let k = 0; k < 2; k += 1) {
    c.messages += 1;
    const messageId = `${id}_m${c.messages}`;
    const requestId = k === 0 && requestsThisMonth.length > 0 ? rng.pick(requestsThisMonth) : undefined;
    const inReplyTo = k === 1 ? c.lastMessageId : undefined;
    drafts.push({ type: 'message.sent', data: () => ({
      messageId, clientId: id, channel: 'email', subject: requestId ? 'Reminder: we are waiting for your answer' : 'Monthly status',
      ...(requestId ? { requestId } : {}), ...(inReplyTo ? { inReplyTo } : {}),
    }) });
    c.lastMessageId = messageId;
  }
  if (rng.chance(0.5)) {
    c.messages += 1;
    const messageId = `${id}_m${c.messages}`;
    const inReplyTo = c.lastMessageId;
    drafts.push({ type: 'message.received', data: () => ({ messageId, clientId: id, channel: 'email', subject: 'Re: Monthly status', ...(inReplyTo ? { inReplyTo } : {}) }) });
    c.lastMessageId = messageId;
  }

  // Time and the occasional incident.
  const entries = rng.int(3, 5);
  const chasing = c.payer === 'prompt' ? 0.05 : 0.3;
  for (let k = 0; k < entries; k += 1) {
    const kind = rng.chance(chasing) ? 'chasing' : rng.pick(['work', 'work', 'work', 'approvals', 'admin']);
    drafts.push({ type: 'time.logged', data: (date) => ({ clientId: id, date, minutes: rng.int(15, 240), kind }) });
  }
  if (rng.chance(c.payer === 'sporadic' ? 0.2 : 0.04)) {
    drafts.push({ type: 'incident.noted', data: () => ({ clientId: id, severity: rng.pick(['low', 'medium', 'high']), summary: rng.pick(INCIDENTS) }) });
  }
  return drafts;
}
