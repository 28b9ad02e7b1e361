import { z } from 'zod';
import { roles } from '../core/roles.ts';
import { WorkspaceDemo } from './demo.ts';

// Who is signed in (`GET /api/session`, sign-in, setup) and their workspaces (`GET /api/workspaces`).

export const WorkspaceView = z.object({
  id: z.string(),
  name: z.string().nullable().describe('from the workspace\'s workspace.configured; null until it has one'),
  role: z.enum(roles),
  ...WorkspaceDemo.shape,
}).meta({ id: 'Workspace' });

export const SessionView = z.object({
  user: z.object({ id: z.string(), email: z.string() }),
  workspaces: z.array(WorkspaceView),
  csrfToken: z.string().describe('send as X-CSRF-Token with every POST, PUT, PATCH and DELETE'),
  expiresAt: z.string(),
}).meta({ id: 'Session' });

export type WorkspaceRef = z.output<typeof WorkspaceView>;
export type SessionInfo = z.output<typeof SessionView>;
export type Role = WorkspaceRef['role'];
