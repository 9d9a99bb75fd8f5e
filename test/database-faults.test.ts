import { inRepoSubgraphs, type RunningService, startSubgraph } from '../scripts/src/lib/stack';
import { createTestDatabase, dropTestDatabases, post, ROOT } from './support/hub';
import { startTcpProxy } from './support/tcp-proxy';

// The subgraph reaches PostgreSQL through a proxy that can cut it off, as a restart or a network
// partition would; the server itself keeps running for the other tests.
let databaseUrl: string;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let subgraph: RunningService;

const QUERY = '{ districts(first: 3) { totalCount nodes { name } } }';

beforeAll(async () => {
  databaseUrl = await createTestDatabase('locations');
  const direct = new URL(databaseUrl);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port) });
  const proxied = new URL(databaseUrl);
  proxied.port = String(proxy.port);
  subgraph = await startSubgraph({
    root: ROOT,
    entry: inRepoSubgraphs(ROOT).find((entry) => entry.name === 'locations')!,
    databaseUrl: proxied.toString(),
    ports: 'free',
    env: { LOG_LEVEL: 'silent' },
  });
});

afterAll(async () => {
  subgraph?.process.kill('SIGTERM');
  await proxy?.close();
  await dropTestDatabases([databaseUrl]);
});

const ready = async () => (await fetch(new URL('/ready', subgraph.url))).status;

describe('when the database becomes unreachable and comes back', () => {
  it('answers with a coded error and not-ready meanwhile, and recovers without a restart', async () => {
    expect((await post<{ districts: { totalCount: number } }>(subgraph.url, QUERY)).body.data!.districts.totalCount).toBe(17);
    expect(await ready()).toBe(200);

    proxy.cut();
    for (let i = 0; i < 3; i += 1) {
      const down = await post(subgraph.url, QUERY);
      expect(down.status).toBe(200);
      expect(down.body.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(JSON.stringify(down.body.errors)).not.toMatch(/select |ECONN|127\.0\.0\.1/i);
    }
    expect(await ready()).toBe(503);
    expect(subgraph.process.exitCode).toBeNull();

    proxy.restore();
    expect((await post<{ districts: { totalCount: number } }>(subgraph.url, QUERY)).body.data!.districts.totalCount).toBe(17);
    expect(await ready()).toBe(200);
  });
});
