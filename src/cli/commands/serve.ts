import type { Command } from 'commander';
import { loadDemo } from '../../app/demo.ts';
import { isSetupNeeded } from '../../app/users.ts';
import { createWorkspace, isWorkspaceEmpty } from '../../app/workspace.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { printImportReport } from './import.ts';

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

export function registerServe(program: Command, env: CliEnv): void {
  program.command('serve')
    .description('serve the HTTP API until interrupted')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1; beyond this machine, put an https proxy in front)')
    .option('--port <port>', 'port to listen on (env PORT, default 8080; 0 picks a free one)')
    .option('--with-demo', 'load the demo agency first if the workspace has no events yet')
    .action(async (options: { host?: string; port?: string; withDemo?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const overrides = { host: options.host, port: options.port };
      await withApp(env, globals, async (ctx, config) => {
        await createWorkspace(ctx, config.workspaceId);
        if (options.withDemo && (await isWorkspaceEmpty(ctx, config.workspaceId))) {
          env.stdout.write('Loading the demo workspace…\n');
          printImportReport(env, await loadDemo(ctx, config.workspaceId), false);
        }
        const server = await env.serve(ctx, config);
        env.stdout.write(`Firmly is running at ${server.url} (the API is documented at ${server.url}/api/openapi.json)\n`);
        if (await isSetupNeeded(ctx)) {
          env.stdout.write(`No one can sign in yet: open ${server.url} and create the owner there,\n` +
            'or from the command line with `echo \'PASSWORD\' | npx firmly user add EMAIL`.\n');
          if (!isLoopback(config.http.host)) {
            env.stderr.write(`firmly: warning: until then, whoever reaches ${config.http.host}:${config.http.port} first can make themselves the owner; create the owner with \`firmly user add\` before exposing the server.\n`);
          }
        }
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await server.close();
      }, overrides);
    });
}
