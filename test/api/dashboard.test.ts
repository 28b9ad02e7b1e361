import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { grantRole } from '../../src/app/users.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aClient, aPayment, aRequest, anInvoice, aWorkspace, jsonl, raw, type RawEvent } from '../support/events.ts';
import { demoFile, scenarioFiles } from '../support/paths.ts';
import { aUser, signIn, type Client } from './helpers.ts';

interface Expected {
  at: string;
  clients: Record<string, { unresponsive?: boolean; controlling?: boolean; latePayer?: boolean }>;
}

const scenarios = scenarioFiles().map((file) => ({
  name: basename(file, '.jsonl'),
  file,
  expected: JSON.parse(readFileSync(file.replace(/\.jsonl$/, '.expected.json'), 'utf8')) as Expected,
}));

interface DashboardClient {
  clientId: string; name: string; stage: string; offboarded: boolean;
  archetypes: Record<'unresponsive' | 'controlling' | 'latePayer', { flagged: boolean; score: number }>;
  overdue: { amount: string; currency: string }[]; waitingBusinessDays: number; openRequests: number;
  effectiveHourlyRate: { amount: string; currency: string } | null; worthIt: boolean | null;
}
interface DashboardAction { key: string; kind: string; due: string; clientId: string; clientName: string; template: string; outbox: { id: string; status: string } | null }
interface Dashboard { at: string; workspace: Record<string, unknown>; clients: DashboardClient[]; actions: DashboardAction[] }

/** A workspace of `n` clients, each with a contract, six monthly invoices (the last two unpaid) and two requests. */
function manyClients(n: number): RawEvent[] {
  const events: RawEvent[] = [aWorkspace({ at: '2026-01-01T08:00:00Z' })];
  for (let c = 0; c < n; c++) {
    const id = `c${String(c).padStart(4, '0')}`;
    events.push(aClient(id, { at: '2026-01-02T08:00:00Z' }));
    events.push(raw('contract.signed', {
      contractId: `${id}-k`, clientId: id, startDate: '2026-01-01', networks: ['instagram'], fee: { amount: '5000.00', currency: 'DKK', cycle: 'monthly' },
      paymentTerms: { netDays: 14 }, feedbackDays: 3, approval: { mode: 'none' }, stopWorkAfterDays: 30, lateInterest: 'statutory',
    }, { at: '2026-01-02T09:00:00Z' }));
    for (let m = 1; m <= 6; m++) {
      const due = `2026-0${m + 1}-15`;
      events.push(anInvoice(id, `${id}-i${m}`, '5000.00', due, { at: `2026-0${m + 1}-01T09:00:00Z` }));
      if (m <= 4) events.push(aPayment(id, `${id}-p${m}`, '5000.00', `2026-0${m + 1}-${c % 2 === 0 ? '14' : '28'}`, [`${id}-i${m}`], { at: `2026-0${m + 1}-28T12:00:00Z` }));
    }
    events.push(aRequest(id, `${id}-r1`, '2026-05-06', { at: '2026-05-01T09:00:00Z' }));
    events.push(aRequest(id, `${id}-r2`, '2026-06-10', { at: '2026-06-05T09:00:00Z' }));
  }
  return events;
}

