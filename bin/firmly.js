#!/usr/bin/env node
// `npx firmly …` in a checkout: runs the TypeScript sources through tsx, so no build is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
