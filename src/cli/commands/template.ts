import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import type { Command } from 'commander';
import { workspaceToday } from '../../app/assess-workspace.ts';
import { effectiveTemplate, listLetterTemplates, previewLetterTemplate, resetLetterTemplate, setLetterTemplate } from '../../app/letter-templates.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { parseDateOption } from './assess.ts';

/** A template file: the subject on the first line, a blank line, then the body. */
function parseTemplateFile(content: string): { subject: string; body: string } {
  const [subject = '', ...rest] = content.replace(/\r\n/g, '\n').split('\n');
  return { subject: subject.replace(/^Subject:\s*/i, '').trim(), body: rest.join('\n').replace(/^\n+/, '') };
}

export function registerTemplate(program: Command, env: CliEnv): void {
  const template = program.command('template')
    .description('the letters Firmly writes, in English and Danish: list them, show one, give one your own wording (checked before it is saved), preview it for a client, or go back to Firmly\'s wording');

  template.command('list')
    .description('every template and language, marking those with your own wording')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const entries = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => listLetterTemplates(ctx, config.workspaceId));
      if (options.json) {
        env.stdout.write(JSON.stringify(entries) + '\n');
        return;
      }
      for (const e of entries) env.stdout.write(`${e.templateId.padEnd(26)} ${e.locale}  ${e.custom ? 'own wording' : 'Firmly\'s   '}  ${e.template.subject}\n`);
    });

  template.command('show <template>')
    .description('the wording in force, as a file `template set` takes back, with the values it may use')
    .option('--locale <locale>', 'en or da', 'en')
    .action(async (id: string, options: { locale: string }, command: Command) => {
      const entry = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => effectiveTemplate(ctx, config.workspaceId, id, options.locale));
      env.stdout.write(`Subject: ${entry.template.subject}\n\n${entry.template.body}\n`);
      env.stderr.write(`(${entry.custom ? 'your own wording' : 'Firmly\'s wording'}; values: ${entry.values.map((v) => `{{${v}}}`).join(' ')})\n`);
    });

  template.command('set <template> <file>')
    .description('saves your own wording from FILE (- for standard input): "Subject: …" on the first line, a blank line, then the body; refused if it names a value the letter does not have')
    .option('--locale <locale>', 'en or da', 'en')
    .action(async (id: string, file: string, options: { locale: string }, command: Command) => {
      const content = file === '-' ? await text(env.stdin) : await readFile(file, 'utf8');
      await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => setLetterTemplate(ctx, config.workspaceId, id, options.locale, parseTemplateFile(content)));
      env.stdout.write(`Saved your wording of ${id} (${options.locale}).\n`);
    });

  template.command('reset <template>')
    .description('back to Firmly\'s wording')
    .option('--locale <locale>', 'en or da', 'en')
    .action(async (id: string, options: { locale: string }, command: Command) => {
      const removed = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => resetLetterTemplate(ctx, config.workspaceId, id, options.locale));
      env.stdout.write(removed ? `${id} (${options.locale}) uses Firmly's wording again.\n` : `${id} (${options.locale}) already used Firmly's wording.\n`);
    });

  template.command('preview <template>')
    .description('the letter as a client would receive it, with the figures of a day')
    .requiredOption('--client <id>', 'the client')
    .option('--about <id>', 'the invoice or request the letter is about')
    .option('--locale <locale>', 'en or da (default: the client\'s language)')
    .option('--at <date>', 'the day, YYYY-MM-DD (default: today)')
    .option('--file <file>', 'preview this wording instead of the one in force')
    .option('--html', 'print the HTML part instead of the text')
    .action(async (id: string, options: { client: string; about?: string; locale?: string; at?: string; file?: string; html?: boolean }, command: Command) => {
      const at = parseDateOption(options.at, '--at');
      const wording = options.file ? parseTemplateFile(await readFile(options.file, 'utf8')) : undefined;
      const letter = await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) => previewLetterTemplate(ctx, config.workspaceId, id, {
        clientId: options.client, ...(options.locale ? { locale: options.locale } : {}), subjectId: options.about ?? null, date: at ?? (await workspaceToday(ctx, config.workspaceId)), ...(wording ? { template: wording } : {}),
      }));
      env.stdout.write(options.html ? letter.html : `To: ${letter.to.map((c) => `${c.name} <${c.email}>`).join(', ')}\nSubject: ${letter.subject}\n\n${letter.text}`);
      for (const warning of letter.warnings) env.stderr.write(`warning: ${warning}\n`);
    });
}
