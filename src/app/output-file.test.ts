import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutputBytes, writeOutputFile } from './output-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'firmly-output-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const folder = join(dir, `case-${++n}`);
  mkdirSync(folder);
  return folder;
};
const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe('writing a file the user named', () => {
  it('writes it and leaves nothing else beside it', async () => {
    const folder = fresh();
    expect(await writeOutputBytes(join(folder, 'report.pdf'), bytes('%PDF-1.7 whole'))).toBe(14);
    expect(readFileSync(join(folder, 'report.pdf'), 'utf8')).toBe('%PDF-1.7 whole');
    expect(readdirSync(folder)).toEqual(['report.pdf']);
  });

  it('keeps an existing file unless forced, and says how to replace it', async () => {
    const folder = fresh();
    const file = join(folder, 'report.pdf');
    writeFileSync(file, 'precious');
    await expect(writeOutputBytes(file, bytes('new'), { force: false })).rejects.toThrow(`${file} already exists; use --force to overwrite it, or choose another file name`);
    await expect(writeOutputBytes(file, bytes('new'))).rejects.toThrow(`${file} already exists; remove it or choose another file name`);
    expect(readFileSync(file, 'utf8')).toBe('precious');
    await writeOutputBytes(file, bytes('new'), { force: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(folder)).toEqual(['report.pdf']);
  });

  it('says in one line why a path cannot be written', async () => {
    const folder = fresh();
    writeFileSync(join(folder, 'plain-file'), '');
    mkdirSync(join(folder, 'a-folder'));
    const cases: [string, string][] = [
      [join(folder, 'missing', 'report.pdf'), `the folder ${join(folder, 'missing')} does not exist`],
      [join(folder, 'plain-file', 'report.pdf'), `${join(folder, 'plain-file')} is not a folder`],
      [join(folder, 'a-folder'), 'it is a folder'],
      // sysfs refuses new files even to root (a chmod'ed folder would not stop root).
      ['/sys/firmly-report.pdf', 'permission denied in /sys'],
    ];
    for (const [file, reason] of cases) {
      const error = await writeOutputBytes(file, bytes('x'), { force: true }).catch((e: unknown) => e as Error);
      expect(error).toMatchObject({ name: 'FirmlyError', code: 'input.invalid', message: `cannot write ${file}: ${reason}` });
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('leaves neither half a file under the name nor the temporary file when writing fails', async () => {
    const folder = fresh();
    const file = join(folder, 'dossier.zip');
    writeFileSync(file, 'the old dossier');
    await expect(writeOutputFile(file, async (temporary) => {
      await writeFile(temporary, 'PK half a zi');
      throw new Error('killed half-way');
    }, { force: true })).rejects.toThrow('killed half-way');
    expect(readFileSync(file, 'utf8')).toBe('the old dossier');
    expect(readdirSync(folder)).toEqual(['dossier.zip']);
  });

  it('does not replace a file that appeared while it was writing', async () => {
    const folder = fresh();
    const file = join(folder, 'backup.db');
    await expect(writeOutputFile(file, async (temporary) => {
      await writeFile(temporary, 'the copy');
      writeFileSync(file, 'someone else\'s');
    })).rejects.toThrow('already exists');
    expect(readFileSync(file, 'utf8')).toBe('someone else\'s');
    expect(readdirSync(folder)).toEqual(['backup.db']);
  });
});
