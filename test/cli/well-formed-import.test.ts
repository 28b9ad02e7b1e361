import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { runFirmly } from '../support/cli.ts';
import { aClient, aRequest, aWorkspace, jsonl } from '../support/events.ts';

// Issue 19, F1 and F2 through `firmly import`: a lone surrogate in an id was imported with
// exit 0 and `firmly verify` failed from then on; invalid UTF-8 went in as U+FFFD; a request
// due in year 1 was accepted. Each is now refused with FILE:LINE, exit 1, nothing written,
// and verify still passes.

const tmp = mkdtempSync(join(tmpdir(), 'firmly-text-'));

describe.each(testDatabases())('firmly import of text the ledger would not store as hashed, on $name', ({ name, open }) => {
  let store: TestStore;
  let env: Record<string, string>;
  beforeEach(async () => {
    store = await open();
    env = { ...store.env };
    const base = join(tmp, `base-${name}.jsonl`);
    writeFileSync(base, jsonl(aWorkspace({ id: 'w' }), aClient('c1', { id: 'c' })));
    expect((await runFirmly(env, '', 'import', base)).code).toBe(0);
  });
  afterEach(async () => { await store.close(); });

  const cases: [string, Buffer, string][] = [
    ['a lone surrogate in an id', Buffer.from(jsonl(aClient('c2', { id: 'x\udc00y' }))), 'id: contains a lone surrogate (U+DC00) at character 2'],
    ['invalid UTF-8', Buffer.concat([Buffer.from('{"id":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]), 'not valid UTF-8: byte 11 of the line (offset 10 in the file) cannot be decoded'],
    ['a request due in year 1', Buffer.from(jsonl(aRequest('c1', 'r1', '0001-01-02'))), 'request.sent: data.dueDate: 0001-01-02 is outside the dates Firmly supports (1970-01-01 to 2199-12-31)'],
  ];

  it.each(cases)('refuses %s as FILE:LINE: reason, exits 1, writes nothing, and verify passes', async (what, bytes, reason) => {
    const file = join(tmp, `${what.replace(/\W+/g, '-')}-${name}.jsonl`);
    writeFileSync(file, bytes);
    const outcome = await runFirmly(env, '', 'import', file);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(`${file}:1: ${reason}`);
    expect(await store.raw('select id from ledger_event order by seq')).toEqual([{ id: 'w' }, { id: 'c' }]);
    expect(await runFirmly(env, '', 'verify')).toMatchObject({ code: 0, stdout: expect.stringContaining('Ledger intact') });
  });

  it('prints a refusal whose reason quotes a line break as one line, still named FILE:LINE', async () => {
    const file = join(tmp, `line-break-key-${name}.jsonl`);
    writeFileSync(file, '{"id":"x","type":"client.added","at":"2026-02-02T08:00:00Z","data":{},"\\r\\n":0}\n');
    const outcome = await runFirmly(env, '', 'import', file);
    expect(outcome.code).toBe(1);
    const lines = outcome.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`${file}:1: Unrecognized key: "\\u000d\\u000a"`);
  });
});
