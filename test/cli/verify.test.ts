import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runFirmly } from '../support/cli.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { scenarioFiles } from '../support/paths.ts';

// #19 F3 from the command line: `firmly verify` checks client_id, `--read-models` the read
// models, and `firmly report dossier` refuses a ledger whose client_id was tampered with.

const dir = mkdtempSync(join(tmpdir(), 'firmly-verify-'));

describe.each(testDatabases())('firmly verify on $name', ({ name, open }) => {
  let store: TestStore;
  const firmly = (...argv: string[]) => runFirmly(store.env, '', ...argv);
  const sql = (text: string, ...params: unknown[]) => store.raw(text, params);
  const seqsOf = async (clientId: string, type: string) =>
    (await sql(`select seq from ledger_event where client_id = ? and type = ? order by seq`, clientId, type) as { seq: number | string }[]).map((r) => Number(r.seq));

  beforeAll(async () => { store = await open(); });
  afterAll(async () => { await store.close(); });
  beforeEach(async () => {
    await sql('delete from ledger_event');
    await sql('delete from workspace');
    expect((await firmly('import', scenarioFiles()[1] as string)).code).toBe(0);
  });

  it('passes with --read-models on an imported ledger and says how many rows it recomputed', async () => {
    const result = await firmly('verify', '--read-models');
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Ledger intact: \d+ events, .*\nRead models match the ledger: \d+ rows recomputed\n$/) });
    expect(JSON.parse((await firmly('verify', '--read-models', '--json')).stdout)).toMatchObject({ ok: true, readModels: { differenceCount: 0, differences: [] } });
  });

  it('exits 1 naming the seq, the column and both values when client_id was set to NULL', async () => {
    const [invoice] = await seqsOf('c2', 'invoice.issued');
    await sql(`update ledger_event set client_id = null where seq = ?`, invoice);
    expect(await firmly('verify')).toMatchObject({
      code: 1, stderr: `firmly: ledger broken at seq ${invoice}: client_id is NULL but the hashed content names client "c2" (${invoice! - 1} events before it are intact)\n`,
    });
    expect(JSON.parse((await firmly('verify', '--json')).stdout)).toEqual({
      ok: false, events: invoice! - 1, seq: invoice, reason: expect.any(String), column: 'client_id', stored: null, expected: 'c2',
    });
    expect(await firmly('rebuild')).toMatchObject({ code: 0, stdout: expect.stringContaining('. Set client_id right on 1 event.\n') });
    expect(await firmly('verify')).toMatchObject({ code: 0 });
  });

  it('names each forged read-model value with --read-models: table, key, column, stored and recomputed', async () => {
    const [row] = await sql(`select invoice_id, open_minor from invoice where client_id = 'c2' order by invoice_id limit 1`) as { invoice_id: string; open_minor: number | string }[];
    await sql(`update invoice set open_minor = open_minor + 12345 where invoice_id = ?`, row!.invoice_id);
    const forged = Number(row!.open_minor) + 12345;
    await sql(`update client set name = 'Forged ApS' where client_id = 'c1'`);
    expect((await firmly('verify')).code).toBe(0);
    const result = await firmly('verify', '--read-models');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Read models differ from the ledger in 2 values:\n');
    expect(result.stdout).toMatch(/\n {2}client client_id="c1": name is "Forged ApS", the ledger gives "[^"]+"\n/);
    expect(result.stdout).toContain(`\n  invoice invoice_id="${row!.invoice_id}": open_minor is ${forged}, the ledger gives ${Number(row!.open_minor)}\n`);
    expect(result.stderr).toBe('firmly: read models differ from the ledger in 2 values; `firmly rebuild` recreates them from it\n');
    const json = JSON.parse((await firmly('verify', '--read-models', '--json')).stdout);
    expect(json).toMatchObject({
      ok: false, head: { seq: expect.any(Number) },
      readModels: { differenceCount: 2, differences: [
        { table: 'client', key: { client_id: 'c1' }, column: 'name', stored: 'Forged ApS', recomputed: expect.any(String) },
        { table: 'invoice', key: { invoice_id: row!.invoice_id }, column: 'open_minor', stored: forged, recomputed: Number(row!.open_minor) },
      ] },
    });
    expect(await firmly('rebuild')).toMatchObject({ code: 0 });
    expect(await firmly('verify', '--read-models')).toMatchObject({ code: 0 });
  });

  describe('the evidence dossier', () => {
    const out = () => join(dir, `dossier-${name}-${Math.random().toString(36).slice(2)}.zip`);

    it('is refused, writing no file, when one of the client\'s events lost its client_id', async () => {
      const [payment] = await seqsOf('c2', 'payment.received');
      await sql(`update ledger_event set client_id = null where seq = ?`, payment);
      const file = out();
      const result = await firmly('report', 'dossier', '--client', 'c2', '--to', '2026-07-22', '--out', file);
      expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining(`firmly: the ledger does not verify at seq ${payment}: client_id is NULL but the hashed content names client "c2"`) });
      expect(existsSync(file)).toBe(false);
    });

    it('is refused when another client\'s event was moved to the client', async () => {
      const [invoice] = await seqsOf('c1', 'invoice.issued');
      await sql(`update ledger_event set client_id = 'c2' where seq = ?`, invoice);
      const file = out();
      expect(await firmly('report', 'dossier', '--client', 'c2', '--to', '2026-07-22', '--out', file)).toMatchObject({
        code: 1, stderr: expect.stringContaining(`at seq ${invoice}: client_id is "c2" but the hashed content names client "c1"`),
      });
      expect(existsSync(file)).toBe(false);
    });

    it('is refused when the client\'s own client.added lost its client_id, rather than calling the client unknown', async () => {
      const [added] = await seqsOf('c2', 'client.added');
      await sql(`update ledger_event set client_id = null where seq = ?`, added);
      expect(await firmly('report', 'dossier', '--client', 'c2', '--to', '2026-07-22', '--out', out())).toMatchObject({
        code: 1, stderr: expect.stringContaining(`the ledger does not verify at seq ${added}`),
      });
    });

    it('is made from the verified ledger when nothing was tampered with', async () => {
      const file = out();
      expect(await firmly('report', 'dossier', '--client', 'c2', '--to', '2026-07-22', '--out', file)).toMatchObject({ code: 0 });
      expect(await firmly('verify', '--dossier', file)).toMatchObject({ code: 0 });
    });
  });
});
