import { UnassessableView } from '../../contract/dashboard.ts';
import { z } from 'zod';
import { DateText } from '../../contract/dates.ts';
import { workspaceToday } from '../../app/assess-workspace.ts';
import { removeDemo } from '../../app/demo.ts';
import { runSweep } from '../../app/run-sweep.ts';
import { workspacesOf } from '../../app/users.ts';
import { actionKinds } from '../../core/assess/plan.ts';
import type { IsoDate } from '../../core/dates.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { requireRole, sessionOf, workspaceOf } from '../auth/guards.ts';
import { ProblemView } from './problem-schema.ts';
import { signedIn, signedInUnsafe, WorkspaceParams } from './security.ts';
import { WorkspaceView } from '../../contract/session.ts';
import { workspaceView } from './session.ts';

const ActionView = z.object({ key: z.string(), kind: z.enum(actionKinds), due: z.string(), template: z.string(), subject: z.string().nullable() }).meta({ id: 'Action' });

const SweepReportView = z.object({
  at: z.string(),
  mode: z.enum(['full', 'incremental']),
  clientsAssessed: z.number().int(),
  done: z.array(ActionView).describe('carried out by this sweep'),
  alreadyDone: z.array(ActionView).describe('planned, and found carried out meanwhile by a concurrent sweep (what an earlier sweep did is not planned again)'),
  planned: z.array(ActionView).describe('with dryRun: what would have been done'),
  eventsAppended: z.number().int(),
  unassessable: z.array(UnassessableView).describe('skipped: they cannot be assessed, and why; the other clients are swept as usual'),
}).meta({ id: 'SweepReport' });

const SweepBody = z.object({
  at: DateText.optional()
    .describe('the day to sweep; default today in the workspace\'s time zone'),
  dryRun: z.boolean().default(false),
  full: z.boolean().default(false).describe('assess every client, not only those changed or coming due'),
}).nullish().describe('optional: a POST without a body sweeps today');

const actionView = (a: { key: string; kind: (typeof actionKinds)[number]; due: string; template: string; subject?: string }) =>
  ({ key: a.key, kind: a.kind, due: a.due, template: a.template, subject: a.subject ?? null });

export function workspaceRoutes(app: TypedServer, { ctx }: ServerDeps): void {
  app.get('/api/workspaces', {
    schema: {
      tags: ['workspaces'],
      summary: 'The workspaces you are a member of, with your role in each',
      ...signedIn,
      response: { 200: z.object({ workspaces: z.array(WorkspaceView) }), 401: ProblemView },
    },
  }, async (request) => ({
    workspaces: (await workspacesOf(ctx, sessionOf(request).session.user.id)).map(workspaceView),
  }));

  app.delete('/api/workspaces/:workspaceId', {
    onRequest: requireRole('owner'),
    schema: {
      tags: ['workspaces'],
      summary: 'Deletes a demo workspace with everything in it (ledger, read models, outbox, templates, portal links, memberships), in one transaction',
      description: 'Needs the owner role. Only a demo workspace can be deleted: any other answers 409 workspace.not_demo.',
      ...signedInUnsafe,
      params: WorkspaceParams,
      response: { 204: z.null(), 401: ProblemView, 403: ProblemView, 404: ProblemView, 409: ProblemView },
    },
  }, async (request, reply) => {
    await removeDemo(ctx, workspaceOf(request));
    return reply.code(204).send(null);
  });

  app.post('/api/workspaces/:workspaceId/sweep', {
    onRequest: requireRole('member'),
    schema: {
      tags: ['workspaces'],
      summary: 'Carries out the actions due (as `firmly sweep`): records work paused or resumed and requests deemed answered, and queues each message, at most once per action',
      description: 'Needs the member role.',
      ...signedInUnsafe,
      params: WorkspaceParams,
      body: SweepBody,
      response: { 200: SweepReportView, 400: ProblemView, 401: ProblemView, 403: ProblemView, 404: ProblemView },
    },
  }, async (request) => {
    const workspaceId = workspaceOf(request);
    const body = request.body ?? { dryRun: false, full: false };
    const date = (body.at as IsoDate | undefined) ?? (await workspaceToday(ctx, workspaceId));
    const report = await runSweep(ctx, workspaceId, date, { dryRun: body.dryRun, full: body.full });
    return {
      at: report.at, mode: report.mode, clientsAssessed: report.clientsAssessed, eventsAppended: report.eventsAppended,
      done: report.done.map(actionView), alreadyDone: report.alreadyDone.map(actionView), planned: report.planned.map(actionView),
      unassessable: report.unassessable.map((f) => ({ clientId: f.clientId, name: f.name, error: { ...f.error } })),
    };
  });
}
