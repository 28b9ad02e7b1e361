import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { assessWorkspace } from '../../src/app/assess-workspace.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { archetypes } from '../../src/core/assess/decide.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { scenarioFiles } from '../support/paths.ts';

interface Expected {
  at: string;
  clients: Record<string, { unresponsive?: boolean; controlling?: boolean; latePayer?: boolean; actionsInclude?: string[]; actionsExclude?: string[] }>;
}

const scenarios = scenarioFiles().map((file) => ({
  name: basename(file, '.jsonl'),
  file,
  expected: JSON.parse(readFileSync(file.replace(/\.jsonl$/, '.expected.json'), 'utf8')) as Expected,
}));

const creationRank: Record<string, number> = {
  'workspace.configured': 0, 'client.added': 1, 'contract.signed': 2, 'deliverable.created': 3, 'request.sent': 4,
  'invoice.issued': 5, 'access.granted': 6,
};

/**
 * The same events recorded in another order that the importer still accepts: everything
 * that creates an entity first, then all the rest in reverse. Payments then meet every
 * invoice already issued, so even the stored allocation differs from the original import.
 */
function reordered(file: string): string {
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => ({ line, type: (JSON.parse(line) as { type: string }).type }));
  const created = lines.filter((l) => l.type in creationRank).sort((a, b) => (creationRank[a.type] as number) - (creationRank[b.type] as number));
  const rest = lines.filter((l) => !(l.type in creationRank)).reverse();
  return [...created, ...rest].map((l) => l.line).join('\n') + '\n';
}

describe.each(testDatabases())('assessing the shared scenarios on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
    for (const scenario of scenarios) await importLedger(ctx, scenario.name, [scenario.file]);
  });
  afterAll(async () => { await store.close(); });

  describe.each(scenarios)('$name', ({ name, expected }) => {
    const clients = Object.entries(expected.clients).filter(([id]) => id !== '_kinds') as [string, Expected['clients'][string]][];
    it.each(clients)('flags client %s as its history shows and plans what the playbook says', async (clientId, expectation) => {
      const { clients: assessed } = await assessWorkspace(ctx, name, expected.at as IsoDate);
      const client = assessed.find((c) => c.clientId === clientId);
      expect(client, `client ${clientId}`).toBeDefined();
      for (const archetype of archetypes) {
        if (expectation[archetype] === undefined) continue;
        expect({ archetype, flagged: client?.archetypes[archetype].flagged, explanation: client?.archetypes[archetype].explanation.en })
          .toMatchObject({ archetype, flagged: expectation[archetype] });
      }
      const kinds = new Set(client?.actions.map((a) => a.kind));
      for (const kind of expectation.actionsInclude ?? []) expect([...kinds], `${clientId} should have ${kind}`).toContain(kind);
      for (const kind of expectation.actionsExclude ?? []) expect([...kinds], `${clientId} should not have ${kind}`).not.toContain(kind);
    });
  });

  it('applies the workspace\'s rules and a contract\'s own over the defaults', async () => {
    const scenario = scenarios.find((s) => s.name === 's11_01_dk') as (typeof scenarios)[number];
    const at = scenario.expected.at as IsoDate;
    await importLedger(ctx, 'rules', [scenario.file]);
    const lenient = join(mkdtempSync(join(tmpdir(), 'firmly-rules-')), 'rules.jsonl');
    writeFileSync(lenient, JSON.stringify({ id: 'rules-1', type: 'workspace.rules', at: '2026-07-01T08:00:00Z', data: { rules: { latePayer: { minLateInvoices: 60 } } } }) + '\n');
    const latePayerOf = async (clientId: string) => (await assessWorkspace(ctx, 'rules', at)).clients.find((c) => c.clientId === clientId)?.archetypes.latePayer.flagged;
    expect(await latePayerOf('c3')).toBe(true);
    expect(await importLedger(ctx, 'rules', [lenient])).toMatchObject({ rejected: [] });
    expect(await latePayerOf('c3')).toBe(false);
    // Before the rules were set, the assessment as of that day still used the defaults.
    expect((await assessWorkspace(ctx, 'rules', '2026-06-30' as IsoDate)).clients.find((c) => c.clientId === 'c3')?.archetypes.latePayer.flagged).toBe(true);
  });

  it('reaches the same decisions whatever order the events were imported in', async () => {
    const scenario = scenarios[0] as (typeof scenarios)[number];
    const file = join(mkdtempSync(join(tmpdir(), 'firmly-order-')), 'reordered.jsonl');
    writeFileSync(file, reordered(scenario.file));
    expect(await importLedger(ctx, 'reordered', [file])).toMatchObject({ rejected: [] });
    const a = await assessWorkspace(ctx, scenario.name, scenario.expected.at as IsoDate);
    const b = await assessWorkspace(ctx, 'reordered', scenario.expected.at as IsoDate);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
