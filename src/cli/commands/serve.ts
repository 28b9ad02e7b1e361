import type { Command } from 'commander';
import { loadDemo } from '../../app/demo.ts';
import { createWorkspace, isWorkspaceEmpty } from '../../app/workspace.ts';
import type { CliEnv, GlobalOptions } from '../io.ts';
import { printImportReport } from './import.ts';

export function registerServe(program: Command, env: CliEnv): void {
  program.command('serve')
    .description('serve the HTTP API until interrupted')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (env PORT, default 8080; 0 picks a free one)')
    .option('--with-demo', 'load the demo agency first if the workspace has no events yet')
    .action(async (options: { host?: string; port?: string; withDemo?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const config = env.configure({ dataDir: globals.data, workspace: globals.workspace, host: options.host, port: options.port });
      const ctx = await env.open(config);
      await createWorkspace(ctx, config.workspaceId);
      if (options.withDemo && (await isWorkspaceEmpty(ctx, config.workspaceId))) {
        env.stdout.write('Loading the demo workspace…\n');
        printImportReport(env, await loadDemo(ctx, config.workspaceId), false);
      }
      const server = await env.serve(ctx, config);
      env.stdout.write(`Firmly is running at ${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await ctx.store.close();
    });
}
