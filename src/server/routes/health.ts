import { z } from 'zod';
import { checkHealth } from '../../app/health.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { publicRoute } from './security.ts';

export function healthRoutes(app: TypedServer, { ctx }: ServerDeps): void {
  app.get('/healthz', {
    config: { access: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Liveness and database reachability',
      ...publicRoute,
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) },
    },
  }, () => checkHealth(ctx));
}
