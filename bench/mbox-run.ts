import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appContext } from '../src/app/context.ts';
import { importLedger } from '../src/app/import-ledger.ts';
import { importMailFiles, type MailCounts } from '../src/app/import-mail.ts';
import { splitMbox } from '../src/app/mail-mbox.ts';
import { parseInbound } from '../src/app/mail-parse.ts';
import { openStore } from '../src/store/database.ts';
import { procStatusBytes, RssSampler } from './memory.ts';
import { count, mib, perSec, secs, table } from './report.ts';

// npm run bench:mail
//   BENCH_MAIL_MB=200   size of the generated mbox, in MB (10^6 bytes)
//   BENCH_KEEP=1        keep the temp dir (the mbox and the SQLite database)
//
// Builds an mbox of ~200 MB by repeating the largest fixture mbox (../shared/fixtures/mbox),
// each copy with its Message-IDs (and the In-Reply-To and References that point at them) made
// unique, so the import records every message instead of recognising copies. Then, each in a
// process of its own, on the same file in the same run:
//   1. firmly: the real import path (importMailFiles: split, mailparser, match, record) into a
//      temp SQLite database holding a small workspace: the fixture's ten most frequent senders
//      are clients, and twenty of the messages they answer are "ours", each with a request;
//   2. firmly parse only: split + mailparser, nothing recorded — the part comparable to (3);
//   3. Python 3's standard `mailbox.mbox`, reading every message and touching its headers.
// Peak memory is each process's own high-water mark (VmHWM, which is getrusage's ru_maxrss),
// and the parent also samples RSS from /proc every 50 ms, as bench/memory.ts does.

const here = fileURLToPath(import.meta.url);
const fixtures = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'mbox');

interface ChildArgs {
  readonly mode: 'import' | 'parse';
  readonly mbox: string;
  readonly dir: string;
  readonly setup: string;
}

interface ChildResult {
  readonly ms: number;
  readonly counts: Partial<MailCounts> & { readonly messages: number };
  readonly hwm: number | undefined;
  readonly dbBytes?: number;
}

const send = (message: unknown) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));