describe.each(testDatabases())('the dashboard and client insights on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let viewer: Client;
  let member: Client;

  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
    await importLedger(ctx, 'demo', [demoFile]);
    await importLedger(ctx, 'swept', [demoFile]); // the sweep test changes its ledger; the others read 'demo' as imported
    for (const scenario of scenarios) await importLedger(ctx, scenario.name, [scenario.file]);
    await importLedger(ctx, 'many', [{ name: 'many.jsonl', open: () => Readable.from([jsonl(...manyClients(300))]) }]);
    await aUser(ctx, 'viewer@nordlys.example', 'demo', 'viewer');
    await aUser(ctx, 'member@nordlys.example', 'demo', 'member');
    for (const scenario of scenarios) await grantRole(ctx, 'viewer@nordlys.example', scenario.name, 'viewer');
    await grantRole(ctx, 'viewer@nordlys.example', 'many', 'viewer');
    await grantRole(ctx, 'viewer@nordlys.example', 'swept', 'viewer');
    await grantRole(ctx, 'member@nordlys.example', 'swept', 'member');
    app = await buildServer({ ctx, workspaceId: 'demo' }, { logLevel: 'silent' });
    viewer = await signIn(app, 'viewer@nordlys.example');
    member = await signIn(app, 'member@nordlys.example');
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const dashboardOf = async (workspaceId: string, at?: string): Promise<Dashboard> => {
    const res = await viewer.get(`/api/workspaces/${workspaceId}/dashboard${at ? `?at=${at}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const clientOf = (d: Dashboard, clientId: string) => {
    const client = d.clients.find((c) => c.clientId === clientId);
    expect(client, clientId).toBeDefined();
    return client as DashboardClient;
  };

  it('flags the demo\'s late payer, shows what it owes and asks for its work to stop', async () => {
    const d = await dashboardOf('demo');
    expect(d.at).toBe('2026-11-27'); // today in Europe/Copenhagen by the clock
    expect(d.workspace).toMatchObject({ id: 'demo', currency: 'DKK', timezone: 'Europe/Copenhagen', targetHourlyRate: { currency: 'DKK' } });
    const late = clientOf(d, 'harbourfinch');
    expect(late.archetypes.latePayer.flagged).toBe(true);
    expect(late.archetypes.unresponsive.flagged).toBe(false);
    // Two unpaid invoices of 1450.00 GBP, both past due.
    expect(late.overdue).toEqual([{ amount: '2900.00', currency: 'GBP' }]);
    expect(d.actions.filter((a) => a.clientId === 'harbourfinch').map((a) => a.kind)).toContain('work.pause');
  });

  it('flags each demo archetype on its own client and leaves the good clients alone', async () => {
    const d = await dashboardOf('demo');
    const flagged = (archetype: 'unresponsive' | 'controlling' | 'latePayer') =>
      d.clients.filter((c) => c.archetypes[archetype].flagged).map((c) => c.clientId);
    expect(flagged('unresponsive')).toEqual(['vestergaard']);
    expect(flagged('controlling')).toEqual(['lykke']);
    expect(flagged('latePayer')).toContain('harbourfinch');
    for (const good of ['bageriet', 'hyggehjem']) {
      expect(clientOf(d, good)).toMatchObject({ stage: 'active', overdue: [], openRequests: 0, waitingBusinessDays: 0 });
    }
    expect(clientOf(d, 'vestergaard').waitingBusinessDays).toBeGreaterThan(10);
    expect(clientOf(d, 'vestergaard').openRequests).toBeGreaterThan(0);
    expect(clientOf(d, 'puls')).toMatchObject({ offboarded: true, stage: 'former' });
    expect(d.clients.map((c) => c.name)).toEqual([...d.clients.map((c) => c.name)].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('lists the day\'s actions by due date and joins each to the outbox message the sweep queued for it', async () => {
    const before = await dashboardOf('swept');
    expect(before.actions.length).toBeGreaterThan(0);
    expect(before.actions.every((a) => a.outbox === null)).toBe(true);
    expect(before.actions.map((a) => a.due)).toEqual([...before.actions.map((a) => a.due)].sort());
    expect(before.actions.every((a) => a.due <= before.at && a.clientName.length > 0)).toBe(true);

    const sweep = await member.request({ method: 'POST', url: '/api/workspaces/swept/sweep', payload: {} });
    expect(sweep.statusCode, sweep.body).toBe(200);
    const after = await dashboardOf('swept');
    const carried = after.actions.filter((a) => a.outbox !== null);
    expect(carried.length).toBeGreaterThan(0);
    for (const action of carried) expect(action.outbox).toEqual({ id: action.key, status: 'queued' });
    const reminder = carried.find((a) => a.kind === 'payment.reminder' && a.clientId === 'harbourfinch');
    expect(reminder, 'the late payer\'s reminder is ready for review').toBeDefined();
    // Pausing work is carried out by the sweep itself: it leaves the plan, and the client page shows the pause.
    expect(after.actions.filter((a) => a.kind === 'work.pause' && a.clientId === 'harbourfinch')).toEqual([]);
    expect((await viewer.get('/api/workspaces/swept/clients/harbourfinch/insights')).json().workPaused).toBe(true);
  });

  it.each(scenarios)('flags the archetypes of scenario $name as its expected assessment says', async ({ name, expected }) => {
    const d = await dashboardOf(name, expected.at);
    expect(d.at).toBe(expected.at);
    for (const [clientId, expectation] of Object.entries(expected.clients)) {
      if (clientId === '_kinds') continue;
      const client = clientOf(d, clientId);
      for (const archetype of ['unresponsive', 'controlling', 'latePayer'] as const) {
        if (expectation[archetype] === undefined) continue;
        expect({ clientId, archetype, flagged: client.archetypes[archetype].flagged }).toEqual({ clientId, archetype, flagged: expectation[archetype] });
      }
    }
  });

  it('shows a few hundred clients from one pass over the ledger, quickly', async () => {
    const started = performance.now();
    const d = await dashboardOf('many', '2026-11-27');
    const elapsed = performance.now() - started;
    expect(d.clients).toHaveLength(300);
    // Invoices 5 and 6 (due 15 June and 15 July) are unpaid.
    expect(d.clients[0]).toMatchObject({ overdue: [{ amount: '10000.00', currency: 'DKK' }], openRequests: 2 });
    // Generous: a pass per client would take minutes here; one pass takes a second or two.
    expect(elapsed).toBeLessThan(15_000);
  });

  it('answers as of an earlier day: the late payer\'s October invoice was not yet due in September', async () => {
    const d = await dashboardOf('demo', '2026-09-15');
    expect(d.at).toBe('2026-09-15');
    // By 15 September only the September invoice (due the 1st, paid 5 October) was overdue.
    expect(clientOf(d, 'harbourfinch').overdue).toEqual([{ amount: '1450.00', currency: 'GBP' }]);
  });

  it('rejects a day that is not a date with a 400 naming `at`', async () => {
    const res = await viewer.get('/api/workspaces/demo/dashboard?at=2026-02-30');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'input.invalid', detail: expect.stringMatching(/at/) });
  });

  describe('client insights', () => {
    interface Insights {
      clientId: string; name: string; locale: string; at: string;
      invoices: { invoiceId: string; dueDate: string; total: { amount: string; currency: string }; paidDate: string | null; daysLate: number | null; open: boolean }[];
      daysLateTrend: { slope: number; intercept: number } | null;
      requests: { requestId: string; sentAt: string; answeredAt: string | null; responseBusinessDays: number | null; waitingBusinessDays: number | null }[];
      deliverables: { deliverableId: string; rounds: number; clientRounds: number; published: boolean }[];
      economics: { minutesByKind: Record<string, number>; invoiced: unknown[]; paid: unknown[]; effectiveHourlyRate: unknown; targetHourlyRate: unknown; worthIt: boolean | null };
      contracts: { contractId: string; fee: { amount: string; currency: string; cycle: string }; lateInterest: unknown; approval: unknown; paymentTerms: unknown }[];
      access: { network: string; status: string }[];
      workPaused: boolean;
    }
    const insightsOf = async (clientId: string, at = '2026-11-27'): Promise<Insights> => {
      const res = await viewer.get(`/api/workspaces/demo/clients/${clientId}/insights?at=${at}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    it('shows the late payer paying later each month, with a rising trend line', async () => {
      const i = await insightsOf('harbourfinch');
      expect(i).toMatchObject({ clientId: 'harbourfinch', name: 'Harbour & Finch Ltd', locale: 'en', at: '2026-11-27', workPaused: false });
      const dueDates = i.invoices.map((inv) => inv.dueDate);
      expect(dueDates).toEqual([...dueDates].sort());
      const open = i.invoices.filter((inv) => inv.open);
      expect(open.map((inv) => inv.dueDate)).toEqual(['2026-10-01', '2026-11-01']);
      // Unpaid and overdue: counted to the day asked for.
      expect(open.map((inv) => inv.daysLate)).toEqual([57, 26]);
      expect(open.every((inv) => inv.paidDate === null)).toBe(true);
      const paid = i.invoices.filter((inv) => !inv.open);
      expect(paid.every((inv) => inv.paidDate !== null && inv.daysLate !== null)).toBe(true);
      expect(paid[0]?.daysLate).toBeLessThanOrEqual(0); // the first ones were paid on time
      expect(i.daysLateTrend?.slope).toBeGreaterThan(3);
      expect(i.contracts[0]).toMatchObject({ fee: { currency: 'GBP', cycle: 'monthly' }, lateInterest: 'statutory' });
      expect(i.economics.targetHourlyRate).toMatchObject({ currency: 'DKK' });
    });

    it('leaves days late empty for an invoice not yet due', async () => {
      // On 25 October the November invoice (issued 23 October, due 1 November) is not yet due.
      const i = await insightsOf('harbourfinch', '2026-10-25');
      const november = i.invoices.find((inv) => inv.dueDate === '2026-11-01');
      expect(november).toMatchObject({ open: true, paidDate: null, daysLate: null });
    });

    it('counts how long the unresponsive client took, and has been taking, in business days', async () => {
      const i = await insightsOf('vestergaard');
      const answered = i.requests.filter((r) => r.answeredAt !== null);
      const open = i.requests.filter((r) => r.waitingBusinessDays !== null);
      expect(answered.length).toBeGreaterThan(0);
      expect(answered.every((r) => r.responseBusinessDays !== null && r.responseBusinessDays >= 0 && r.waitingBusinessDays === null)).toBe(true);
      expect(open.length).toBeGreaterThan(0);
      expect(open.every((r) => r.answeredAt === null && r.responseBusinessDays === null)).toBe(true);
      const d = await dashboardOf('demo');
      expect(Math.max(...open.map((r) => r.waitingBusinessDays as number))).toBe(clientOf(d, 'vestergaard').waitingBusinessDays);
      const sent = i.requests.map((r) => r.sentAt);
      expect(sent).toEqual([...sent].sort());
    });

    it('shows the controlling client\'s rounds of revisions and the time spent on it by kind', async () => {
      const i = await insightsOf('lykke');
      expect(i.deliverables.length).toBeGreaterThan(0);
      expect(Math.max(...i.deliverables.map((d) => d.clientRounds))).toBeGreaterThan(1);
      expect(Object.keys(i.economics.minutesByKind).sort()).toEqual(['admin', 'approvals', 'chasing', 'work']);
      expect(i.economics.minutesByKind.approvals).toBeGreaterThan(0);
      expect(i.access.length).toBeGreaterThan(0);
    });

    it('answers 404 for a client not on record', async () => {
      const res = await viewer.get('/api/workspaces/demo/clients/nobody/insights');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'client.not_found' });
    });
  });
});
