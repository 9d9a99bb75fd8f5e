import { type ChildProcess, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { type DocumentNode, Kind, print } from 'graphql';
import { readGatewayEnv } from '../gateway/src/env';
import { post, ROOT, startTestHub, type TestHub } from './support/hub';
import { SAVED_OPERATION_VARIABLES, savedOperations, staffHeaders } from './support/saved-operations';

interface Manifest {
  format: string;
  version: number;
  operations: { id: string; name: string; type: string; body: string }[];
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'schema', 'persisted-query-manifest.json'), 'utf8')) as Manifest;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `generatePersistedQueryIdsFromManifest` of `@apollo/persisted-query-lists` (not installed here), as it
 * works: the id of the manifest operation with the document's operation name; no name in the manifest is
 * an error, not a fallback to the document.
 */
function generatePersistedQueryIdsFromManifest(options: { loadManifest: () => Promise<{ operations: { id: string; name: string }[] }> }) {
  const ids = options.loadManifest().then((loaded) => new Map(loaded.operations.map(({ name, id }) => [name, id])));
  return {
    generateHash: async (document: DocumentNode) => {
      const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
      if (operations.length !== 1 || !operations[0]!.name) throw new Error('one named operation per document');
      const id = (await ids).get(operations[0]!.name.value);
      if (id === undefined) throw new Error(`Operation ${operations[0]!.name.value} not found in manifest`);
      return id;
    },
    disable: () => false,
  };
}

let hub: TestHub;
let production: { url: string; child: ChildProcess } | undefined;

