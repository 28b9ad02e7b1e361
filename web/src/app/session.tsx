import { createContext, useContext } from 'react';
import type { SessionInfo, WorkspaceRef } from '../api/types.ts';

export interface SessionState {
  readonly session: SessionInfo;
  /** The workspace the pages show; switchable when the user has several. */
  readonly workspace: WorkspaceRef;
  readonly setWorkspace: (id: string) => void;
  /** Reads the session again (after a workspace was removed). */
  readonly reload: () => Promise<void>;
  readonly signOut: () => Promise<void>;
  /** Reads the session again: after a workspace was created or a role changed. */
  readonly refresh: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in page');
  return value;
}

/** Whether the signed-in user's role allows `needed` (viewer < member < owner). */
export function can(workspace: WorkspaceRef, needed: WorkspaceRef['role']): boolean {
  const rank = { viewer: 0, member: 1, owner: 2 } as const;
  return rank[workspace.role] >= rank[needed];
}
