import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { projectRoot } from './paths.ts';

export interface ImportEdge {
  /** The importing file, relative to the project root (`src/core/money.ts`). */
  readonly file: string;
  /** As written in the source. */
  readonly specifier: string;
  /** For relative imports, the target relative to the project root; otherwise the package name. */
  readonly target: string;
}

export function sourceFiles(dir: string, exclude: RegExp = /\.test\.ts$/): string[] {
  const root = join(projectRoot, dir);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !exclude.test(f))
    .map((f) => relative(projectRoot, join(root, f)));
}

/** Every import, export-from and dynamic import of the non-test sources under `dir`, found by the TypeScript scanner. */
export function importsIn(dir: string, exclude?: RegExp): ImportEdge[] {
  return sourceFiles(dir, exclude).flatMap((file) => {
    const text = readFileSync(join(projectRoot, file), 'utf8');
    return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: specifier }) => ({
      file,
      specifier,
      target: specifier.startsWith('.') ? relative(projectRoot, resolve(dirname(join(projectRoot, file)), specifier)) : specifier,
    }));
  });
}
