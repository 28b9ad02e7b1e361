import type { Command } from 'commander';
import { createPortalLink, listPortalLinks, portalLinkDays, portalUrl, revokePortalLinkById, type PortalLink } from '../../app/portal-links.ts';
import { UsageError, withApp, type CliEnv, type GlobalOptions } from '../io.ts';

// `firmly portal` (#6): the client portal's links from the command line. The URL goes to
// standard output alone, so `URL=$(firmly portal link --client c1)` works; the rest to stderr.

function parseDays(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const days = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(days >= portalLinkDays.min && days <= portalLinkDays.max)) {
    throw new UsageError(`--days must be a whole number from ${portalLinkDays.min} to ${portalLinkDays.max}, not "${text}"`);
  }
  return days;
}

function statusOf(link: PortalLink, nowMs: number): string {
  if (link.revokedAt !== null) return `revoked ${link.revokedAt.slice(0, 10)}`;
  return Date.parse(link.expiresAt) <= nowMs ? 'expired' : 'active';
}

export function registerPortal(program: Command, env: CliEnv): void {
  const portal = program.command('portal')
    .description('links to the client portal, where a client sees what waits on them (requests, approvals, invoices) and answers without an account');

  portal.command('link')
    .description(`makes a portal link for a client and prints its URL (PUBLIC_URL, default http://localhost:PORT); the URL is shown only this once`)
    .requiredOption('--client <clientId>', 'the client the link opens the portal of')
    .option('--days <n>', `how long the link works, ${portalLinkDays.min}–${portalLinkDays.max} days`, String(portalLinkDays.default))
    .option('--json', 'print { link, token, url } as JSON')
    .action(async (options: { client: string; days?: string; json?: boolean }, command: Command) => {
      const days = parseDays(options.days);
      await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) => {
        const { link, token } = await createPortalLink(ctx, config.workspaceId, options.client, days === undefined ? {} : { days });
        const url = portalUrl(config.publicUrl ?? `http://localhost:${config.http.port}`, token);
        if (options.json) {
          env.stdout.write(JSON.stringify({ link, token, url }) + '\n');
          return;
        }
        env.stdout.write(url + '\n');
        env.stderr.write(`Portal link ${link.id} for client "${link.clientId}", valid until ${link.expiresAt}. `
          + `Send the URL to the client; it is not shown again. Revoke it with: firmly portal revoke ${link.id}\n`);
      });
    });

  portal.command('list')
    .description('a client\'s portal links, newest first, with their state and last use (never their tokens)')
    .requiredOption('--client <clientId>', 'the client')
    .option('--json', 'print as JSON')
    .action(async (options: { client: string; json?: boolean }, command: Command) => {
      await withApp(env, command.optsWithGlobals<GlobalOptions>(), async (ctx, config) => {
        const links = await listPortalLinks(ctx, config.workspaceId, options.client);
        if (options.json) {
          env.stdout.write(JSON.stringify(links) + '\n');
          return;
        }
        if (links.length === 0) env.stdout.write(`Client "${options.client}" has no portal links: firmly portal link --client ${options.client}\n`);
        const now = ctx.clock.now().epochMilliseconds;
        for (const link of links) {
          env.stdout.write(`${link.id}  created ${link.createdAt.slice(0, 10)}  expires ${link.expiresAt.slice(0, 10)}  `
            + `${statusOf(link, now).padEnd(18)}  last used ${link.lastUsedAt ?? 'never'}\n`);
        }
      });
    });

  portal.command('revoke <linkId>')
    .description('revokes a portal link at once: it opens nothing any more')
    .action(async (linkId: string, _options: unknown, command: Command) => {
      const link = await withApp(env, command.optsWithGlobals<GlobalOptions>(), (ctx, config) => revokePortalLinkById(ctx, config.workspaceId, linkId));
      env.stdout.write(`Revoked portal link ${link.id} of client "${link.clientId}".\n`);
    });
}
