import fc from 'fast-check';
import type { RawEvent } from './events.ts';

// Random ledgers that a Firmly workspace accepts, line by line: every reference (a contract
// ended, a request answered, an invoice credited or paid, a deliverable revised) points at
// something an earlier event created, for one of several clients. Drawn as a list of steps
// that an interpreter turns into events, so fast-check can shrink a failing ledger.

const kinds = [
  'client-update', 'client-archive', 'client-restore', 'hold', 'release', 'contract-amend',
  'client', 'contract', 'contract-end', 'deliverable', 'revise', 'publish', 'request', 'answer', 'withdraw',
  'grant', 'revoke', 'hand-over', 'invoice', 'credit', 'payment', 'message', 'time', 'incident', 'pause', 'resume',
  'offboarding', 'skip-step', 'approve-handover', 'offboarded', 'portal', 'rules',
] as const;

const step = fc.record({ kind: fc.constantFrom(...kinds), pick: fc.nat(), amount: fc.integer({ min: 1, max: 500_000 }), flag: fc.boolean() });

const money = (minor: number) => ({ amount: (minor / 100).toFixed(2), currency: 'DKK' });

/** A workspace's ledger in the interchange format, 3 to `maxSteps + 3` events, ids prefixed with `prefix`. */
export function arbitraryLedger(options: { readonly maxSteps?: number; readonly prefix?: string } = {}): fc.Arbitrary<RawEvent[]> {
  return fc.array(step, { minLength: 1, maxLength: options.maxSteps ?? 40 }).map((steps) => interpret(steps, options.prefix ?? ''));
}

