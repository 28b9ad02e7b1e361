import { createHash } from 'node:crypto';
import type { Sha256Hex } from '../core/ledger/chain.ts';

export const sha256Hex: Sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
