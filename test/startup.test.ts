import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../scripts/src/lib/free-port';
import { ROOT } from './support/hub';

const run = promisify(execFile);

/** Starts a built service with exactly `env` (plus PATH) and returns how it ended. */
async function startWith(script: string, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [join(ROOT, script)], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? '' };
  }
}

describe('a subgraph with a bad database configuration', () => {
  it('stops at start with one line naming DATABASE_URL when it is missing', async () => {
    const { code, stderr } = await startWith('subgraphs/organisations/dist/main.js', {});
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^configuration error: DATABASE_URL: is required/);
  });

  it('stops at start with one line naming DATABASE_URL when it is not a postgres URL', async () => {
    const { code, stderr } = await startWith('subgraphs/locations/dist/main.js', { DATABASE_URL: 'mysql://localhost/x' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('DATABASE_URL: must be a postgres:// URL');
  });

  it('stops at start with one line naming DATABASE_URL when nothing answers there', async () => {
    const port = await freePort();
    const { code, stderr } = await startWith('subgraphs/organisations/dist/main.js', {
      DATABASE_URL: `postgres://hub:secret@127.0.0.1:${port}/organisations`,
    });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DATABASE_URL: cannot use postgres://hub:***@127.0.0.1');
    expect(lines[0]).not.toContain('secret');
  });
});
