import type { Command } from 'commander';
import { MailServerError, pollImap, type PollReport } from '../../app/poll-imap.ts';
import { CommandFailure, UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { describeMailCounts } from './import-mail.ts';

function printReport(env: CliEnv, report: PollReport, json: boolean): void {
  if (json) {
    env.stdout.write(JSON.stringify(report) + '\n');
    return;
  }
  const reset = report.reset ? ' (the folder\'s UIDVALIDITY changed: read from the start)' : '';
  env.stdout.write(`${report.mailbox}: ${report.messages} new message(s)${reset}: ${describeMailCounts(report)}.\n`);
}

export function registerPollMail(program: Command, env: CliEnv): void {
  program.command('poll-mail')
    .description('read the new mail of the IMAP folder (IMAP_URL, IMAP_FOLDER) and record it as `import-mail` does; remembers where it left off')
    .option('--folder <name>', 'the folder to read (env IMAP_FOLDER, default INBOX)')
    .option('--watch <seconds>', 'keep polling, waiting this long between polls, until interrupted')
    .option('--json', 'print each poll\'s report as JSON')
    .action(async (options: { folder?: string; watch?: string; json?: boolean }, command: Command) => {
      const watch = options.watch === undefined ? undefined : Number(options.watch);
      if (watch !== undefined && (!Number.isFinite(watch) || watch < 1 || watch > 86_400)) throw new UsageError('--watch takes seconds between polls, 1 to 86400');
      await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) => {
        if (!config.imap) throw new UsageError('IMAP_URL is not set: imap://user:password@host[:port] (imaps:// for TLS)');
        const account = options.folder ? { ...config.imap, folder: options.folder } : config.imap;
        const pollOnce = async () => {
          try {
            printReport(env, await pollImap(ctx, config.workspaceId, account), options.json === true);
          } catch (error) {
            if (!(error instanceof MailServerError)) throw error;
            if (watch === undefined) throw new CommandFailure(error.message);
            env.stderr.write(`firmly: ${error.message} (trying again in ${watch} s)\n`);
          }
        };
        await pollOnce();
        if (watch === undefined) return;
        let stop = false;
        let wake: (() => void) | undefined;
        const interrupt = () => {
          stop = true;
          wake?.();
        };
        process.once('SIGINT', interrupt);
        process.once('SIGTERM', interrupt);
        try {
          while (!stop) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, watch * 1000);
            });
            if (!stop) await pollOnce();
          }
        } finally {
          process.off('SIGINT', interrupt);
          process.off('SIGTERM', interrupt);
        }
      });
    });
}
