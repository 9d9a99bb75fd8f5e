import { fork } from 'node:child_process';
import { join } from 'node:path';
import { signDevToken } from '@jobcenter-hub/service';
import { post, ROOT, startTestHub, type TestHub } from './support/hub';

const ISSUER = { issuer: 'jobcenter-hub', audience: 'jobcenter-hub' };
const token = (org: string, ...roles: ('viewer' | 'editor' | 'admin')[]) =>
  signDevToken({ subject: `test@${org}`, organisationId: org, roles }, ISSUER);

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

const raw = (body: string, headers: Record<string, string> = {}) =>
  fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

async function organisationCount(): Promise<number> {
  const { body } = await post<{ organisations: { totalCount: number } }>(hub.gatewayUrl, '{ organisations { totalCount } }');
  return body.data!.organisations.totalCount;
}

const CREATE = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id version ownerId } }`;

describe('writing through the gateway', () => {
  it('lets an editor publish for their organisation, with the version to update against', async () => {
    const headers = { authorization: `Bearer ${await token('jobcenter-muenster', 'editor')}` };
    const created = await post<{ createOrganisation: { id: string; version: number; ownerId: string } }>(
      hub.gatewayUrl,
      CREATE,
      { input: { id: 'stadtteilbuero-coerde', name: 'Stadtteilbüro Coerde', kind: 'CITY_DEPARTMENT' } },
      headers,
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data!.createOrganisation).toEqual({ id: 'stadtteilbuero-coerde', version: 1, ownerId: 'jobcenter-muenster' });
    const other = { authorization: `Bearer ${await token('jobcenter-kreis-recklinghausen', 'editor')}` };
    const refused = await post(
      hub.gatewayUrl,
      `mutation { archiveOrganisation(id: "stadtteilbuero-coerde", version: 1) { id } }`,
      {},
      other,
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('hostile and broken requests to the gateway', () => {
  const deep = `{ district(id: "muenster-nord") { ${'parent { '.repeat(20)}id${' }'.repeat(20)} } }`;
  const aliases = `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: organisations { totalCount }`).join(' ')} }`;
  const roots = `{ ${Array.from({ length: 12 }, (_, i) => `r${i}: organisation(id: "x${i}") { id }`).join(' ')} }`;
  const directives = `{ organisations { totalCount ${'@skip(if: false) '.repeat(60)} } }`;
  const tokens = `{ organisations { ${'totalCount '.repeat(3000)} } }`;
  const nestedPages =
    '{ districts(first: 100) { nodes { locations(first: 100) { nodes { programmes(first: 100) { nodes { id name } } } } } } }';

  const cases: [string, () => Promise<Response>][] = [
    ['malformed JSON', () => raw('{"query": "{ organisations { totalCount } }"')],
    ['an empty body', () => raw('')],
    ['a body over the size limit', () => raw(JSON.stringify({ query: `{ organisations { totalCount } } # ${'x'.repeat(1_100_000)}` }))],
    [
      'a wrong variable type',
      () => raw(JSON.stringify({ query: 'query ($id: ID!) { organisation(id: $id) { id } }', variables: { id: { nested: true } } })),
    ],
    ['an unknown field', () => raw(JSON.stringify({ query: '{ organisations { totalCount colour } }' }))],
    ['an unknown enum value', () => raw(JSON.stringify({ query: '{ organisations(kind: BAKERY) { totalCount } }' }))],
    [
      'a huge search string',
      () =>
        raw(
          JSON.stringify({
            query: 'query ($s: String) { organisations(search: $s) { totalCount } }',
            variables: { s: 'ä'.repeat(100_000) },
          }),
        ),
    ],
    ['deep nesting', () => raw(JSON.stringify({ query: deep }))],
    ['an alias bomb', () => raw(JSON.stringify({ query: aliases }))],
    ['pages nested in pages (a million fields)', () => raw(JSON.stringify({ query: nestedPages }))],
    ['too many root fields', () => raw(JSON.stringify({ query: roots }))],
    ['a directive flood', () => raw(JSON.stringify({ query: directives }))],
    ['a token flood', () => raw(JSON.stringify({ query: tokens }))],
    ['a batch of operations', () => raw(JSON.stringify(Array.from({ length: 50 }, () => ({ query: '{ organisations { totalCount } }' }))))],
    [
      'a mutation over GET',
      () =>
        fetch(
          `${hub.gatewayUrl}?query=${encodeURIComponent('mutation { archiveOrganisation(id: "jobcenter-muenster", version: 1) { id } }')}`,
          { headers: { 'apollo-require-preflight': 'true' } },
        ),
    ],
    [
      'a token signed with another key',
      async () =>
        raw(JSON.stringify({ query: CREATE, variables: { input: { name: 'Forged', kind: 'CITY_DEPARTMENT' } } }), {
          authorization: `Bearer ${await signDevToken({ subject: 'x', organisationId: 'jobcenter-muenster', roles: ['admin'] }, { ...ISSUER, secret: 'someone-elses-secret-of-enough-length' })}`,
        }),
    ],
    [
      'an expired token',
      async () =>
        raw(JSON.stringify({ query: CREATE, variables: { input: { name: 'Expired', kind: 'CITY_DEPARTMENT' } } }), {
          authorization: `Bearer ${await signDevToken({ subject: 'x', organisationId: 'jobcenter-muenster', roles: ['admin'] }, { ...ISSUER, expiresIn: Math.floor(Date.now() / 1000) - 60 })}`,
        }),
    ],
    [
      'an unsigned token (alg none)',
      () => {
        const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        const unsigned = `${part({ alg: 'none' })}.${part({ sub: 'x', org: 'jobcenter-muenster', roles: ['admin'], iss: 'jobcenter-hub', aud: 'jobcenter-hub', exp: 9_999_999_999 })}.`;
        return raw(JSON.stringify({ query: CREATE, variables: { input: { name: 'Unsigned', kind: 'CITY_DEPARTMENT' } } }), {
          authorization: `Bearer ${unsigned}`,
        });
      },
    ],
    [
      'a token for another audience',
      async () =>
        raw(JSON.stringify({ query: CREATE, variables: { input: { name: 'Elsewhere', kind: 'CITY_DEPARTMENT' } } }), {
          authorization: `Bearer ${await signDevToken({ subject: 'x', organisationId: 'jobcenter-muenster', roles: ['admin'] }, { issuer: 'jobcenter-hub', audience: 'another-hub' })}`,
        }),
    ],
    [
      'a malformed authorization header',
      () =>
        raw(JSON.stringify({ query: CREATE, variables: { input: { name: 'Basic', kind: 'CITY_DEPARTMENT' } } }), {
          authorization: 'Basic YWRtaW46YWRtaW4=',
        }),
    ],
  ];

  it('answers every case with a 4xx or a coded GraphQL error, never a 500, writes nothing, and keeps running', async () => {
    const before = await organisationCount();
    const seen: string[] = [];
    for (const [name, send] of cases) {
      const response = await send();
      const text = await response.text();
      let body: { errors?: { extensions?: { code?: string } }[] } = {};
      try {
        body = JSON.parse(text);
      } catch {
        // a non-JSON 4xx is fine as long as it is a 4xx
      }
      const code = body.errors?.[0]?.extensions?.code;
      seen.push(`${name}: ${response.status} ${code ?? ''}`);
      expect({ name, server: response.status >= 500 }).toEqual({ name, server: false });
      expect({ name, answered: response.status >= 400 || typeof code === 'string' }).toEqual({ name, answered: true });
    }
    console.log(`hostile requests:\n  ${seen.join('\n  ')}`);
    const tokenCases = seen.filter((line) => /token signed|expired token|unsigned token|token for another|authorization header/.test(line));
    expect(tokenCases).toHaveLength(5);
    expect(tokenCases.every((line) => line.includes('UNAUTHENTICATED'))).toBe(true);
    expect(await organisationCount()).toBe(before);
    for (const service of [hub.gateway, ...hub.subgraphs])
      expect({ service: service.name, alive: service.process.exitCode === null }).toEqual({ service: service.name, alive: true });
  });
});

