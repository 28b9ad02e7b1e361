import { Option, type Command } from 'commander';
import {
  addClient, archiveClient, describeClient, editClient, holdClient, listClientDetails, releaseClient, restoreClient,
  type ClientChanges, type ClientListing, type ContractListing,
} from '../../app/manage-clients.ts';
import { holdReasons } from '../../core/ledger/events.ts';
import type { ClientView, ContractView } from '../../core/ledger/read-model.ts';
import { jurisdictions, locales } from '../../core/ledger/wire.ts';
import { formatDecimal, type CurrencyCode } from '../../core/money.ts';
import { UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { collect, contactOption, naming } from '../options.ts';
import { oneLine } from '../safe-output.ts';
import { parseDateOption } from './assess.ts';

// `firmly client` (#12 item 2): a person's own clients from the command line. Each command
// is one use case of app/manage-clients.ts, which records one event through recordEvent.

/** The option each field of `client.added` / `client.updated` / the hold comes from. */
export const clientOptionOf: Readonly<Record<string, string>> = {
  clientId: 'ID', name: '--name', locale: '--locale', currency: '--currency', jurisdiction: '--jurisdiction', contacts: '--contact',
  registrationNumber: '--registration-number', vatNumber: '--vat-number', postalAddress: '--address',
  until: '--until', reason: '--reason', note: '--note',
};

/** What `--clear` may clear, by the name of its option, and the field it is. */
const clearable = {
  jurisdiction: 'jurisdiction', currency: 'currency', 'registration-number': 'registrationNumber', 'vat-number': 'vatNumber',
  address: 'postalAddress', contacts: 'contacts',
} as const;
type Clearable = keyof typeof clearable;

interface DetailOptions {
  name?: string;
  id?: string;
  locale?: string;
  currency?: string;
  jurisdiction?: string;
  contact?: string[];
  registrationNumber?: string;
  vatNumber?: string;
  address?: string[];
}

function detailOptions(command: Command, required: boolean): Command {
  return command
    .addOption(new Option('--name <name>', 'the client\'s name, as letters address them').makeOptionMandatory(required))
    .addOption(new Option('--locale <locale>', 'the language of their letters (default: the workspace\'s, else en)').choices(locales))
    .option('--currency <code>', 'their currency, ISO 4217 (default: the workspace\'s)')
    .addOption(new Option('--jurisdiction <code>', 'whose late-payment law and business days apply (default: the workspace\'s)').choices(jurisdictions))
    .option('--contact <contact>', 'a contact, "Name <email>"; repeat for each (in order: the first is written to)', collect)
    .option('--registration-number <n>', 'the company registration number (CVR in Denmark)')
    .option('--vat-number <n>', 'the VAT number')
    .option('--address <line>', 'a line of the postal address letters carry; repeat for each line', collect);
}

const contactsOf = (texts: string[] | undefined) => texts?.map(contactOption);
const addressOf = (lines: string[] | undefined) => (lines === undefined ? undefined : lines.join('\n'));

const money = (minor: number, currency: string) => `${currency} ${formatDecimal({ minor, currency: currency as CurrencyCode })}`;
const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));

function stateOf(client: ClientView, hold: ClientListing['hold']): string {
  const states = [
    client.offboardedAt !== null ? `offboarded ${client.offboardedAt.slice(0, 10)}` : '',
    client.archivedAt !== null ? `archived ${client.archivedAt.slice(0, 10)}` : '',
    hold ? `held until ${hold.until} (${hold.reason})` : '',
    client.paused ? 'work paused' : '',
  ].filter(Boolean);
  return states.length > 0 ? states.join(', ') : 'active';
}

function openText(openMinorByCurrency: Readonly<Record<string, number>>): string {
  const open = Object.entries(openMinorByCurrency).filter(([, minor]) => minor !== 0);
  return open.length === 0 ? '-' : open.map(([currency, minor]) => money(minor, currency)).join(', ');
}

/** One line of a contract's terms in force, in the words of the options that set them. */
export function termsLine(c: ContractView): string {
  const payment = c.dueDayOfMonth !== null ? `due on day ${c.dueDayOfMonth}` : `net ${c.netDays ?? 0} days`;
  const approval = c.approvalMode === 'none' ? 'no approval'
    : `approval ${c.approvalMode} within ${c.approvalWindowDays ?? '?'} business days${c.deemedApproval ? ', deemed approved after' : ''}`;
  const interest = c.lateInterest === 'contractual' ? `late interest ${c.lateInterestRatePct} %` : `late interest ${c.lateInterest}`;
  return [
    `${money(c.feeMinor, c.feeCurrency)} ${c.feeCycle}`, payment, `feedback within ${c.feedbackDays} business days`, approval,
    `stop work ${c.stopWorkAfterDays} days overdue`, interest, c.reminderFees ? 'reminder fees' : 'no reminder fees',
    c.networks.length > 0 ? `networks ${c.networks.join(', ')}` : '',
  ].filter(Boolean).join('; ');
}

