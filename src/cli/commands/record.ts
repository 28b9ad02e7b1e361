import { text } from 'node:stream/consumers';
import { Argument, type Command } from 'commander';
import { recordableTypes, recordEvent, type RecordableType } from '../../app/record-event.ts';
import { UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { isFirmlyError } from '../../core/errors.ts';
import { oneLine } from '../safe-output.ts';

// `firmly record TYPE DATA` mirrors POST /api/workspaces/:id/events: one event a person entered,
// checked exactly as an imported line (recordEvent), for every type a person may record.

/** Bad input named by its option: `--at` and `--id` for the envelope, DATA with the field's path for the rest. */
function badData(error: unknown): unknown {
  if (!isFirmlyError(error) || error.code !== 'input.invalid') return error;
  const reason = error.message.replace(/^[a-z]+\.[A-Za-z]+: /, '').replace(/(^|; )data\./g, '$1');
  const envelope = /^(at|id): (.*)$/s.exec(reason);
  return new UsageError(oneLine(envelope ? `--${envelope[1]}: ${envelope[2]}` : `DATA: ${reason}`));
}

export function registerRecord(program: Command, env: CliEnv): void {
  program.command('record')
    .description('records one event of a type a person records (LEDGER.md), checked exactly as an imported line; the same --id and data again records nothing')
    .addArgument(new Argument('<type>', 'the ledger type').choices(recordableTypes))
    // The data is an argument, not `--data`: that is the global option naming the data folder.
    .argument('<data>', 'the data of the event, a JSON object (e.g. \'{"clientId":"c1","severity":"low","summary":"…"}\'), or - to read it from standard input')
    .option('--at <instant>', 'when it happened, RFC 3339 (default: now)')
    .option('--id <id>', 'the event id (default: a new evt_…)')
    .option('--json', 'print { created, event } as JSON')
    .action(async (type: RecordableType, input: string, o: { at?: string; id?: string; json?: boolean }, command: Command) => {
      const source = input === '-' ? await text(env.stdin) : input;
      let data: unknown;
      try {
        data = JSON.parse(source);
      } catch (error) {
        throw new UsageError(oneLine(`DATA: not JSON: ${(error as Error).message}`));
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new UsageError('DATA must be a JSON object, the data of the event');
      const recorded = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) =>
        recordEvent(ctx, config.workspaceId, { type, data: data as Record<string, unknown>, at: o.at, id: o.id })).catch((error: unknown) => {
        throw badData(error);
      });
      if (o.json) {
        env.stdout.write(JSON.stringify(recorded) + '\n');
        return;
      }
      const e = recorded.event;
      env.stdout.write(recorded.created ? `Recorded ${e.type} ${e.id} (seq ${e.seq}).\n` : `Already on record: ${e.type} ${e.id} (seq ${e.seq}); nothing recorded.\n`);
    });
}
