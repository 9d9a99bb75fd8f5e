import { randomBytes, createHash } from 'node:crypto';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signDevToken } from '@jobcenter-hub/service';
import Redis from 'ioredis';
import { ROOT, startTestHub, type TestHub } from './support/hub';
import { startTcpProxy } from './support/tcp-proxy';

/**
 * The gateway's caches in Redis (GATEWAY_CACHE_URL) shared by two gateway workers (GATEWAY_WORKERS=2):
 * a persisted query and a cached dashboard answer are known to both, a mutation through either empties
 * the cache of both, and without Redis the gateway answers as if it had no cache. Redis is reached
 * through a TCP proxy that can cut it off. Skipped where no Redis runs (global-setup says so).
 */
const REDIS_URL = process.env.HUB_TEST_REDIS_URL;
const describeWithRedis = REDIS_URL ? describe : describe.skip;

const DASHBOARD = readFileSync(join(ROOT, 'operations', 'DistrictDashboard.graphql'), 'utf8');
const PREFIX = `jobcenter-hub-test:${randomBytes(4).toString('hex')}:`;

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: Body };

let hub: TestHub;
let redis: Redis;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;

/** One request on a new connection (no keep-alive), so that consecutive requests reach different workers. */
function send(payload: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(hub.gatewayUrl);
  const data = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** The gateway workers that served the requests with these ids, from their debug log lines as read so far. */
function workersSeen(requestIds: string[]): Map<string, number> {
  const workers = new Map<string, number>();
  for (const line of hub.lines) {
    if (!line.startsWith('gateway:')) continue;
    const entry = JSON.parse(line.slice(line.indexOf('{'))) as { requestId?: string; worker?: number };
    if (entry.requestId && requestIds.includes(entry.requestId) && entry.worker !== undefined) workers.set(entry.requestId, entry.worker);
  }
  return workers;
}

/**
 * The gateway workers that served the requests with these ids. A request's log line is written after its
 * answer and reaches the test through a pipe, so wait (at most 10 s) until every id has been logged.
 */
async function workersThatServed(requestIds: string[]): Promise<Set<number>> {
  let seen = workersSeen(requestIds);
  for (let waited = 0; seen.size < requestIds.length && waited < 10_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = workersSeen(requestIds);
  }
  return new Set(seen.values());
}

const dashboard = (requestId: string) => send({ query: DASHBOARD, variables: { districtId: 'muenster' } }, { 'x-request-id': requestId });

describeWithRedis('the gateway caches in Redis, shared by two gateway workers', () => {
  beforeAll(async () => {
    const target = new URL(REDIS_URL!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const viaProxy = new URL(REDIS_URL!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    redis = new Redis(REDIS_URL!);
    hub = await startTestHub({
      gatewayEnv: {
        GATEWAY_WORKERS: '2',
        GATEWAY_CACHE_URL: viaProxy.toString(),
        GATEWAY_CACHE_PREFIX: PREFIX,
        GATEWAY_RESPONSE_CACHE_TTL_MS: '60000',
        LOG_LEVEL: 'debug',
      },
    });
  });

  afterAll(async () => {
    await hub?.stop();
    await proxy?.close();
    if (redis) {
      const keys = await redis.keys(`${PREFIX}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });

  it('a persisted query sent once to one worker is known to every worker', async () => {
    const query = `query PersistedWalk { organisation(id: "jobcenter-muenster") { name } }`;
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const registered = await send({ query, extensions: { persistedQuery } });
    expect(registered.body.errors).toBeUndefined();
    // Apollo stores the document after answering: wait for it (bounded).
    const key = `${PREFIX}apq:${persistedQuery.sha256Hash}`;
    for (let i = 0; i < 50 && (await redis.exists(key)) === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await redis.get(key)).toBe(query);

    const ids = Array.from({ length: 6 }, () => randomBytes(8).toString('hex'));
    const byHash = await Promise.all(ids.map((id) => send({ extensions: { persistedQuery } }, { 'x-request-id': id })));
    for (const answer of byHash) expect(answer.body).toEqual(registered.body);
    expect((await workersThatServed(ids)).size).toBe(2);
  });

  it('a cached dashboard answer serves every worker, and a mutation through any worker empties the cache of all', async () => {
    const first = await dashboard(randomBytes(8).toString('hex'));
    expect(first.body.errors).toBeUndefined();
    expect(first.headers['x-response-cache']).toBeUndefined();
    expect(first.headers['cache-control']).toMatch(/public/);

    const ids = Array.from({ length: 6 }, () => randomBytes(8).toString('hex'));
    const again = [];
    for (const id of ids) again.push(await dashboard(id));
    for (const answer of again) {
      expect(answer.headers['x-response-cache']).toBe('hit');
      expect(answer.body).toEqual(first.body);
    }
    expect((await workersThatServed(ids)).size).toBe(2);

    // An admin renames Münster-Nord through the gateway.
    const admin = `Bearer ${await signDevToken({ subject: 'admin', organisationId: 'stadt-muenster', roles: ['admin'] }, { issuer: 'jobcenter-hub', audience: 'jobcenter-hub' })}`;
    const current = await send({ query: '{ district(id: "muenster-nord") { version } }' });
    const version = (current.body.data as { district: { version: number } }).district.version;
    const renamed = await send(
      {
        query: 'mutation Rename($input: UpdateDistrictInput!) { updateDistrict(input: $input) { name } }',
        variables: { input: { id: 'muenster-nord', version, name: 'Münster-Nord (renamed)' } },
      },
      { authorization: admin },
    );
    expect(renamed.body.errors).toBeUndefined();

    // Whichever worker answers next computes the answer afresh, and then serves it from the cache again.
    const after = await dashboard(randomBytes(8).toString('hex'));
    expect(after.headers['x-response-cache']).toBeUndefined();
    expect(JSON.stringify(after.body)).toContain('Münster-Nord (renamed)');
    const cachedAgain = await Promise.all([dashboard(randomBytes(8).toString('hex')), dashboard(randomBytes(8).toString('hex'))]);
    for (const answer of cachedAgain) {
      expect(answer.headers['x-response-cache']).toBe('hit');
      expect(answer.body).toEqual(after.body);
    }
  });

  it('without Redis the gateway answers as if it had no cache, and uses it again when Redis is back', async () => {
    proxy.cut();
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await dashboard(randomBytes(8).toString('hex')));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.headers['x-response-cache']).toBeUndefined();
    }
    // A persisted query cannot be looked up: the client is told to send the document, which works.
    const query = `query WhileRedisIsAway { district(id: "muenster") { name } }`;
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    expect((await send({ extensions: { persistedQuery } })).body.errors?.map((error) => error.extensions?.code)).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
    expect((await send({ query, extensions: { persistedQuery } })).body.errors).toBeUndefined();
    expect(hub.lines.some((line) => line.includes('gateway cache (Redis) unavailable'))).toBe(true);

    proxy.restore();
    // Both workers reconnect by themselves (bounded wait), then answers are cached again.
    const deadline = Date.now() + 15_000;
    let hits = 0;
    while (hits < 3 && Date.now() < deadline) {
      const answer = await dashboard(randomBytes(8).toString('hex'));
      expect(answer.body.errors).toBeUndefined();
      hits = answer.headers['x-response-cache'] === 'hit' ? hits + 1 : 0;
      if (hits === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(hits).toBe(3);
  });
});
