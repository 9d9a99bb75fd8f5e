import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { signDevToken } from '@jobcenter-hub/service';
import { parseDocument } from 'yaml';
import { inRepoSubgraphs, type RunningService, startSubgraph, subgraphUrlVariable } from '../scripts/src/lib/stack';
import { nextFreePort } from '../scripts/src/lib/scaffold';
import { readSupergraphConfig } from '../scripts/src/lib/supergraph-config';
import { composeServices, createEnvFile } from './support/compose-file';
import { type ExternalSubgraph, NOTICES_SDL, startExternalSubgraph } from './support/external-subgraph';
import { createTestDatabase, dropTestDatabases, post, ROOT, startTestHub, type TestHub } from './support/hub';
import { copyRepository, linkWorkspace } from './support/repo-copy';

const run = promisify(execFile);

let copy: string;
let hub: TestHub;
let notices: ExternalSubgraph;
let sample: RunningService | undefined;
let port: number;
const databases: string[] = [];

// The department of these tests: a name and types no real department's subgraph will have, so the
// tests also pass in a repository where, say, youth-office has been added.
const NAME = 'sample-department';
const DATABASE = 'sample_department';

beforeAll(async () => {
  copy = await copyRepository();
  port = nextFreePort(readSupergraphConfig(join(copy, 'schema', 'supergraph.yaml')).subgraphs.map((entry) => entry.routingUrl));
  notices = await startExternalSubgraph();
  // The whole hub of the copy; its gateway serves and watches the copy's schema/supergraph.graphql.
  hub = await startTestHub({ root: copy });
}, 120_000);

afterAll(async () => {
  sample?.process.kill('SIGTERM');
  await hub?.stop();
  await notices?.stop();
  await dropTestDatabases(databases);
  if (copy) await rm(copy, { recursive: true, force: true });
});

/** Runs a built script of the copy the way `npm run` does: from the copy's root. */
const runIn = (script: string, ...args: string[]) => run(process.execPath, [join(copy, script), ...args], { cwd: copy });

const supergraphYaml = () => join(copy, 'schema', 'supergraph.yaml');
const supergraphFile = () => join(copy, 'schema', 'supergraph.graphql');

/** Sets `subgraphs.<name>` of the copy's supergraph.yaml, as a department's change would. */
function setSubgraphEntry(name: string, entry: { routing_url: string; schema: { file: string } }): void {
  const document = parseDocument(readFileSync(supergraphYaml(), 'utf8'));
  document.setIn(['subgraphs', name], document.createNode(entry));
  writeFileSync(supergraphYaml(), document.toString());
}

