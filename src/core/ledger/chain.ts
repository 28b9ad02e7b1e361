import { canonicalJson } from '../canonical-json.ts';
import type { IsoInstant } from '../dates.ts';
import type { LedgerEvent, StoredEvent } from './events.ts';

/** The `prevHash` of the first event of every workspace's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 of UTF-8 text as lowercase hex; injected because core does no I/O and has no crypto. */
export type Sha256Hex = (text: string) => string;

export type ChainFields = { readonly seq: number; readonly recordedAt: IsoInstant };

/**
 * The text whose SHA-256 is an event's `hash`: the previous hash, a newline, then the
 * canonical JSON of the event with its `seq` and `recordedAt`. Including `seq` makes a
 * swap of two events detectable even where their contents are alike.
 */
export function chainInput(prevHash: string, event: LedgerEvent & ChainFields, canonicalData?: string): string {
  const { seq, id, type, at, recordedAt } = event;
  // Hash the canonical JSON, not the stored text: the stored form is not byte-stable
  // across dialects, and `firmly verify` must give the same answer on both.
  // This is canonicalJson({seq, id, type, at, recordedAt, data}) written out with its keys
  // in RFC 8785 order, so that the canonical data, already made for storage, is reused
  // (canonicalising twice was a tenth of an import). A property test holds the two equal.
  const data = canonicalData ?? canonicalJson(event.data);
  const q = JSON.stringify;
  return `${prevHash}\n{"at":${q(at)},"data":${data},"id":${q(id)},"recordedAt":${q(recordedAt)},"seq":${seq},"type":${q(type)}}`;
}

/** Chains an event after `prevHash`; `canonicalData` is `canonicalJson(event.data)` when the caller has it already. */
export function sealEvent(sha256: Sha256Hex, prevHash: string, event: LedgerEvent & ChainFields, canonicalData?: string): StoredEvent {
  return { ...event, prevHash, hash: sha256(chainInput(prevHash, event, canonicalData)) } as StoredEvent;
}

export interface ChainTip {
  readonly seq: number;
  readonly hash: string;
}
export const emptyChain: ChainTip = { seq: 0, hash: GENESIS_HASH };

/** Why `event` does not follow `tip` in a valid chain, or undefined when it does; `canonicalData` as for `sealEvent`. */
export function chainBreak(sha256: Sha256Hex, tip: ChainTip, event: StoredEvent, canonicalData?: string): string | undefined {
  if (event.seq !== tip.seq + 1) {
    return event.seq > tip.seq + 1
      ? `expected seq ${tip.seq + 1}, found ${event.seq}: events are missing or out of order`
      : `expected seq ${tip.seq + 1}, found ${event.seq}: events are repeated or out of order`;
  }
  if (event.prevHash !== tip.hash) return 'prevHash does not match the hash of the event before it';
  if (sha256(chainInput(event.prevHash, event, canonicalData)) !== event.hash) return 'hash does not match the event: its content was changed';
  return undefined;
}
