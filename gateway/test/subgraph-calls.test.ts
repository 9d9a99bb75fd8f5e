import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { GatewayMetrics } from '../src/metrics';
import { createSharedPost, type Post, SubgraphDataSource } from '../src/subgraph-calls';

/** A subgraph stand-in: counts the calls it gets and answers each after a short while. */
function createSubgraph() {
  const calls: { authorization: string | null; body: string }[] = [];
  const postOnce: Post = async (_url, headers, payload) => {
    calls.push({ authorization: headers.authorization ?? null, body: payload });
    await new Promise((resolve) => setTimeout(resolve, 30));
    if (payload.includes('broken')) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    return {
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json', 'cache-control': 'max-age=300, private' },
      body: JSON.stringify({ data: { call: calls.length } }),
    };
  };
  const post = createSharedPost(postOnce);
  return { calls, fetch: (url: string, payload: string, authorization?: string) => post(new URL(url), headers(authorization), payload) };
}

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
const headers = (authorization?: string): Record<string, string> => ({
  'content-type': 'application/json',
  ...(authorization ? { authorization } : {}),
});
const read = async (answer: Awaited<ReturnType<Post>>) => ({
  body: answer.body,
  cacheControl: answer.headers['cache-control'],
  status: answer.status,
});

describe('identical subgraph calls in flight at the same time', () => {
  const URL = 'http://subgraph.test/graphql';

  it('are sent once for the same caller, query and variables; each caller gets the full answer', async () => {
    const subgraph = createSubgraph();
    const payload = body('query Q { partners { id } }', { first: 3 });
    const answers = await Promise.all([1, 2, 3].map(() => subgraph.fetch(URL, payload, 'Bearer a').then(read)));
    expect(subgraph.calls).toHaveLength(1);
    expect(answers).toEqual(Array(3).fill({ body: '{"data":{"call":1}}', cacheControl: 'max-age=300, private', status: 200 }));
    // Once answered, nothing is kept: the next identical call goes to the subgraph.
    await subgraph.fetch(URL, payload, 'Bearer a').then(read);
    expect(subgraph.calls).toHaveLength(2);
  });

  it('are not shared across callers, variables or mutations', async () => {
    const subgraph = createSubgraph();
    const query = body('query Q { partners { id } }', { first: 3 });
    const mutation = body('mutation M { touch }');
    await Promise.all([
      subgraph.fetch(URL, query, 'Bearer a'),
      subgraph.fetch(URL, query, 'Bearer b'),
      subgraph.fetch(URL, query),
      subgraph.fetch(URL, body('query Q { partners { id } }', { first: 4 }), 'Bearer a'),
      subgraph.fetch(URL, mutation, 'Bearer a'),
      subgraph.fetch(URL, mutation, 'Bearer a'),
    ]);
    expect(subgraph.calls.map((call) => call.authorization)).toEqual(['Bearer a', 'Bearer b', null, 'Bearer a', 'Bearer a', 'Bearer a']);
  });

  it('fail together when the shared call fails, and the failure is not kept', async () => {
    const subgraph = createSubgraph();
    const payload = body('query Broken { broken }');
    const outcomes = await Promise.allSettled([subgraph.fetch(URL, payload), subgraph.fetch(URL, payload)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(subgraph.calls).toHaveLength(1);
    await expect(subgraph.fetch(URL, payload)).rejects.toThrow('ECONNREFUSED');
    expect(subgraph.calls).toHaveLength(2);
  });
});

/**
 * A stand-in subgraph on a loopback port for the tests of the calling describe block (started before
 * them, closed after): `respond` gets each request with its body read in full. `url` is set once started.
 */
function standInSubgraph(respond: (body: string, req: IncomingMessage, res: ServerResponse) => void): { url: string } {
  const address = { url: '' };
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => respond(Buffer.concat(chunks).toString('utf8'), req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return address;
}

describe('a call to a subgraph (SubgraphDataSource)', () => {
  /** What the stand-in subgraph answers next, and what it received. */
  let answer: { delayMs: number; status: number; cacheControl?: string };
  const received: { headers: Record<string, string | string[] | undefined>; body: string; socket: number }[] = [];
  const sockets = new Map<object, number>();
  const subgraph = standInSubgraph((body, req, res) => {
    if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size + 1);
    received.push({ headers: req.headers, body, socket: sockets.get(req.socket)! });
    setTimeout(() => {
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        ...(answer.cacheControl ? { 'cache-control': answer.cacheControl } : {}),
      });
      res.end(JSON.stringify({ data: { answered: received.length } }));
    }, answer.delayMs);
  });

  beforeEach(() => {
    received.length = 0;
    answer = { delayMs: 0, status: 200 };
  });

  /** An incoming operation as the query planner sends it, with a cache policy that records each restriction. */
  const operation = (query = 'query Q__locations__0 { a }') => {
    const restrictions: unknown[] = [];
    const options = {
      kind: 'incoming operation',
      request: { query, variables: { id: '1' }, operationName: 'Q__locations__0' },
      incomingRequestContext: { overallCachePolicy: { restrict: (hint: unknown) => restrictions.push(hint), replace: () => undefined } },
      context: { headers: new HeaderMap([['authorization', 'Bearer t']]), requestId: 'req-1' },
    } as never;
    return { options, restrictions };
  };

  it("sends the query as JSON with the caller's token, the request id and the credential, over one kept-alive connection", async () => {
    const source = new SubgraphDataSource('locations', subgraph.url, {
      timeoutMs: 2_000,
      retries: 0,
      retryDelayMs: 0,
      sharedSecret: 'credential',
    });
    for (let i = 0; i < 3; i += 1) await source.process(operation().options);
    expect(received).toHaveLength(3);
    expect(JSON.parse(received[0]!.body)).toEqual({
      query: 'query Q__locations__0 { a }',
      variables: { id: '1' },
      operationName: 'Q__locations__0',
    });
    expect(received[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer t',
      'x-request-id': 'req-1',
      'x-gateway-secret': 'credential',
    });
    expect(new Set(received.map((call) => call.socket)).size).toBe(1);
  });

  it("answers the subgraph's data and restricts the answer's cache policy by its Cache-Control", async () => {
    const source = new SubgraphDataSource('locations', subgraph.url, { timeoutMs: 2_000, retries: 0, retryDelayMs: 0 });
    answer.cacheControl = 'max-age=30, public';
    const { options, restrictions } = operation();
    expect(await source.process(options)).toEqual({ data: { answered: 1 } });
    answer.cacheControl = undefined;
    const uncached = operation();
    await source.process(uncached.options);
    expect([...restrictions, ...uncached.restrictions]).toEqual([{ maxAge: 30, scope: 'PUBLIC' }, { maxAge: 0 }]);
  });

  it('gives up after its timeout with SUBGRAPH_TIMEOUT, trying a query once more', async () => {
    const metrics = new GatewayMetrics('gateway-test');
    const source = new SubgraphDataSource('locations', subgraph.url, { timeoutMs: 100, retries: 1, retryDelayMs: 0 }, metrics);
    answer.delayMs = 400;
    const started = Date.now();
    await expect(source.process(operation().options)).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_TIMEOUT', subgraph: 'locations' },
    });
    expect(Date.now() - started).toBeLessThan(400);
    expect(received).toHaveLength(2);
    expect(await metrics.registry.metrics()).toMatch(/hub_subgraph_call_duration_seconds_count\{.*outcome="SUBGRAPH_TIMEOUT".*\} 2/);
  });

  it('never repeats a mutation', async () => {
    const source = new SubgraphDataSource('locations', subgraph.url, { timeoutMs: 100, retries: 2, retryDelayMs: 0 });
    answer.delayMs = 300;
    await expect(source.process(operation('mutation M__locations__0 { touch }').options)).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_TIMEOUT' },
    });
    expect(received).toHaveLength(1);
  });

  it('makes a 503 SUBGRAPH_UNAVAILABLE and an unreachable subgraph too, naming the subgraph but not its URL', async () => {
    answer.status = 503;
    const source = new SubgraphDataSource('locations', subgraph.url, { timeoutMs: 2_000, retries: 1, retryDelayMs: 0 });
    const unavailable = (await source.process(operation().options).catch((error: unknown) => error)) as GraphQLError;
    expect(unavailable.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'locations' });
    expect(received).toHaveLength(2);
    const closed = await new Promise<string>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(`http://127.0.0.1:${port}/graphql`));
      });
    });
    const gone = new SubgraphDataSource('locations', closed, { timeoutMs: 2_000, retries: 1, retryDelayMs: 0 });
    const unreachable = (await gone.process(operation().options).catch((error: unknown) => error)) as GraphQLError;
    expect(unreachable.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'locations' });
    expect(unreachable.message).not.toContain('127.0.0.1');
  });
});

