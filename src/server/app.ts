import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { dummyPasswordHash } from '../app/auth-password.ts';
import type { AppContext } from '../app/context.ts';
import type { MailSettings } from '../app/mail-check.ts';
import { FirmlyError } from '../core/errors.ts';
import { csrfHeader, installAuth } from './auth/guards.ts';
import { sessionCookie } from './auth/session-cookie.ts';
import { hostAllowlist } from './allowed-hosts.ts';
import { handleError, sendHostNotAllowed, sendProblem } from './problem.ts';
import { refuseIllFormedText } from './well-formed-input.ts';
import { healthRoutes } from './routes/health.ts';
import { sessionRoutes } from './routes/session.ts';
import { workspaceRoutes } from './routes/workspaces.ts';
import { peopleRoutes } from './routes/people.ts';
import { clientRoutes } from './routes/clients.ts';
import { eventRoutes } from './routes/events.ts';
import { assessmentRoutes } from './routes/assessment.ts';
import { publicRoute } from './routes/security.ts';
import { outboxRoutes } from './routes/outbox.ts';
import { settingsRoutes } from './routes/settings.ts';
import { templateRoutes } from './routes/templates.ts';
import { recordRoutes } from './routes/record.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { insightRoutes } from './routes/insights.ts';
import { portalLinkRoutes } from './routes/portal-links.ts';
import { portalRoutes } from './routes/portal.ts';
import { webRoutes, type WebApp } from './routes/web.ts';
import { offboardingRoutes } from './routes/offboarding.ts';
import { reportRoutes } from './routes/reports.ts';

export type TypedServer = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface ServerDeps {
  readonly ctx: AppContext;
  /**
   * The workspace of the configuration (FIRMLY_WORKSPACE): the first-run setup creates it if
   * the database has none. Every other route names its workspace in the path.
   */
  readonly workspaceId: string;
  /** SMTP_URL/SMTP_FROM and IMAP_URL/IMAP_FOLDER: sending from the outbox, the mail check in settings. */
  readonly mail?: MailSettings;
  /** PUBLIC_URL: the address clients reach, for portal links; default the origin of the request. */
  readonly publicUrl?: string;
}

export interface ServerOptions {
  readonly logLevel?: string;
  /**
   * Which proxy to believe about the client's address and scheme (X-Forwarded-For, -Proto,
   * -Host): false (default) none; true the one in front (the peer of every connection);
   * or its addresses, comma-separated (addresses, CIDRs, `loopback`). TRUST_PROXY.
   */
  readonly trustProxy?: boolean | string;
  /** Where the JSON log lines go (default standard output); tests read them. */
  readonly logStream?: { write(line: string): void };
  /**
   * Host names served beyond the localhost ones, the listen address and PUBLIC_URL's host
   * (ALLOWED_HOSTS); `*.example.com` for every name under it.
   */
  readonly allowedHosts?: readonly string[];
  /** The address listened on (startServer sets it): its name is served; on 0.0.0.0 or ::, this machine's names. */
  readonly listenHost?: string;
}