async function child(args: ChildArgs): Promise<void> {
  if (args.mode === 'parse') {
    const started = performance.now();
    let messages = 0;
    for await (const message of splitMbox(createReadStream(args.mbox, { highWaterMark: 1 << 20 }))) {
      await parseInbound(message.raw, message.receivedAt);
      messages += 1;
    }
    await send({ kind: 'result', result: { ms: performance.now() - started, counts: { messages }, hwm: procStatusBytes('self', 'VmHWM') } satisfies ChildResult });
    return;
  }
  const file = join(args.dir, 'firmly.db');
  const store = await openStore({ kind: 'sqlite', file });
  const ctx = appContext(store);
  try {
    const setup = await importLedger(ctx, 'bench', [args.setup]);
    if (setup.rejected.length > 0) throw new Error(`the bench workspace was rejected: ${JSON.stringify(setup.rejected[0])}`);
    const started = performance.now();
    const counts = await importMailFiles(ctx, 'bench', [args.mbox]);
    const ms = performance.now() - started;
    const dbBytes = [file, `${file}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);
    await send({ kind: 'result', result: { ms, counts, hwm: procStatusBytes('self', 'VmHWM'), dbBytes } satisfies ChildResult });
  } finally {
    await store.close();
  }
}

/** Runs one measured process, sampling its RSS; resolves with its own figures and the sampled peak. */
async function measure<T>(start: () => ReturnType<typeof fork>, collect: (child: ReturnType<typeof fork>) => Promise<T>): Promise<{ result: T; sampledPeak: number | undefined; wallMs: number }> {
  const started = performance.now();
  const proc = start();
  const sampler = new RssSampler(proc.pid as number, 50);
  sampler.phase = 'run';
  try {
    const result = await collect(proc);
    return { result, sampledPeak: sampler.peak('run'), wallMs: performance.now() - started };
  } finally {
    sampler.stop();
  }
}

function runChild(args: ChildArgs) {
  return measure(
    () => fork(here, ['child', JSON.stringify(args)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    async (proc) => {
      let result: ChildResult | undefined;
      proc.on('message', (message: { kind: string; result?: ChildResult }) => {
        if (message.kind === 'result') result = message.result;
      });
      const [code] = await once(proc, 'exit');
      if (code !== 0 || !result) throw new Error(`the ${args.mode} run exited with ${code}`);
      return result;
    });
}

const python = String.raw`
import json, mailbox, resource, sys, time
started = time.perf_counter()
messages = 0
for message in mailbox.mbox(sys.argv[1]):
    for name in ('From', 'To', 'Cc', 'Date', 'Subject', 'Message-ID', 'In-Reply-To', 'References'):
        message.get(name)
    messages += 1
seconds = time.perf_counter() - started
print(json.dumps({'messages': messages, 'seconds': seconds, 'maxrssKiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  'version': sys.version.split()[0]}))
`;

function runPython(mbox: string) {
  return measure(
    () => spawn('python3', ['-c', python, mbox], { stdio: ['ignore', 'pipe', 'inherit'] }) as unknown as ReturnType<typeof fork>,
    async (proc) => {
      let out = '';
      proc.stdout?.on('data', (chunk) => { out += chunk; });
      const [code] = await once(proc, 'exit');
      if (code !== 0) throw new Error(`python3 exited with ${code}`);
      return JSON.parse(out) as { messages: number; seconds: number; maxrssKiB: number; version: string };
    });
}

/**
 * Writes `copies` copies of the mbox, each copy's Message-IDs prefixed with `b<copy>.` in the
 * Message-ID, In-Reply-To and References headers (and their continuation lines), so threads
 * stay threads within a copy and no two messages share an id.
 */
async function buildMbox(source: Buffer, copies: number, target: string): Promise<number> {
  const out = createWriteStream(target);
  const lines = source.toString('latin1').split('\n');
  let bytes = 0;
  for (let copy = 0; copy < copies; copy += 1) {
    let inHeader = false;
    let field = '';
    const rewritten = lines.map((line) => {
      if (line.startsWith('From ')) {
        inHeader = true;
        field = '';
        return line;
      }
      if (!inHeader) return line;
      if (line === '' || line === '\r') {
        inHeader = false;
        return line;
      }
      if (!/^[ \t]/.test(line)) field = line.slice(0, line.indexOf(':')).toLowerCase();
      return ['message-id', 'in-reply-to', 'references'].includes(field) ? line.replace(/<(?=[^<>\s]+@)/g, `<b${copy}.`) : line;
    }).join('\n');
    const chunk = Buffer.from(rewritten, 'latin1');
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** A small workspace: the ten most frequent senders as clients; twenty messages they answer as ours, each with a request. */
async function workspaceFor(mbox: string): Promise<{ jsonl: string; clients: number; requests: number }> {
  const mails = [];
  for await (const message of splitMbox(createReadStream(mbox))) mails.push((await parseInbound(message.raw, message.receivedAt)).mail);
  const bySender = new Map<string, number>();
  for (const mail of mails) for (const { address } of mail.from) bySender.set(address, (bySender.get(address) ?? 0) + 1);
  const senders = [...bySender].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10).map(([address]) => address);
  const events: object[] = [{ id: 'ws', type: 'workspace.configured', at: '2017-11-01T00:00:00Z',
    data: { name: 'Bench', currency: 'EUR', locale: 'en', timezone: 'Europe/Copenhagen', jurisdiction: 'EU', targetHourlyRate: { amount: '80.00', currency: 'EUR' } } }];
  senders.forEach((email, i) => events.push({ id: `c${i}`, type: 'client.added', at: '2017-11-01T00:00:00Z',
    data: { clientId: `client-${i}`, name: `Client ${i}`, locale: 'en', contacts: [{ name: `Contact ${i}`, email }] } }));
  let requests = 0;
  // A reply chosen here must not itself be one of "ours", or it would answer nothing.
  const parents = new Set<string>();
  const replies = new Set<string>();
  for (const mail of mails) {
    const sender = senders.indexOf(mail.from[0]?.address ?? '');
    const parent = mail.inReplyTo[0];
    if (sender < 0 || parent === undefined || parents.has(parent) || parents.has(mail.messageId) || replies.has(parent) || requests >= 20) continue;
    parents.add(parent);
    replies.add(mail.messageId);
    requests += 1;
    // The copies carry prefixed ids (buildMbox): the first copy's replies answer these.
    events.push({ id: `r${requests}`, type: 'request.sent', at: '2017-11-01T00:00:00Z',
      data: { requestId: `req-${requests}`, clientId: `client-${sender}`, kind: 'feedback', subject: 'Bench request', dueDate: '2017-12-31' } });
    events.push({ id: `m${requests}`, type: 'message.sent', at: '2017-11-01T00:00:00Z',
      data: { messageId: `<b0.${parent}>`, clientId: `client-${sender}`, channel: 'email', subject: 'Bench request', requestId: `req-${requests}` } });
  }
  return { jsonl: events.map((e) => JSON.stringify(e)).join('\n') + '\n', clients: senders.length, requests };
}

async function main(): Promise<void> {
  const targetMb = Number(process.env.BENCH_MAIL_MB ?? 200);
  if (!Number.isFinite(targetMb) || targetMb <= 0) throw new Error(`BENCH_MAIL_MB must be a positive number, not ${process.env.BENCH_MAIL_MB}`);
  const keep = process.env.BENCH_KEEP === '1';
  const largest = readdirSync(fixtures).filter((f) => f.endsWith('.mbox')).map((f) => join(fixtures, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!largest) throw new Error(`no .mbox in ${fixtures}`);
  const source = readFileSync(largest);
  const copies = Math.max(1, Math.round((targetMb * 1e6) / source.length));
  const dir = mkdtempSync(join(tmpdir(), 'firmly-bench-mail-'));
  try {
    const mbox = join(dir, 'bench.mbox');
    process.stdout.write(`Building ${copies} copies of ${largest.split('/').pop()} (${(source.length / 1e6).toFixed(2)} MB) in ${dir} …\n`);
    const bytes = await buildMbox(source, copies, mbox);
    const workspace = await workspaceFor(largest);
    const setup = join(dir, 'setup.jsonl');
    writeFileSync(setup, workspace.jsonl);
    const mb = bytes / 1e6;
    process.stdout.write(`mbox: ${mb.toFixed(1)} MB; workspace: ${workspace.clients} clients, ${workspace.requests} open requests. Node ${process.version}, ${cpus().length} cores, ${mib(totalmem())} RAM.\n\n`);

    const imported = await runChild({ mode: 'import', mbox, dir, setup });
    process.stdout.write(`firmly import: ${secs(imported.result.ms)}\n`);
    const parsed = await runChild({ mode: 'parse', mbox, dir, setup });
    process.stdout.write(`firmly parse only: ${secs(parsed.result.ms)}\n`);
    const py = await runPython(mbox);
    process.stdout.write(`python mailbox: ${secs(py.result.seconds * 1000)}\n\n`);

    const row = (name: string, messages: number, ms: number, hwm: number | undefined, sampled: number | undefined) =>
      [name, count(messages), secs(ms), perSec(messages / (ms / 1000)), `${(mb / (ms / 1000)).toFixed(1)} MB/s`, mib(hwm), mib(sampled)];
    const pyMs = py.result.seconds * 1000;
    const pyHwm = py.result.maxrssKiB * 1024;
    process.stdout.write(table(['run', 'messages', 'time', 'messages/s', 'throughput', 'peak RSS', 'sampled RSS'], [
      row('firmly import-mail (SQLite)', imported.result.counts.messages, imported.result.ms, imported.result.hwm, imported.sampledPeak),
      row('firmly split + mailparser only', parsed.result.counts.messages, parsed.result.ms, parsed.result.hwm, parsed.sampledPeak),
      row(`python ${py.result.version} mailbox.mbox`, py.result.messages, pyMs, pyHwm, py.sampledPeak),
    ]) + '\n\n');
    const c = imported.result.counts;
    process.stdout.write(`import: ${count(c.matched ?? 0)} matched (${count(c.answered ?? 0)} answering a request), ${count(c.unmatched ?? 0)} unmatched, ` +
      `${count(c.duplicates ?? 0)} duplicates, ${count(c.ours ?? 0)} ours; SQLite database (with its WAL) ${mib(imported.result.dbBytes)}.\n`);
    if (py.result.messages !== imported.result.counts.messages) {
      process.stdout.write(`note: Python counted ${count(py.result.messages)} messages, firmly ${count(imported.result.counts.messages)} (mail-mbox.ts explains where the splitters differ).\n`);
    }
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    process.stdout.write(`ratio firmly import / python: time ${ratio(imported.result.ms, pyMs)}, peak RSS ${ratio(imported.result.hwm ?? NaN, pyHwm)}\n`);
    process.stdout.write(`ratio firmly parse only / python: time ${ratio(parsed.result.ms, pyMs)}, peak RSS ${ratio(parsed.result.hwm ?? NaN, pyHwm)}\n`);
  } finally {
    if (keep) process.stdout.write(`kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') {
  child(JSON.parse(process.argv[3] as string) as ChildArgs).catch(async (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
} else {
  await main();
}
