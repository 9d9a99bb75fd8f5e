import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { signDevToken } from '@jobcenter-hub/service';
import { post, ROOT, startTestHub, type TestHub } from './support/hub';

// Issue 12, items 4 and 5: subgraphs answer only the gateway and keep their own limits even for a
// caller who has the gateway's secret; /metrics is not public; production refuses to start without the
// secret; a mutation request holds one mutation field, so no committed write hides behind an error.
// Items 2 and 3: the internal endpoints subgraphs ask each other through need the secret too, and a
// token's organisation must be in the hub.

const SECRET = 'a-shared-secret-for-this-test-only';
const GATEWAY = { 'x-gateway-secret': SECRET };
const ISSUER = { issuer: 'jobcenter-hub', audience: 'jobcenter-hub' };

let hub: TestHub;
const subgraph = (name: string) => hub.subgraphs.find((service) => service.name === name)!.url;

beforeAll(async () => {
  hub = await startTestHub({ env: { GATEWAY_SHARED_SECRET: SECRET } });
});

afterAll(async () => {
  await hub?.stop();
});

/** A valid query `levels` fields deep (introspection nests as deep as asked). */
const deepQuery = (levels: number) => `{ __type(name: "Query") { ${'ofType { '.repeat(levels - 2)}name${' }'.repeat(levels - 2)} } }`;

describe('a subgraph called with the gateway secret still keeps its own limits', () => {
  it('refuses an _entities call with more than 1,000 representations (400 BAD_USER_INPUT), and answers 1,000', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    const representations = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Organisation', id: `no-such-org-${i}` }));
    const tooMany = await post(subgraph('organisations'), query, { r: representations(1_001) }, GATEWAY);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.body.errors?.[0]?.message).toContain('at most 1000 representations');
    const allowed = await post<{ _entities: unknown[] }>(subgraph('organisations'), query, { r: representations(1_000) }, GATEWAY);
    expect(allowed.status).toBe(200);
    expect(allowed.body.data!._entities).toHaveLength(1_000);
  });

  it('refuses a query deeper than 16 fields and one with more than 100 aliases (400 GRAPHQL_VALIDATION_FAILED)', async () => {
    const url = subgraph('locations');
    const deep = await post(url, deepQuery(17), {}, GATEWAY);
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.body.errors?.[0]?.message).toContain('depth limit of 16');
    expect((await post(url, deepQuery(16), {}, GATEWAY)).status).toBe(200);

    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const many = await post(url, aliases(101), {}, GATEWAY);
    expect(many.status).toBe(400);
    expect(many.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(many.body.errors?.[0]?.message).toContain('Aliases limit of 100');
    expect((await post(url, aliases(100), {}, GATEWAY)).status).toBe(200);
  });

  it('refuses an answer that could hold more than 10,000,000 fields (400 GRAPHQL_VALIDATION_FAILED), nested pages of 100', async () => {
    const url = subgraph('locations');
    // 100 districts × 100 children × 100 sites × 11 fields: about 11 million fields.
    const nested = (fields: string) =>
      `{ districts(first: 100) { nodes { children(first: 100) { nodes { locations(first: 100) { nodes { ${fields} } } } } } } }`;
    const tooMuch = await post(
      url,
      nested('id name kind street postcode city latitude longitude createdAt updatedAt version'),
      {},
      GATEWAY,
    );
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tooMuch.body.errors?.[0]?.message).toContain('more than the limit of 10,000,000');
    const allowed = await post(url, nested('id'), {}, GATEWAY);
    expect(allowed.status).toBe(200);
    expect(allowed.body.errors).toBeUndefined();
  });

  it('answers _service { sdl } only to the gateway', async () => {
    const anyone = await post(subgraph('partners'), '{ _service { sdl } }');
    expect(anyone.status).toBe(401);
    const gateway = await post<{ _service: { sdl: string } }>(subgraph('partners'), '{ _service { sdl } }', {}, GATEWAY);
    expect(gateway.body.data!._service.sdl).toContain('type Partner');
  });

  it('still serves whole answers through the gateway, across subgraphs', async () => {
    const { body } = await post<{ organisation: { units: { totalCount: number } } }>(
      hub.gatewayUrl,
      '{ organisation(id: "jobcenter-muenster") { units { totalCount } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.organisation.units.totalCount).toBeGreaterThan(0);
  });
});

