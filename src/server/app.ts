import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { FirmlyError } from '../core/errors.ts';
import { handleError, sendProblem } from './problem.ts';
import { healthRoutes } from './routes/health.ts';
import { clientRoutes } from './routes/clients.ts';
import { eventRoutes } from './routes/events.ts';
import { assessmentRoutes } from './routes/assessment.ts';

export type TypedServer = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface ServerDeps {
  readonly ctx: AppContext;
  /** Until sign-in arrives (#6) the API serves one workspace, chosen by configuration. */
  readonly workspaceId: string;
}

export interface ServerOptions {
  readonly logLevel?: string;
}

/** The HTTP API, ready to `listen` or to `inject` in tests. */
export async function buildServer(deps: ServerDeps, options: ServerOptions = {}): Promise<TypedServer> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // Credentials never reach the log, whatever a client sends.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new FirmlyError('route.not_found', `no route ${request.method} ${request.url.split('?')[0]}`), request.url));

  await app.register(helmet);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Firmly API', version: '1', description: 'Read-only access to the ledger, the clients and their assessment in one workspace. Errors are application/problem+json (RFC 9457).' },
      tags: [{ name: 'health' }, { name: 'clients' }, { name: 'ledger' }, { name: 'assessment' }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  healthRoutes(app, deps);
  clientRoutes(app, deps);
  eventRoutes(app, deps);
  assessmentRoutes(app, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/** Starts the API on a loopback address; the URL printed is one a browser on this machine can open. */
export async function startServer(deps: ServerDeps, http: { host: string; port: number }, options: ServerOptions = {}) {
  const loopback = isLoopback(http.host);
  if (!loopback) {
    // Secure by default: until sign-in exists (#6) the API answers anyone who can reach it.
    throw new FirmlyError('not_supported',
      `refusing to serve on ${http.host}: the API has no sign-in yet and would show every client's data to anyone on the network. ` +
      'Listen on 127.0.0.1 (the default) and put an authenticating reverse proxy in front if you need remote access.');
  }
  const app = await buildServer(deps, options);
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
  return { url: `http://localhost:${port}`, close: () => app.close() };
}
