import { type ChildProcess, execFile, fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { subgraphCredential } from '@jobcenter-hub/service';
import { parseDocument } from 'yaml';
import { type ExternalSubgraph, NOTICES_SDL, startExternalSubgraph } from './support/external-subgraph';
import { type RunningService, startSubgraph } from '../scripts/src/lib/stack';
import { readSupergraphConfig } from '../scripts/src/lib/supergraph-config';
import { createTestDatabase, dropTestDatabases, post, ROOT, startTestHub, type TestHub } from './support/hub';
import { copyRepository } from './support/repo-copy';

/**
 * Issue 18, external subgraphs (path B): a subgraph registered by its SDL whose service is down does not
 * fail the hub's tests nor its `/ready`; each subgraph's state is reported apart; each subgraph has its
 * own credential; SDL drift is reported; `npm run subgraph:pull` fetches a running service's SDL.
 */
const run = promisify(execFile);
const HUB_WALK = readFileSync(join(ROOT, 'operations', 'HubWalk.graphql'), 'utf8');
const NAME = 'city-notices';
// The service serves something else than it registered: `notices` is gone, `bulletins` is new.
const DRIFTED_SDL = NOTICES_SDL.replace(/\bnotices:/, 'bulletins:');

let copy: string;
let hub: TestHub;
let drifting: ExternalSubgraph;
let gateway: { url: string; child: ChildProcess; lines: string[] } | undefined;

/** Runs a built script of the copy the way `npm run` does: from the copy's root. */
const runIn = (script: string, args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [join(copy, script), ...args], { cwd: copy, env: { ...process.env, ...env } });

/** A port nothing listens on: one the system just gave out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The state of each subgraph as the gateway at `url` reports it (`/health/details`, with the metrics token). */
async function details(url: string): Promise<Record<string, { reachable: boolean; sdl: string; drift: string[] }>> {
  const response = await fetch(new URL('/health/details', url), { headers: { authorization: `Bearer ${hub.gatewaySecret}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { subgraphs: Record<string, { reachable: boolean; sdl: string; drift: string[] }> }).subgraphs;
}

/** `find`'s value once it has one, asked every 50 ms for at most 10 s (then undefined). */
async function waitFor<T>(find: () => T | undefined): Promise<T | undefined> {
  for (let i = 0; i < 200; i += 1) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

const metricsOf = async (url: string) =>
  (await fetch(new URL('/metrics', url), { headers: { authorization: `Bearer ${hub.gatewaySecret}` } })).text();

beforeAll(async () => {
  copy = await copyRepository();
  // Registered as docs/publishing-a-subgraph.md (section 8) says: its SDL and its routing URL, here a closed port.
  writeFileSync(join(copy, 'schema', `${NAME}.graphql`), NOTICES_SDL);
  const yamlPath = join(copy, 'schema', 'supergraph.yaml');
  const document = parseDocument(readFileSync(yamlPath, 'utf8'));
  document.setIn(
    ['subgraphs', NAME],
    document.createNode({ routing_url: `http://127.0.0.1:${await closedPort()}/graphql`, schema: { file: `./${NAME}.graphql` } }),
  );
  writeFileSync(yamlPath, document.toString());
  await runIn('scripts/dist/compose.js', []);
  expect(readFileSync(join(copy, 'schema', 'supergraph.graphql'), 'utf8')).toContain('@join__graph(name: "city-notices"');
  drifting = await startExternalSubgraph({ sdl: DRIFTED_SDL });
  hub = await startTestHub({ root: copy });
}, 180_000);

afterAll(async () => {
  gateway?.child.kill('SIGTERM');
  await hub?.stop();
  await drifting?.stop();
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe('a registered external subgraph whose service is down', () => {
  it('leaves the hub serving: the walk across the in-repository subgraphs, /ready 200 everywhere', async () => {
    const { status, body } = await post<{ organisation: { name: string } }>(hub.gatewayUrl, HUB_WALK);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.organisation.name).toBe('Jobcenter Kreis Recklinghausen');
    for (const service of [hub.gateway, ...hub.subgraphs]) {
      const ready = await fetch(new URL('/ready', service.url));
      expect({ service: service.name, status: ready.status }).toEqual({ service: service.name, status: 200 });
    }
  });

  it("loses only its own fields: the other subgraphs' data comes back with an error naming it", async () => {
    const { body } = await post<{ organisation: { name: string; notices: string[] | null } | null }>(
      hub.gatewayUrl,
      '{ organisation(id: "jobcenter-muenster") { name notices } }',
    );
    expect(body.errors?.map((error) => [error.extensions?.code, error.extensions?.subgraph])).toContainEqual([
      'SUBGRAPH_UNAVAILABLE',
      NAME,
    ]);
    expect(body.data?.organisation?.name ?? JSON.stringify(body)).toBe('Jobcenter Münster');
  });

  it('is reported on its own: health details, metrics and the log', async () => {
    const states = await details(hub.gatewayUrl);
    expect(states[NAME]).toMatchObject({ reachable: false, sdl: 'unknown' });
    for (const service of hub.subgraphs) expect(states[service.name]).toMatchObject({ reachable: true, sdl: 'match', drift: [] });
    const metrics = await metricsOf(hub.gatewayUrl);
    expect(metrics).toMatch(new RegExp(`hub_subgraph_up\\{subgraph="${NAME}"[^}]*\\} 0`));
    expect(metrics).toMatch(/hub_subgraph_up\{subgraph="partners"[^}]*\} 1/);
    expect(metrics).toMatch(/hub_subgraph_sdl_drift\{subgraph="partners"[^}]*\} 0/);
    expect(await waitFor(() => hub.lines.find((line) => line.includes('subgraph unreachable') && line.includes(NAME)))).toBeDefined();
    // Without the metrics token the details stay closed.
    expect((await fetch(new URL('/health/details', hub.gatewayUrl))).status).toBe(401);
  });
});

describe('SDL drift', () => {
  beforeAll(async () => {
    // A second gateway of the copy that routes the external subgraph to a service serving another SDL.
    const lines: string[] = [];
    const child = fork(join(copy, 'gateway', 'dist', 'main.js'), [], {
      env: {
        ...process.env,
        ...hub.subgraphEnv,
        SUBGRAPH_CITY_NOTICES_URL: drifting.url,
        SUPERGRAPH_PATH: join(copy, 'schema', 'supergraph.graphql'),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        APOLLO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop()!;
      lines.push(...parts);
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`gateway exited (${code}): ${lines.join('\n')}`)));
      child.on('message', (message: { type?: string; url?: string }) => message.type === 'ready' && resolve(message.url!));
    });
    gateway = { url, child, lines };
  }, 60_000);

  it('is reported in the health details, the metrics and the log, naming what is missing', async () => {
    const states = await details(gateway!.url);
    expect(states[NAME]).toEqual(expect.objectContaining({ reachable: true, sdl: 'drift', drift: ['Organisation.notices: missing'] }));
    expect(states.organisations).toMatchObject({ sdl: 'match' });
    expect(await metricsOf(gateway!.url)).toMatch(new RegExp(`hub_subgraph_sdl_drift\\{subgraph="${NAME}"[^}]*\\} 1`));
    // The child's log reaches this process on its own schedule: wait for the line (bounded).
    const logged = await waitFor(() => gateway!.lines.find((line) => line.includes('subgraph SDL differs from the supergraph')));
    expect(logged).toContain('Organisation.notices: missing');
    // Still ready: drift is reported, not a reason to leave the load balancer.
    expect((await fetch(new URL('/ready', gateway!.url))).status).toBe(200);
  });

  it('the gateway sends the external service its own credential, not the master secret', () => {
    const sent = [...drifting.probes, ...drifting.requests].map((headers) => headers['x-gateway-secret']);
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent)).toEqual(new Set([subgraphCredential(hub.gatewaySecret, NAME)]));
  });
});

