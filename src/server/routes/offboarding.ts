import type { ServerDeps, TypedServer } from '../app.ts';

// Filled in by #7.
export function offboardingRoutes(_app: TypedServer, _deps: ServerDeps): void {}
