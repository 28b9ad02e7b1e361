import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { demoFile, projectRoot } from '../support/paths.ts';

const run = promisify(execFile);

describe('the demo workspace', () => {
  it('is exactly what its generator produces, and passes the generator\'s self-check', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'firmly-demo-')), 'workspace.jsonl');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts', 'generate-demo.ts'), out], { cwd: projectRoot });
    expect(stdout).toContain('self-check passed');
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(demoFile, 'utf8'));
  });
});
