#!/usr/bin/env node
// The composition root: configuration → database → services → CLI (and, through
// `firmly serve`, the HTTP server). The only module that reads the environment.
import { appContext } from './app/context.ts';
import { runCli } from './cli/main.ts';
import { loadConfig } from './config.ts';
import { startServer } from './server/app.ts';
import { openStore } from './store/database.ts';

// `firmly export | head`: the reader leaving early is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const exitCode = await runCli(process.argv.slice(2), {
  configure: (overrides) => loadConfig(process.env, overrides),
  open: async (config) => appContext(await openStore(config.database)),
  serve: async (ctx, config) => {
    const server = await startServer({
      ctx, workspaceId: config.workspaceId, mail: { smtp: config.smtp, imap: config.imap },
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    }, config.http,
      { logLevel: config.logLevel, allowedHosts: config.allowedHosts, ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}) });
    for (const warning of server.warnings) process.stderr.write(`firmly: warning: ${warning}\n`);
    return server;
  },
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = exitCode;