describe('per-subgraph credentials', () => {
  const ask = (url: string, secret: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gateway-secret': secret },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    }).then((response) => response.status);
  const askInternal = (url: string, secret: string) =>
    fetch(new URL('/internal/references', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gateway-secret': secret },
      body: JSON.stringify({ type: 'Organisation', ids: ['jobcenter-muenster'] }),
    }).then((response) => response.status);

  it("a department's credential opens no other subgraph, neither GraphQL nor /internal/*", async () => {
    const department = subgraphCredential(hub.gatewaySecret, NAME);
    for (const service of hub.subgraphs) {
      expect({ service: service.name, status: await ask(service.url, department) }).toEqual({ service: service.name, status: 401 });
      expect({ service: service.name, internal: await askInternal(service.url, department) }).toEqual({
        service: service.name,
        internal: 401,
      });
    }
  });

  it("each subgraph accepts its own credential and refuses every other subgraph's", async () => {
    for (const service of hub.subgraphs) {
      for (const other of hub.subgraphs) {
        const status = await ask(service.url, subgraphCredential(hub.gatewaySecret, other.name));
        expect({ service: service.name, credential: other.name, status }).toEqual({
          service: service.name,
          credential: other.name,
          status: other.name === service.name ? 200 : 401,
        });
      }
    }
  });

  it("a service given only its own credential (SUBGRAPH_SECRET), as a department's is, accepts it and refuses the master", async () => {
    const database = await createTestDatabase('programmes');
    let service: RunningService | undefined;
    try {
      const entry = readSupergraphConfig(join(copy, 'schema', 'supergraph.yaml')).subgraphs.find(
        (candidate) => candidate.name === 'programmes',
      )!;
      const own = subgraphCredential(hub.gatewaySecret, 'programmes');
      service = await startSubgraph({
        root: copy,
        entry,
        databaseUrl: database,
        ports: 'free',
        env: { LOG_LEVEL: 'warn', SUBGRAPH_SECRET: own },
      });
      expect(await ask(service.url, own)).toBe(200);
      expect(await ask(service.url, hub.gatewaySecret)).toBe(401);
      expect(await ask(service.url, subgraphCredential(hub.gatewaySecret, 'partners'))).toBe(401);
    } finally {
      service?.process.kill('SIGTERM');
      await new Promise((resolve) =>
        service && service.process.exitCode === null ? service.process.once('exit', resolve) : resolve(null),
      );
      await dropTestDatabases([database]);
    }
  }, 60_000);

  it('npm run subgraph:credential prints what the gateway sends', async () => {
    const { stdout } = await runIn('scripts/dist/subgraph-credential.js', [NAME], { GATEWAY_SHARED_SECRET: hub.gatewaySecret });
    expect(stdout).toBe(`${subgraphCredential(hub.gatewaySecret, NAME)}\n`);
    await expect(runIn('scripts/dist/subgraph-credential.js', [NAME], { GATEWAY_SHARED_SECRET: '' })).rejects.toMatchObject({
      stderr: expect.stringContaining('GATEWAY_SHARED_SECRET') as unknown,
    });
  });
});

describe('npm run subgraph:pull', () => {
  it("writes the running service's SDL into the file schema/supergraph.yaml names for it", async () => {
    const { stdout } = await runIn('scripts/dist/subgraph-pull.js', [NAME, '--url', drifting.url]);
    expect(stdout).toContain(`updated schema/${NAME}.graphql from ${drifting.url}`);
    expect(readFileSync(join(copy, 'schema', `${NAME}.graphql`), 'utf8')).toBe(DRIFTED_SDL);
  });

  it('a subgraph not registered yet: written to schema/<name>.graphql with the entry to add', async () => {
    const { stdout } = await runIn('scripts/dist/subgraph-pull.js', ['youth-office', '--url', drifting.url]);
    expect(stdout).toContain('add it to schema/supergraph.yaml');
    expect(readFileSync(join(copy, 'schema', 'youth-office.graphql'), 'utf8')).toBe(DRIFTED_SDL);
  });

  it('refuses the hub’s own subgraphs and a service that does not answer, naming why', async () => {
    await expect(runIn('scripts/dist/subgraph-pull.js', ['partners'])).rejects.toMatchObject({
      stderr: expect.stringContaining('npm run compose') as unknown,
    });
    await expect(runIn('scripts/dist/subgraph-pull.js', [NAME])).rejects.toMatchObject({
      stderr: expect.stringContaining('did not answer') as unknown,
    });
  });
});
