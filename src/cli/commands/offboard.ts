import type { Command } from 'commander';
import {
  completeOffboarding, getOffboarding, handOverAccess, queueTerminationLetter, skipOffboardingStep, startOffboarding, withdrawOpenRequests,
  type OffboardingView,
} from '../../app/offboarding.ts';
import { offboardingReasons, skippableOffboardingSteps } from '../../core/ledger/events.ts';
import { describeMoney } from '../../core/offboarding/checklist.ts';
import type { OffboardingReason, SkippableStep } from '../../core/offboarding/record.ts';
import { UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';

// `firmly offboard` (#7): letting a client go from the command line, through the same
// services as the API. Every subcommand prints the checklist afterwards (or JSON with --json).

const mark = { done: '[x]', pending: '[ ]', blocked: '[!]' } as const;

function checklistText(view: OffboardingView): string {
  const head = view.complete
    ? `Client "${view.clientId}" was offboarded on ${view.offboardedAt} (${view.reason ?? 'no reason on record'}).`
    : view.started
      ? `Offboarding client "${view.clientId}" since ${view.startedAt}: ${view.reason}${view.note ? ` (${view.note})` : ''}.`
      : `Offboarding of client "${view.clientId}" has not started: firmly offboard start --client ${view.clientId} --reason ${offboardingReasons.join('|')}`;
  const lines = [head];
  if (view.owed.length > 0) lines.push(`Owed, overdue: ${describeMoney(view.owed)}${view.override ? ` (handover approved: ${view.override.reason})` : ''}.`);
  for (const step of view.steps) lines.push(`  ${mark[step.status]} ${step.id.padEnd(18)} ${step.detail}`);
  if (view.terminationLetter) lines.push(`Termination letter: ${view.terminationLetter.status} in the outbox as "${view.terminationLetter.actionKey}" (firmly outbox show ${view.terminationLetter.actionKey}).`);
  if (view.ready && !view.complete) lines.push(`Every step is done: firmly offboard complete --client ${view.clientId}`);
  return lines.join('\n') + '\n';
}

function parseReason(text: string): OffboardingReason {
  if (!(offboardingReasons as readonly string[]).includes(text)) throw new UsageError(`--reason must be one of ${offboardingReasons.join(', ')}, not "${text}"`);
  return text as OffboardingReason;
}

function parseStep(text: string): SkippableStep {
  if (!(skippableOffboardingSteps as readonly string[]).includes(text)) throw new UsageError(`--step must be one of ${skippableOffboardingSteps.join(', ')}, not "${text}"`);
  return text as SkippableStep;
}

export function registerOffboard(program: Command, env: CliEnv): void {
  const offboard = program.command('offboard')
    .description('letting a client go: a reason, the accounts handed over (not while they owe money overdue, unless overridden with a reason), '
      + 'open requests withdrawn, the final invoice, the final report and the termination letter, then the contract ended');

  /** Runs one step and prints what it says and the checklist after it. */
  const step = <T extends { offboarding: OffboardingView } | OffboardingView>(
    name: string, description: string, configure: (c: Command) => Command,
    run: (ctx: Parameters<Parameters<typeof withApp>[2]>[0], workspaceId: string, options: Record<string, string | boolean | undefined> & { client: string }) => Promise<T>,
    say: (result: T, options: Record<string, string | boolean | undefined>) => string = () => '',
  ) => {
    configure(offboard.command(name).description(description).requiredOption('--client <clientId>', 'the client').option('--json', 'print the outcome as JSON'))
      .action(async (options: Record<string, string | boolean | undefined> & { client: string; json?: boolean }, command: Command) => {
        const result = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => run(ctx, config.workspaceId, options));
        if (options.json) {
          env.stdout.write(JSON.stringify(result) + '\n');
          return;
        }
        const view = ('offboarding' in result ? result.offboarding : result) as OffboardingView;
        env.stdout.write(say(result, options) + checklistText(view));
      });
  };

  step('start', 'starts offboarding with a reason; the client\'s stage becomes offboarding',
    (c) => c.requiredOption('--reason <reason>', `why: ${offboardingReasons.join(', ')} ("other" needs --note)`).option('--note <text>', 'free text; for "other", the reason in words'),
    (ctx, ws, o) => {
      const reason = parseReason(String(o.reason));
      return startOffboarding(ctx, ws, o.client, { reason, ...(typeof o.note === 'string' ? { note: o.note } : {}) });
    });

  step('status', 'shows the checklist: each step done [x], pending [ ] or blocked [!], with why', (c) => c,
    (ctx, ws, o) => getOffboarding(ctx, ws, o.client));

  step('handover', 'records that the client has full access to an account we managed (refused while they owe money overdue, unless --override-reason)',
    (c) => c.requiredOption('--network <network>', 'the network, as in the access grant (instagram, …)')
      .requiredOption('--account <account>', 'the account, as in the access grant')
      .option('--confirmed-by <name>', 'who at the client confirmed the access')
      .option('--override-reason <text>', 'hand over although money is owed; the reason is recorded in the ledger'),
    (ctx, ws, o) => handOverAccess(ctx, ws, o.client, {
      network: String(o.network), account: String(o.account),
      ...(typeof o.confirmedBy === 'string' ? { confirmedBy: o.confirmedBy } : {}),
      ...(typeof o.overrideReason === 'string' ? { override: { reason: o.overrideReason } } : {}),
    }),
    (r, o) => (r.handedOver
      ? `Handed over: ${String(o.network)} ${String(o.account)}${r.overridden ? ' (override of the payment rule recorded, with its reason)' : ''}.\n`
      : `${String(o.network)} ${String(o.account)} was handed over already; nothing recorded.\n`));

  step('withdraw-requests', 'withdraws every open request of the client, with the reason "offboarding"', (c) => c,
    (ctx, ws, o) => withdrawOpenRequests(ctx, ws, o.client),
    (r) => (r.withdrawn.length > 0 ? `Withdrawn: ${r.withdrawn.join(', ')}.\n` : 'No request was open.\n'));

  step('termination-letter', 'queues the termination letter in the outbox, in the client\'s language; review, edit and send it with firmly outbox', (c) => c,
    (ctx, ws, o) => queueTerminationLetter(ctx, ws, o.client),
    (r) => (r.queued ? `Queued "${r.actionKey}": firmly outbox show ${r.actionKey}\n` : `"${r.actionKey}" is in the outbox already (${r.status}).\n`));

  step('skip', 'skips a step with a reason that is recorded; it then counts as done',
    (c) => c.requiredOption('--step <step>', skippableOffboardingSteps.join(', ')).requiredOption('--reason <text>', 'why the step is not done'),
    (ctx, ws, o) => skipOffboardingStep(ctx, ws, o.client, { step: parseStep(String(o.step)), reason: String(o.reason) }));

  step('complete', 'once every step is done or skipped: ends the open contracts today and offboards the client (stage former)', (c) => c,
    (ctx, ws, o) => completeOffboarding(ctx, ws, o.client),
    (r) => `Offboarded${r.contractsEnded.length > 0 ? `; contracts ended: ${r.contractsEnded.join(', ')}` : ''}.\n`);
}
