import type { RecordableType, RecordRequest } from '../../../src/contract/events.ts';
import { api, workspacePath } from './client.ts';
import type { LedgerEvent } from './types.ts';

export type { EventInput } from '../../../src/contract/events.ts';

/** Records one event (`POST …/events`), typed by the ledger's own schema for that type. */
export const recordEvent = <T extends RecordableType>(workspaceId: string, body: RecordRequest<T>) =>
  api.post<{ event: LedgerEvent; created: boolean }>(workspacePath(workspaceId, 'events'), body);
