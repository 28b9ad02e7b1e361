import { z } from 'zod';

// OpenAPI security requirements per kind of route (components.securitySchemes in app.ts).
// The guards in auth/guards.ts enforce them; these only document them.
export const publicRoute = { security: [] };
export const signedIn = { security: [{ session: [] }] };
/** The client portal: the token of a portal link in X-Portal-Token, no session. */
export const portalRoute = { security: [{ portal: [] }] };
/** POST, PUT, PATCH, DELETE: the session cookie and its X-CSRF-Token. */
export const signedInUnsafe = { security: [{ session: [], csrf: [] }] };

/** A workspace id as in the ledger: letters, digits, _ and -. */
export const WorkspaceIdParam = z.string().min(1).max(64).describe('a workspace you are a member of; any other answers 404');
export const WorkspaceParams = z.object({ workspaceId: WorkspaceIdParam });
export const ClientParams = z.object({ workspaceId: WorkspaceIdParam, clientId: z.string().min(1).max(200) });
