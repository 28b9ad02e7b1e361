import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { packageRoot } from '../../app/demo.ts';
import type { TypedServer } from '../app.ts';

// The web app (web/, built by Vite into dist/web) is served by this same server, so its calls
// to /api are same-origin: the session cookie and the CSRF token need no CORS. Its files are
// public — they hold no data; every answer with data comes from /api behind the guards.

export const webRoot = (): string => join(packageRoot(), 'dist', 'web');

export interface WebApp {
  /** Answers a browser's GET for a page path (/clients/acme) with the app's index.html. */
  readonly fallback: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;
}

export async function webRoutes(app: TypedServer): Promise<WebApp> {
  const root = webRoot();
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn({ root }, 'the web app is not built (npm run build:web); serving the API only');
    return { fallback: () => undefined };
  }
  const indexHtml = readFileSync(indexFile);
  await app.register(async (scope) => {
    // Every file route is public and stays out of the API document.
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), access: 'public' };
      route.schema = { ...route.schema, hide: true };
    });
    await scope.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      // Hashed file names never change content: cache them for good; anything else revalidates.
      setHeaders: (reply, path) => void reply.header('cache-control', path.includes(join('dist', 'web', 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  });
  const page = (reply: FastifyReply) => reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) => page(reply));
  return {
    fallback: (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && path !== '/api'
        && (request.headers.accept ?? '').includes('text/html');
      return wantsPage ? page(reply) : undefined;
    },
  };
}