/** The built gateway as its own process against the hub's subgraphs, with `env` on top; resolves once it is ready. */
async function startGateway(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const overrides = Object.fromEntries(hub.subgraphs.map((service) => [`SUBGRAPH_${service.name.toUpperCase()}_URL`, service.url]));
  const child = fork(join(ROOT, 'gateway', 'dist', 'main.js'), [], {
    // The hub's subgraphs answer only their gateway secret.
    env: {
      ...process.env,
      ...overrides,
      GATEWAY_SHARED_SECRET: hub.gatewaySecret,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      GATEWAY_RATE_LIMIT_MAX: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}): ${stderr}`)));
    child.on('message', (message: { type?: string; url?: string }) => message.type === 'ready' && resolve(message.url!));
  });
  return { url, child };
}

/** Runs a built gateway that should refuse to start; resolves with its exit code and output. */
function startFails(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = fork(join(ROOT, 'gateway', 'dist', 'main.js'), [], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

type Answer = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

async function send(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

const variablesOf = (name: string) => {
  const variables = SAVED_OPERATION_VARIABLES[name]?.[0];
  if (!variables) throw new Error(`no variables for the saved operation ${name}: add them to test/support/saved-operations.ts`);
  return variables;
};

beforeAll(async () => {
  hub = await startTestHub();
  production = await startGateway({ NODE_ENV: 'production', GATEWAY_SHARED_SECRET: hub.gatewaySecret });
});

afterAll(async () => {
  production?.child.kill('SIGTERM');
  await hub?.stop();
});

describe('the persisted-query manifest', () => {
  it('lists every saved operation of operations/, each id the SHA-256 of its body', () => {
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.version).toBe(1);
    expect(manifest.operations.map((operation) => operation.name).sort()).toEqual([...savedOperations().keys()].sort());
    for (const operation of manifest.operations) expect([operation.name, sha256(operation.body)]).toEqual([operation.name, operation.id]);
  });
});

describe('GATEWAY_TRUSTED_DOCUMENTS', () => {
  const secret = { GATEWAY_SHARED_SECRET: 'a-shared-secret-for-this-test-only' };
  it('is manifest in production and off in development unless set', () => {
    expect(readGatewayEnv({ NODE_ENV: 'production', ...secret }).trustedDocuments.mode).toBe('manifest');
    expect(readGatewayEnv({ NODE_ENV: 'development' }).trustedDocuments.mode).toBe('off');
    expect(readGatewayEnv({ NODE_ENV: 'production', ...secret, GATEWAY_TRUSTED_DOCUMENTS: 'off' }).trustedDocuments.mode).toBe('off');
    expect(readGatewayEnv({ NODE_ENV: 'development', GATEWAY_TRUSTED_DOCUMENTS: 'manifest' }).trustedDocuments.mode).toBe('manifest');
  });

  it('manifest without a manifest file: the gateway refuses to start and says why', async () => {
    const { code, output } = await startFails({
      GATEWAY_TRUSTED_DOCUMENTS: 'manifest',
      GATEWAY_TRUSTED_DOCUMENTS_MANIFEST: join(ROOT, 'no-such-manifest.json'),
    });
    expect(code).toBe(1);
    expect(output).toContain('no-such-manifest.json does not exist');
  });
});

describe('production: only the operations of the manifest', () => {
  it('answers every saved operation by its id alone, by POST and by GET', async () => {
    const headers = await staffHeaders();
    for (const operation of manifest.operations) {
      const persistedQuery = { version: 1, sha256Hash: operation.id };
      const { status, body } = await send(
        production!.url,
        { variables: variablesOf(operation.name), extensions: { persistedQuery } },
        headers,
      );
      expect({ name: operation.name, status, errors: body.errors }).toEqual({ name: operation.name, status: 200, errors: undefined });
      expect(body.data).toBeTruthy();
    }
    const url = new URL(production!.url);
    url.searchParams.set('variables', JSON.stringify(variablesOf('DistrictDashboard')));
    url.searchParams.set(
      'extensions',
      JSON.stringify({ persistedQuery: { version: 1, sha256Hash: manifest.operations.find((o) => o.name === 'DistrictDashboard')!.id } }),
    );
    const get = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as Answer).data?.district).toMatchObject({ id: 'muenster' });
  });

  it('answers a saved operation sent whole: as the manifest prints it, or as written in operations/', async () => {
    const walk = manifest.operations.find((operation) => operation.name === 'HubWalk')!;
    const printed = await send(production!.url, { query: walk.body });
    expect(printed.status).toBe(200);
    expect(printed.body.errors).toBeUndefined();
    const asWritten = await post<{ organisation: { name: string } }>(production!.url, savedOperations().get('HubWalk')!);
    expect(asWritten.status).toBe(200);
    expect(asWritten.body.data!.organisation.name).toBe('Jobcenter Kreis Recklinghausen');
  });

  it('refuses an unknown id with 400 PERSISTED_QUERY_NOT_IN_LIST, and any other document with 400 QUERY_NOT_IN_SAFELIST', async () => {
    const unknown = await send(production!.url, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ organisations { totalCount } }') } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    expect(unknown.body.data).toBeUndefined();

    const adHoc = '{ organisations { totalCount } }';
    const refusals = [
      adHoc,
      '{ __schema { types { name } } }',
      // A saved operation with one field more is another operation.
      savedOperations().get('ResponsibleSite')!.replace('matchedBy', 'matchedBy\n      postcodes'),
      'mutation { deleteOrganisation(id: "jobcenter-muenster") { id } }',
      'query {',
    ];
    for (const query of refusals) {
      const { status, body } = await send(production!.url, { query, variables: { postcode: '45768' } });
      expect({ query, status, codes: body.errors?.map((error) => error.extensions?.code), data: body.data }).toEqual({
        query,
        status: 400,
        codes: ['QUERY_NOT_IN_SAFELIST'],
        data: undefined,
      });
    }
    // Registering a document as an automatic persisted query does not make it trusted either.
    const persistedQuery = { version: 1, sha256Hash: sha256(adHoc) };
    expect((await send(production!.url, { query: adHoc, extensions: { persistedQuery } })).body.errors?.[0]?.extensions?.code).toBe(
      'QUERY_NOT_IN_SAFELIST',
    );
    for (const query of [undefined, null, '']) {
      expect((await send(production!.url, { query, extensions: { persistedQuery } })).body.errors?.[0]?.extensions?.code).toBe(
        'PERSISTED_QUERY_NOT_IN_LIST',
      );
    }
    const byGet = new URL(production!.url);
    byGet.searchParams.set('query', adHoc);
    const get = await fetch(byGet, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(400);
    expect(((await get.json()) as Answer).errors?.[0]?.extensions?.code).toBe('QUERY_NOT_IN_SAFELIST');
  });

  it("Apollo Client's PersistedQueryLink with generatePersistedQueryIdsFromManifest runs every saved operation sending only ids", async () => {
    const sent: Record<string, unknown>[] = [];
    const headers = await staffHeaders();
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: ApolloLink.from([
        new PersistedQueryLink(generatePersistedQueryIdsFromManifest({ loadManifest: async () => manifest })),
        new HttpLink({
          uri: production!.url,
          headers,
          fetch: async (input, init) => {
            sent.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
            return fetch(input, init);
          },
        }),
      ]),
    });
    try {
      for (const [name, text] of savedOperations()) {
        const { data, error } = await client.query({ query: gql(text), variables: variablesOf(name), fetchPolicy: 'network-only' });
        expect({ name, error }).toEqual({ name, error: undefined });
        expect(data).toBeTruthy();
      }
    } finally {
      client.stop();
    }
    expect(sent).toHaveLength(savedOperations().size);
    for (const body of sent) {
      expect(body.query).toBeUndefined();
      const id = (body.extensions as { persistedQuery: { sha256Hash: string } }).persistedQuery.sha256Hash;
      expect(manifest.operations.find((operation) => operation.id === id)?.name).toBe(body.operationName);
    }
  });
});

describe('development: any operation, and the manifest ids without registration', () => {
  it('answers an ad hoc query, and a manifest id at the first request', async () => {
    const adHoc = await post<{ organisations: { totalCount: number } }>(hub.gatewayUrl, '{ organisations { totalCount } }');
    expect(adHoc.status).toBe(200);
    expect(adHoc.body.data!.organisations.totalCount).toBeGreaterThan(0);
    const district = manifest.operations.find((operation) => operation.name === 'DistrictDashboard')!;
    const byId = await send(hub.gatewayUrl, {
      variables: variablesOf('DistrictDashboard'),
      extensions: { persistedQuery: { version: 1, sha256Hash: district.id } },
    });
    expect(byId.status).toBe(200);
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data?.district).toMatchObject({ id: 'muenster' });
  });

  it('keeps automatic persisted queries for other documents: an unknown hash is PERSISTED_QUERY_NOT_FOUND, then registered', async () => {
    const query = print(gql('{ organisations(first: 1) { nodes { id } } }'));
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    const unknown = await send(hub.gatewayUrl, { extensions: { persistedQuery } });
    expect(unknown.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await send(hub.gatewayUrl, { query, extensions: { persistedQuery } })).body.errors).toBeUndefined();
    expect((await send(hub.gatewayUrl, { extensions: { persistedQuery } })).body.errors).toBeUndefined();
  });
});
