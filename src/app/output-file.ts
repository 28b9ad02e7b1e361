import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FirmlyError, isFirmlyError } from '../core/errors.ts';

// One home for writing a file the user named (a report, a dossier, a backup), #19:
// - an existing file is kept unless the user said `--force` (where the command has it);
// - a path that cannot be written is said in one line (no such folder, not a folder,
//   a folder itself, permission denied), before any work is done and again if it fails late;
// - the content is written to a temporary file beside the target, flushed, and only then
//   given the target's name, so a crash never leaves half a PDF, ZIP or database under it.

export interface OutputFileOptions {
  /** Replace an existing file. `undefined`: the command has no --force, so the message offers none. */
  readonly force?: boolean;
}

function alreadyExists(file: string, options: OutputFileOptions): FirmlyError {
  return new FirmlyError('input.invalid', options.force === undefined
    ? `${file} already exists; remove it or choose another file name`
    : `${file} already exists; use --force to overwrite it, or choose another file name`, { file });
}

/** One line on why `file` cannot be written, from the system's error code. */
function cannotWrite(file: string, error: NodeJS.ErrnoException): FirmlyError {
  const folder = dirname(resolve(file));
  const reasons: Record<string, string> = {
    ENOENT: `the folder ${folder} does not exist`,
    ENOTDIR: `${folder} is not a folder`,
    EISDIR: 'it is a folder',
    EACCES: `permission denied in ${folder}`,
    EPERM: `permission denied in ${folder}`,
    EROFS: `${folder} is on a read-only file system`,
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is used up',
    ENAMETOOLONG: 'the name is too long',
  };
  const reason = reasons[error.code ?? ''] ?? `${error.code ?? 'error'}: ${error.message}`;
  return new FirmlyError('input.invalid', `cannot write ${file}: ${reason}`, { file, reason: error.code ?? 'unknown' });
}

const isErrno = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && !isFirmlyError(error) && typeof (error as NodeJS.ErrnoException).code === 'string';

/**
 * Checks that `file` can be written, without writing it: run before long work (a dossier,
 * a backup) so that a bad path is said at once. The write itself checks again.
 */
export async function checkOutputFile(file: string, options: OutputFileOptions = {}): Promise<void> {
  const target = resolve(file);
  const existing = await stat(target).catch((error: unknown) => {
    if (isErrno(error) && error.code === 'ENOENT') return undefined;
    throw isErrno(error) ? cannotWrite(file, error) : error;
  });
  if (existing?.isDirectory()) throw cannotWrite(file, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  if (existing && options.force !== true) throw alreadyExists(file, options);
  const folder = await stat(dirname(target)).catch((error: unknown) => {
    throw isErrno(error) ? cannotWrite(file, error) : error;
  });
  if (!folder.isDirectory()) throw cannotWrite(file, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));
  await access(dirname(target), constants.W_OK).catch((error: unknown) => {
    throw isErrno(error) ? cannotWrite(file, error) : error;
  });
}

/**
 * Writes `file` through a temporary file beside it: `write` fills the temporary path, which
 * then takes the target's name — by a hard link where the file must not exist (so a file
 * that appeared meanwhile is not replaced), by rename with `force`. Returns its size in bytes.
 */
export async function writeOutputFile(file: string, write: (temporary: string) => Promise<void>, options: OutputFileOptions = {}): Promise<number> {
  await checkOutputFile(file, options);
  const target = resolve(file);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await write(temporary);
    // Flushed before it gets the name: after a power cut the name holds all of it or nothing.
    const handle = await open(temporary, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.force === true) {
      await rename(temporary, target);
    } else {
      await link(temporary, target).catch(async (error: unknown) => {
        // A file system without hard links: check, then rename, which leaves a moment's race.
        if (!isErrno(error) || !['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(error.code ?? '')) throw error;
        await checkOutputFile(file, options);
        await rename(temporary, target);
      });
      await unlink(temporary).catch(() => undefined);
    }
    return (await stat(target)).size;
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    if (isErrno(error) && error.code === 'EEXIST') throw alreadyExists(file, options);
    if (isErrno(error)) throw cannotWrite(file, error);
    throw error;
  }
}

/** `writeOutputFile` for content already in memory. */
export async function writeOutputBytes(file: string, bytes: Uint8Array, options: OutputFileOptions = {}): Promise<number> {
  return writeOutputFile(file, async (temporary) => {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
  }, options);
}
