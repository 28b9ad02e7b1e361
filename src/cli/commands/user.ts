import type { Readable } from 'node:stream';
import { Option, type Command } from 'commander';
import { passwordProblem } from '../../app/auth-password.ts';
import { addUser, changePassword, findUser, grantRole, listUsers, parseEmail, removeUser, roleIn, roles, type Role } from '../../app/users.ts';
import { UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';

/**
 * The first line of standard input, without its line break: `echo "$PASSWORD" | firmly user
 * add …`, or typed at the terminal (it shows as typed; this is a terminal you trust).
 */
async function readPassword(stdin: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  return (text.split('\n')[0] ?? '').replace(/\r$/, '');
}

function requireEmail(text: string): string {
  const email = parseEmail(text);
  if (!email) throw new UsageError(`"${text}" is not an email address`);
  return email;
}

async function promptedPassword(env: CliEnv, email: string): Promise<string> {
  if ((env.stdin as { isTTY?: boolean }).isTTY) env.stderr.write(`Password for ${email} (at least 12 characters, then Enter): `);
  const password = await readPassword(env.stdin);
  const problem = passwordProblem(password);
  if (problem) throw new UsageError(password === '' ? 'no password on standard input: `echo "$PASSWORD" | firmly user add EMAIL`' : problem);
  return password;
}

export function registerUser(program: Command, env: CliEnv): void {
  const user = program.command('user')
    .description('the people who may sign in to the web app and the API, and their role per workspace (viewer reads, member also records and sends, owner also configures)');

  user.command('add <email>')
    .description('adds a user to the workspace (--workspace, created if missing), reading the password from the first line of standard input; for an existing user, sets their role there and leaves the password alone')
    .addOption(new Option('--role <role>', 'owner, member or viewer (default: owner for the first user, member after)').choices(roles))
    .action(async (emailText: string, options: { role?: Role }, command: Command) => {
      const email = requireEmail(emailText);
      await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) => {
        const workspaceId = config.workspaceId;
        const existing = await findUser(ctx, email);
        if (existing) {
          const current = await roleIn(ctx, existing.id, workspaceId);
          if (!options.role && current) {
            env.stdout.write(`${email} is already ${current} in workspace "${workspaceId}"; nothing changed (--role changes it).\n`);
            return;
          }
          const role = options.role ?? 'member';
          const { workspaceCreated } = await grantRole(ctx, email, workspaceId, role);
          env.stdout.write(`${email} is now ${role} in workspace "${workspaceId}"${workspaceCreated ? ' (created)' : ''}; the password is unchanged.\n`);
          return;
        }
        const password = await promptedPassword(env, email);
        const added = await addUser(ctx, { email, password, workspaceId, ...(options.role ? { role: options.role } : {}) });
        env.stdout.write(`Added ${added.email}, ${added.role} in workspace "${workspaceId}"${added.workspaceCreated ? ' (created)' : ''}.\n`);
      });
    });

  user.command('list')
    .description('every user with their role in each workspace')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const all = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx) => listUsers(ctx));
      if (options.json) {
        env.stdout.write(JSON.stringify(all) + '\n');
        return;
      }
      if (all.length === 0) env.stdout.write('No users yet: `firmly user add EMAIL`, or the first visit to the web app.\n');
      for (const u of all) {
        const where = u.memberships.map((m) => `${m.workspaceId}:${m.role}`).join(' ') || '(no workspace)';
        env.stdout.write(`${u.email.padEnd(32)} ${where}   since ${u.createdAt.slice(0, 10)}\n`);
      }
    });

  user.command('remove <email>')
    .description('removes the user from every workspace and signs them out at once')
    .action(async (emailText: string, _options: unknown, command: Command) => {
      const email = requireEmail(emailText);
      const removed = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx) => removeUser(ctx, email));
      if (!removed) throw new UsageError(`there is no user ${email}`);
      env.stdout.write(`Removed ${email}; their sessions have ended.\n`);
    });

  user.command('password <email>')
    .description('sets a new password from the first line of standard input and signs the user out everywhere')
    .action(async (emailText: string, _options: unknown, command: Command) => {
      const email = requireEmail(emailText);
      await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx) => {
        if (!(await findUser(ctx, email))) throw new UsageError(`there is no user ${email}`);
        await changePassword(ctx, email, await promptedPassword(env, email));
      });
      env.stdout.write(`New password set for ${email}; their sessions have ended.\n`);
    });
}