describe('entity fetches of one request that ask a subgraph the same (SubgraphDataSource)', () => {
  /** Representations the stand-in accepts in one call; more: 400 BAD_USER_INPUT, as a subgraph's limit answers. */
  const LIMIT = 4;
  const calls: { operationName: string; representations: { id: string }[] }[] = [];
  const subgraph = standInSubgraph((body, _req, res) => {
    const { operationName, variables } = JSON.parse(body) as {
      operationName: string;
      variables: { representations: { id: string }[] };
    };
    calls.push({ operationName, representations: variables.representations });
    const answer =
      variables.representations.length > LIMIT
        ? { status: 400, body: { errors: [{ message: 'too many representations', extensions: { code: 'BAD_USER_INPUT' } }] } }
        : {
            status: 200,
            body: {
              data: { _entities: variables.representations.map(({ id }) => (id.startsWith('bad') ? null : { name: `name of ${id}` })) },
              errors: [
                ...variables.representations.flatMap(({ id }, i) =>
                  id.startsWith('bad') ? [{ message: `no ${id}`, path: ['_entities', i, 'name'] }] : [],
                ),
                ...(variables.representations.some(({ id }) => id === 'warn') ? [{ message: 'a warning of no entity' }] : []),
              ],
            },
          };
    if (answer.body.errors?.length === 0) delete (answer.body as { errors?: unknown }).errors;
    res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'max-age=60, public' });
    res.end(JSON.stringify(answer.body));
  });

  beforeEach(() => {
    calls.length = 0;
  });

  const ENTITY_QUERY = (name: string) =>
    `query ${name}($representations:[_Any!]!){_entities(representations:$representations){...on District{name}}}`;
  /** One entity fetch of the query plan, as executeQueryPlan hands it over. */
  const fetchOf = (context: object, name: string, ids: string[], extra: Record<string, unknown> = {}) =>
    ({
      kind: 'incoming operation',
      request: {
        query: ENTITY_QUERY(name),
        operationName: name,
        variables: { ...extra, representations: ids.map((id) => ({ __typename: 'District', id })) },
      },
      incomingRequestContext: { overallCachePolicy: { restrict: () => undefined, replace: () => undefined } },
      context,
    }) as never;
  const source = () => new SubgraphDataSource('partners', subgraph.url, { timeoutMs: 2_000, retries: 0, retryDelayMs: 0 });

  it('are sent as one call; each gets its own entities, and the errors of its own entities with its own indices', async () => {
    const partners = source();
    const request = { headers: new HeaderMap(), requestId: 'r' };
    const [district, children] = await Promise.all([
      partners.process(fetchOf(request, 'Q__partners__1', ['d1'])),
      partners.process(fetchOf(request, 'Q__partners__3', ['c1', 'bad2', 'c3'])),
    ]);
    expect(calls).toEqual([
      { operationName: 'Q__partners__1', representations: ['d1', 'c1', 'bad2', 'c3'].map((id) => ({ __typename: 'District', id })) },
    ]);
    expect(district).toEqual({ data: { _entities: [{ name: 'name of d1' }] } });
    expect(children).toEqual({
      data: { _entities: [{ name: 'name of c1' }, null, { name: 'name of c3' }] },
      errors: [{ message: 'no bad2', path: ['_entities', 1, 'name'] }],
    });
  });

  it('give an error of no entity to each of them', async () => {
    const partners = source();
    const request = { headers: new HeaderMap(), requestId: 'r' };
    const answers = await Promise.all([
      partners.process(fetchOf(request, 'Q__partners__1', ['warn'])),
      partners.process(fetchOf(request, 'Q__partners__3', ['c1'])),
    ]);
    expect(calls).toHaveLength(1);
    expect(answers.map((answer) => answer.errors)).toEqual([
      [{ message: 'a warning of no entity' }],
      [{ message: 'a warning of no entity' }],
    ]);
  });

  it('are not merged across requests, nor when other variables differ', async () => {
    const partners = source();
    const one = { headers: new HeaderMap(), requestId: 'one' };
    const two = { headers: new HeaderMap(), requestId: 'two' };
    await Promise.all([
      partners.process(fetchOf(one, 'Q__partners__1', ['a'])),
      partners.process(fetchOf(two, 'Q__partners__1', ['b'])),
      partners.process(fetchOf(one, 'Q__partners__3', ['c'], { year: 2024 })),
      partners.process(fetchOf(one, 'Q__partners__5', ['d'], { year: 2025 })),
    ]);
    expect(calls.map((call) => call.representations.map(({ id }) => id)).sort()).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('are sent one by one when the subgraph refuses them together', async () => {
    const partners = source();
    const request = { headers: new HeaderMap(), requestId: 'r' };
    const answers = await Promise.all([
      partners.process(fetchOf(request, 'Q__partners__1', ['a', 'b', 'c'])),
      partners.process(fetchOf(request, 'Q__partners__3', ['d', 'e'])),
    ]);
    expect(calls.map((call) => call.representations.length)).toEqual([5, 3, 2]);
    expect(answers.map((answer) => answer.data?._entities)).toEqual([
      [{ name: 'name of a' }, { name: 'name of b' }, { name: 'name of c' }],
      [{ name: 'name of d' }, { name: 'name of e' }],
    ]);
  });
});
