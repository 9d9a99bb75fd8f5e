import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseVariable } from '../scripts/src/lib/env';
import { inRepoSubgraphs } from '../scripts/src/lib/stack';
import { freePort } from '../scripts/src/lib/free-port';
import { post, ROOT } from './support/hub';
import { npmStart } from './support/npm-start';

/** `npm start` as a user runs it (the built script), with output collected. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'dist', 'start.js')], {
    env: { ...process.env, PORTS: 'free', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function gatewayUrlOf(run: ReturnType<typeof start>, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /jobcenter-hub is running: (\S+)/.exec(run.output());
    if (match) return match[1]!;
    if (run.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`npm start did not print the gateway URL:\n${run.output()}`);
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const QUERY = '{ organisation(id: "jobcenter-muenster") { managingDirector units(kind: BRANCH_OFFICE) { totalCount } } }';

/** Each of these starts the whole hub, one of them twice (with a fresh embedded database): minutes on a busy 2-core machine. */
const WHOLE_HUB_MS = 240_000;

describe('npm start', () => {
  it(
    'runs the hub on an embedded PostgreSQL, stops cleanly on Ctrl-C, and keeps its data for the next start',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'jobcenter-hub-start-'));
      const env = { EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
      try {
        // package.json's start script as npm runs it (sh -c), stopped as a terminal's Ctrl-C stops it.
        const first = npmStart(env, { shell: true });
        try {
          const url = await gatewayUrlOf(first);
          const { body } = await post<{ organisation: { managingDirector: string; units: { totalCount: number } } }>(url, QUERY);
          expect(body.data!.organisation.managingDirector).toBe('Ralf Bierstedt');
          expect(body.data!.organisation.units.totalCount).toBe(7);
          expect(first.output()).toContain('demo data seeded');
          first.ctrlC();
          // Exit 0 (not the shell's 130), and no service that the same Ctrl-C stopped counted as a crash and restarted.
          expect(await first.exited).toBe(0);
        } finally {
          await first.stop();
        }
        const shutdown = first.output().slice(first.output().indexOf('stopping the hub'));
        expect(shutdown).not.toMatch(/crashed|restart/);
        expect(await listening(Number(env.EMBEDDED_PG_PORT))).toBe(false);

        const second = start(env);
        const again = await gatewayUrlOf(second);
        expect(
          (await post<{ organisation: { units: { totalCount: number } } }>(again, QUERY)).body.data!.organisation.units.totalCount,
        ).toBe(7);
        expect(second.output()).not.toContain('demo data seeded');
        second.child.kill('SIGINT');
        expect(await second.exited).toBe(0);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    WHOLE_HUB_MS,
  );

  it(
    'uses the databases named in the environment and starts no embedded server',
    async () => {
      const adminUrl = process.env.HUB_TEST_ADMIN_URL!;
      // Every subgraph of the repository, also one a department added (npm run subgraph:new).
      const names = inRepoSubgraphs(ROOT).map((entry) => entry.name);
      const suffix = Date.now().toString(36);
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      const urls: Record<string, string> = {};
      for (const name of names) {
        await admin.query(`create database "ext_${name}_${suffix}"`);
        const url = new URL(adminUrl);
        url.pathname = `/ext_${name}_${suffix}`;
        urls[databaseVariable(name)] = url.toString();
      }
      const embeddedPort = await freePort();
      try {
        const run = start({ ...urls, EMBEDDED_PG_PORT: String(embeddedPort), EMBEDDED_PG_DIR: join(tmpdir(), `never-created-${suffix}`) });
        const url = await gatewayUrlOf(run);
        expect((await post<{ organisation: { managingDirector: string } }>(url, QUERY)).body.data!.organisation.managingDirector).toBe(
          'Ralf Bierstedt',
        );
        expect(run.output()).not.toContain('embedded PostgreSQL');
        expect(await listening(embeddedPort)).toBe(false);
        // npm start made a gateway secret for this run: nobody but the gateway gets an answer from a subgraph.
        const subgraphUrl = /subgraph organisations\s+(\S+)/.exec(run.output())![1]!;
        const direct = await post(subgraphUrl, '{ __typename }');
        expect(direct.status).toBe(401);
        expect(direct.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect((await fetch(new URL('/metrics', subgraphUrl))).status).toBe(401);
        run.child.kill('SIGTERM');
        expect(await run.exited).toBe(0);
      } finally {
        for (const name of names) await admin.query(`drop database if exists "ext_${name}_${suffix}" with (force)`);
        await admin.end();
      }
    },
    WHOLE_HUB_MS,
  );

  it('refuses to start with database URLs for only some subgraphs, naming the missing variables', async () => {
    const run = start({ ORGANISATIONS_DATABASE_URL: 'postgres://127.0.0.1:1/organisations' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('LOCATIONS_DATABASE_URL, PARTNERS_DATABASE_URL, PROGRAMMES_DATABASE_URL');
  });
});