/** Retries `attempt` until it returns a value; `attempt` may record why not in `last` for the failure message. */
async function eventually<T>(attempt: (last: { why?: unknown }) => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const last: { why?: unknown } = {};
  while (Date.now() < deadline) {
    const result = await attempt(last);
    if (result !== undefined) return result;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting until ${what}; last: ${JSON.stringify(last.why)}\n${hub.lines.join('\n')}`);
}

const HUB_WALK = readFileSync(join(ROOT, 'operations', 'HubWalk.graphql'), 'utf8');
// Spans the template's subgraph, locations (district names), and the external notices subgraph.
const PUBLISHED = `{
  district(id: "muenster-nord") { name samplePlaces { totalCount nodes { id name } } }
  samplePlaces(districtId: "muenster-ost") { nodes { name district { name } } }
  organisation(id: "jobcenter-muenster") { name notices }
}`;
interface Published {
  district: { name: string; samplePlaces: { totalCount: number; nodes: { id: string; name: string }[] } };
  samplePlaces: { nodes: { name: string; district: { name: string } }[] };
  organisation: { name: string; notices: string[] };
}

describe('the running gateway follows its supergraph file', () => {
  it('refuses a broken supergraph with a log line and keeps answering on the old one', async () => {
    const good = readFileSync(supergraphFile(), 'utf8');
    try {
      writeFileSync(supergraphFile(), good.slice(0, good.length / 2));
      await eventually(async () => hub.lines.find((line) => line.includes('supergraph refused')), 'the gateway logs the refusal');
      expect(hub.lines.find((line) => line.includes('supergraph refused'))).toContain(supergraphFile());
      const { status, body } = await post(hub.gatewayUrl, HUB_WALK);
      expect(body.errors).toBeUndefined();
      expect(status).toBe(200);
      expect(hub.gateway.process.exitCode).toBeNull();
    } finally {
      writeFileSync(supergraphFile(), good);
    }
  });
});

// The steps a department takes, one after the other, in a copy of the repository.
describe('publishing subgraphs', () => {
  it('npm run subgraph:new creates a subgraph package, listed everywhere the subgraphs are', async () => {
    const { stdout } = await runIn('scripts/dist/subgraph-new.js', NAME, '--entity', 'SamplePlace');
    expect(stdout).toContain(`created subgraphs/${NAME}`);
    const entry = readSupergraphConfig(supergraphYaml()).subgraphs.find((subgraph) => subgraph.name === NAME);
    expect(entry?.routingUrl).toBe(`http://localhost:${port}/graphql`);
    expect(port).toBeGreaterThanOrEqual(4005);
    expect(inRepoSubgraphs(copy).map((subgraph) => subgraph.name)).toContain(NAME);
    const { workspaces } = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as { workspaces: string[] };
    expect(workspaces).toContain(`subgraphs/${NAME}`);
    expect(readFileSync(join(copy, 'tsconfig.json'), 'utf8')).toContain(`{ "path": "subgraphs/${NAME}" }`);
    // In step with the container topology, as test/docker-compose.test.ts checks it for the repository:
    // its own role and database, the role's password in .env (docker/create-env.sh fills the example).
    const vars = createEnvFile(copy);
    const password = `${DATABASE.toUpperCase()}_DB_PASSWORD`;
    expect(vars[password]).toMatch(/^[0-9a-f]{64}$/);
    const services = composeServices(copy, vars);
    expect(services[NAME]!.command).toEqual(['node', `subgraphs/${NAME}/dist/main.js`]);
    expect(services[NAME]!.environment).toMatchObject({
      PORT: String(port),
      DATABASE_URL: `postgres://${DATABASE}:${vars[password]}@postgres:5432/${DATABASE}`,
      GATEWAY_SHARED_SECRET: vars.GATEWAY_SHARED_SECRET,
      SEED_DEMO_DATA: 'false',
    });
    expect(services.postgres!.environment[password]).toBe(vars[password]);
    expect(services.gateway!.environment[subgraphUrlVariable(NAME)]).toBe(`http://${NAME}:${port}/graphql`);
    expect(services.gateway!.depends_on).toHaveProperty(NAME);
    const initSql = readFileSync(join(copy, 'docker', 'postgres-init.sql'), 'utf8');
    expect(initSql).toContain(
      [
        `\\getenv ${DATABASE}_password ${password}`,
        `CREATE ROLE ${DATABASE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'${DATABASE}_password';`,
        `CREATE DATABASE ${DATABASE} OWNER ${DATABASE};`,
        `REVOKE ALL ON DATABASE ${DATABASE} FROM PUBLIC;`,
      ].join('\n'),
    );
    expect(readFileSync(join(copy, 'docker', 'Dockerfile'), 'utf8')).toContain(`COPY subgraphs/${NAME}/package.json subgraphs/${NAME}/`);
  });

  it('the new subgraph and one from outside the repository join the running gateway with one compose, while requests in flight finish', async () => {
    const gatewayPid = hub.gateway.process.pid;
    expect((await post(hub.gatewayUrl, PUBLISHED)).status).toBe(400);

    // `npm install` links the workspace; `npm run build`; then it is deployed: its own database, here a
    // free port that the supergraph routes to.
    linkWorkspace(copy, `subgraphs/${NAME}`);
    await runIn('node_modules/typescript/bin/tsc', '-b');
    const database = await createTestDatabase(NAME);
    databases.push(database);
    const entry = readSupergraphConfig(supergraphYaml()).subgraphs.find((subgraph) => subgraph.name === NAME)!;
    sample = await startSubgraph({ root: copy, entry, databaseUrl: database, ports: 'free', env: { LOG_LEVEL: 'warn' } });
    setSubgraphEntry(NAME, { routing_url: sample.url, schema: { file: `./${NAME}.graphql` } });
    // The other department's service runs elsewhere: an SDL file and its URL are all the repository holds.
    writeFileSync(join(copy, 'schema', 'notices.graphql'), NOTICES_SDL);
    setSubgraphEntry('notices', { routing_url: notices.url, schema: { file: './notices.graphql' } });
    expect(inRepoSubgraphs(copy).map((subgraph) => subgraph.name)).not.toContain('notices');

    // Dashboards keep walking the hub before, during and after the switch; paced, so that they leave
    // the two cores of a small machine to the build and compose they are waiting for.
    let running = true;
    let answered = 0;
    const failures: unknown[] = [];
    const clients = Array.from({ length: 3 }, async () => {
      while (running) {
        const { status, body } = await post(hub.gatewayUrl, HUB_WALK);
        if (status !== 200 || body.errors) failures.push(body.errors ?? status);
        answered += 1;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    });
    try {
      // `npm run compose`: the gateway notices the new schema/supergraph.graphql by itself.
      await runIn('scripts/dist/compose.js');
      expect(readFileSync(join(copy, 'schema', `${NAME}.graphql`), 'utf8')).toContain('type SamplePlace');
      // A dashboard signed in as a viewer (a development token, signed with the service package's development secret).
      const authorization = `Bearer ${await signDevToken({ subject: 'dashboard', organisationId: 'stadt-muenster', roles: ['viewer'] }, { issuer: 'jobcenter-hub', audience: 'jobcenter-hub' })}`;
      const { data } = await eventually(async (last) => {
        const { body } = await post<Published>(hub.gatewayUrl, PUBLISHED, {}, { authorization, 'x-request-id': 'publish-42' });
        last.why = body.errors;
        return body.errors ? undefined : body;
      }, 'the gateway serves both new subgraphs');
      const atSwitch = answered;
      await eventually(async () => (answered > atSwitch + 10 ? true : undefined), 'the clients are answered after the switch');

      expect(data!.district).toEqual({
        name: 'Münster-Nord',
        samplePlaces: { totalCount: 1, nodes: [{ id: `${NAME}-muenster-nord`, name: 'Sample place Münster-Nord' }] },
      });
      expect(data!.samplePlaces.nodes).toEqual([{ name: 'Sample place Münster-Ost', district: { name: 'Münster-Ost' } }]);
      expect(data!.organisation.name).toBe('Jobcenter Münster');
      expect(data!.organisation.notices[0]).toContain('jobcenter-muenster');
      // Like every subgraph, the external one gets the caller's credentials and the request id.
      expect(notices.requests.find((headers) => headers['x-request-id'] === 'publish-42')).toMatchObject({ authorization });
    } finally {
      running = false;
      await Promise.all(clients);
    }
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(10);
    expect(hub.gateway.process.pid).toBe(gatewayPid);
    expect(hub.gateway.process.exitCode).toBeNull();
    // A build, five SDL prints and a composition: on a busy two-core machine this has taken 45 s.
  }, 120_000);

  it("with the department's subgraph stopped, the district and the other subgraphs' data still come back", async () => {
    // The template adds its fields to District and Partner as nullable, as the contract requires and
    // `npm run schema:check` enforces: an outage nulls only them, not the district.
    const sdl = readFileSync(join(copy, 'schema', `${NAME}.graphql`), 'utf8');
    for (const type of ['District', 'Partner']) {
      const block = new RegExp(`\\ntype ${type}\\b[^]*?\\n}`).exec(sdl)?.[0];
      expect(block).toMatch(/\n {2}\): SamplePlaceConnection\n/);
      expect(block).not.toContain('SamplePlaceConnection!');
    }
    const stopped = sample!.process;
    await new Promise<void>((resolve) => {
      stopped.once('exit', () => resolve());
      stopped.kill('SIGTERM');
    });
    sample = undefined;
    const { status, body } = await post<{
      district: { name: string; partners: { nodes: { name: string }[] } | null; samplePlaces: unknown } | null;
    }>(hub.gatewayUrl, '{ district(id: "muenster-nord") { name partners { nodes { name } } samplePlaces { totalCount nodes { name } } } }');
    expect(status).toBe(200);
    expect(body.data?.district?.name).toBe('Münster-Nord');
    expect(body.data?.district?.partners?.nodes.length).toBeGreaterThan(0);
    expect(body.data?.district?.samplePlaces).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: `Subgraph "${NAME}" is unavailable; its part of the result is missing.`,
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: NAME }),
      }),
    ]);
  });

  it("the new package's own tests pass", async () => {
    // The scaffolded test file, run by the copy's jest on this run's PostgreSQL server (HUB_TEST_ADMIN_URL).
    const { stderr } = await runIn('node_modules/jest/bin/jest.js', '--ci', `subgraphs/${NAME}`);
    expect(stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
  });
});
