import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { assessWorkspace } from '../../src/app/assess-workspace.ts';
import { markOutboxMessageSent } from '../../src/app/deliver-outbox.ts';
import { isLetter, listOutboxMessages, mailableKinds, retryOutboxMessages, setAutoSend } from '../../src/app/outbox-review.ts';
import { runCli } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { addDays, type IsoDate } from '../../src/core/dates.ts';
import { openStore } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { aClient, anInvoice, aRequest, aWorkspace, jsonl } from '../support/events.ts';
import { projectRoot } from '../support/paths.ts';
import { startSmtpListener } from '../support/smtp-listener.ts';

// Sweep + delivery in a child process, killed with SIGKILL at random moments, against a
// real SMTP listener that is slow to answer the end of a message (as a server with a content
// filter before its queue is); then one clean run, and a person settling the held messages.
// Every message must have arrived exactly once (by Message-ID), every outbox row be sent,
// each action recorded sent exactly once, and the chain verify.
//
// A kill between the end of a message leaving and our noting the server's answer leaves a
// message the server may have: no sender can tell alone. Such a message is held for a person
// (#19 item 6) rather than sent again, so no kill may deliver a copy; each held message must
// have been `unconfirmed` (its end sent, no answer recorded) right after a kill, the one window
// the SMTP exchange forces. Besides the random kills, a few lives are killed the moment the
// listener has kept a message and not yet replied "250", to show that worst case is held.
//
// Speed: the child is the TypeScript bundled once with esbuild (tsx would spend ~2 s per
// start), the next children are loaded while the current one runs, and kills are timed by
// the child's progress rather than the clock, so that every life does some work.

// SQLite takes thirty kills over ten weeks of messages; PostgreSQL (a server that must
// notice the dead connection and roll its transaction back) a third of that over four weeks,
// to keep the suite under a minute on two busy cores. More: CRASH_KILLS=100 CRASH_KILLS_POSTGRES=30.
const runs = {
  sqlite: { random: Number(process.env.CRASH_KILLS ?? 30), atAcceptance: Number(process.env.CRASH_KILLS_AT_ACCEPTANCE ?? 5), until: '2026-05-15' as IsoDate },
  postgres: { random: Number(process.env.CRASH_KILLS_POSTGRES ?? 10), atAcceptance: 2, until: '2026-03-27' as IsoDate },
};
// One loading while one runs: on two cores, more would only slow the one that runs.
const SPARES = Number(process.env.CRASH_SPARES ?? 1);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
const WORKSPACE = 'crash';
const FROM = '2026-03-02' as IsoDate;
const CLIENTS = 6;
// How long the listener takes to answer the end of each message: the window a kill can hit.
const ANSWER_DELAY_MS = Number(process.env.CRASH_ANSWER_DELAY_MS ?? 20);
const messageIdOf = (raw: string): string => /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';

/** mulberry32: a seeded generator, so a failing run can be repeated with CRASH_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A handful of clients who answer nothing and pay nothing: each open request is chased every
// three business days and each invoice twice — a few hundred messages over ten weeks.
const tmp = mkdtempSync(join(tmpdir(), 'firmly-delivery-crash-'));
const ledgerFile = join(tmp, 'ledger.jsonl');
writeFileSync(ledgerFile, jsonl(aWorkspace({ at: '2026-02-01T09:00:00Z' }), ...Array.from({ length: CLIENTS }, (_, i) => {
  const c = `c${i}`;
  const stagger = (n: number) => `2026-03-${String(2 + n).padStart(2, '0')}`;
  return [
    aClient(c, { at: '2026-02-02T09:00:00Z' }),
    ...[0, 1, 2, 3].map((r) => aRequest(c, `${c}_r${r}`, stagger(i + r * 3), { at: '2026-02-20T09:00:00Z' })),
    anInvoice(c, `${c}_inv1`, '1000.00', stagger(i * 2 + 4), { at: '2026-02-20T09:00:00Z' }),
  ];
}).flat()));

// The child, bundled with its packages into one module (loading hundreds of ESM files is most
// of a start); the native SQLite binding stays outside, found through node_modules beside it.
symlinkSync(join(projectRoot, 'node_modules'), join(tmp, 'node_modules'), 'dir');
const childFile = join(tmp, 'child.mjs');
await build({
  entryPoints: [join(projectRoot, 'test/mail/delivery-crash-child.ts')], outfile: childFile,
  bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['better-sqlite3', 'pg-native'], logLevel: 'error',
  // Packages written as CommonJS call require() for Node's own modules.
  banner: { js: "import { createRequire as firmlyCreateRequire } from 'node:module'; const require = firmlyCreateRequire(import.meta.url);" },
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Life {
  readonly child: ChildProcessWithoutNullStreams;
  readonly ready: Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  lastDay: string | undefined;
  stderr: string;
  /** Message-IDs it said were marked `unconfirmed`, and whose 250 it said it got. */
  readonly handed: Set<string>;
  readonly answered: Set<string>;
  /** Told of each step it makes: a day begun, a message the server accepted. */
  progressed: (what: 'day' | 'accepted') => void;
  go(): void;
}