describe("the internal endpoints (references between publishers) answer only the hub's services", () => {
  const OWN = { organisations: 'Organisation', locations: 'Location', partners: 'Partner', programmes: 'Programme' } as const;
  const internal = (name: string, path: string) => new URL(path, subgraph(name));

  it.each(Object.entries(OWN))('%s: /internal/references needs the secret and answers its own type', async (name, type) => {
    const body = JSON.stringify({ type, ids: ['no-such-record'] });
    const request = (headers: Record<string, string>) =>
      fetch(internal(name, '/internal/references'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect((await request({})).status).toBe(401);
    expect((await request({ 'x-gateway-secret': 'a-wrong-secret-of-the-same-size!!' })).status).toBe(401);
    const answer = await request(GATEWAY);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ states: [] });
  });

  it('organisations lists the live grants of references to the gateway secret only', async () => {
    expect((await fetch(internal('organisations', '/internal/grants'))).status).toBe(401);
    const answer = await fetch(internal('organisations', '/internal/grants'), { headers: GATEWAY });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { grants: unknown[] }).grants).toContainEqual({
      granterId: 'stadt-muenster',
      granteeId: 'jobcenter-muenster',
    });
  });

  it('a token whose organisation is not in the hub writes nothing, in a subgraph that asks organisations over HTTP (FORBIDDEN)', async () => {
    const headers = {
      authorization: `Bearer ${await signDevToken({ subject: 'test@nowhere', organisationId: 'no-such-organisation', roles: ['editor'] }, ISSUER)}`,
    };
    const { body } = await post(
      hub.gatewayUrl,
      'mutation { createPartner(input: { id: "partner-from-nowhere", name: "Niemandes Partner", category: KITA }) { id } }',
      {},
      headers,
    );
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(body.errors?.[0]?.message).toBe('your organisation "no-such-organisation" is not in the hub (or archived)');
    const { body: after } = await post<{ partner: unknown }>(hub.gatewayUrl, '{ partner(id: "partner-from-nowhere") { id } }');
    expect(after.data!.partner).toBeNull();
  });
});

describe('/metrics is not public', () => {
  it('refuses it without credentials on the gateway and on a subgraph, and serves it with the token or the gateway secret', async () => {
    const gatewayMetrics = new URL('/metrics', hub.gatewayUrl);
    const subgraphMetrics = new URL('/metrics', subgraph('programmes'));
    expect((await fetch(gatewayMetrics)).status).toBe(401);
    expect((await fetch(subgraphMetrics)).status).toBe(401);
    expect((await fetch(gatewayMetrics, { headers: { authorization: 'Bearer a-wrong-token-of-some-length' } })).status).toBe(401);
    const withToken = await fetch(gatewayMetrics, { headers: { authorization: `Bearer ${SECRET}` } });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain('hub_');
    expect((await fetch(subgraphMetrics, { headers: GATEWAY })).status).toBe(200);
  });
});

describe('a mutation request holds one mutation field', () => {
  it('refuses two mutation fields (400 GRAPHQL_VALIDATION_FAILED), also through a fragment, and writes nothing', async () => {
    const headers = {
      authorization: `Bearer ${await signDevToken({ subject: 'test@jobcenter-muenster', organisationId: 'jobcenter-muenster', roles: ['editor'] }, ISSUER)}`,
    };
    const count = async () =>
      (await post<{ organisations: { totalCount: number } }>(hub.gatewayUrl, '{ organisations { totalCount } }')).body.data!.organisations
        .totalCount;
    const before = await count();
    const two = await post(
      hub.gatewayUrl,
      `mutation {
        a: createOrganisation(input: { id: "two-fields-a", name: "Zwei Felder A", kind: CITY_DEPARTMENT }) { id }
        b: createOrganisation(input: { id: "two-fields-b", name: "", kind: CITY_DEPARTMENT }) { id }
      }`,
      {},
      headers,
    );
    expect(two.status).toBe(400);
    expect(two.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(two.body.errors?.[0]?.message).toContain('only one mutation field');
    const viaFragment = await post(
      hub.gatewayUrl,
      `mutation { ...Both }
       fragment Both on Mutation {
         a: createOrganisation(input: { id: "two-fields-c", name: "Zwei Felder C", kind: CITY_DEPARTMENT }) { id }
         b: createOrganisation(input: { id: "two-fields-d", name: "Zwei Felder D", kind: CITY_DEPARTMENT }) { id }
       }`,
      {},
      headers,
    );
    expect(viaFragment.status).toBe(400);
    expect(viaFragment.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await count()).toBe(before);
    for (const id of ['two-fields-a', 'two-fields-c', 'two-fields-d']) {
      const { body } = await post<{ organisation: unknown }>(hub.gatewayUrl, `{ organisation(id: "${id}") { id } }`);
      expect(body.data!.organisation).toBeNull();
    }
    // One field (and __typename) is still one mutation.
    const one = await post<{ createOrganisation: { id: string } }>(
      hub.gatewayUrl,
      'mutation { __typename createOrganisation(input: { id: "one-field", name: "Ein Feld", kind: CITY_DEPARTMENT }) { id } }',
      {},
      headers,
    );
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data!.createOrganisation.id).toBe('one-field');
  });
});

/** Runs a built service with `env` and resolves with its exit code and output (it must exit by itself). */
function runToExit(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('production without GATEWAY_SHARED_SECRET', () => {
  const production = { NODE_ENV: 'production', PORT: '0', AUTH_SECRET: 'a-production-auth-secret-for-tests', LOG_LEVEL: 'silent' };

  it('a subgraph refuses to start, naming the variable in one line', async () => {
    const { code, output } = await runToExit(join(ROOT, 'subgraphs', 'organisations', 'dist', 'main.js'), {
      ...production,
      DATABASE_URL: 'postgres://127.0.0.1:1/organisations',
    });
    expect(code).toBe(1);
    expect(output).toMatch(/^configuration error: GATEWAY_SHARED_SECRET: is required in production/m);
  });

  it('the gateway refuses to start, naming the variable in one line', async () => {
    const { code, output } = await runToExit(join(ROOT, 'gateway', 'dist', 'main.js'), production);
    expect(code).toBe(1);
    expect(output).toMatch(/^configuration error: GATEWAY_SHARED_SECRET: is required in production/m);
  });
});
