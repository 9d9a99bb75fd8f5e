// Builds the dashboard into dashboard/dist; `npm start` serves it (scripts/src/lib/dashboard-server.ts).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Vite's configuration file is the one place a default export is expected.
// eslint-disable-next-line no-restricted-syntax
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // Apollo Client and Recharts live in the repository's node_modules, next to another React: one React only.
  resolve: { dedupe: ['react', 'react-dom'] },
  // `npx vite dashboard` (hot reload): /graphql goes to a running hub's gateway, as the dashboard server does.
  server: {
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: { '/graphql': process.env.HUB_GATEWAY_URL ?? 'http://localhost:4000' },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
});
