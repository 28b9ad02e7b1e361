import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { assignMail, importMailFiles, listUnmatchedMail, rematchUnmatchedMail, type MailCounts } from '../../app/import-mail.ts';
import { UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';

/** One line on what happened to the mail read, shared with `poll-mail`. */
export function describeMailCounts(counts: MailCounts): string {
  const answered = counts.answered > 0 ? ` (${counts.answered} answering a request)` : '';
  const unmatched = counts.unmatched > 0 ? `, ${counts.unmatched} matched no client (kept: \`firmly unmatched-mail\`)` : ', 0 unmatched';
  return `${counts.matched} recorded for clients${answered}${unmatched}, ${counts.duplicates} already on record, ${counts.ours} of our own`;
}

/** At most one line a second, the first at once. */
function progressPrinter(env: CliEnv): (counts: MailCounts) => void {
  let last = 0;
  return (counts) => {
    const now = performance.now();
    if (last !== 0 && now - last < 1000) return;
    last = now;
    env.stderr.write(`… ${counts.messages} messages read: ${describeMailCounts(counts)}\n`);
  };
}

export function registerImportMail(program: Command, env: CliEnv): void {
  program.command('import-mail')
    .description('record the mail in .mbox and .eml files: each message matched to a client and to the request it answers; unmatched mail is kept for a person (re-importing adds nothing)')
    .argument('<files...>', '.mbox files (mboxrd or mboxo) and .eml files, one message each')
    .option('--json', 'print the report as JSON')
    .option('--progress', 'report progress on standard error (each batch is committed as it goes)')
    .action(async (files: string[], options: { json?: boolean; progress?: boolean }, command: Command) => {
      for (const file of files) {
        if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`${file}: no such file`);
      }
      const onProgress = options.progress ? progressPrinter(env) : undefined;
      const report = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        importMailFiles(ctx, config.workspaceId, files, onProgress ? { onProgress } : {}));
      if (options.json) {
        env.stdout.write(JSON.stringify(report) + '\n');
        return;
      }
      env.stdout.write(`Read ${report.messages} messages from ${report.files.length} file(s): ${describeMailCounts(report)}.\n`);
    });

  program.command('unmatched-mail')
    .description('list the mail that matched no client, oldest first, for a person to assign (`firmly assign-mail`)')
    .option('--all', 'also list mail already assigned or matched later')
    .option('--rematch', 'first match the waiting mail again against the ledger as it is now (after adding a client or a contact)')
    .option('--json', 'print JSON')
    .action(async (options: { all?: boolean; rematch?: boolean; json?: boolean }, command: Command) => {
      const { rematched, mails } = await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) => ({
        rematched: options.rematch ? await rematchUnmatchedMail(ctx, config.workspaceId) : undefined,
        mails: await listUnmatchedMail(ctx, config.workspaceId, { all: options.all === true }),
      }));
      if (options.json) {
        env.stdout.write(JSON.stringify({ ...(rematched ? { rematched } : {}), mails }) + '\n');
        return;
      }
      if (rematched) {
        env.stdout.write(`Matched again: ${rematched.checked} waiting, ${rematched.matched} now recorded for a client (${rematched.answered} answering a request).\n`);
      }
      env.stdout.write(`${mails.length} message(s)${options.all ? '' : ' waiting for a person'}.\n`);
      for (const mail of mails) {
        const from = mail.from ? (mail.from.name ? `${mail.from.name} <${mail.from.address}>` : mail.from.address) : '(no sender)';
        const leads = mail.candidates.length > 0 ? `; perhaps: ${mail.candidates.join(', ')}` : '';
        const resolved = mail.resolution ? `; ${mail.resolution} to ${mail.resolvedClientId}` : '';
        env.stdout.write(`\n${mail.at}  ${from}\n  ${mail.subject || '(no subject)'}\n  <${mail.messageId}>  ${mail.reason}${leads}${resolved}\n`);
        if (mail.snippet) env.stdout.write(`  ${mail.snippet.slice(0, 160)}\n`);
      }
    });

  program.command('assign-mail')
    .description('record an unmatched message as from a client (and as the answer to the request it replies to, if any)')
    .argument('<message-id>', 'its Message-ID, as `firmly unmatched-mail` shows it (with or without <>)')
    .argument('<client-id>', 'the client it is from')
    .option('--json', 'print the outcome as JSON')
    .action(async (messageId: string, clientId: string, options: { json?: boolean }, command: Command) => {
      const outcome = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => assignMail(ctx, config.workspaceId, messageId, clientId));
      if (options.json) {
        env.stdout.write(JSON.stringify(outcome) + '\n');
        return;
      }
      const request = outcome.requestId === undefined ? '' : outcome.answered ? `, answering request ${outcome.requestId}` : `, about request ${outcome.requestId} (answered before)`;
      env.stdout.write(`Recorded <${outcome.messageId}> as from ${outcome.clientId}${request}.\n`);
    });
}
