import { z } from 'zod';

// The demo workspace over HTTP (#12): what the web app sends and reads about it. Pure: zod only.

/** How a new installation starts: with an empty workspace of the owner's own, or in the demo. */
export const setupStarts = ['empty', 'demo'] as const;

export const SetupStartWire = z.enum(setupStarts).describe(
  'empty: the owner lands in their own empty workspace and the demo workspace, if loaded, is removed; '
  + 'demo: the demo is loaded (if it is not there) into its own workspace "demo", where the owner lands. '
  + 'Absent: workspaces stay as they are');
export type SetupStart = z.infer<typeof SetupStartWire>;

/** What every workspace of GET /api/session and GET /api/workspaces says about being a demo. */
export const WorkspaceDemo = z.object({
  demo: z.boolean().describe('the workspace holds the demo agency: the web app marks it on every page, and an owner may delete it'),
});
export type WorkspaceDemoView = z.infer<typeof WorkspaceDemo>;