/** The HTTP API, ready to `listen` or to `inject` in tests. */
export async function buildServer(deps: ServerDeps, options: ServerOptions = {}): Promise<TypedServer> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // Credentials never reach the log, whatever a client sends.
      redact: ['req.headers.authorization', 'req.headers.cookie', `req.headers["${csrfHeader}"]`, 'req.headers["x-portal-token"]', 'res.headers["set-cookie"]'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxyOf(options.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();

  // First of all hooks, so that no route, static file, session lookup or 404 answers a host
  // that is not ours (#19 F4: DNS rebinding).
  const hosts = hostAllowlist({ listenHost: options.listenHost, publicUrl: deps.publicUrl, allowedHosts: options.allowedHosts });
  app.addHook('onRequest', async (request, reply) => {
    if (hosts.allows(request.host)) return;
    request.log.info({ host: request.host.slice(0, 300) }, 'refused a request for a host this server does not serve');
    return sendHostNotAllowed(reply, request.host, request.url);
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  refuseIllFormedText(app);
  // Page paths of the web app (/clients/acme) are the app's index.html; anything else unknown is a problem.
  const web: { app?: WebApp } = {}; // set once the web app's files are registered, below
  app.setNotFoundHandler((request, reply) =>
    web.app?.fallback(request, reply)
    ?? sendProblem(reply, new FirmlyError('route.not_found', `no route ${request.method} ${request.url.split('?')[0]}`), request.url));

  // The first sign-in for an unknown email would otherwise also pay for making the dummy hash.
  void dummyPasswordHash().catch(() => undefined);

  // No upgrade-insecure-requests: a self-hosted server reached over plain http on a LAN address
  // would otherwise have every script and style of its own pages rewritten to an https that is not there.
  await app.register(helmet, { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  await app.register(cookie);
  // gzip/brotli for the web app's files and large JSON; not for answers carrying the CSRF token (BREACH).
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Firmly API',
        version: '1',
        description: 'The ledger, the clients and their assessment, per workspace. Sign in with POST /api/session: the session '
          + 'cookie then authenticates every request, and POST, PUT, PATCH and DELETE also need the X-CSRF-Token that GET '
          + '/api/session returns. Workspace routes answer 404 for a workspace you are not a member of, as for one that does '
          + 'not exist. Roles: viewer reads, member also records and sends, owner also configures. Errors are '
          + 'application/problem+json (RFC 9457).',
      },
      tags: [{ name: 'health' }, { name: 'session' }, { name: 'workspaces' }, { name: 'clients' }, { name: 'ledger' }, { name: 'assessment' },
        { name: 'outbox' }, { name: 'settings' }, { name: 'templates' }, { name: 'portal' }, { name: 'offboarding' }, { name: 'reports' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookie, description: 'set by POST /api/session or POST /api/setup' },
          portal: { type: 'apiKey', in: 'header', name: 'X-Portal-Token', description: 'the token of a client\'s portal link (the part after # in the link); the /api/portal routes only' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'the csrfToken of GET /api/session; needed by every POST, PUT, PATCH and DELETE' },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  installAuth(app, deps.ctx);
  healthRoutes(app, deps);
  sessionRoutes(app, deps);
  workspaceRoutes(app, deps);
  peopleRoutes(app, deps);
  clientRoutes(app, deps);
  eventRoutes(app, deps);
  assessmentRoutes(app, deps);
  dashboardRoutes(app, deps);
  insightRoutes(app, deps);
  recordRoutes(app, deps);
  outboxRoutes(app, deps);
  templateRoutes(app, deps);
  settingsRoutes(app, deps);
  await portalLinkRoutes(app, deps);
  offboardingRoutes(app, deps);
  reportRoutes(app, deps);
  await portalRoutes(app, deps);
  web.app = await webRoutes(app);
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true, ...publicRoute } }, async () => app.swagger());
  return app;
}

// `true` means one hop, not Fastify's "trust every hop": with that, the leftmost
// X-Forwarded-For entry — whatever the client wrote there — would be its address, and the
// login rate limit per address could be dodged. (Fastify's hop counts fail closed.)
function trustProxyOf(setting: boolean | string | undefined): boolean | string | ((address: string, hop: number) => boolean) {
  if (setting === true) return (_address, hop) => hop === 0;
  return setting ?? false;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

export interface RunningServer {
  /** One a browser on this machine can open. */
  readonly url: string;
  /** What the person starting the server should know (plain http on the network). */
  readonly warnings: readonly string[];
  close(): Promise<void>;
}

/** Starts the API on any address; beyond loopback it warns unless a trusted proxy brings https. */
export async function startServer(deps: ServerDeps, http: { host: string; port: number }, options: ServerOptions = {}): Promise<RunningServer> {
  const app = await buildServer(deps, { ...options, listenHost: http.host });
  try {
    await app.listen({ host: http.host, port: http.port });
  } catch (error) {
    await app.close();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new FirmlyError('server.address_in_use', `port ${http.port} on ${http.host} is already in use; stop the other server or choose another with PORT or --port`, {}, { cause: error });
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : http.port;
  const warnings = !isLoopback(http.host) && !options.trustProxy
    ? [`serving on ${http.host} over plain http: passwords and session cookies cross the network unencrypted. ` +
       'Put an https reverse proxy in front and set TRUST_PROXY=1 (the cookie is then Secure).']
    : [];
  return { url: `http://localhost:${port}`, warnings, close: () => app.close() };
}
