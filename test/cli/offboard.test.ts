import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { demoStory, loadDemo } from '../../src/app/demo.ts';
import { recordEvent } from '../../src/app/record-event.ts';
import { readEvents } from '../../src/store/ledger-store.ts';
import { findOutboxEntry } from '../../src/store/outbox-store.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { cliClock, runFirmly } from '../support/cli.ts';

// `firmly offboard` (#7) on the demo agency as of 27 November 2026: Harbour & Finch owes
// 2900.00 GBP overdue.

const ws = 'default';
const hf = 'harbourfinch';

describe.each(testDatabases())('firmly offboard on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let env: Record<string, string>;
  beforeEach(async () => {
    store = await open();
    ctx = appContext(store, cliClock);
    env = { ...store.env };
    await loadDemo(ctx, ws, { at: demoStory().end }); // the dates it was written with
  });
  afterEach(async () => { await store.close(); });

  const firmly = (...argv: string[]) => runFirmly(env, '', 'offboard', ...argv);

  it('starts with a reason and shows the checklist with the handover blocked by what is owed', async () => {
    const started = await firmly('start', '--client', hf, '--reason', 'payment', '--note', 'two invoices unpaid');
    expect(started.code).toBe(0);
    expect(started.stdout).toContain('Offboarding client "harbourfinch" since 2026-11-27T10:00:00.000Z: payment (two invoices unpaid).');
    const status = await firmly('status', '--client', hf);
    expect(status.stdout).toContain('Owed, overdue: 2900.00 GBP.');
    expect(status.stdout).toMatch(/\[!\] access\s+The client owes 2900\.00 GBP overdue/);
    const json = JSON.parse((await firmly('status', '--client', hf, '--json')).stdout) as { started: boolean; steps: { id: string; status: string }[] };
    expect(json.started).toBe(true);
    expect(json.steps.find((s) => s.id === 'access')?.status).toBe('blocked');
  });

  it('refuses the handover while money is owed (exit 1), and records it with --override-reason', async () => {
    await firmly('start', '--client', hf, '--reason', 'payment');
    const refused = await firmly('handover', '--client', hf, '--network', 'instagram', '--account', '@harbourandfinch');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/owes 2900\.00 GBP overdue/);
    expect(await readEvents(store.db, ws, { types: ['access.handedOver'], clientId: hf }, { limit: 10 })).toEqual([]);

    const overridden = await firmly('handover', '--client', hf, '--network', 'instagram', '--account', '@harbourandfinch', '--override-reason', 'their brand, their page');
    expect(overridden.code).toBe(0);
    expect(overridden.stdout).toContain('Handed over: instagram @harbourandfinch (override of the payment rule recorded, with its reason).');
    const [approval] = await readEvents(store.db, ws, { types: ['access.handoverApproved'], clientId: hf }, { limit: 10 });
    expect(approval?.data).toEqual({ clientId: hf, reason: 'their brand, their page' });
  });

  it('allows the handover once the overdue invoices are paid', async () => {
    await firmly('start', '--client', hf, '--reason', 'payment');
    await recordEvent(ctx, ws, { type: 'payment.received', data: { paymentId: 'hf-final', clientId: hf, date: '2026-11-27', amount: { amount: '2900.00', currency: 'GBP' } } });
    const handed = await firmly('handover', '--client', hf, '--network', 'facebook', '--account', 'facebook.com/harbourandfinch', '--confirmed-by', 'Oliver Finch');
    expect(handed.code).toBe(0);
    expect(await readEvents(store.db, ws, { types: ['access.handoverApproved'], clientId: hf }, { limit: 10 })).toEqual([]);
  });

  it('queues the termination letter once and refuses to complete before every step is done', async () => {
    await firmly('start', '--client', hf, '--reason', 'trust');
    const queued = await firmly('termination-letter', '--client', hf);
    expect(queued.code).toBe(0);
    expect(queued.stdout).toContain('Queued "harbourfinch/offboarding/termination"');
    expect((await firmly('termination-letter', '--client', hf)).stdout).toContain('is in the outbox already (queued)');
    expect(await findOutboxEntry(store.db, ws, 'harbourfinch/offboarding/termination')).toMatchObject({ locale: 'en', template: 'offboarding.termination' });
    const early = await firmly('complete', '--client', hf);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/is not finished: access is blocked/);
    expect(await readEvents(store.db, ws, { types: ['client.offboarded'], clientId: hf }, { limit: 10 })).toEqual([]);
  });

  it.each([
    [['start', '--client', hf, '--reason', 'boredom'], 2, /--reason must be one of feedback, trust, payment, other/],
    [['start', '--reason', 'payment'], 2, /required option '--client <clientId>'/],
    [['skip', '--client', hf, '--step', 'reason', '--reason', 'x'], 2, /--step must be one of access, requests/],
    [['status', '--client', 'nobody'], 1, /no client "nobody"/],
    [['handover', '--client', hf, '--network', 'instagram', '--account', '@x'], 1, /has not started/],
  ])('refuses %j (exit %i)', async (argv, code, message) => {
    const outcome = await firmly(...argv);
    expect(outcome.code).toBe(code);
    expect(outcome.stderr).toMatch(message);
  });
});
