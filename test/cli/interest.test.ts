import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { projectRoot } from '../support/paths.ts';

const run = promisify(execFile);

interface Outcome { code: number; stdout: string; stderr: string }

/**
 * Runs `firmly interest …` in-process with a composition root whose configuration and
 * database cannot be opened: the command must need neither.
 */
async function firmly(...argv: string[]): Promise<Outcome> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => { out += chunk; });
  stderr.on('data', (chunk) => { err += chunk; });
  const refuse = () => { throw new Error('firmly interest must not configure or open a database'); };
  const code = await runCli(argv, { configure: refuse, open: refuse, serve: refuse, stdin: Readable.from(['']), stdout, stderr });
  return { code, stdout: out, stderr: err };
}

const issueExample = ['interest', '--jurisdiction', 'DK', '--principal', '25000.00', '--currency', 'DKK', '--due', '2025-05-31', '--paid', '2025-08-29'];
const issueJsonWithoutRule = '{"interest":{"amount":"621.58","currency":"DKK"},"fixedCompensation":{"amount":"310.00","currency":"DKK"},"dayCount":"act365",' +
  '"periods":[{"from":"2025-06-01","to":"2025-06-30","days":30,"ratePct":"10.75"},{"from":"2025-07-01","to":"2025-08-29","days":60,"ratePct":"9.75"}],"rule":"';

describe('firmly interest', () => {
  it("prints issue 4's example as one line of JSON, keys in the issue's order, without a database", async () => {
    const outcome = await firmly(...issueExample, '--json');
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout.endsWith('"}\n')).toBe(true);
    expect(outcome.stdout.split('\n')).toHaveLength(2);
    expect(outcome.stdout.startsWith(issueJsonWithoutRule)).toBe(true);
    const { rule } = JSON.parse(outcome.stdout) as { rule: string };
    expect(rule).toMatch(/renteloven § 5.*10\.75 %.*9\.75 %.*ACT\/365.*DKK\s310\.00/);
  });

  it('prints a readable summary without --json', async () => {
    const outcome = await firmly(...issueExample);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/2025-06-01 +2025-06-30 +30 +10\.75 %/);
    expect(outcome.stdout).toMatch(/Interest: +DKK 621\.58/);
    expect(outcome.stdout).toMatch(/Fixed compensation: +DKK 310\.00/);
    expect(outcome.stdout).toContain('Rule: Late-payment interest under the Danish Interest Act');
  });

  it('takes the day count, a contractual rate, gov.uk rounding and the Danish rule', async () => {
    const thirty = JSON.parse((await firmly(...issueExample, '--day-count', '30e360', '--json')).stdout);
    expect(thirty).toMatchObject({ interest: { amount: '623.44' }, dayCount: '30e360' });
    const contract = JSON.parse((await firmly(...issueExample, '--rate', '8', '--json')).stdout);
    expect(contract).toMatchObject({ periods: [{ from: '2025-06-01', to: '2025-08-29', days: 90, ratePct: '8.00' }] });
    const govuk = JSON.parse((await firmly('interest', '--jurisdiction', 'GB', '--principal', '1000.00', '--currency', 'GBP',
      '--due', '2015-03-02', '--paid', '2015-04-21', '--govuk-daily-rounding', '--json')).stdout);
    expect(govuk).toMatchObject({ interest: { amount: '11.50', currency: 'GBP' }, fixedCompensation: { amount: '70.00', currency: 'GBP' } });
    const danish = JSON.parse((await firmly(...issueExample, '--locale', 'da', '--json')).stdout);
    expect(danish.rule).toMatch(/^Morarente efter renteloven § 5.*Kompensationsbeløb/);
  });

  it('gives zero under NONE', async () => {
    const none = JSON.parse((await firmly('interest', '--jurisdiction', 'NONE', '--principal', '100.00', '--currency', 'EUR', '--due', '2025-01-01', '--paid', '2025-03-01', '--json')).stdout);
    expect(none).toMatchObject({ interest: { amount: '0.00' }, fixedCompensation: { amount: '0.00' }, periods: [] });
  });

  const example = { jurisdiction: 'DK', principal: '25000.00', currency: 'DKK', due: '2025-05-31', paid: '2025-08-29' };
  /** The issue's example with some options changed or added (`true`: a flag). */
  const argvWith = (change: Record<string, string | true>) => ['interest', ...Object.entries<string | true>({ ...example, ...change })
    .flatMap(([option, value]) => [`--${option}`, ...(value === true ? [] : [value])])];

  it.each<[Record<string, string | true>, RegExp]>([
    [{ jurisdiction: 'FR' }, /--jurisdiction: /],
    [{ principal: '25.000,00' }, /--principal: /],
    [{ principal: '-5.00' }, /--principal: /],
    [{ currency: 'XYZ' }, /--currency: /],
    [{ paid: '2025-02-30' }, /--paid: "2025-02-30" is not a date/],
    [{ 'day-count': 'act360' }, /--day-count: /],
    [{ rate: 'lots' }, /--rate: /],
    [{ 'govuk-daily-rounding': true }, /--govuk-daily-rounding: .*GB/],
    [{ jurisdiction: 'GB' }, /fixed sum depends on the size of the debt in GBP/],
    [{ frobnicate: true }, /unknown option '--frobnicate'/],
  ])('exits 2 on bad usage: %j', async (change, message) => {
    const outcome = await firmly(...argvWith(change));
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(message);
  });

  it('exits 2 when a required option is missing', async () => {
    const outcome = await firmly('interest', '--jurisdiction', 'DK', '--principal', '1.00', '--currency', 'DKK', '--due', '2025-01-01');
    expect(outcome).toMatchObject({ code: 2, stderr: expect.stringContaining("required option '--paid <date>'") });
  });

  it('exits 1 and asks for the rate when a half-year has none', async () => {
    const outcome = await firmly('interest', '--jurisdiction', 'DK', '--principal', '1000.00', '--currency', 'DKK', '--due', '2026-06-15', '--paid', '2026-07-15');
    expect(outcome).toMatchObject({ code: 1, stdout: '' });
    expect(outcome.stderr).toMatch(/No DK statutory interest rate is known for the half-year from 2026-07-01.*Please look up/);
  });

  it('is listed in the help', async () => {
    expect((await firmly('interest', '--help')).stdout).toContain('Usage: firmly interest');
  });

  it('prints the same JSON from the package bin, with no data folder to open', async () => {
    const { stdout } = await run(process.execPath, [join(projectRoot, 'bin', 'firmly.js'), ...issueExample, '--json'],
      { cwd: projectRoot, env: { ...process.env, FIRMLY_DATA: '/nonexistent/firmly-interest', DATABASE_URL: 'mysql://not-a-database' } });
    expect(stdout.startsWith(issueJsonWithoutRule)).toBe(true);
  });
});
