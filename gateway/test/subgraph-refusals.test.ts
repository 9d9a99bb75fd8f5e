import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { GatewayMetrics } from '../src/metrics';
import { SubgraphDataSource } from '../src/subgraph-calls';

/**
 * What the gateway makes of a subgraph's 400: a value of the client's that the subgraph refused is the
 * client's mistake (BAD_USER_INPUT with the subgraph's reason, not counted as a failed call); a query the
 * subgraph does not know is the hub's (SUBGRAPH_ERROR).
 */
let server: Server;
let url: string;
let answer: { status: number; body: unknown };

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function call(metrics: GatewayMetrics): Promise<GraphQLError> {
  const source = new SubgraphDataSource('locations', url, { timeoutMs: 2_000, retries: 1, retryDelayMs: 0 }, metrics);
  try {
    await source.process({
      // GraphQLDataSourceRequestKind.HEALTH_CHECK (the enum is not exported at run time).
      kind: 'health check' as never,
      request: {
        query: 'query ($at: DateTimeISO) { locationsNear(openAt: $at) { totalCount } }',
        http: { method: 'POST', url, headers: new HeaderMap() } as never,
      },
      context: {},
    });
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('the call did not fail');
}

async function outcomes(metrics: GatewayMetrics): Promise<string[]> {
  const text = await metrics.registry.metrics();
  return [...text.matchAll(/hub_subgraph_call_duration_seconds_count\{.*outcome="([A-Z_a-z]+)".*\} (\d+)/g)].map(
    ([, outcome, count]) => `${outcome} ${count}`,
  );
}

describe("a subgraph's 400", () => {
  it.each([
    [
      'a variable it cannot coerce (BAD_USER_INPUT)',
      {
        message:
          'Variable "$at" got invalid value "not a date"; Expected type "DateTimeISO". DateTime cannot represent an invalid date-time-string not a date.',
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ],
    [
      'a literal of the wrong type (GRAPHQL_VALIDATION_FAILED)',
      {
        message:
          'Expected value of type "DateTimeISO", found "not a date"; DateTime cannot represent an invalid date-time-string not a date.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ],
  ])('for %s reaches the client as BAD_USER_INPUT with the reason, and is no failed call', async (_case, error) => {
    answer = { status: 400, body: { errors: [error] } };
    const metrics = new GatewayMetrics('gateway-test');
    const refused = await call(metrics);
    expect(refused.extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.message).toBe(error.message);
    expect(await outcomes(metrics)).toEqual(['BAD_USER_INPUT 1']);
  });

  it('for a field it does not know stays a subgraph failure', async () => {
    answer = {
      status: 400,
      body: { errors: [{ message: 'Cannot query field "nope" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
    };
    const metrics = new GatewayMetrics('gateway-test');
    const refused = await call(metrics);
    expect(refused.extensions.code).toBe('SUBGRAPH_ERROR');
    expect(refused.message).not.toMatch(/nope/);
    expect(await outcomes(metrics)).toEqual(['SUBGRAPH_ERROR 1']);
  });
});
