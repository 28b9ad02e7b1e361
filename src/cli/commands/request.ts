import { Option, type Command } from 'commander';
import { sendRequest } from '../../app/manage-clients.ts';
import { requestKinds } from '../../core/ledger/events.ts';
import { UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { intOption, naming } from '../options.ts';
import { parseDateOption } from './assess.ts';

// `firmly request send` (#12): record that something was asked of a client, due on a date or
// in a number of the client's business days; the sweep reminds them once it is overdue.

const requestOptionOf: Readonly<Record<string, string>> = {
  requestId: '--id', clientId: '--client', kind: '--kind', subject: '--subject', dueDate: '--due', dueInBusinessDays: '--due-in', deliverableId: '--deliverable',
};

export function registerRequest(program: Command, env: CliEnv): void {
  const request = program.command('request').description('what you ask of a client (feedback, approval, access, information) and when it is due');

  request.command('send')
    .description('records a request sent to a client and prints its id (<client>-r<n> unless --id gives one); the sweep reminds the client from the business day after it falls due')
    .requiredOption('--client <clientId>', 'the client')
    .addOption(new Option('--kind <kind>', 'what is asked for').choices(requestKinds).makeOptionMandatory())
    .requiredOption('--subject <text>', 'what it is about, as the reminder will name it')
    .option('--due <date>', 'the due date, YYYY-MM-DD')
    .option('--due-in <n>', 'due N business days from today, in the client\'s jurisdiction (its public holidays and weekends skipped)')
    .option('--deliverable <id>', 'the deliverable it is about')
    .option('--id <id>', 'the request\'s id')
    .action(async (o: { client: string; kind: string; subject: string; due?: string; dueIn?: string; deliverable?: string; id?: string }, command: Command) => {
      if ((o.due === undefined) === (o.dueIn === undefined)) throw new UsageError('give --due DATE or --due-in N (business days), one of them');
      const dueDate = parseDateOption(o.due, '--due');
      const dueInBusinessDays = intOption(o.dueIn, '--due-in', 0, 365);
      const sent = await naming(requestOptionOf, () => withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        sendRequest(ctx, config.workspaceId, { clientId: o.client, kind: o.kind, subject: o.subject, dueDate, dueInBusinessDays, deliverableId: o.deliverable, id: o.id })));
      env.stdout.write(`${sent.requestId}\n`);
      env.stderr.write(`Recorded ${o.kind} request ${sent.requestId} to client ${o.client}, due ${sent.dueDate}.\n`);
    });
}
