import { signDevToken } from '@jobcenter-hub/service';
import { post, startTestHub, type TestHub } from './support/hub';
import { postOnNewConnection } from './support/post-on-new-connection';

/**
 * Requests that are the client's mistake, through the real gateway: each gets a 4xx (or a 200 with a
 * coded error, as the GraphQL-over-HTTP spec allows) that says what was wrong — never a 500, never a
 * subgraph failure, and never an error message that echoes megabytes of the client's text.
 */
let hub: TestHub;

// Starting the hub takes long on a loaded machine (gateway workers, four subgraphs and their databases).
beforeAll(async () => {
  hub = await startTestHub();
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

type Body = { data?: unknown; errors?: { message: string; extensions?: { code?: string; stacktrace?: string[] } }[] };

async function send(payload: unknown): Promise<{ status: number; text: string; body: Body }> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const response = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Body };
}

const CLIENT_CODES = ['BAD_REQUEST', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'];

/** A client error: 400 (or 200 with errors and no data), with a client error code. */
function expectClientError(answer: { status: number; body: Body }, codes = CLIENT_CODES) {
  expect([200, 400]).toContain(answer.status);
  expect(answer.body.errors?.length).toBeGreaterThan(0);
  expect(codes).toContain(answer.body.errors![0]!.extensions?.code);
}

describe('operations that the document does not hold', () => {
  it('an operationName that is not in the document is a 400 BAD_REQUEST', async () => {
    const answer = await send({ query: 'query Mine { organisations { totalCount } }', operationName: 'Yours' });
    expect(answer.status).toBe(400);
    expectClientError(answer);
  });

  it('two operations and no operationName is a 400 BAD_REQUEST', async () => {
    const answer = await send({ query: 'query A { organisations { totalCount } } query B { districts { totalCount } }' });
    expect(answer.status).toBe(400);
    expectClientError(answer);
  });
});

describe('values that do not fit', () => {
  it('a float literal that overflows (1e309) is refused before planning', async () => {
    const answer = await send({ query: '{ locationsNear(latitude: 1e309, longitude: 7.6, radiusKm: 5) { totalCount } }' });
    expect(answer.status).toBe(400);
    expectClientError(answer);
  });

  it('variables nested 5,000 deep get 400, not a 500', async () => {
    // Written out by hand: JSON.stringify itself runs out of stack on this.
    const deep = `${'{"a":'.repeat(5_000)}"x"${'}'.repeat(5_000)}`;
    const query = (text: string) => JSON.stringify(text);
    const answer = await send(
      `{"query":${query('query ($s: String) { organisations(search: $s) { totalCount } }')},"variables":{"s":${deep}}}`,
    );
    expect(answer.status).toBe(400);
    expectClientError(answer);
    const unused = await send(`{"query":${query('{ organisations { totalCount } }')},"variables":{"unused":${deep}}}`);
    expect(unused.status).toBe(400);
    expectClientError(unused);
    // Over GET, Apollo Server parses the variables itself; a URL that long is refused by Node (431).
    const search = new URLSearchParams({ query: '{ organisations { totalCount } }', variables: `{"unused":${deep}}` });
    const overGet = await fetch(`${hub.gatewayUrl}?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(overGet.status).toBeGreaterThanOrEqual(400);
    expect(overGet.status).toBeLessThan(500);
    // The deepest that fits in a URL (lists: 6 characters a level, encoded) is no 5xx either.
    const lists = new URLSearchParams({
      query: '{ organisations { totalCount } }',
      variables: `{"unused":${'['.repeat(2_600)}${']'.repeat(2_600)}}`,
    });
    const deepest = await fetch(`${hub.gatewayUrl}?${lists}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(deepest.status).toBeLessThan(500);
  });

  it.each([
    ['as a literal', { query: '{ locationsNear(latitude: 51.96, longitude: 7.6, radiusKm: 5, openAt: "not a date") { totalCount } }' }],
    [
      'as a variable',
      {
        query: 'query ($at: DateTimeISO) { locationsNear(latitude: 51.96, longitude: 7.6, radiusKm: 5, openAt: $at) { totalCount } }',
        variables: { at: 'not a date' },
      },
    ],
  ])('an invalid date-time %s is refused with the reason before the subgraph is called', async (_how, payload) => {
    const callsBefore = await subgraphCalls('locations');
    const answer = await send(payload);
    expect(answer.status).toBe(400);
    expectClientError(answer, ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);
    expect(answer.body.errors![0]!.message).toMatch(/cannot represent an invalid date-time-string/);
    expect(answer.text).not.toMatch(/SUBGRAPH_ERROR/);
    expect(await subgraphCalls('locations')).toEqual(callsBefore);
  });
});

/** Calls to `subgraph` that the gateway's metrics counted so far: all, and failed ones (outcome SUBGRAPH_*). */
async function subgraphCalls(subgraph: string): Promise<{ all: number; failed: number }> {
  const text = await (await fetch(new URL('/metrics', hub.gatewayUrl), { headers: hub.metricsHeaders })).text();
  const calls = { all: 0, failed: 0 };
  for (const line of text.split('\n')) {
    const match = /^hub_subgraph_call_duration_seconds_count\{(.*)\} (\d+)/.exec(line);
    if (!match || !match[1]!.includes(`subgraph="${subgraph}"`)) continue;
    calls.all += Number(match[2]);
    if (/outcome="SUBGRAPH_[A-Z]+"/.test(match[1]!)) calls.failed += Number(match[2]);
  }
  return calls;
}

describe('limits', () => {
  it('counts aliases of __typename: 16 of them exceed the limit of 15', async () => {
    const query = `{ ${Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const answer = await send({ query });
    expect(answer.status).toBe(400);
    expectClientError(answer, ['GRAPHQL_VALIDATION_FAILED']);
    expect(answer.body.errors![0]!.message).toMatch(/Aliases limit of 15/);
    const fifteen = await send({ query: `{ ${Array.from({ length: 15 }, (_, i) => `t${i}: __typename`).join(' ')} }` });
    expect(fifteen.status).toBe(200);
  });

  it('a body over 1 MB sent chunked (no content-length) gets 413 PAYLOAD_TOO_LARGE, not a reset', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const body = [
      '{"query": "{ organisations { totalCount } }", "x": "',
      ...Array<string>(Math.ceil(1_500_000 / chunk.length)).fill(chunk),
      '"}',
    ];
    // No content-length: the helper sends the body chunked.
    const answer = await postOnNewConnection(hub.gatewayUrl, body);
    expect(answer.status).toBe(413);
    expect((JSON.parse(answer.text) as Body).errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    // The gateway keeps serving.
    expect((await send({ query: '{ __typename }' })).status).toBe(200);
  });
});

describe('error messages', () => {
  it('echo at most a short piece of an unknown 500 KB field name', async () => {
    const name = `f${'x'.repeat(500_000)}`;
    const answer = await send({ query: `{ ${name} }` });
    expectClientError(answer, ['GRAPHQL_VALIDATION_FAILED']);
    expect(answer.text.length).toBeLessThan(10_000);
    expect(answer.body.errors![0]!.message).toMatch(/Cannot query field "fxxxx/);
  });
});

describe('valid values', () => {
  it('a valid date-time reaches the subgraph as written, as a literal and as a variable, signed in or not', async () => {
    const token = await signDevToken(
      { subject: 'test@x', organisationId: 'jobcenter-muenster', roles: ['viewer'] },
      { issuer: 'jobcenter-hub', audience: 'jobcenter-hub' },
    );
    const literal = await post(
      hub.gatewayUrl,
      '{ locationsNear(latitude: 51.96, longitude: 7.6, radiusKm: 50, openAt: "2026-06-01T10:00:00Z") { totalCount } }',
    );
    const variable = await post(
      hub.gatewayUrl,
      'query ($at: DateTimeISO!) { locationsNear(latitude: 51.96, longitude: 7.6, radiusKm: 50, openAt: $at) { totalCount } }',
      { at: '2026-06-01T10:00:00Z' },
      { authorization: `Bearer ${token}` },
    );
    for (const answer of [literal, variable]) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    }
    expect(variable.body.data).toEqual(literal.body.data);
  });
});
