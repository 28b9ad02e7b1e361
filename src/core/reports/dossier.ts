import { z } from 'zod';
import { chainInput, type ChainTip, type Sha256Hex } from '../ledger/chain.ts';
import type { StoredEvent } from '../ledger/events.ts';

// The integrity proof of an evidence dossier (issue #7). The chain is the workspace's and
// interleaves every client, so the client's events alone do not form a chain: each comes
// with its own link (seq, prevHash, hash) and the dossier carries the head at export.
// Anyone can recompute each hash by hand: sha256(prevHash + "\n" + line of events.jsonl).

export const DOSSIER_FORMAT = 'firmly-dossier/1';

export const dossierFiles = {
  readme: 'README.txt',
  manifest: 'manifest.json',
  events: 'events.jsonl',
  chain: 'chain.jsonl',
  report: 'dossier.pdf',
} as const;

export interface ChainLink {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * The exact text after `prevHash` and the newline that the event's hash covers: the
 * canonical JSON of {at, data, id, recordedAt, seq, type} (see `chainInput`).
 */
export function hashedLine(event: StoredEvent): string {
  return chainInput(event.prevHash, event).slice(event.prevHash.length + 1);
}

/** The two JSON Lines files of a dossier for events in chain order: each line ends in "\n". */
export function dossierLines(events: readonly StoredEvent[]): { readonly events: string; readonly chain: string } {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return {
    events: sorted.map((e) => hashedLine(e) + '\n').join(''),
    chain: sorted.map((e) => JSON.stringify({ seq: e.seq, prevHash: e.prevHash, hash: e.hash } satisfies ChainLink) + '\n').join(''),
  };
}

const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 in lowercase hex');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a YYYY-MM-DD date');

export const DossierManifestWire = z.object({
  format: z.literal(DOSSIER_FORMAT),
  workspace: z.object({ id: z.string(), name: z.string() }),
  client: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ from: Day, to: Day }),
  generatedOn: Day,
  head: z.object({ seq: z.number().int().min(0), hash: Hash }),
  events: z.number().int().min(0),
  /** SHA-256 of each other file of the ZIP, by name. */
  files: z.record(z.string(), Hash),
});
export type DossierManifest = z.output<typeof DossierManifestWire>;

const LinkWire = z.object({ seq: z.number().int().min(1), prevHash: Hash, hash: Hash });

export type DossierVerification =
  | { readonly ok: true; readonly events: number; readonly head: ChainTip }
  | { readonly ok: false; readonly reason: string };

const fail = (reason: string): DossierVerification => ({ ok: false, reason });

/**
 * Checks a dossier's events against their chain links: every hash recomputed from the line
 * and its prevHash, seqs rising, each link joined to the one before it where the two are
 * neighbours in the chain, the last one matching the head when it is the head, and the
 * counts matching the manifest. The file digests of the manifest are the caller's (bytes).
 */
export function verifyDossierChain(input: { readonly manifest: DossierManifest; readonly events: string; readonly chain: string }, sha256: Sha256Hex): DossierVerification {
  const { manifest } = input;
  if (!input.events.endsWith('\n') && input.events !== '') return fail(`${dossierFiles.events} does not end with a newline: it was cut or changed`);
  if (!input.chain.endsWith('\n') && input.chain !== '') return fail(`${dossierFiles.chain} does not end with a newline: it was cut or changed`);
  const lines = input.events === '' ? [] : input.events.slice(0, -1).split('\n');
  const linkLines = input.chain === '' ? [] : input.chain.slice(0, -1).split('\n');
  if (lines.length !== linkLines.length) return fail(`${dossierFiles.events} has ${lines.length} lines but ${dossierFiles.chain} has ${linkLines.length}`);
  if (lines.length !== manifest.events) return fail(`${dossierFiles.events} has ${lines.length} lines but the manifest lists ${manifest.events} events`);
  let previous: ChainLink | undefined;
  for (const [index, line] of lines.entries()) {
    const where = `line ${index + 1}`;
    let link: ChainLink;
    try {
      const parsed = LinkWire.safeParse(JSON.parse(linkLines[index] as string));
      if (!parsed.success) return fail(`${dossierFiles.chain} ${where} is not a chain link: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
      link = parsed.data;
    } catch {
      return fail(`${dossierFiles.chain} ${where} is not JSON`);
    }
    let seq: unknown;
    try {
      seq = (JSON.parse(line) as { seq?: unknown }).seq;
    } catch {
      return fail(`${dossierFiles.events} ${where} (seq ${link.seq}) is not JSON: its content was changed`);
    }
    if (seq !== link.seq) return fail(`${dossierFiles.events} ${where} has seq ${String(seq)} but its chain link has seq ${link.seq}`);
    if (sha256(`${link.prevHash}\n${line}`) !== link.hash) return fail(`${dossierFiles.events} ${where} (seq ${link.seq}): hash does not match the event: its content was changed`);
    if (previous) {
      if (link.seq <= previous.seq) return fail(`${dossierFiles.chain} ${where}: seq ${link.seq} does not follow seq ${previous.seq}`);
      if (link.seq === previous.seq + 1 && link.prevHash !== previous.hash) return fail(`${dossierFiles.chain} ${where} (seq ${link.seq}): prevHash is not the hash of seq ${previous.seq}`);
    }
    previous = link;
  }
  const { head } = manifest;
  if (previous) {
    if (previous.seq > head.seq) return fail(`the last event (seq ${previous.seq}) lies past the chain head (seq ${head.seq})`);
    if (previous.seq === head.seq && previous.hash !== head.hash) return fail(`the last event is the chain head (seq ${head.seq}) but its hash differs from the head's`);
  }
  return { ok: true, events: lines.length, head };
}
