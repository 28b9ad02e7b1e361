import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { DossierManifestWire, dossierFiles, verifyDossierChain, type DossierVerification } from '../core/reports/dossier.ts';
import { sha256Hex } from '../store/hash.ts';

export type DossierCheck = DossierVerification & { readonly clientId?: string; readonly clientName?: string };

const sha256Bytes = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const fail = (reason: string): DossierCheck => ({ ok: false, reason });

/**
 * Checks an evidence dossier ZIP offline: every file against the manifest's SHA-256, then
 * every enclosed event's hash recomputed from its line and its link (see core/reports/dossier).
 */
export function verifyDossier(zip: Uint8Array): DossierCheck {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    return fail(`not a readable ZIP file: ${(error as Error).message}`);
  }
  const text = (name: string): string | undefined => {
    const bytes = files[name];
    if (bytes === undefined) return undefined;
    // Fatal: a changed byte that breaks UTF-8 must not be papered over by a replacement character.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  };
  for (const name of [dossierFiles.manifest, dossierFiles.events, dossierFiles.chain]) {
    if (files[name] === undefined) return fail(`${name} is missing from the dossier`);
  }
  let manifestText: string;
  let events: string;
  let chain: string;
  try {
    manifestText = text(dossierFiles.manifest) as string;
    events = text(dossierFiles.events) as string;
    chain = text(dossierFiles.chain) as string;
  } catch {
    return fail('a file of the dossier is not valid UTF-8: its content was changed');
  }
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(manifestText);
  } catch {
    return fail(`${dossierFiles.manifest} is not JSON`);
  }
  const manifest = DossierManifestWire.safeParse(manifestJson);
  if (!manifest.success) return fail(`${dossierFiles.manifest} is not a dossier manifest: ${manifest.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  for (const [name, digest] of Object.entries(manifest.data.files)) {
    const bytes = files[name];
    if (bytes === undefined) return fail(`${name} is listed in the manifest but missing from the dossier`);
    if (sha256Bytes(bytes) !== digest) return fail(`${name} does not match its SHA-256 in the manifest: its content was changed`);
  }
  for (const name of [dossierFiles.events, dossierFiles.chain]) {
    if (manifest.data.files[name] === undefined) return fail(`the manifest lists no SHA-256 for ${name}`);
  }
  const result = verifyDossierChain({ manifest: manifest.data, events, chain }, sha256Hex);
  return { ...result, clientId: manifest.data.client.id, clientName: manifest.data.client.name };
}

/** Reads and checks a dossier ZIP from a file; needs no database. */
export async function verifyDossierFile(path: string): Promise<DossierCheck> {
  return verifyDossier(new Uint8Array(await readFile(path)));
}
