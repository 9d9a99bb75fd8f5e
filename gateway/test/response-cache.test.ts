import { ApolloServer, HeaderMap } from '@apollo/server';
import { readGatewayEnv } from '../src/env';
import { createResponseCachePlugin } from '../src/response-cache';

/**
 * A schema whose answers change on every execution, so a cached answer is easy to tell apart; its cache
 * hints stand for what the gateway computes from the subgraphs' Cache-Control headers.
 */
const TYPE_DEFS = `
  enum CacheControlScope { PUBLIC PRIVATE }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  type Query {
    count: Int! @cacheControl(maxAge: 60)
    slow: Int! @cacheControl(maxAge: 60)
    "Cacheable for one second only."
    brief: Int! @cacheControl(maxAge: 1)
    "No hint: maxAge 0."
    volatile: Int!
    mine: Int! @cacheControl(maxAge: 60, scope: PRIVATE)
  }
  type Mutation { touch: Boolean! }`;

function createServer(ttlMs: number, coalesce = false) {
  let executions = 0;
  const next = () => (executions += 1);
  const server = new ApolloServer({
    typeDefs: TYPE_DEFS,
    resolvers: {
      Query: {
        count: next,
        brief: next,
        volatile: next,
        mine: next,
        slow: async () => new Promise((resolve) => setTimeout(() => resolve(next()), 50)),
      },
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
      data: body?.data as Record<string, number> | undefined,
      hit: response.http.headers.get('x-response-cache') === 'hit',
      how: response.http.headers.get('x-response-cache') ?? null,
      cacheControl: response.http.headers.get('cache-control') ?? null,
      age: response.http.headers.get('age') ?? null,
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

  it('keeps only PUBLIC answers with a maxAge, for at most that maxAge, and serves them with the same Cache-Control', async () => {
    const { server, run } = createServer(60_000);
    await server.start();
    expect(await run('query Dashboard { count }')).toMatchObject({ data: { count: 1 }, hit: false, cacheControl: 'max-age=60, public' });
    expect(await run('query Dashboard { count }')).toMatchObject({
      data: { count: 1 },
      hit: true,
      cacheControl: 'max-age=60, public',
      age: '0',
    });
    // maxAge 0 (a field without a hint): never kept.
    expect(await run('query Dashboard { volatile }')).toMatchObject({ data: { volatile: 2 }, hit: false, cacheControl: 'no-store' });
    expect(await run('query Dashboard { volatile }')).toMatchObject({ data: { volatile: 3 }, hit: false });
    // PRIVATE: never kept, even for an anonymous caller.
    expect(await run('query Dashboard { mine }')).toMatchObject({ data: { mine: 4 }, hit: false, cacheControl: 'max-age=60, private' });
    expect(await run('query Dashboard { mine }')).toMatchObject({ data: { mine: 5 }, hit: false });
    // One field with a shorter maxAge bounds the whole answer, and the entry expires with it (1 s, not 60 s).
    expect(await run('query Dashboard { count brief }')).toMatchObject({ data: { count: 6, brief: 7 }, cacheControl: 'max-age=1, public' });
    expect(await run('query Dashboard { count brief }')).toMatchObject({ data: { count: 6, brief: 7 }, hit: true });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await run('query Dashboard { count brief }')).toMatchObject({ data: { count: 8, brief: 9 }, hit: false });
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
    expect(readGatewayEnv({}).responseCache.coalesce).toBe(true);
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
    expect(readGatewayEnv({}).responseCache.ttlMs).toBe(0);
    const { server, run } = createServer(20);
    await server.start();
    await run(dashboard);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect((await run(dashboard)).hit).toBe(false);
    await server.stop();
  });
});
