import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import type { Command } from 'commander';
import { nowIso } from '../../app/clock.ts';
import { deliverDue, markOutboxMessageSent } from '../../app/deliver-outbox.ts';
import {
  approveOutboxMessages, autoSendSettings, discardOutboxMessages, editOutboxMessage, listOutboxMessages, outboxStatuses,
  retryOutboxMessages, setAutoSend, showOutboxMessage, type OutboxEntry, type OutboxStatus, type StatusChange,
} from '../../app/outbox-review.ts';
import { smtpTransport } from '../../app/outbox-smtp.ts';
import { CommandFailure, UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { parseDateOption } from './assess.ts';

const pad = (value: string, width: number) => (value.length >= width ? value : value + ' '.repeat(width - value.length));

function parseStatuses(option: string | undefined): OutboxStatus[] | undefined {
  if (option === undefined) return undefined;
  const statuses = option.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = statuses.filter((s) => !(outboxStatuses as readonly string[]).includes(s));
  if (unknown.length > 0) throw new UsageError(`--status: no status ${unknown.map((s) => `"${s}"`).join(', ')}; there are ${outboxStatuses.join(', ')}`);
  return statuses as OutboxStatus[];
}

/** `KEY…` or `--all`, not both, not neither. */
function keysOrAll(keys: string[], all: boolean | undefined): string[] | 'all' {
  if (all && keys.length > 0) throw new UsageError('name action keys or give --all, not both');
  if (!all && keys.length === 0) throw new UsageError('name at least one action key (firmly outbox list shows them), or give --all');
  return all ? 'all' : keys;
}

function describeEntry(e: OutboxEntry): string {
  const tries = e.attempts > 0 && e.status !== 'sent' ? ` (${e.attempts} ${e.attempts === 1 ? 'try' : 'tries'})` : '';
  const details = [
    e.status === 'sent' && e.sentAt ? `sent ${e.sentAt}` : '',
    e.status === 'approved' && e.nextAttemptAt ? `next try ${e.nextAttemptAt}` : '',
    e.status === 'sending' && e.nextAttemptAt ? `taken over after ${e.nextAttemptAt} if the sender stopped` : '',
    e.lastError && e.status !== 'sent' ? `last error: ${e.lastError}` : '',
  ].filter(Boolean).join('; ');
  return `${pad(e.status + tries, 22)} ${pad(e.due, 10)}  ${pad(e.kind, 23)} ${e.actionKey}${e.subject ? `  "${e.subject}"` : ''}${details ? `\n${' '.repeat(23)}${details}` : ''}`;
}

/** A message file: "Subject: …" on the first line, a blank line, then the text. */
function parseMessageFile(content: string): { subject: string; body: string } {
  const [subject = '', ...rest] = content.replace(/\r\n/g, '\n').split('\n');
  return { subject: subject.replace(/^Subject:\s*/i, '').trim(), body: rest.join('\n').replace(/^\n+/, '') };
}

function printChanges(env: CliEnv, changes: readonly StatusChange[], verb: string): void {
  for (const c of changes) env.stdout.write(c.changed ? `  ${verb}: ${c.actionKey}\n` : `  unchanged (${c.status}): ${c.actionKey}\n`);
}

export function registerOutbox(program: Command, env: CliEnv): void {
  const outbox = program.command('outbox')
    .description('the messages the sweep queued: review them, approve them, and send the approved ones by SMTP (SMTP_URL, SMTP_FROM); each is sent at most once per action, with a Message-ID of its own that every retry repeats');

  outbox.command('list')
    .description('every message with its state: queued (waiting for your approval), approved, sending, unconfirmed (the server has all of it, its answer is not yet recorded), accepted (by the server, being recorded), sent, failed, acknowledged (a step for you, never mailed), discarded')
    .option('--status <list>', `only these states, comma-separated (${outboxStatuses.join(', ')})`)
    .option('--json', 'print as JSON')
    .action(async (options: { status?: string; json?: boolean }, command: Command) => {
      const statuses = parseStatuses(options.status);
      const entries = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        listOutboxMessages(ctx, config.workspaceId, statuses ? { statuses } : {}));
      if (options.json) {
        env.stdout.write(JSON.stringify(entries) + '\n');
        return;
      }
      if (entries.length === 0) env.stdout.write('The outbox is empty.\n');
      for (const e of entries) env.stdout.write(describeEntry(e) + '\n');
    });

  outbox.command('show <actionKey>')
    .description('one message and its letter: the text approved or edited, else a preview with the figures of a day')
    .option('--at <date>', 'preview as of this day, YYYY-MM-DD, or "due" (default: today)')
    .option('--html', 'print the HTML part instead of the text')
    .option('--json', 'print as JSON')
    .action(async (actionKey: string, options: { at?: string; html?: boolean; json?: boolean }, command: Command) => {
      const at = options.at === 'due' ? 'due' as const : parseDateOption(options.at, '--at');
      const { entry, letter } = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        showOutboxMessage(ctx, config.workspaceId, actionKey, at ? { at } : {}));
      if (options.json) {
        env.stdout.write(JSON.stringify({ ...entry, letter }) + '\n');
        return;
      }
      env.stdout.write(`${describeEntry(entry)}\n`);
      if (entry.messageId) env.stdout.write(`Message-ID: ${entry.messageId}\n`);
      if (!letter) {
        env.stdout.write('\nA step for you, not a message to the client: it is never mailed. Approving it acknowledges it.\n');
        return;
      }
      const source = letter.source === 'preview' ? `preview as of ${letter.asOf ?? ''}` : letter.source === 'edited' ? 'your edited text' : `as approved, figures of ${letter.asOf ?? ''}`;
      env.stdout.write(`(${source})\n\n`);
      env.stdout.write(options.html ? letter.html : `To: ${letter.to.map((c) => `${c.name} <${c.email}>`).join(', ')}\nSubject: ${letter.subject}\n\n${letter.text}`);
      for (const warning of letter.warnings) env.stderr.write(`warning: ${warning}\n`);
    });

  outbox.command('approve [actionKeys...]')
    .description('approves queued messages: the letter is fixed as of today (or --at) and sent by the next `outbox send`; a step for you (walk away) is acknowledged')
    .option('--all', 'every queued message')
    .option('--at <date>', 'the day whose figures the letters give, YYYY-MM-DD (default: today)')
    .option('--json', 'print as JSON')
    .action(async (keys: string[], options: { all?: boolean; at?: string; json?: boolean }, command: Command) => {
      const which = keysOrAll(keys, options.all);
      const date = parseDateOption(options.at, '--at');
      const outcomes = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        approveOutboxMessages(ctx, config.workspaceId, which, date ? { date } : {}));
      if (options.json) env.stdout.write(JSON.stringify(outcomes) + '\n');
      else {
        const count = (outcome: string) => outcomes.filter((o) => o.outcome === outcome).length;
        env.stdout.write(`${count('approved')} message(s) approved${count('acknowledged') > 0 ? `, ${count('acknowledged')} step(s) for you acknowledged` : ''}.\n`);
        for (const o of outcomes) env.stdout.write(`  ${o.outcome}${o.note ? ` (${o.note})` : ''}: ${o.actionKey}\n`);
      }
      if (outcomes.some((o) => o.outcome === 'refused')) throw new CommandFailure('');
    });

  outbox.command('edit <actionKey> <file>')
    .description('replaces a letter with your own text from FILE (- for standard input): "Subject: …" on the first line, a blank line, then the text; it then needs approval again')
    .action(async (actionKey: string, file: string, _options: unknown, command: Command) => {
      const content = file === '-' ? await text(env.stdin) : await readFile(file, 'utf8');
      await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => editOutboxMessage(ctx, config.workspaceId, actionKey, parseMessageFile(content)));
      env.stdout.write(`Saved your text of ${actionKey}; approve it to send it.\n`);
    });

  outbox.command('send')
    .description('sends the approved messages whose time has come (and approves first those of the kinds set to auto-send); a failed try is retried later with backoff, the same Message-ID every time. Exit 1 when a message failed')
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const report = await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) => {
        if (!config.smtp) throw new UsageError('sending needs SMTP_URL (smtp://… or smtps://user:password@host:port) and SMTP_FROM (the address the messages come from)');
        const transport = smtpTransport(config.smtp);
        try {
          return await deliverDue(ctx, config.workspaceId, transport, nowIso(ctx.clock));
        } finally {
          transport.close();
        }
      });
      if (options.json) env.stdout.write(JSON.stringify(report) + '\n');
      else {
        env.stdout.write(`${report.sent.length} message(s) sent, ${report.failed.length} failed, ${report.deferred.length} not tried${report.discarded.length > 0 ? `, ${report.discarded.length} discarded as no longer due` : ''}.\n`);
        if (report.approved.length > 0) env.stdout.write(`  ${report.approved.length} approved automatically (auto-send)\n`);
        for (const u of report.unapproved) env.stdout.write(`  left for your approval, its letter cannot be written: ${u.actionKey}: ${u.error}\n`);
        for (const s of report.sent) env.stdout.write(`  sent: ${s.actionKey} ${s.messageId}\n`);
        for (const f of report.failed) env.stdout.write(`  ${f.retryAt ? `will retry at ${f.retryAt}` : 'failed for good (`outbox retry` sends it again)'}: ${f.actionKey}: ${f.error}\n`);
        for (const key of report.recovered) env.stdout.write(`  taken over from an interrupted send: ${key}\n`);
        for (const h of report.held) env.stdout.write(`  held for you (\`outbox retry\` sends it again, \`outbox mark-sent\` records it sent): ${h.actionKey}: ${h.error}\n`);
        for (const d of report.discarded) env.stdout.write(`  discarded, not sent (${d.reason}): ${d.actionKey}\n`);
      }
      if (report.failed.length > 0 || report.held.length > 0) throw new CommandFailure('');
    });

  outbox.command('retry [actionKeys...]')
    .description('sends failed messages again, with a fresh count of tries')
    .option('--all', 'every failed message')
    .action(async (keys: string[], options: { all?: boolean }, command: Command) => {
      const which = keysOrAll(keys, options.all);
      const changes = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => retryOutboxMessages(ctx, config.workspaceId, which));
      printChanges(env, changes, 'will be sent again');
    });

  outbox.command('mark-sent <actionKeys...>')
    .description('records failed messages as sent without mailing them: for one held because it may have arrived, once you have found it did (in the Sent folder, or the client has it)')
    .action(async (keys: string[], _options: unknown, command: Command) => {
      const changes = await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) => {
        const done: StatusChange[] = [];
        for (const key of keys) done.push(await markOutboxMessageSent(ctx, config.workspaceId, key));
        return done;
      });
      printChanges(env, changes, 'recorded sent');
    });

  outbox.command('discard <actionKeys...>')
    .description('decides a queued, approved or failed message is not to be sent; the action counts as handled and is not queued again')
    .action(async (keys: string[], _options: unknown, command: Command) => {
      const changes = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => discardOutboxMessages(ctx, config.workspaceId, keys));
      printChanges(env, changes, 'discarded');
    });

  outbox.command('auto-send [kind] [setting]')
    .description('which kinds of message go out without your approval (default: none); `auto-send payment.reminder on` sets one, without arguments lists them')
    .option('--json', 'print as JSON')
    .action(async (kind: string | undefined, setting: string | undefined, options: { json?: boolean }, command: Command) => {
      if (kind !== undefined && setting !== 'on' && setting !== 'off') throw new UsageError('give the kind and on or off, e.g. `firmly outbox auto-send payment.reminder on`');
      const settings = await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) => {
        if (kind !== undefined) await setAutoSend(ctx, config.workspaceId, kind, setting === 'on');
        return autoSendSettings(ctx, config.workspaceId);
      });
      if (options.json) {
        env.stdout.write(JSON.stringify(settings) + '\n');
        return;
      }
      for (const s of settings) env.stdout.write(`${pad(s.kind, 24)} ${s.auto ? 'sent automatically' : 'approved by you'}\n`);
    });
}
