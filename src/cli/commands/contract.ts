import { Option, type Command } from 'commander';
import { amendContract, contractDefaults, endContract, listContracts, signContract, type TermsInput } from '../../app/manage-clients.ts';
import { approvalModes, feeCycles } from '../../core/ledger/events.ts';
import { UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { intOption, lateInterestOption, listOption, naming } from '../options.ts';
import { parseDateOption } from './assess.ts';
import { contractLines } from './client.ts';

// `firmly contract` (#12 item 3): sign, amend and end a contract with every term the
// assessment and the letters use. What is left out on signing is `contractDefaults`.

const contractOptionOf: Readonly<Record<string, string>> = {
  contractId: '--id', clientId: '--client', startDate: '--start', fee: '--fee', currency: '--currency', networks: '--networks',
  paymentTerms: '--due-day or --net-days', feedbackDays: '--feedback-days', approval: '--approval', approvalWindowDays: '--approval-window',
  deemedApproval: '--deemed-approval', stopWorkAfterDays: '--stop-work-after', lateInterest: '--late-interest', reminderFees: '--reminder-fees',
  effectiveDate: '--from', endDate: '--on', reason: '--reason', note: '--note', rules: 'rules',
};

/** The defaults in words, for --help and the README. */
export const contractDefaultsHelp = [
  'Terms left out get Firmly\'s defaults:',
  '  --currency            the client\'s currency, else the workspace\'s',
  `  --cycle               ${contractDefaults.cycle}`,
  `  payment terms         --net-days ${contractDefaults.paymentTerms.netDays}`,
  '  --networks            none',
  `  --feedback-days       ${contractDefaults.feedbackDays} business days`,
  `  --approval            ${contractDefaults.approvalMode}; with batch or per-item: --approval-window ${contractDefaults.approvalWindowDays} business days, ${contractDefaults.deemedApproval ? 'deemed approval' : 'no deemed approval'}`,
  `  --stop-work-after     ${contractDefaults.stopWorkAfterDays} days overdue`,
  `  --late-interest       ${contractDefaults.lateInterest}`,
  `  reminder fees         ${contractDefaults.reminderFees ? 'charged' : 'not charged (--reminder-fees allows them)'}`,
].join('\n');

interface TermOptions {
  fee?: string;
  currency?: string;
  cycle?: string;
  dueDay?: string;
  netDays?: string;
  networks?: string;
  feedbackDays?: string;
  approval?: string;
  approvalWindow?: string;
  deemedApproval?: boolean;
  stopWorkAfter?: string;
  lateInterest?: string;
  reminderFees?: boolean;
}

function termOptions(command: Command, amend: boolean): Command {
  command
    .option('--fee <amount>', 'the fee, e.g. 9000, 9.000,00 or 9000.00', undefined)
    .option('--currency <code>', 'the fee\'s currency, ISO 4217')
    .addOption(new Option('--cycle <cycle>', 'how often the fee is invoiced').choices(feeCycles))
    .option('--due-day <n>', 'payment terms: invoices fall due on day N of the month (1–31), e.g. 1 for the 1st')
    .option('--net-days <n>', 'payment terms: invoices fall due N days after they are issued (0–365)')
    .option('--networks <list>', 'the networks in scope, comma-separated (e.g. instagram,facebook)')
    .option('--feedback-days <n>', 'business days the client has to give feedback (0–365)')
    .addOption(new Option('--approval <mode>', 'what the client must approve before it is published').choices(approvalModes))
    .option('--approval-window <n>', 'business days the client has to approve (0–365), with --approval batch or per-item')
    .option('--deemed-approval', 'material not commented on within the window counts as approved')
    .option('--stop-work-after <n>', 'days an invoice may be overdue before work stops (0–3650)')
    .option('--late-interest <rate>', 'statutory, none, or a contractual rate a year such as 8%')
    .option('--reminder-fees', 'the contract allows reminder fees (rykkergebyr)');
  if (amend) {
    command.option('--no-deemed-approval', 'silence is no longer approval').option('--no-reminder-fees', 'reminder fees are no longer allowed');
  }
  return command;
}

function termsInput(o: TermOptions): TermsInput {
  const dueDay = intOption(o.dueDay, '--due-day', 1, 31);
  const netDays = intOption(o.netDays, '--net-days', 0, 365);
  if (dueDay !== undefined && netDays !== undefined) throw new UsageError('--due-day and --net-days are two payment terms: give one of them');
  return {
    fee: o.fee, currency: o.currency, cycle: o.cycle,
    paymentTerms: dueDay !== undefined ? { dueDayOfMonth: dueDay } : netDays !== undefined ? { netDays } : undefined,
    networks: listOption(o.networks),
    feedbackDays: intOption(o.feedbackDays, '--feedback-days', 0, 365),
    approvalMode: o.approval,
    approvalWindowDays: intOption(o.approvalWindow, '--approval-window', 0, 365),
    deemedApproval: o.deemedApproval,
    stopWorkAfterDays: intOption(o.stopWorkAfter, '--stop-work-after', 0, 3650),
    lateInterest: lateInterestOption(o.lateInterest),
    reminderFees: o.reminderFees,
  };
}

export function registerContract(program: Command, env: CliEnv): void {
  const contract = program.command('contract')
    .description('a client\'s contracts: sign one with its terms, amend terms from a date, end it, list them');

  termOptions(contract.command('sign'), false)
    .description('records a signed contract and prints its id (<client>-k<n> unless --id gives one)')
    .requiredOption('--client <clientId>', 'the client')
    .requiredOption('--start <date>', 'the first day of the contract, YYYY-MM-DD')
    .option('--id <id>', 'the contract\'s id')
    .addHelpText('after', `\n${contractDefaultsHelp}\n\nExample:\n  firmly contract sign --client bageriet --start 2026-12-01 --fee 9.000,00 --due-day 1 --networks instagram,facebook`)
    .action(async (o: TermOptions & { client: string; start: string; id?: string }, command: Command) => {
      if (o.fee === undefined) throw new UsageError('--fee is required: the fee of the contract, e.g. --fee 9000');
      const startDate = parseDateOption(o.start, '--start') as string;
      const terms = termsInput(o);
      const { contractId } = await naming(contractOptionOf, () => withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        signContract(ctx, config.workspaceId, { ...terms, fee: o.fee as string, clientId: o.client, startDate, id: o.id })));
      env.stdout.write(`${contractId}\n`);
      env.stderr.write(`Signed contract ${contractId} with client ${o.client}, from ${startDate}.\n`);
    });

  termOptions(contract.command('amend <contractId>'), true)
    .description('changes terms of a contract from a date on: assessments of earlier days keep the terms before. Only what differs from the terms in force that day is recorded; an amendment that changes nothing is refused')
    .requiredOption('--from <date>', 'the first day the new terms apply, YYYY-MM-DD')
    .option('--note <text>', 'what was agreed, for the record')
    .action(async (contractId: string, o: TermOptions & { from: string; note?: string }, command: Command) => {
      const effectiveDate = parseDateOption(o.from, '--from') as string;
      const terms = termsInput(o);
      if (Object.values(terms).every((value) => value === undefined)) throw new UsageError('name a term to change, e.g. --fee, --due-day or --approval (see --help)');
      const { changed } = await naming(contractOptionOf, () => withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        amendContract(ctx, config.workspaceId, contractId, { ...terms, effectiveDate, note: o.note })));
      env.stdout.write(`Amended contract ${contractId} from ${effectiveDate}: ${changed.join(', ')}.\n`);
    });

  contract.command('end <contractId>')
    .description('records the last day of a contract')
    .requiredOption('--on <date>', 'the last day, YYYY-MM-DD')
    .option('--reason <text>', 'why, for the record')
    .action(async (contractId: string, o: { on: string; reason?: string }, command: Command) => {
      const endDate = parseDateOption(o.on, '--on') as string;
      await naming(contractOptionOf, () => withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        endContract(ctx, config.workspaceId, contractId, { endDate, reason: o.reason })));
      env.stdout.write(`Contract ${contractId} ends on ${endDate}.\n`);
    });

  contract.command('list')
    .description('a client\'s contracts by start date, with the terms in force today and each amendment')
    .requiredOption('--client <clientId>', 'the client')
    .option('--json', 'print as JSON: each contract as signed, its terms in force today and its amendments')
    .action(async (o: { client: string; json?: boolean }, command: Command) => {
      const contracts = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => listContracts(ctx, config.workspaceId, o.client));
      if (o.json) {
        env.stdout.write(JSON.stringify(contracts) + '\n');
        return;
      }
      if (contracts.length === 0) env.stdout.write(`Client ${o.client} has no contract: firmly contract sign --client ${o.client} --start DATE --fee AMOUNT\n`);
      for (const listing of contracts) env.stdout.write(contractLines(listing).join('\n') + '\n');
    });
}
