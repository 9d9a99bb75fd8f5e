import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../scripts/src/embedded-db';
import { freePort } from './free-port';

/**
 * One PostgreSQL server for the whole test run: the embedded one (fresh data folder, free port) unless
 * HUB_TEST_ADMIN_URL already points at a server (e.g. the machine's own, to test the external path).
 * Each test file creates its own databases on it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.HUB_TEST_ADMIN_URL) return;
  const dataDir = await mkdtemp(join(tmpdir(), 'jobcenter-hub-test-pg-'));
  const port = await freePort();
  const db = await startEmbeddedPostgres({ dataDir, port, persistent: false });
  process.env.HUB_TEST_ADMIN_URL = db.url('postgres');
  (globalThis as { __hubTestDatabase?: typeof db }).__hubTestDatabase = db;
}