describe('production mode', () => {
  it('turns off introspection, Sandbox and field suggestions, and masks internal errors', async () => {
    const overrides = Object.fromEntries(hub.subgraphs.map((service) => [`SUBGRAPH_${service.name.toUpperCase()}_URL`, service.url]));
    const child = fork(join(ROOT, 'gateway', 'dist', 'main.js'), [], {
      env: {
        ...process.env,
        ...overrides,
        NODE_ENV: 'production',
        GATEWAY_SHARED_SECRET: hub.gatewaySecret,
        // Any operation, as before trusted documents: what production mode itself changes (test/trusted-documents.test.ts covers the manifest).
        GATEWAY_TRUSTED_DOCUMENTS: 'off',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`production gateway exited (${code})`)));
        child.on('message', (message: { type?: string; url?: string }) => message.type === 'ready' && resolve(message.url!));
      });
      const introspection = await post(url, '{ __schema { types { name } } }');
      expect(introspection.status).toBe(400);
      expect(introspection.body.data ?? null).toBeNull();
      const landing = await fetch(url, { headers: { accept: 'text/html' } });
      expect(await landing.text()).not.toMatch(/sandbox/i);
      const typo = await post(url, '{ organisatons { totalCount } }');
      expect(typo.status).toBe(400);
      expect(JSON.stringify(typo.body)).not.toMatch(/did you mean/i);
      expect(JSON.stringify(typo.body)).not.toMatch(/stacktrace/);
      const ok = await post<{ organisations: { totalCount: number } }>(url, '{ organisations { totalCount } }');
      expect(ok.body.data!.organisations.totalCount).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('only the gateway may call a subgraph', () => {
  it('with GATEWAY_SHARED_SECRET set, subgraphs refuse direct calls with 401 and serve the gateway', async () => {
    const guarded = await startTestHub({ env: { GATEWAY_SHARED_SECRET: 'a-shared-secret-for-this-test-only' } });
    try {
      const direct = await post(guarded.subgraphs[0]!.url, '{ __typename }');
      expect(direct.status).toBe(401);
      expect(direct.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const forged = await post(
        guarded.subgraphs[0]!.url,
        '{ __typename }',
        {},
        { 'x-gateway-secret': 'a-wrong-secret-of-the-same-size!!' },
      );
      expect(forged.status).toBe(401);
      const through = await post<{ organisations: { totalCount: number } }>(guarded.gatewayUrl, '{ organisations { totalCount } }');
      expect(through.body.errors).toBeUndefined();
      expect(through.body.data!.organisations.totalCount).toBeGreaterThan(0);
    } finally {
      await guarded.stop();
    }
  });
});