export function contractLines(listing: ContractListing): string[] {
  const c = listing.contract;
  const ended = c.endDate !== null ? `, ends ${c.endDate}${c.endReason ? ` (${c.endReason})` : ''}` : '';
  const lines = [`${c.contractId}: from ${c.startDate}${ended}`, `  ${termsLine(listing.inForce)}`];
  for (const a of listing.amendments) {
    lines.push(`  amended from ${a.effectiveDate}: ${Object.keys(a.terms).join(', ')}${a.note ? ` (${a.note})` : ''}`);
  }
  return lines;
}

export function registerClient(program: Command, env: CliEnv): void {
  const client = program.command('client')
    .description('your clients: add, edit, list, show, archive and restore them, and hold escalation of one until a date');

  detailOptions(client.command('add'), true)
    .description('adds a client and prints their id (made from the name unless --id gives one)')
    .option('--id <id>', 'the client\'s id (default: made from the name, e.g. "bageriet-aps")')
    .action(async (o: DetailOptions, command: Command) => {
      const contacts = contactsOf(o.contact);
      const { clientId } = await naming({ ...clientOptionOf, clientId: '--id' }, () => withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        addClient(ctx, config.workspaceId, {
          name: o.name as string, id: o.id, locale: o.locale, currency: o.currency, jurisdiction: o.jurisdiction, contacts,
          registrationNumber: o.registrationNumber, vatNumber: o.vatNumber, postalAddress: addressOf(o.address),
        })));
      env.stdout.write(`${clientId}\n`);
      env.stderr.write(oneLine(`Added client "${o.name as string}" as ${clientId}.`) + '\n');
    });

  detailOptions(client.command('edit <clientId>'), false)
    .description('changes a client\'s details: only what you name (--contact replaces the whole list); an edit that changes nothing is refused')
    .option('--clear <field>', `clears a detail, repeatable: ${Object.keys(clearable).join(', ')}`, collect)
    .action(async (clientId: string, o: DetailOptions & { clear?: string[] }, command: Command) => {
      const changes: Record<string, unknown> = {
        name: o.name, locale: o.locale, currency: o.currency, jurisdiction: o.jurisdiction, contacts: contactsOf(o.contact),
        registrationNumber: o.registrationNumber, vatNumber: o.vatNumber, postalAddress: addressOf(o.address),
      };
      for (const name of o.clear ?? []) {
        if (!Object.hasOwn(clearable, name)) throw new UsageError(oneLine(`--clear: there is no detail "${name}" to clear; there are ${Object.keys(clearable).join(', ')}`));
        const field = clearable[name as Clearable];
        if (changes[field] !== undefined) throw new UsageError(`--clear ${name} and --${name === 'contacts' ? 'contact' : name} contradict each other`);
        changes[field] = field === 'contacts' ? [] : null;
      }
      if (Object.values(changes).every((value) => value === undefined)) throw new UsageError('name what to change, e.g. --name, --contact or --clear vat-number (see --help)');
      const { changed } = await naming(clientOptionOf, () => withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        editClient(ctx, config.workspaceId, clientId, changes as ClientChanges)));
      env.stdout.write(`Updated client ${clientId}: ${changed.join(', ')}.\n`);
    });

  client.command('list')
    .description('your clients by name: id, name, language, currency, contacts, state (archived, held, paused) and what they owe')
    .option('--archived', 'include archived clients')
    .option('--json', 'print as JSON')
    .action(async (o: { archived?: boolean; json?: boolean }, command: Command) => {
      const { clients } = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        listClientDetails(ctx, config.workspaceId, { archived: o.archived === true }));
      if (o.json) {
        env.stdout.write(JSON.stringify(clients) + '\n');
        return;
      }
      if (clients.length === 0) {
        env.stdout.write('No clients yet: firmly client add --name NAME\n');
        return;
      }
      env.stdout.write(`${pad('id', 20)} ${pad('name', 28)} ${pad('lang', 4)} ${pad('cur', 4)} ${pad('contacts', 36)} ${pad('state', 34)} open\n`);
      for (const c of clients) {
        const first = c.contacts[0];
        const contacts = first ? `${first.name} <${first.email}>${c.contacts.length > 1 ? ` +${c.contacts.length - 1}` : ''}` : '-';
        env.stdout.write(`${pad(c.client.clientId, 20)} ${pad(c.client.name, 28)} ${pad(c.client.locale, 4)} ${pad(c.client.currency ?? '-', 4)} `
          + `${pad(contacts, 36)} ${pad(stateOf(c.client, c.hold), 34)} ${openText(c.openMinorByCurrency)}\n`);
      }
    });

  client.command('show <clientId>')
    .description('one client: details, contacts, state, contracts with the terms in force today, open requests and invoices')
    .option('--json', 'print as JSON')
    .action(async (clientId: string, o: { json?: boolean }, command: Command) => {
      const d = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => describeClient(ctx, config.workspaceId, clientId));
      if (o.json) {
        env.stdout.write(JSON.stringify(d) + '\n');
        return;
      }
      const c = d.client;
      const open: Record<string, number> = {};
      for (const i of d.invoices) if (i.openMinor > 0) open[i.currency] = (open[i.currency] ?? 0) + i.openMinor;
      const lines = [
        `${c.name} (${c.clientId})`,
        `  language ${c.locale}, currency ${c.currency ?? 'the workspace\'s'}, jurisdiction ${c.jurisdiction ?? 'the workspace\'s'}`,
        c.registrationNumber ? `  registration number ${c.registrationNumber}` : '',
        c.vatNumber ? `  VAT number ${c.vatNumber}` : '',
        c.postalAddress ? `  address ${c.postalAddress.split('\n').join(', ')}` : '',
        `  state: ${stateOf(c, d.hold)}${d.hold?.note ? ` — ${d.hold.note}` : ''}${c.archiveReason ? ` — ${c.archiveReason}` : ''}`,
        `  open: ${openText(open)}`,
        'Contacts:', ...(d.contacts.length > 0 ? d.contacts.map((k) => `  ${k.name} <${k.email}>`) : ['  none']),
        'Contracts:', ...(d.contractTerms.length > 0 ? d.contractTerms.flatMap((k) => contractLines(k).map((line) => `  ${line}`)) : ['  none']),
      ];
      const requests = d.requests.filter((r) => r.status === 'open');
      if (requests.length > 0) lines.push('Open requests:', ...requests.map((r) => `  ${r.requestId}: ${r.kind} "${r.subject}", due ${r.dueDate}`));
      env.stdout.write(lines.filter((line) => line !== '').join('\n') + '\n');
    });

  client.command('archive <clientId>')
    .description('puts a client away: not listed unless --archived, nothing planned for them; their history stays')
    .option('--reason <text>', 'why, for the record')
    .action(async (clientId: string, o: { reason?: string }, command: Command) => {
      await naming(clientOptionOf, () => withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => archiveClient(ctx, config.workspaceId, clientId, o.reason)));
      env.stdout.write(`Archived client ${clientId}.\n`);
    });

  client.command('restore <clientId>')
    .description('brings an archived client back')
    .action(async (clientId: string, _o: unknown, command: Command) => {
      await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => restoreClient(ctx, config.workspaceId, clientId));
      env.stdout.write(`Restored client ${clientId}.\n`);
    });

  client.command('hold <clientId>')
    .description('holds escalation until the end of a day: no reminders, no stop-work, no deemed approvals while it lasts; it ends by itself (a new hold replaces the one before)')
    .requiredOption('--until <date>', 'the last day of the hold, YYYY-MM-DD (for a promise to pay: the day promised)')
    .addOption(new Option('--reason <reason>', 'why').choices(holdReasons).makeOptionMandatory())
    .option('--note <text>', 'in words (needed with --reason other)')
    .action(async (clientId: string, o: { until: string; reason: string; note?: string }, command: Command) => {
      const until = parseDateOption(o.until, '--until') as string;
      await naming(clientOptionOf, () => withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        holdClient(ctx, config.workspaceId, clientId, { until, reason: o.reason, note: o.note })));
      env.stdout.write(`Escalation of client ${clientId} is held until the end of ${until} (${o.reason}).\n`);
    });

  client.command('release <clientId>')
    .description('ends a hold before its date')
    .option('--reason <text>', 'why, for the record')
    .action(async (clientId: string, o: { reason?: string }, command: Command) => {
      await naming(clientOptionOf, () => withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => releaseClient(ctx, config.workspaceId, clientId, o.reason)));
      env.stdout.write(`The hold on client ${clientId} is released.\n`);
    });
}
