import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFirmly, type Outcome } from '../support/cli.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { scenarioFiles } from '../support/paths.ts';

// #19: `report --out` overwrote an existing file without a word and gave a stack trace for a
// missing folder. Both it and `backup` now keep what exists (report: unless --force), say in
// one line why a path cannot be written, and put the file under its name only once complete.

const dir = mkdtempSync(join(tmpdir(), 'firmly-report-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One line on standard error, `firmly: …`, and no stack trace. */
function expectOneLine(outcome: Outcome, message: string): void {
  expect(outcome).toMatchObject({ code: 1, stdout: '' });
  expect(outcome.stderr).toBe(`firmly: ${message}\n`);
}

describe.each(testDatabases())('writing reports and backups to a named file on $name', ({ name, open }) => {
  let store: TestStore;
  const folder = join(dir, name);
  beforeAll(async () => {
    mkdirSync(folder);
    store = await open();
    expect((await runFirmly(store.env, '', 'import', scenarioFiles()[1] as string)).code).toBe(0);
  }, 60_000);
  afterAll(() => store.close());
  const report = (out: string, ...flags: string[]) =>
    runFirmly(store.env, '', 'report', 'waiting', '--client', 'c1', '--from', '2026-01-01', '--to', '2026-06-30', '--out', out, ...flags);

  it('keeps an existing file unless --force, then replaces it whole', async () => {
    const out = join(folder, 'waiting.pdf');
    writeFileSync(out, 'my own notes');
    expectOneLine(await report(out), `${out} already exists; use --force to overwrite it, or choose another file name`);
    expect(readFileSync(out, 'utf8')).toBe('my own notes');
    expect(await report(out, '--force')).toMatchObject({ code: 0, stdout: expect.stringContaining(`: ${out} (`) });
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readdirSync(folder).filter((f) => f.includes('waiting'))).toEqual(['waiting.pdf']);
  });

  it('says why a path cannot be written, in one line, and writes nothing', async () => {
    writeFileSync(join(folder, 'a-file'), '');
    const missing = join(folder, 'no-such-folder', 'waiting.pdf');
    expectOneLine(await report(missing), `cannot write ${missing}: the folder ${join(folder, 'no-such-folder')} does not exist`);
    expectOneLine(await report(join(folder, 'a-file', 'waiting.pdf')), `cannot write ${join(folder, 'a-file', 'waiting.pdf')}: ${join(folder, 'a-file')} is not a folder`);
    expectOneLine(await report(folder, '--force'), `cannot write ${folder}: it is a folder`);
    expectOneLine(await report('/sys/firmly-waiting.pdf'), 'cannot write /sys/firmly-waiting.pdf: permission denied in /sys');
  });
});

// PostgreSQL is backed up with pg_dump: `firmly backup` only explains it there (cli.test.ts).
describe.each(testDatabases().filter((d) => d.name === 'sqlite'))('firmly backup on $name', ({ open }) => {
  let store: TestStore;
  const folder = join(dir, 'backup');
  beforeAll(async () => {
    mkdirSync(folder);
    store = await open();
    expect((await runFirmly(store.env, '', 'import', scenarioFiles()[1] as string)).code).toBe(0);
  }, 60_000);
  afterAll(() => store.close());

  it('backs up never over a file, and says why a path cannot be written', async () => {
    const missing = join(folder, 'no-such-folder', 'copy.db');
    expectOneLine(await runFirmly(store.env, '', 'backup', missing), `cannot write ${missing}: the folder ${join(folder, 'no-such-folder')} does not exist`);
    const copy = join(folder, 'copy.db');
    expect(await runFirmly(store.env, '', 'backup', copy)).toMatchObject({ code: 0 });
    expect(readFileSync(copy).subarray(0, 15).toString()).toBe('SQLite format 3');
    expectOneLine(await runFirmly(store.env, '', 'backup', copy), `${copy} already exists; remove it or choose another file name`);
    expect(readdirSync(folder).filter((f) => f.includes('copy'))).toEqual(['copy.db']);
  });
});
