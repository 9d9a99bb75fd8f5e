import { ApolloServer, HeaderMap } from '@apollo/server';
import { createResponseCachePlugin, readPerformanceEnv } from '../src/performance';

/** A schema whose answers change on every execution, so a cached answer is easy to tell apart. */
function createServer(ttlMs: number) {
  let executions = 0;
  const server = new ApolloServer({
    typeDefs: 'type Query { count: Int! } type Mutation { touch: Boolean! }',
    resolvers: { Query: { count: () => (executions += 1) }, Mutation: { touch: () => true } },
    plugins: [createResponseCachePlugin({ ttlMs, operations: new Set(['Dashboard']), maxEntries: 10 })],
  });
  const run = async (query: string, authorization?: string) => {
    const response = await server.executeOperation({
      query,
      http: { method: 'POST', search: '', body: null, headers: new HeaderMap(authorization ? [['authorization', authorization]] : []) },
    });
    const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
    return { data: body?.data as { count?: number } | undefined, hit: response.http.headers.get('x-response-cache') === 'hit' };
  };
  return { server, run };
}

describe('gateway response cache (dashboard operations)', () => {
  const dashboard = 'query Dashboard { count }';

  it('serves an allowed anonymous query from the cache until a mutation empties it', async () => {
    const { server, run } = createServer(60_000);
    await server.start();
    expect(await run(dashboard)).toEqual({ data: { count: 1 }, hit: false });
    expect(await run(dashboard)).toEqual({ data: { count: 1 }, hit: true });
    // Another operation name, or none, is not cached.
    expect((await run('query Other { count }')).hit).toBe(false);
    await run('mutation Touch { touch }');
    expect(await run(dashboard)).toEqual({ data: { count: 3 }, hit: false });
    await server.stop();
  });

  it('never serves or stores answers for callers with credentials', async () => {
    const { server, run } = createServer(60_000);
    await server.start();
    expect((await run(dashboard, 'Bearer a')).hit).toBe(false);
    expect((await run(dashboard, 'Bearer a')).hit).toBe(false);
    expect((await run(dashboard)).hit).toBe(false);
    expect((await run(dashboard, 'Bearer b')).hit).toBe(false);
    await server.stop();
  });

  it('is off by default, and expires after its TTL', async () => {
    expect(readPerformanceEnv({}).responseCache.ttlMs).toBe(0);
    const { server, run } = createServer(20);
    await server.start();
    await run(dashboard);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect((await run(dashboard)).hit).toBe(false);
    await server.stop();
  });
});
