import { request, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { createHttpServer, listen, requestTarget } from '../src/http';
import { createLogger } from '../src/logger';

/** The shared HTTP server's own refusals, before Apollo Server sees a request: 413, 400 and 429. */
let server: Server;
let url: URL;
let refuse = false;

beforeAll(async () => {
  const apollo = new ApolloServer({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'hi' } } });
  await apollo.start();
  server = createHttpServer({
    apollo,
    context: async () => ({}),
    logger: createLogger('http-test', 'silent'),
    readiness: async () => ({}),
    maxBodyBytes: 10_000,
    admit: async () => (refuse ? { retryAfterS: 7 } : undefined),
  });
  url = new URL(await listen(server, 0, '127.0.0.1'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

type Answer = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { errors?: { extensions?: Record<string, unknown> }[] };
};

/** POSTs `chunks` one write each; without `contentLength` the body goes chunked. */
function send(chunks: string[], contentLength?: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', ...(contentLength !== undefined ? { 'content-length': contentLength } : {}) },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(parts).toString('utf8')) }),
        );
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const QUERY = '{"query":"{ hello }"';

describe('the shared HTTP server', () => {
  it('answers a chunked body over the limit with 413 PAYLOAD_TOO_LARGE and closes the connection', async () => {
    const answer = await send([`${QUERY},"x":"`, ...Array<string>(20).fill('x'.repeat(4_000)), '"}']);
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a declared body over the limit with 413 too', async () => {
    const body = `${QUERY},"x":"${'x'.repeat(20_000)}"}`;
    const answer = await send([body], Buffer.byteLength(body));
    expect(answer.status).toBe(413);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers JSON nested deeper than 64 levels with 400 BAD_REQUEST, and 64 levels normally', async () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const deep = await send([`${QUERY},"variables":${nested(1_000)}}`]);
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    // body → variables → 62 more levels: still fine.
    const fine = await send([`${QUERY},"variables":${nested(62)}}`]);
    expect(fine.status).toBe(200);
  });

  it('answers a request that `admit` refuses with 429, Retry-After and RATE_LIMITED', async () => {
    refuse = true;
    try {
      const answer = await send([`${QUERY}}`]);
      expect(answer.status).toBe(429);
      expect(answer.headers['retry-after']).toBe('7');
      expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 7 });
    } finally {
      refuse = false;
    }
    expect((await send([`${QUERY}}`])).status).toBe(200);
  });
});

describe('requestTarget', () => {
  it('has the pathname and search of a WHATWG URL, for plain targets and for every other', () => {
    const targets = [
      '/graphql',
      '/graphql?',
      '/graphql?query=%7B__typename%7D&x=1',
      '/graphql?hub-probe=sdl',
      '/',
      '',
      '/internal/references',
      '/health',
      '//evil/graphql',
      '/graphql/../health',
      '/./graphql',
      '/graph%71l',
      '/graphql#fragment',
      '/graphql?a=1#fragment',
      "/graphql?a='b'",
      '/graphql?a b',
      '/graphql?ä=ö',
      '/Grüße',
      'http://other.example/graphql?x=1',
      '*',
      '/a//b?c',
      '/graphql\\..\\health',
    ];
    for (const target of targets) {
      const url = new URL(target || '/', 'http://localhost');
      expect([target, requestTarget(target)]).toEqual([target, { pathname: url.pathname, search: url.search }]);
    }
    expect(requestTarget(undefined)).toEqual({ pathname: '/', search: '' });
  });
});