function interpret(steps: readonly (typeof step extends fc.Arbitrary<infer S> ? S : never)[], prefix: string): RawEvent[] {
  const events: RawEvent[] = [];
  const base = Date.parse('2026-01-05T09:00:00Z');
  const add = (type: string, data: Record<string, unknown>) => {
    const n = events.length;
    events.push({ id: `${prefix}e${n}`, type, at: new Date(base + n * 3_600_000).toISOString(), data });
  };
  const day = () => new Date(base + events.length * 3_600_000).toISOString().slice(0, 10);
  const clients: { id: string; offboarding: boolean; offboarded: boolean }[] = [];
  const contracts: { id: string; clientId: string; startDate: string; ended?: boolean }[] = [];
  const deliverables: { id: string; clientId: string; rounds: number }[] = [];
  const requests: { id: string; clientId: string }[] = [];
  const grants: { clientId: string; network: string; account: string }[] = [];
  const invoices: { id: string; clientId: string; totalMinor: number; creditedMinor: number }[] = [];
  let counter = 0;
  const next = (what: string) => `${prefix}${what}${++counter}`;
  const addClient = () => {
    const id = next('c');
    clients.push({ id, offboarding: false, offboarded: false });
    add('client.added', { clientId: id, name: `Client ${id}`, locale: 'da', contacts: [{ name: 'Kim', email: `kim@${id}.example` }] });
  };
  const of = <T>(list: readonly T[], pick: number): T | undefined => list[pick % Math.max(1, list.length)];

  add('workspace.configured', { name: 'Studio', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: money(65_000) });
  addClient();
  addClient();
  for (const { kind, pick, amount, flag } of steps) {
    const client = of(clients, pick) as (typeof clients)[number];
    const clientId = client.id;
    switch (kind) {
      case 'client': addClient(); break;
      case 'contract': {
        const id = next('k');
        contracts.push({ id, clientId, startDate: day() });
        add('contract.signed', {
          contractId: id, clientId, startDate: day(), networks: ['instagram'], fee: { ...money(amount), cycle: 'monthly' },
          paymentTerms: { netDays: 14 }, feedbackDays: 3, approval: { mode: 'none' }, stopWorkAfterDays: 30, lateInterest: 'statutory',
        });
        break;
      }
      case 'client-update':
        add('client.updated', {
          clientId, ...(flag ? { name: `Renamed ${pick}`, vatNumber: `DK${pick % 99_999_999}` } : { vatNumber: null }),
          ...(pick % 3 === 0 ? { contacts: Array.from({ length: pick % 4 }, (_, i) => ({ name: `P${i}`, email: `p${i}@${clientId}.example` })) } : {}),
        });
        break;
      case 'client-archive': add('client.archived', { clientId, ...(flag ? { reason: 'not a client after all' } : {}) }); break;
      case 'client-restore': add('client.restored', { clientId }); break;
      case 'hold': add('escalation.held', { clientId, until: day(), reason: flag ? 'dispute' : 'other', note: 'agreed on the phone' }); break;
      case 'release': add('escalation.released', { clientId }); break;
      case 'contract-amend': {
        const contract = of(contracts.filter((c) => !c.ended), pick);
        if (contract) add('contract.amended', { contractId: contract.id, effectiveDate: day(), ...(flag ? { paymentTerms: { dueDayOfMonth: 1 + (pick % 28) } } : { reminderFees: true, feedbackDays: pick % 10 }) });
        else addClient();
        break;
      }
      case 'contract-end': {
        const contract = of(contracts, pick);
        if (contract) {
          contract.ended = true;
          add('contract.ended', { contractId: contract.id, endDate: day() });
        }
        else addClient();
        break;
      }
      case 'deliverable': {
        const id = next('d');
        deliverables.push({ id, clientId, rounds: 0 });
        add('deliverable.created', { deliverableId: id, clientId, title: `Post ${id}` });
        break;
      }
      case 'revise': case 'publish': {
        const deliverable = of(deliverables, pick);
        if (!deliverable) { addClient(); break; }
        if (kind === 'publish') add('deliverable.published', { deliverableId: deliverable.id });
        else add('deliverable.revised', { deliverableId: deliverable.id, round: ++deliverable.rounds, changeChars: amount % 5000, requestedBy: flag ? 'client' : 'us' });
        break;
      }
      case 'request': {
        const id = next('r');
        const deliverable = flag ? deliverables.find((d) => d.clientId === clientId) : undefined;
        requests.push({ id, clientId });
        add('request.sent', { requestId: id, clientId, kind: 'feedback', subject: `About ${id}`, dueDate: day(), ...(deliverable ? { deliverableId: deliverable.id } : {}) });
        break;
      }
      case 'answer': case 'withdraw': {
        const request = of(requests, pick);
        if (!request) { addClient(); break; }
        if (kind === 'answer') add('request.answered', { requestId: request.id, channel: 'email', ...(flag ? { verdict: 'approved' } : {}) });
        else add('request.withdrawn', { requestId: request.id });
        break;
      }
      case 'grant': {
        const grant = { clientId, network: 'instagram', account: `acct${pick % 3}` };
        grants.push(grant);
        add('access.granted', { ...grant, level: flag ? 'full' : 'partial' });
        break;
      }
      case 'revoke': case 'hand-over': {
        const grant = of(grants, pick);
        if (!grant) { addClient(); break; }
        add(kind === 'revoke' ? 'access.revoked' : 'access.handedOver', { ...grant });
        break;
      }
      case 'invoice': {
        const id = next('i');
        invoices.push({ id, clientId, totalMinor: amount, creditedMinor: 0 });
        add('invoice.issued', { invoiceId: id, clientId, number: `N-${id}`, issueDate: day(), dueDate: day(), total: money(amount) });
        break;
      }
      case 'credit': {
        const invoice = invoices.find((i, n) => n >= pick % Math.max(1, invoices.length) && i.creditedMinor + 100 <= i.totalMinor);
        if (!invoice) { addClient(); break; }
        invoice.creditedMinor += 100;
        add('invoice.credited', { invoiceId: invoice.id, amount: money(100) });
        break;
      }
      case 'payment': {
        const named = flag ? invoices.find((i) => i.clientId === clientId) : undefined;
        add('payment.received', { paymentId: next('p'), clientId, date: day(), amount: money(amount), ...(named ? { invoiceIds: [named.id] } : {}) });
        break;
      }
      case 'message': {
        const request = flag ? requests.find((r) => r.clientId === clientId) : undefined;
        add(pick % 2 === 0 ? 'message.sent' : 'message.received', {
          messageId: next('m'), clientId, channel: 'email', subject: `Re ${pick}`, ...(request ? { requestId: request.id } : {}),
        });
        break;
      }
      case 'time': add('time.logged', { clientId, date: day(), minutes: 1 + (amount % 600), kind: flag ? 'work' : 'chasing' }); break;
      case 'incident': add('incident.noted', { clientId, severity: flag ? 'high' : 'low', summary: `Incident ${pick}` }); break;
      case 'pause': add('work.paused', { clientId, reason: 'invoice unpaid' }); break;
      case 'resume': add('work.resumed', { clientId, reason: 'paid' }); break;
      case 'offboarding':
        if (client.offboarding || client.offboarded) { addClient(); break; }
        client.offboarding = true;
        add('offboarding.started', { clientId, reason: 'payment' });
        break;
      case 'skip-step': add('offboarding.stepSkipped', { clientId, step: 'final-report', reason: 'not wanted' }); break;
      case 'approve-handover': add('access.handoverApproved', { clientId, reason: 'agreed' }); break;
      case 'offboarded':
        client.offboarded = true;
        add('client.offboarded', { clientId, reason: 'done' });
        break;
      case 'portal': add('portal.viewed', { clientId, linkId: `link${pick % 4}` }); break;
      case 'rules': add('workspace.rules', { rules: { latePayer: { graceDays: 1 + (pick % 10) } } }); break;
    }
  }
  return events;
}
