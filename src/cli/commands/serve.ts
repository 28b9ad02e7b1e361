import type { Command } from 'commander';
import { loadDemo } from '../../app/demo.ts';
import { createWorkspace, isWorkspaceEmpty } from '../../app/workspace.ts';
import { withApp, type CliEnv, type GlobalOptions } from '../io.ts';
import { printImportReport } from './import.ts';

export function registerServe(program: Command, env: CliEnv): void {
  program.command('serve')
    .description('serve the HTTP API until interrupted')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
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
        env.stdout.write(`Firmly is running at ${server.url}\n`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await server.close();
      }, overrides);
    });
}
