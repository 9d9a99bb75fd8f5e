import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '@jobcenter-hub/service';
import { Client } from 'pg';
import { inRepoSubgraphs, type RunningService, startSubgraph } from '../scripts/src/lib/stack';
import { freePort } from '../scripts/src/lib/free-port';
import { post, ROOT } from './support/hub';
import { startPostgresChild } from './support/pg-child';

// A PostgreSQL server of this test's own, restarted in the middle of a stream of writes.
let dataDir: string;
let port: number;
let server: Awaited<ReturnType<typeof startPostgresChild>>;
let subgraph: RunningService;
let authorization: string;

const CREATE = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'jobcenter-hub-durability-'));
  port = await freePort();
  server = await startPostgresChild(dataDir, port, ['organisations']);
  subgraph = await startSubgraph({
    root: ROOT,
    entry: inRepoSubgraphs(ROOT).find((entry) => entry.name === 'organisations')!,
    databaseUrl: server.url('organisations'),
    ports: 'free',
    env: { LOG_LEVEL: 'silent' },
  });
  authorization = `Bearer ${await signDevToken({ subject: 'writer', organisationId: 'jobcenter-muenster', roles: ['editor'] }, { issuer: 'jobcenter-hub', audience: 'jobcenter-hub' })}`;
});

afterAll(async () => {
  subgraph?.process.kill('SIGTERM');
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a PostgreSQL restart during a stream of writes', () => {
  it('loses no acknowledged write, refuses the rest with coded errors, and recovers without a restart of the subgraph', async () => {
    const acknowledged: string[] = [];
    const refused: string[] = [];
    let n = 0;
    const write = async () => {
      const id = `durable-${(n += 1)}`;
      const { body } = await post<{ createOrganisation: { id: string } }>(
        subgraph.url,
        CREATE,
        { input: { id, name: `Write ${n}`, kind: 'CITY_DEPARTMENT' } },
        { authorization },
      );
      if (body.data?.createOrganisation?.id === id) acknowledged.push(id);
      else {
        const error = body.errors?.[0];
        // The code, and for anything unexpected the message, so a failure says what happened.
        refused.push(
          `${id}: ${String(error?.extensions?.code)}${error?.extensions?.code === 'SERVICE_UNAVAILABLE' ? '' : ` (${error?.message?.slice(-160)})`}`,
        );
      }
    };
    for (let i = 0; i < 20; i += 1) await write();
    // Restart: writes continue while the server is down and while it comes back.
    const stopping = server.stop();
    for (let i = 0; i < 10; i += 1) await write();
    await stopping;
    for (let i = 0; i < 5; i += 1) await write();
    server = await startPostgresChild(dataDir, port, ['organisations']);
    let recovered = false;
    for (let i = 0; i < 40 && !recovered; i += 1) {
      const before = acknowledged.length;
      await write();
      recovered = acknowledged.length > before;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (let i = 0; i < 10; i += 1) await write();
    console.log(
      `writes: ${acknowledged.length} acknowledged, ${refused.length} refused (${[...new Set(refused.map((line) => line.split(': ')[1]!.split(' ')[0]))].join(', ')})`,
    );

    expect(recovered).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.filter((line) => !line.endsWith('SERVICE_UNAVAILABLE'))).toEqual([]);
    const client = new Client({ connectionString: server.url('organisations') });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(`select id from organisation where id like 'durable-%'`);
      const stored = new Set(rows.map((row) => row.id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      // Every acknowledged create has its audit event: no half-done write.
      const audits = await client.query<{ entity_id: string }>(`select entity_id from audit_event where entity_id like 'durable-%'`);
      expect(new Set(audits.rows.map((row) => row.entity_id))).toEqual(stored);
    } finally {
      await client.end();
    }
    expect(subgraph.process.exitCode).toBeNull();
  });
});