function startChild(env: Record<string, string>): Life {
  const child = spawn(process.execPath, [childFile], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let markReady: () => void = () => undefined;
  const life: Life = {
    child,
    ready: new Promise<void>((resolve) => { markReady = resolve; }),
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    lastDay: undefined,
    stderr: '',
    handed: new Set(),
    answered: new Set(),
    progressed: () => undefined,
    go: () => child.stdin.write('go\n'),
  };
  child.stdin.on('error', () => undefined); // killed before it read its "go"
  child.stderr.on('data', (chunk: Buffer) => { life.stderr = (life.stderr + chunk.toString()).slice(-4000); });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') markReady();
    else if (line.startsWith('handed ')) life.handed.add(line.slice(7));
    else if (line.startsWith('answered ')) life.answered.add(line.slice(9));
    else if (line.startsWith('day ')) {
      life.lastDay = line.slice(4);
      life.progressed('day');
    }
  });
  return life;
}

describe.each(testDatabases())('sweep and delivery killed at random moments, on $name', ({ name, open }) => {
  const { random: RANDOM_KILLS, atAcceptance: KILLS_AT_ACCEPTANCE, until: UNTIL } = runs[name];
  it(`delivers every queued message, records each once, and leaves a chain that verifies, after ${RANDOM_KILLS + KILLS_AT_ACCEPTANCE} kills`, async () => {
    const store = await open();
    // The life running now; the listener's acceptances are its progress.
    let current: Life | undefined;
    // The listener's log: each Message-ID as it answered 250.
    const answeredByListener: string[] = [];
    const listener = await startSmtpListener({
      answerDelayMs: ANSWER_DELAY_MS,
      onAccepted: (raw) => {
        const id = messageIdOf(raw);
        answeredByListener.push(id);
        // Only the life that handed it over: a killed life's message is still answered after its death.
        if (current?.handed.has(id)) current.progressed('accepted');
      },
    });
    try {
      const ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
      await importLedger(ctx, WORKSPACE, [ledgerFile]);
      for (const kind of mailableKinds) await setAutoSend(ctx, WORKSPACE, kind, true);
      const env = {
        ...process.env, ...store.env, SMTP_URL: listener.url, SMTP_FROM: 'Studio Test <hello@studio.example>',
        CRASH_WORKSPACE: WORKSPACE, CRASH_FROM: FROM, CRASH_UNTIL: UNTIL,
      } as Record<string, string>;

      const rng = random(SEED);
      const started = Date.now();
      const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
      let randomKills = 0;
      let killedAtAcceptance = 0;
      let killsWhileWorking = 0;
      let finishedEarly = 0;
      let lives = 0;
      const progress: string[] = [];
      // Right after each kill, the messages it left in flight: Message-ID → what the killed child had said of it.
      const leftUnconfirmed = new Map<string, { life: number; answered: boolean }>();
      let leftSending = 0;
      // The person, after each life: a held message found in the Sent folder (here: at the
      // listener) is marked sent, one not found is sent again. Both as a person would, soon
      // after: a held reminder holds back the next one of its chain until it is settled.
      const person = appContext(store);
      const settled = { found: 0, resent: 0, answeredUncommitted: 0 };
      const settleHeld = async () => {
        for (const h of (await listOutboxMessages(person, WORKSPACE)).filter((r) => r.status === 'failed')) {
          expect(h.lastError).toMatch(/^may have been sent: /);
          const left = leftUnconfirmed.get(h.messageId ?? '');
          expect(left, `${h.actionKey} held, but no kill left it unconfirmed`).toBeDefined();
          if (left?.answered) settled.answeredUncommitted += 1;
          if (answeredByListener.includes(h.messageId ?? '')) {
            await markOutboxMessageSent(person, WORKSPACE, h.actionKey);
            settled.found += 1;
          } else {
            await retryOutboxMessages(person, WORKSPACE, [h.actionKey]);
            settled.resent += 1;
          }
        }
      };
      // Loading a child takes longer than most of them live: keep some loading ahead.
      const spares = Array.from({ length: SPARES }, () => startChild(env));
      while (randomKills < RANDOM_KILLS || killedAtAcceptance < KILLS_AT_ACCEPTANCE) {
        const life = spares.shift() as Life;
        spares.push(startChild(env));
        await life.ready;
        lives += 1;
        // When to kill it: counted in its own progress (days begun, messages accepted by the
        // server), not in wall time, so that a slow machine does not turn every life into a
        // kill during start-up. Every tenth dies the moment the server accepts a message.
        const aimed = killedAtAcceptance < KILLS_AT_ACCEPTANCE && (lives % 10 === 5 || randomKills >= RANDOM_KILLS);
        const roll = rng();
        const afterEvents = aimed ? 1 : roll < 0.1 ? 0 : 1 + Math.floor(rng() * 8);
        const delayMs = aimed ? 0 : rng() * (afterEvents === 0 ? 150 : 40);
        const kill = () => { if (life.child.exitCode === null && life.child.signalCode === null) life.child.kill('SIGKILL'); };
        let events = 0;
        life.progressed = (what) => {
          events += 1;
          if (events !== afterEvents) return;
          if (aimed && what === 'accepted') kill(); // kept by the server, the 250 reply not yet written
          else if (!aimed) setTimeout(kill, delayMs);
          else events -= 1; // aimed: wait for an acceptance, not a new day
        };
        current = life;
        life.go();
        if (afterEvents === 0) setTimeout(kill, delayMs);
        const exit = await life.exited;
        current = undefined;
        if (exit.signal === 'SIGKILL') {
          const inFlight = await store.raw('select message_id, status from outbox_message where workspace_id = ? and status in (?, ?)', [WORKSPACE, 'sending', 'unconfirmed']) as { message_id: string; status: string }[];
          for (const row of inFlight) {
            if (row.status === 'sending') leftSending += 1;
            // Left by this kill, or by an earlier one while its claim still holds.
            else if (!leftUnconfirmed.has(row.message_id)) leftUnconfirmed.set(row.message_id, { life: lives, answered: life.answered.has(row.message_id) });
          }
          if (aimed) killedAtAcceptance += 1;
          else randomKills += 1;
          if (life.lastDay === undefined || life.lastDay < UNTIL) killsWhileWorking += 1;
          if (!aimed && randomKills % 25 === 0) progress.push(`kill ${randomKills}: day ${life.lastDay ?? '-'} at ${elapsed()}`);
        } else {
          // It ran to the end: nothing may fail on its own.
          expect({ code: exit.code, stderr: life.stderr }).toEqual({ code: 0, stderr: '' });
          finishedEarly += 1;
        }
        await settleHeld();
        if (process.env.CRASH_LOG) appendFileSync(process.env.CRASH_LOG, `${elapsed()} life ${lives} ${aimed ? 'aimed' : `after ${afterEvents}+${delayMs.toFixed(0)}ms`} ${exit.signal ?? exit.code} day ${life.lastDay} kills ${randomKills}/${killedAtAcceptance} accepted ${listener.accepted()}\n`);
      }
      for (const spare of spares) spare.child.kill('SIGKILL');
      await Promise.all(spares.map((spare) => spare.exited));
      // The last kills' messages are held once their claims lapse, in the clean run: settled after it.

      // One clean run to the end.
      const last = startChild(env);
      await last.ready;
      last.go();
      expect({ ...(await last.exited), stderr: last.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
      const seconds = (Date.now() - started) / 1000;

      await settleHeld();
      // A day on, so its sweep plans what follows a message marked sent today (a sweep of a day
      // already swept plans nothing new).
      const again = startChild({ ...env, CRASH_UNTIL: addDays(UNTIL, 1) });
      await again.ready;
      again.go();
      expect({ ...(await again.exited), stderr: again.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
      const held = settled.found + settled.resent;
      expect(held).toBeGreaterThanOrEqual(killedAtAcceptance);

      const rows = await listOutboxMessages(ctx, WORKSPACE);
      const letters = rows.filter(isLetter);
      const received = await listener.messages();
      const ids = received.map((m) => m.messageId ?? '');
      const distinct = new Set(ids);
      const sent = await store.raw('select data from ledger_event where workspace_id = ? and type = ?', [WORKSPACE, 'message.sent']) as { data: string }[];
      const sentKeys = sent.map((r) => (JSON.parse(r.data) as { actionKey: string }).actionKey);
      const duplicates = ids.length - distinct.size;
      console.log(`delivery crash test on ${name} (seed ${SEED}): ${lives} lives, ${randomKills} killed at random moments (${killsWhileWorking} with days still to do), ` +
        `${killedAtAcceptance} killed the moment the server accepted a message, ${finishedEarly} ran to the end; ${letters.length} messages queued, ` +
        `${distinct.size} distinct Message-IDs received, ${ids.length} deliveries: ${duplicates} duplicate(s); ` +
        `${leftSending} left sending (sent again), ${held} held for a person (${settled.found} had arrived; ${settled.answeredUncommitted} had their 250 back, uncommitted); ` +
        `answer delay ${ANSWER_DELAY_MS} ms; ${seconds.toFixed(1)} s (${progress.join(', ')})`);

      expect(letters.length).toBeGreaterThan(name === 'sqlite' ? 300 : 80);
      expect(rows.filter((r) => !isLetter(r))).toEqual([]); // nothing but letters in this workload
      expect(letters.filter((r) => r.status !== 'sent')).toEqual([]);
      // Every queued message arrived, and nothing else did.
      expect([...distinct].sort()).toEqual(letters.map((r) => r.messageId).sort());
      // The copies are the same message: same Message-ID, same text.
      const byId = new Map<string, string | undefined>();
      for (const m of received) {
        const id = m.messageId ?? '';
        if (byId.has(id)) expect(m.text).toBe(byId.get(id));
        else byId.set(id, m.text);
      }
      // No kill delivered a copy: what may have arrived was held, not sent again.
      expect(duplicates).toBe(0);
      // Each action recorded sent exactly once.
      expect(sentKeys.sort()).toEqual(letters.map((r) => r.actionKey).sort());
      // Nothing the playbook had due by the last day was left unqueued.
      const plan = await assessWorkspace(ctx, WORKSPACE, UNTIL);
      const queued = new Set(rows.map((r) => r.actionKey));
      expect(plan.clients.flatMap((c) => c.actions).filter((a) => !queued.has(a.key))).toEqual([]);

      // `firmly verify` passes.
      const out = new PassThrough();
      let printed = '';
      out.on('data', (chunk) => { printed += chunk; });
      const code = await runCli(['verify', '--workspace', WORKSPACE], {
        configure: (overrides) => loadConfig(store.env, overrides),
        open: async (config) => appContext(await openStore(config.database)),
        serve: () => { throw new Error('not served here'); },
        stdin: Readable.from(['']), stdout: out, stderr: out,
      });
      expect({ code, printed }).toEqual({ code: 0, printed: expect.stringMatching(/^Ledger intact/) });
    } finally {
      await listener.close();
      await store.close();
    }
  }, 300_000);
});
