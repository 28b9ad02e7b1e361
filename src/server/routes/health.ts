import { sql } from 'kysely';
import { z } from 'zod';
import type { ServerDeps, TypedServer } from '../app.ts';

export function healthRoutes(app: TypedServer, { ctx }: ServerDeps): void {
  app.get('/healthz', {
    schema: {
      tags: ['health'],
      summary: 'Liveness and database reachability',
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) },
    },
  }, async () => {
    await sql`select 1`.execute(ctx.store.db);
    return { status: 'ok' as const, database: ctx.store.dialect };
  });
}
