import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { createErrorFormatter, ErrorCode } from '../src/errors';
import { createRequestObserver, ServiceMetrics } from '../src/metrics';

/**
 * A subgraph's view of a database outage: the resolver fails with a connection error. The client is
 * answered SERVICE_UNAVAILABLE, and the request's log line (and the error metric) must say the same,
 * not INTERNAL_SERVER_ERROR.
 */
function createServer(fail: () => never) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  );
  const logged: { error: unknown; code: string }[] = [];
  const metrics = new ServiceMetrics('errors-test');
  const apollo = new ApolloServer({
    typeDefs: 'type Query { districts: Int }',
    resolvers: { Query: { districts: fail } },
    plugins: [createRequestObserver(metrics, logger)],
    formatError: createErrorFormatter({ production: true, log: (error, answered) => logged.push({ error, code: answered.code }) }),
  });
  return { apollo, lines, logged, metrics };
}

async function ask(server: ReturnType<typeof createServer>) {
  await server.apollo.start();
  try {
    const response = await server.apollo.executeOperation({ query: '{ districts }' });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult.errors?.map((error) => error.extensions?.code);
  } finally {
    await server.apollo.stop();
  }
}

const requestLine = (lines: Record<string, unknown>[]) => lines.find((line) => line.msg === 'graphql request');

describe('the log of an error says what the client was answered', () => {
  it('logs SERVICE_UNAVAILABLE, as answered, when the database is unreachable', async () => {
    const server = createServer(() => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
    });
    expect(await ask(server)).toEqual([ErrorCode.Unavailable]);
    expect(requestLine(server.lines)).toMatchObject({ codes: [ErrorCode.Unavailable] });
    expect(server.logged.map((entry) => entry.code)).toEqual([ErrorCode.Unavailable]);
    expect(await server.metrics.registry.getSingleMetricAsString('hub_graphql_errors_total')).toContain('code="SERVICE_UNAVAILABLE"');
    expect(JSON.stringify(server.lines)).not.toContain(ErrorCode.Internal);
  });

  it('still logs INTERNAL_SERVER_ERROR, as answered, for an unexpected failure', async () => {
    const server = createServer(() => {
      throw new Error('undefined is not a function');
    });
    expect(await ask(server)).toEqual([ErrorCode.Internal]);
    expect(requestLine(server.lines)).toMatchObject({ codes: [ErrorCode.Internal] });
    expect(server.logged.map((entry) => entry.code)).toEqual([ErrorCode.Internal]);
  });

  it('leaves a coded error as it is', async () => {
    const server = createServer(() => {
      throw Object.assign(new Error('gone'), { extensions: { code: 'NOT_FOUND' } });
    });
    expect(await ask(server)).toEqual(['NOT_FOUND']);
    expect(requestLine(server.lines)).toMatchObject({ codes: ['NOT_FOUND'] });
    expect(server.logged).toEqual([]);
  });
});
