import { resolve } from 'node:path';

/** The repository root (this file is `scripts/src/lib/root.ts`, built to `scripts/dist/lib/root.js`). */
export const ROOT = resolve(__dirname, '..', '..', '..');
