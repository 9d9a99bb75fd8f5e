import { ApolloServer, HeaderMap } from '@apollo/server';
import { readGatewayEnv } from '../src/env';
import { createResponseCachePlugin } from '../src/performance';

/** A schema whose answers change on every execution, so a cached answer is easy to tell apart. */
function createServer(ttlMs: number, coalesce = false) {
  let executions = 0;
  const server = new ApolloServer({
    typeDefs: 'type Query { count: Int! slow: Int! } type Mutation { touch: Boolean! }',
    resolvers: {
      Query: { count: () => (executions += 1), slow: async () => new Promise((resolve) => setTimeout(() => resolve((executions += 1)), 50)) },
      Mutation: { touch: () => true },
    },
    plugins: [createResponseCachePlugin({ ttlMs, operations: new Set(['Dashboard']), maxEntries: 10, coalesce })],
  });
  const run = async (query: string, authorization?: string) => {
    const response = await server.executeOperation({
      query,
      http: { method: 'POST', search: '', body: null, headers: new HeaderMap(authorization ? [['authorization', authorization]] : []) },
    });
    const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
    return {
      data: body?.data as { count?: number; slow?: number } | undefined,
      hit: response.http.headers.get('x-response-cache') === 'hit',
      how: response.http.headers.get('x-response-cache') ?? null,
    };
  };
  return { server, run };
}

describe('gateway response cache (dashboard operations)', () => {
  const dashboard = 'query Dashboard { count }';

  it('serves an allowed anonymous query from the cache until a mutation empties it', async () => {
    const { server, run } = createServer(60_000);
    await server.start();
    expect(await run(dashboard)).toMatchObject({ data: { count: 1 }, hit: false });
    expect(await run(dashboard)).toMatchObject({ data: { count: 1 }, hit: true });
    // Another operation name, or none, is not cached.
    expect((await run('query Other { count }')).hit).toBe(false);
    await run('mutation Touch { touch }');
    expect(await run(dashboard)).toMatchObject({ data: { count: 3 }, hit: false });
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

  it('runs identical anonymous queries in flight at the same time once (coalescing, on by default)', async () => {
    expect(readGatewayEnv({}).performance.responseCache.coalesce).toBe(true);
    const { server, run } = createServer(0, true);
    await server.start();
    const answers = await Promise.all([run('query Any { slow }'), run('query Any { slow }'), run('query Any { slow }')]);
    expect(answers.map((answer) => answer.data)).toEqual([{ slow: 1 }, { slow: 1 }, { slow: 1 }]);
    expect(answers.map((answer) => answer.how).sort()).toEqual(['coalesced', 'coalesced', null]);
    // Callers with credentials run their own; a later identical query runs again (nothing is kept).
    const withCredentials = await Promise.all([run('query Any { slow }', 'Bearer a'), run('query Any { slow }', 'Bearer a')]);
    expect(withCredentials.map((answer) => answer.how)).toEqual([null, null]);
    expect((await run('query Any { slow }')).data).toEqual({ slow: 4 });
    await server.stop();
  });

  it('is off by default, and expires after its TTL', async () => {
    expect(readGatewayEnv({}).performance.responseCache.ttlMs).toBe(0);
    const { server, run } = createServer(20);
    await server.start();
    await run(dashboard);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect((await run(dashboard)).hit).toBe(false);
    await server.stop();
  });
});
