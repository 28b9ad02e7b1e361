import type { Command } from 'commander';
import { demoWorkspaceId, loadDemo } from '../../app/demo.ts';
import { issueSetupCode, type IssuedSetupCode } from '../../app/setup-code.ts';
import { isSetupNeeded } from '../../app/users.ts';
import { createWorkspace, isWorkspaceEmpty } from '../../app/workspace.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { printDemoLoad } from './demo.ts';

function setupText(url: string, setup: IssuedSetupCode): string {
  const earlier = setup.earlier === 0 ? ''
    : setup.earlier === 1 ? 'This start made a new setup code; the one printed before still works until the owner is created.\n'
      : `This start made a new setup code; the ${setup.earlier} printed before still work until the owner is created.\n`;
  return `No one can sign in yet: open ${url} and enter the setup code ${setup.code} to create the owner,\n`
    + 'or from the command line with `echo \'PASSWORD\' | npx firmly user add EMAIL` (no code needed).\n' + earlier;
}

export function registerServe(program: Command, env: CliEnv): void {
  program.command('serve')
    .description('serve the HTTP API until interrupted')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1; beyond this machine, put an https proxy in front)')
    .option('--port <port>', 'port to listen on (env PORT, default 8080; 0 picks a free one)')
    .option('--with-demo', `on a new installation (no user yet), load the demo agency into its own workspace "${demoWorkspaceId}" if it is not there; the first-run screen then offers it or an empty start`)
    .action(async (options: { host?: string; port?: string; withDemo?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const overrides = { host: options.host, port: options.port };
      await withApp(env, globals, async (ctx, config) => {
        await createWorkspace(ctx, config.workspaceId);
        // Only until someone has set up Firmly: an owner who chose to start empty, or removed the
        // demo, does not get it back with the next `npm start`.
        // FIRMLY_WORKSPACE=demo would make the user's own workspace the demo: then no demo.
        if (options.withDemo && config.workspaceId !== demoWorkspaceId && (await isSetupNeeded(ctx)) && (await isWorkspaceEmpty(ctx, demoWorkspaceId))) {
          env.stdout.write('Loading the demo workspace…\n');
          printDemoLoad(env, await loadDemo(ctx, demoWorkspaceId));
        }
        const server = await env.serve(ctx, config);
        // While no user exists, only someone who sees this output can create the owner (#19 F4).
        const setup = await issueSetupCode(ctx);
        // Listening for the signals before saying we run: a script that stops the server as soon
        // as it reads the line must get a clean shutdown, not the default kill.
        const stopped = new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        // One write: whoever waits for "Firmly is running" (a person, a script) has the code with it.
        env.stdout.write(`Firmly is running at ${server.url} (the API is documented at ${server.url}/api/openapi.json)\n` + (setup ? setupText(server.url, setup) : ''));
        await stopped;
        await server.close();
      }, overrides);
    });
}
