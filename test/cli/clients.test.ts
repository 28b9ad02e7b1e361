import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { addClient, contractDefaults, sendRequest } from '../../src/app/manage-clients.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { runFirmly } from '../support/cli.ts';

// The CLI suites' clock is fixed at 2026-11-27T10:00:00Z, a Friday; the workspace is not
// configured, so "today" is that day in UTC.

describe.each(testDatabases())('clients, contracts and requests from the command line on $name', ({ open }) => {
  let store: TestStore;
  let env: Record<string, string>;
  beforeEach(async () => {
    store = await open();
    env = { ...store.env };
    expect((await firmly('init')).code).toBe(0);
  });
  afterEach(async () => { await store.close(); });

  const firmly = (...argv: string[]) => runFirmly(env, '', ...argv);
  const eventCount = async () => Number(((await store.raw('select count(*) as n from ledger_event')) as { n: number | string }[])[0]?.n);
  /** The data of the last event recorded, as `firmly export` has it. */
  const lastEvent = async () => {
    const lines = (await firmly('export')).stdout.trim().split('\n');
    return JSON.parse(lines.at(-1) as string) as { type: string; data: Record<string, unknown> };
  };
  const addBageriet = async () => {
    const added = await firmly('client', 'add', '--name', 'Bageriet Ærø ApS', '--locale', 'da', '--currency', 'DKK', '--jurisdiction', 'DK',
      '--contact', 'Kim Holm <kim@bageriet.example>', '--registration-number', '12345678', '--address', 'Havnegade 1', '--address', '5970 Ærøskøbing');
    expect(added).toMatchObject({ code: 0, stdout: 'bageriet-aeroe-aps\n' });
    return 'bageriet-aeroe-aps';
  };

  it('does day one through the CLI alone: a Danish client, a contract due on the 1st, a feedback request due in 3 business days, a Danish reminder the day after', async () => {
    const clientId = await addBageriet();
    expect(await firmly('contract', 'sign', '--client', clientId, '--start', '2026-12-01', '--fee', '9.000,00', '--due-day', '1'))
      .toMatchObject({ code: 0, stdout: `${clientId}-k1\n` });
    const sent = await firmly('request', 'send', '--client', clientId, '--kind', 'feedback', '--subject', 'Indholdsplan for december', '--due-in', '3');
    // Friday 27 November + 3 business days: Monday 30, Tuesday 1, Wednesday 2 December.
    expect(sent).toMatchObject({ code: 0, stdout: `${clientId}-r1\n`, stderr: `Recorded feedback request ${clientId}-r1 to client ${clientId}, due 2026-12-02.\n` });

    const onTheDueDay = JSON.parse((await firmly('sweep', '--at', '2026-12-02', '--dry-run', '--json')).stdout) as { planned: unknown[] };
    expect(onTheDueDay.planned).toEqual([]);
    expect((await firmly('sweep', '--at', '2026-12-03')).code).toBe(0);
    const outbox = JSON.parse((await firmly('outbox', 'list', '--json')).stdout) as { clientId: string; kind: string; locale: string; subjectId: string; due: string }[];
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ clientId, kind: 'request.reminder', locale: 'da', subjectId: `${clientId}-r1`, due: '2026-12-03' });
    expect(await firmly('verify')).toMatchObject({ code: 0 });
  });

  describe('client add', () => {
    it('records client.added with what was given, the id made from the name (unique), and prints the id', async () => {
      const clientId = await addBageriet();
      expect(await lastEvent()).toMatchObject({
        type: 'client.added',
        data: {
          clientId, name: 'Bageriet Ærø ApS', locale: 'da', currency: 'DKK', jurisdiction: 'DK', registrationNumber: '12345678',
          postalAddress: 'Havnegade 1\n5970 Ærøskøbing', contacts: [{ name: 'Kim Holm', email: 'kim@bageriet.example' }],
        },
      });
      expect(await firmly('client', 'add', '--name', 'Bageriet Ærø ApS')).toMatchObject({ code: 0, stdout: 'bageriet-aeroe-aps-2\n' });
      // Nothing given but the name: English (the workspace has no language yet), no currency or jurisdiction of its own.
      expect((await lastEvent()).data).toEqual({ clientId: 'bageriet-aeroe-aps-2', name: 'Bageriet Ærø ApS', locale: 'en', contacts: [] });
      expect(await firmly('client', 'add', '--name', 'Puls', '--id', 'puls', '--contact', 'ana@puls.example')).toMatchObject({ code: 0, stdout: 'puls\n' });
      expect((await lastEvent()).data.contacts).toEqual([{ name: 'ana@puls.example', email: 'ana@puls.example' }]);
    });

    it.each([
      [['client', 'add'], 2, /required option '--name <name>'/],
      [['client', 'add', '--name', '  '], 2, /^firmly: --name: must not be empty\n$/],
      [['client', 'add', '--name', 'X', '--locale', 'fr'], 2, /option '--locale <locale>' argument 'fr' is invalid/],
      [['client', 'add', '--name', 'X', '--currency', 'KRONER'], 2, /^firmly: --currency: not an ISO 4217 currency code\n$/],
      [['client', 'add', '--name', 'X', '--jurisdiction', 'SE'], 2, /option '--jurisdiction <code>' argument 'SE' is invalid/],
      [['client', 'add', '--name', 'X', '--contact', 'Kim <kim-at-example>'], 2, /^firmly: --contact \(contacts\.0\.email\): not an e-mail address\n$/],
      [['client', 'add', '--name', 'X', '--contact', 'just a name'], 2, /^firmly: --contact must be "Name <email>" or an e-mail address, not "just a name"\n$/],
      [['client', 'add', '--name', 'X', '--id', 'has space'], 2, /^firmly: --id: must not contain whitespace/],
      [['client', 'add', '--name', 'X', '--workspace', 'nowhere'], 1, /no workspace "nowhere"/],
    ])('refuses %j (exit %i) and records nothing', async (argv, code, message) => {
      const outcome = await firmly(...argv);
      expect(outcome.code).toBe(code);
      expect(outcome.stderr).toMatch(message);
      expect(await eventCount()).toBe(0);
    });

    it('refuses an id that is taken, with the ledger\'s reason (exit 1)', async () => {
      await addBageriet();
      const again = await firmly('client', 'add', '--name', 'Another', '--id', 'bageriet-aeroe-aps');
      expect(again).toMatchObject({ code: 1, stderr: 'firmly: client.added cannot be recorded: client "bageriet-aeroe-aps" already exists\n' });
      expect(await eventCount()).toBe(1);
    });
  });

  describe('client edit', () => {
    it('records client.updated naming only what changed; --clear clears, --contact replaces the list', async () => {
      const clientId = await addBageriet();
      expect(await firmly('client', 'edit', clientId, '--name', 'Bageriet Ærø', '--locale', 'da', '--currency', 'DKK'))
        .toMatchObject({ code: 0, stdout: `Updated client ${clientId}: name.\n` });
      expect(await lastEvent()).toEqual(expect.objectContaining({ type: 'client.updated', data: { clientId, name: 'Bageriet Ærø' } }));

      expect((await firmly('client', 'edit', clientId, '--clear', 'registration-number', '--vat-number', 'DK12345678',
        '--contact', 'Bo <bo@bageriet.example>', '--contact', 'Kim Holm <kim@bageriet.example>')).code).toBe(0);
      expect((await lastEvent()).data).toEqual({
        clientId, registrationNumber: null, vatNumber: 'DK12345678',
        contacts: [{ name: 'Bo', email: 'bo@bageriet.example' }, { name: 'Kim Holm', email: 'kim@bageriet.example' }],
      });
      const shown = JSON.parse((await firmly('client', 'show', clientId, '--json')).stdout) as { client: Record<string, unknown>; contacts: { name: string }[] };
      expect(shown.client).toMatchObject({ name: 'Bageriet Ærø', registrationNumber: null, vatNumber: 'DK12345678' });
      expect(shown.contacts.map((c) => c.name)).toEqual(['Bo', 'Kim Holm']);

      expect((await firmly('client', 'edit', clientId, '--clear', 'contacts', '--clear', 'jurisdiction')).code).toBe(0);
      expect((await lastEvent()).data).toEqual({ clientId, contacts: [], jurisdiction: null });
    });

    it('refuses an edit that changes nothing (exit 1) and one that names nothing (exit 2), recording nothing', async () => {
      const clientId = await addBageriet();
      expect(await firmly('client', 'edit', clientId, '--name', ' Bageriet Ærø ApS ', '--contact', 'Kim Holm <kim@bageriet.example>')).toMatchObject({
        code: 1, stderr: `firmly: the edit changes nothing: client "${clientId}" has these details already\n`,
      });
      expect(await firmly('client', 'edit', clientId)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^firmly: name what to change/) });
      expect(await firmly('client', 'edit', clientId, '--clear', 'vat-number', '--vat-number', 'DK1')).toMatchObject({
        code: 2, stderr: 'firmly: --clear vat-number and --vat-number contradict each other\n',
      });
      expect(await firmly('client', 'edit', clientId, '--clear', 'name')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^firmly: --clear: there is no detail "name" to clear/) });
      expect(await firmly('client', 'edit', 'nobody', '--name', 'X')).toMatchObject({ code: 1, stderr: 'firmly: no client "nobody"\n' });
      expect(await eventCount()).toBe(1);
    });
  });

  it('lists clients with language, currency, contacts, state and what they owe; archived ones only with --archived', async () => {
    const clientId = await addBageriet();
    await firmly('client', 'add', '--name', 'Puls', '--locale', 'en');
    expect((await firmly('record', 'invoice.issued', JSON.stringify({
      invoiceId: 'inv-1', clientId, number: '2026-001', issueDate: '2026-11-01', dueDate: '2026-11-15', total: { amount: '9000.00', currency: 'DKK' },
    }))).code).toBe(0);
    expect((await firmly('client', 'hold', clientId, '--until', '2026-12-15', '--reason', 'promise', '--note', 'pays on the 15th')).code).toBe(0);

    const listed = await firmly('client', 'list');
    expect(listed.code).toBe(0);
    const [header, first, second] = listed.stdout.split('\n');
    expect(header).toMatch(/^id +name +lang +cur +contacts +state +open$/);
    expect(first).toMatch(/^bageriet-aeroe-aps +Bageriet Ærø ApS +da +DKK +Kim Holm <kim@bageriet\.example> +held until 2026-12-15 \(promise\) +DKK 9000\.00$/);
    expect(second).toMatch(/^puls +Puls +en +- +- +active +-$/);

    expect((await firmly('client', 'archive', 'puls', '--reason', 'went in-house')).code).toBe(0);
    const json = JSON.parse((await firmly('client', 'list', '--json')).stdout) as { client: { clientId: string }; hold: unknown; openMinorByCurrency: unknown }[];
    expect(json.map((c) => c.client.clientId)).toEqual([clientId]);
    expect(json[0]).toMatchObject({ hold: { until: '2026-12-15', reason: 'promise', note: 'pays on the 15th' }, openMinorByCurrency: { DKK: 900000 } });
    const all = await firmly('client', 'list', '--archived');
    expect(all.stdout).toMatch(/^puls +Puls .* archived 2026-11-27 +-$/m);

    const shown = await firmly('client', 'show', clientId);
    expect(shown.stdout).toContain('Bageriet Ærø ApS (bageriet-aeroe-aps)\n  language da, currency DKK, jurisdiction DK\n  registration number 12345678\n  address Havnegade 1, 5970 Ærøskøbing\n'
      + '  state: held until 2026-12-15 (promise) — pays on the 15th\n  open: DKK 9000.00\nContacts:\n  Kim Holm <kim@bageriet.example>\nContracts:\n  none\n');
    expect(await firmly('client', 'show', 'nobody')).toMatchObject({ code: 1, stderr: 'firmly: no client "nobody"\n' });
  });

  it('archives and restores a client, refusing to do either twice', async () => {
    const clientId = await addBageriet();
    expect(await firmly('client', 'archive', clientId, '--reason', 'finished')).toMatchObject({ code: 0, stdout: `Archived client ${clientId}.\n` });
    expect((await lastEvent())).toMatchObject({ type: 'client.archived', data: { clientId, reason: 'finished' } });
    expect(await firmly('client', 'archive', clientId)).toMatchObject({ code: 1, stderr: `firmly: client "${clientId}" is archived already (since 2026-11-27)\n` });
    expect(await firmly('client', 'restore', clientId)).toMatchObject({ code: 0, stdout: `Restored client ${clientId}.\n` });
    expect((await lastEvent())).toMatchObject({ type: 'client.restored', data: { clientId } });
    expect(await firmly('client', 'restore', clientId)).toMatchObject({ code: 1, stderr: `firmly: client "${clientId}" is not archived\n` });
    expect(await eventCount()).toBe(3);
  });

  it('holds escalation until a day to come and releases it, refusing a past day, "other" without words and a release without a hold', async () => {
    const clientId = await addBageriet();
    expect(await firmly('client', 'hold', clientId, '--until', '2026-11-26', '--reason', 'dispute')).toMatchObject({
      code: 2, stderr: 'firmly: --until: 2026-11-26 has passed (today is 2026-11-27): a hold lasts to the end of a day still to come\n',
    });
    expect(await firmly('client', 'hold', clientId, '--until', '2026-12-10', '--reason', 'other')).toMatchObject({
      code: 2, stderr: 'firmly: --note: reason "other" needs the reason in words\n',
    });
    expect((await firmly('client', 'hold', clientId, '--until', '2026-12-10', '--reason', 'sick'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/'--reason <reason>' argument 'sick' is invalid/) });
    expect(await firmly('client', 'release', clientId)).toMatchObject({ code: 1, stderr: `firmly: client "${clientId}" is not on hold\n` });
    expect(await eventCount()).toBe(1);

    expect(await firmly('client', 'hold', clientId, '--until', '2026-11-27', '--reason', 'illness')).toMatchObject({
      code: 0, stdout: `Escalation of client ${clientId} is held until the end of 2026-11-27 (illness).\n`,
    });
    expect(await lastEvent()).toMatchObject({ type: 'escalation.held', data: { clientId, until: '2026-11-27', reason: 'illness' } });
    expect(await firmly('client', 'release', clientId, '--reason', 'back at work')).toMatchObject({ code: 0 });
    expect(await lastEvent()).toMatchObject({ type: 'escalation.released', data: { clientId, reason: 'back at work' } });
  });

  describe('contracts', () => {
    it('signs with Firmly\'s defaults for every term left out, reading the fee as 9.000,00 or 9000.00', async () => {
      const clientId = await addBageriet();
      expect(await firmly('contract', 'sign', '--client', clientId, '--start', '2026-12-01', '--fee', '9.000,00')).toMatchObject({ code: 0, stdout: `${clientId}-k1\n` });
      expect(await lastEvent()).toMatchObject({
        type: 'contract.signed',
        data: {
          contractId: `${clientId}-k1`, clientId, startDate: '2026-12-01', networks: [],
          fee: { amount: '9000.00', currency: 'DKK', cycle: contractDefaults.cycle }, paymentTerms: { netDays: 14 },
          feedbackDays: contractDefaults.feedbackDays, approval: { mode: 'none' }, stopWorkAfterDays: contractDefaults.stopWorkAfterDays,
          lateInterest: 'statutory', reminderFees: false,
        },
      });
      expect((await firmly('contract', 'sign', '--help')).stdout).toContain(`--net-days ${contractDefaults.paymentTerms.netDays}`);

      expect((await firmly('contract', 'sign', '--client', clientId, '--start', '2027-01-01', '--fee', '1250.5', '--currency', 'EUR', '--cycle', 'once',
        '--net-days', '30', '--networks', 'instagram, tiktok', '--feedback-days', '5', '--approval', 'batch', '--deemed-approval',
        '--stop-work-after', '21', '--late-interest', '8.5%', '--reminder-fees', '--id', 'special')).stdout).toBe('special\n');
      expect((await lastEvent()).data).toEqual({
        contractId: 'special', clientId, startDate: '2027-01-01', networks: ['instagram', 'tiktok'],
        fee: { amount: '1250.50', currency: 'EUR', cycle: 'once' }, paymentTerms: { netDays: 30 }, feedbackDays: 5,
        approval: { mode: 'batch', windowDays: contractDefaults.approvalWindowDays, deemedApproval: true }, stopWorkAfterDays: 21,
        lateInterest: { ratePct: '8.5' }, reminderFees: true,
      });
      // The client's third contract, whatever the second was called.
      expect((await firmly('contract', 'sign', '--client', clientId, '--start', '2027-01-01', '--fee', '100')).stdout).toBe(`${clientId}-k3\n`);
    });

    it.each([
      [['--fee', '1,234'], 2, /^firmly: --fee: '1,234' is ambiguous/],
      [['--fee', '12.345'], 2, /^firmly: --fee: '12.345' is ambiguous/],
      [['--fee', 'lots'], 2, /^firmly: --fee: 'lots' is not an amount\n$/],
      [['--fee', '-5'], 2, /^firmly: --fee: must be zero or more\n$/],
      [['--fee', '10.5', '--currency', 'JPY'], 2, /^firmly: --fee: '10.5' has 1 decimal; JPY has 0\n$/],
      [['--fee', '10', '--currency', 'ZZZ'], 2, /^firmly: --currency: "ZZZ" is not an ISO 4217 currency code\n$/],
      [[], 2, /^firmly: --fee is required/],
      [['--fee', '10', '--due-day', '32'], 2, /^firmly: --due-day must be a whole number from 1 to 31, not "32"\n$/],
      [['--fee', '10', '--due-day', '1', '--net-days', '8'], 2, /^firmly: --due-day and --net-days are two payment terms/],
      [['--fee', '10', '--approval', 'none', '--approval-window', '3'], 2, /^firmly: --approval-window: applies only to approval by batch or per item/],
      [['--fee', '10', '--late-interest', 'high'], 2, /^firmly: --late-interest must be statutory, none or a rate/],
      [['--fee', '10', '--cycle', 'weekly'], 2, /'--cycle <cycle>' argument 'weekly' is invalid/],
      [['--fee', '10', '--start', '2026-02-30'], 2, /^firmly: --start: /],
      [['--fee', '10', '--client', 'nobody'], 1, /^firmly: no client "nobody"\n$/],
      [['--fee', '10', '--id', 'taken'], 1, /^firmly: contract\.signed cannot be recorded: contract "taken" already exists\n$/],
    ])('refuses to sign with %j (exit %i), recording nothing', async (extra, code, message) => {
      const clientId = await addBageriet();
      await firmly('contract', 'sign', '--client', clientId, '--start', '2026-12-01', '--fee', '10', '--id', 'taken');
      const before = await eventCount();
      const outcome = await firmly('contract', 'sign', '--client', clientId, '--start', '2026-12-01', ...extra);
      expect(outcome.code).toBe(code);
      expect(outcome.stderr).toMatch(message);
      expect(await eventCount()).toBe(before);
    });

    it('refuses a contract for a client with no currency in a workspace with none, naming --currency', async () => {
      await firmly('client', 'add', '--name', 'Puls');
      expect(await firmly('contract', 'sign', '--client', 'puls', '--start', '2026-12-01', '--fee', '10')).toMatchObject({
        code: 2, stderr: 'firmly: --currency: client "puls" has no currency and the workspace none: name the fee\'s currency\n',
      });
    });

    it('amends only the terms that change from a date, keeps the rest of the fee and approval, and lists the terms in force today', async () => {
      const clientId = await addBageriet();
      await firmly('contract', 'sign', '--client', clientId, '--start', '2026-10-01', '--fee', '8000', '--due-day', '1', '--approval', 'batch');
      const k1 = `${clientId}-k1`;
      expect(await firmly('contract', 'amend', k1, '--from', '2026-11-01', '--fee', '8.000,00', '--approval-window', '3', '--due-day', '1', '--note', 'shorter window'))
        .toMatchObject({ code: 0, stdout: `Amended contract ${k1} from 2026-11-01: approval.\n` });
      expect((await lastEvent()).data).toEqual({ contractId: k1, effectiveDate: '2026-11-01', approval: { mode: 'batch', windowDays: 3, deemedApproval: false }, note: 'shorter window' });
      expect((await firmly('contract', 'amend', k1, '--from', '2027-01-01', '--fee', '9000', '--no-deemed-approval', '--reminder-fees')).code).toBe(0);
      expect((await lastEvent()).data).toEqual({ contractId: k1, effectiveDate: '2027-01-01', fee: { amount: '9000.00', currency: 'DKK', cycle: 'monthly' }, reminderFees: true });

      const listed = JSON.parse((await firmly('contract', 'list', '--client', clientId, '--json')).stdout) as { contract: { feeMinor: number; approvalWindowDays: number }; inForce: { feeMinor: number; approvalWindowDays: number; reminderFees: boolean }; amendments: { effectiveDate: string }[] }[];
      expect(listed).toHaveLength(1);
      // Today (2026-11-27) the first amendment applies, the second not yet.
      expect(listed[0]).toMatchObject({ contract: { feeMinor: 800000, approvalWindowDays: 5 }, inForce: { feeMinor: 800000, approvalWindowDays: 3, reminderFees: false } });
      expect(listed[0]?.amendments.map((a) => a.effectiveDate)).toEqual(['2026-11-01', '2027-01-01']);
      expect((await firmly('contract', 'list', '--client', clientId)).stdout).toBe(`${k1}: from 2026-10-01\n`
        + '  DKK 8000.00 monthly; due on day 1; feedback within 3 business days; approval batch within 3 business days; stop work 14 days overdue; late interest statutory; no reminder fees\n'
        + '  amended from 2026-11-01: approval (shorter window)\n  amended from 2027-01-01: fee, reminderFees\n');
    });

    it('refuses an amendment that changes nothing, names nothing, starts before the contract or is of no contract', async () => {
      const clientId = await addBageriet();
      await firmly('contract', 'sign', '--client', clientId, '--start', '2026-12-01', '--fee', '8000');
      const k1 = `${clientId}-k1`;
      const before = await eventCount();
      expect(await firmly('contract', 'amend', k1, '--from', '2027-01-01', '--fee', '8000.00', '--late-interest', 'statutory')).toMatchObject({
        code: 1, stderr: `firmly: the amendment changes nothing: contract "${k1}" has these terms on 2027-01-01 already\n`,
      });
      expect(await firmly('contract', 'amend', k1, '--from', '2027-01-01')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^firmly: name a term to change/) });
      expect(await firmly('contract', 'amend', k1, '--from', '2026-11-01', '--fee', '1')).toMatchObject({
        code: 1, stderr: `firmly: contract.amended cannot be recorded: effectiveDate 2026-11-01 is before the contract's startDate 2026-12-01\n`,
      });
      expect(await firmly('contract', 'amend', 'nope', '--from', '2027-01-01', '--fee', '1')).toMatchObject({
        code: 1, stderr: 'firmly: contract.amended cannot be recorded: contract "nope" is not on record\n',
      });
      expect(await firmly('contract', 'amend', k1, '--from', '2027-01-01', '--currency', 'EUR')).toMatchObject({ code: 2, stderr: 'firmly: --fee: a fee in EUR needs its amount\n' });
      expect(await eventCount()).toBe(before);
    });

    it('ends a contract once', async () => {
      const clientId = await addBageriet();
      await firmly('contract', 'sign', '--client', clientId, '--start', '2026-12-01', '--fee', '8000');
      const k1 = `${clientId}-k1`;
      expect(await firmly('contract', 'end', k1, '--on', '2027-03-31', '--reason', 'moved in-house')).toMatchObject({ code: 0, stdout: `Contract ${k1} ends on 2027-03-31.\n` });
      expect(await lastEvent()).toMatchObject({ type: 'contract.ended', data: { contractId: k1, endDate: '2027-03-31', reason: 'moved in-house' } });
      expect(await firmly('contract', 'end', k1, '--on', '2027-04-30')).toMatchObject({ code: 1, stderr: `firmly: contract "${k1}" ended on 2027-03-31 already\n` });
      expect(await firmly('contract', 'end', 'nope', '--on', '2027-04-30')).toMatchObject({ code: 1, stderr: 'firmly: contract.ended cannot be recorded: contract "nope" is not on record\n' });
      expect(await firmly('contract', 'list', '--client', 'nobody')).toMatchObject({ code: 1, stderr: 'firmly: no client "nobody"\n' });
    });
  });

  describe('request send', () => {
    it('records a request due on a date, with an id of the client\'s own', async () => {
      const clientId = await addBageriet();
      expect(await firmly('request', 'send', '--client', clientId, '--kind', 'approval', '--subject', 'December posts', '--due', '2026-12-04'))
        .toMatchObject({ code: 0, stdout: `${clientId}-r1\n` });
      expect((await lastEvent()).data).toEqual({ requestId: `${clientId}-r1`, clientId, kind: 'approval', subject: 'December posts', dueDate: '2026-12-04' });
      expect((await firmly('request', 'send', '--client', clientId, '--kind', 'access', '--subject', 'Meta Business', '--due-in', '0')).stdout).toBe(`${clientId}-r2\n`);
      expect((await lastEvent()).data).toMatchObject({ dueDate: '2026-11-27' });
    });

    it('counts --due-in in the client\'s business days: Christmas in Denmark, none without a jurisdiction', async () => {
      // The CLI's clock is fixed in November; the use case behind --due-in, on 23 December.
      const ctx = appContext(store, fixedClock('2026-12-23T10:00:00Z'));
      await addClient(ctx, 'default', { name: 'Dansk', locale: 'da', jurisdiction: 'DK' });
      await addClient(ctx, 'default', { name: 'Anywhere', locale: 'en', jurisdiction: 'NONE' });
      const due = async (clientId: string) => (await sendRequest(ctx, 'default', { clientId, kind: 'feedback', subject: 'x', dueInBusinessDays: 2 })).dueDate;
      // Thursday 24th, then (25th and 26th holidays, a weekend) Monday 28th; without holidays Friday 25th.
      expect(await due('dansk')).toBe('2026-12-28');
      expect(await due('anywhere')).toBe('2026-12-25');
    });

    it.each([
      [['--kind', 'feedback', '--subject', 'x'], 2, /^firmly: give --due DATE or --due-in N/],
      [['--kind', 'feedback', '--subject', 'x', '--due', '2026-12-04', '--due-in', '2'], 2, /^firmly: give --due DATE or --due-in N/],
      [['--kind', 'feedback', '--subject', 'x', '--due-in', '-1'], 2, /^firmly: --due-in must be a whole number from 0 to 365, not "-1"\n$/],
      [['--kind', 'feedback', '--subject', ' ', '--due', '2026-12-04'], 2, /^firmly: --subject: must not be empty\n$/],
      [['--kind', 'nagging', '--subject', 'x', '--due', '2026-12-04'], 2, /'--kind <kind>' argument 'nagging' is invalid/],
      [['--kind', 'approval', '--subject', 'x', '--due', '2026-12-04', '--deliverable', 'd9'], 1, /^firmly: request\.sent cannot be recorded: deliverable "d9" is not on record\n$/],
    ])('refuses %j (exit %i)', async (extra, code, message) => {
      const clientId = await addBageriet();
      const outcome = await firmly('request', 'send', '--client', clientId, ...extra);
      expect(outcome.code).toBe(code);
      expect(outcome.stderr).toMatch(message);
      expect(await eventCount()).toBe(1);
    });
  });

  describe('record', () => {
    it('records any recordable type as POST …/events does: created once, the same id and data again a replay', async () => {
      const clientId = await addBageriet();
      const data = JSON.stringify({ clientId, severity: 'medium', summary: 'Called at 22:00 about a comma' });
      expect(await firmly('record', 'incident.noted', data, '--id', 'evt_call')).toMatchObject({ code: 0, stdout: 'Recorded incident.noted evt_call (seq 2).\n' });
      expect(await firmly('record', 'incident.noted', data, '--id', 'evt_call')).toMatchObject({ code: 0, stdout: 'Already on record: incident.noted evt_call (seq 2); nothing recorded.\n' });
      const fromStdin = await runFirmly(env, JSON.stringify({ clientId, date: '2026-11-26', minutes: 45, kind: 'chasing' }), 'record', 'time.logged', '-', '--at', '2026-11-26T15:00:00Z', '--json');
      expect(fromStdin.code).toBe(0);
      expect(JSON.parse(fromStdin.stdout)).toMatchObject({ created: true, event: { type: 'time.logged', at: '2026-11-26T15:00:00.000Z', seq: 3, data: { minutes: 45 } } });
    });

    it.each([
      [['work.paused', '{}'], 2, /value 'work\.paused' is invalid for argument 'type'/],
      [['incident.noted', '{"clientId":'], 2, /^firmly: DATA: not JSON: /],
      [['incident.noted', '[]'], 2, /^firmly: DATA must be a JSON object/],
      [['incident.noted', '{"clientId":"bageriet-aeroe-aps","severity":"huge","summary":"x"}'], 2, /^firmly: DATA: severity: /],
      [['incident.noted', '{"clientId":"bageriet-aeroe-aps","severity":"low","summary":"x"}', '--at', 'yesterday'], 2, /^firmly: --at: "yesterday" is not an RFC 3339 instant/],
      [['incident.noted', '{"clientId":"nobody","severity":"low","summary":"x"}'], 1, /^firmly: incident\.noted cannot be recorded: client "nobody" is not on record\n$/],
      [['incident.noted', '{"clientId":"bageriet-aeroe-aps","severity":"low","summary":"other"}', '--id', 'evt_1'], 1, /^firmly: id "evt_1" cannot be used: it is already used by a different event\n$/],
    ])('refuses %j (exit %i)', async (argv, code, message) => {
      const clientId = await addBageriet();
      await firmly('record', 'incident.noted', JSON.stringify({ clientId, severity: 'low', summary: 'first' }), '--id', 'evt_1');
      const outcome = await firmly('record', ...argv);
      expect(outcome.code).toBe(code);
      expect(outcome.stderr).toMatch(message);
      expect(await eventCount()).toBe(2);
    });
  });
});
