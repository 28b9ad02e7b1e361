#!/usr/bin/env node
// `npm start`: everything a fresh clone needs, then the server with the demo workspace.
// Plain JavaScript with no dependencies, because it runs before they are installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(title, command, args) {
  console.log(`\n> ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

const installed = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(installed)) {
  step('Installing dependencies (the first time compiles SQLite; allow a couple of minutes)', npm, ['ci', '--no-audit', '--no-fund']);
} else if (statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  step('Updating dependencies to package-lock.json', npm, ['install', '--no-audit', '--no-fund']);
}

step('Building the server', process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
step('Building the web app', process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);

console.log('');
const server = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js'), 'serve', '--with-demo', ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
