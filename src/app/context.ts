import type { Sha256Hex } from '../core/ledger/chain.ts';
import type { Store } from '../store/database.ts';
import { sha256Hex } from '../store/hash.ts';
import { systemClock, type Clock } from './clock.ts';

/** What every use case needs: the database, the time, and the hash function of the chain. */
export interface AppContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly sha256: Sha256Hex;
}

export const appContext = (store: Store, clock: Clock = systemClock): AppContext => ({ store, clock, sha256: sha256Hex });
