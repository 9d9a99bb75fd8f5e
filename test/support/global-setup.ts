import { mkdtemp } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../scripts/src/lib/embedded-db';
import { freePort } from '../../scripts/src/lib/free-port';

/**
 * One PostgreSQL server for the whole test run: the embedded one (fresh data folder, free port) unless
 * HUB_TEST_ADMIN_URL already points at a server (e.g. the machine's own, to test the external path).
 * Each test file creates its own databases on it.
 */
export default async function globalSetup(): Promise<void> {
  await findRedis();
  if (process.env.HUB_TEST_ADMIN_URL) return;
  const dataDir = await mkdtemp(join(tmpdir(), 'jobcenter-hub-test-pg-'));
  const port = await freePort();
  const db = await startEmbeddedPostgres({ dataDir, port, persistent: false });
  process.env.HUB_TEST_ADMIN_URL = db.url('postgres');
  (globalThis as { __hubTestDatabase?: typeof db }).__hubTestDatabase = db;
}

/**
 * The shared-cache tests need a Redis: HUB_TEST_REDIS_URL, or the machine's own at 127.0.0.1:6379 when
 * it answers PING. Without one (a laptop) they are skipped, and this says so.
 */
async function findRedis(): Promise<void> {
  const url = new URL(process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0');
  const answers = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
  if (answers) process.env.HUB_TEST_REDIS_URL = url.toString();
  else if (process.env.HUB_TEST_REDIS_URL) throw new Error(`HUB_TEST_REDIS_URL=${url.host} does not answer PING`);
  else {
    delete process.env.HUB_TEST_REDIS_URL;
    process.stdout.write(`\nno Redis at ${url.host}: the shared-cache tests (test/shared-cache.test.ts) are skipped\n`);
  }
}
