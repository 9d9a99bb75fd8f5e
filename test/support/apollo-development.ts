/**
 * Apollo Client 4's development mode, with its messages: its warnings (e.g. "Cache data may be lost …")
 * and its full error texts. Import it before `@apollo/client`, which reads `__DEV__` when it is loaded.
 */
import type * as ApolloDev from '@apollo/client/dev';

(globalThis as { __DEV__?: boolean }).__DEV__ = true;

// Required, not imported: an import would load Apollo Client before the line above runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dev = require('@apollo/client/dev') as typeof ApolloDev;
dev.loadDevMessages();
dev.loadErrorMessages();
