// First: Apollo Client's development mode, where the cache warns (see the file).
import './support/apollo-development';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { type DefinitionNode, type DocumentNode, isObjectType, parse, print } from 'graphql';
import { apiSchemaOf, cacheKeysOf } from '../scripts/src/lib/schema-check';
import { ROOT, startTestHub, type TestHub } from './support/hub';
import { SAVED_OPERATION_VARIABLES, savedOperations, staffHeaders } from './support/saved-operations';

/**
 * Every saved operation of operations/ through a real Apollo Client 4 (InMemoryCache, HttpLink to the real
 * gateway), one cache for all, as a dashboard runs them: in development mode, where the cache warns when
 * it has to drop data ("Cache data may be lost when replacing the organisation field of a Query object"),
 * which happens when an operation returns an entity without its key. The dashboards' cache configuration
 * is `dashboardTypePolicies` (docs/usage.md, "Using Apollo Client").
 */

/**
 * The type policies a dashboard uses with the saved operations (docs/usage.md, "Using Apollo Client").
 * Entities, and every other object with an `id`, are identified by it (InMemoryCache's default), which
 * every saved operation selects (`npm run schema:check` refuses one that does not). An object without a key (a site's `Schedule`, a
 * `Source`, a connection, its `PageInfo`) is stored inside its parent, per field and arguments; when two
 * operations select different fields of it (NearestOpenSite `openingHours { openingHours }`,
 * DistrictDashboard `openingHours { isOpen openingHours }` of the same site), `merge: true` keeps both,
 * where the default would replace one with the other and warn. Every object type of the supergraph
 * without a key or an `id` field, other than the root types, gets it.
 */
function dashboardTypePolicies(): Record<string, { merge: true }> {
  const sdl = readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8');
  const schema = apiSchemaOf(sdl);
  const identified = cacheKeysOf(sdl, schema);
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  return Object.fromEntries(
    Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__') && !roots.has(type.name) && !identified.has(type.name))
      .map((type) => [type.name, { merge: true }]),
  );
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'schema', 'persisted-query-manifest.json'), 'utf8')) as {
  operations: { id: string; name: string; body: string }[];
};

/** `sortTopLevelDefinitions` of `@apollo/persisted-query-lists`: operations first, then fragments, each by name. */
function sortTopLevelDefinitions(document: DocumentNode): DocumentNode {
  const nameOf = (definition: DefinitionNode) => ('name' in definition && definition.name ? definition.name.value : '');
  const definitions = [...document.definitions].sort((a, b) =>
    a.kind !== b.kind ? (a.kind > b.kind ? -1 : 1) : nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0,
  );
  return { ...document, definitions };
}

let hub: TestHub;
const complaints: string[] = [];
const spies: jest.SpyInstance[] = [];

beforeAll(async () => {
  for (const level of ['warn', 'error'] as const) {
    spies.push(jest.spyOn(console, level).mockImplementation((...args: unknown[]) => complaints.push(`${level}: ${format(...args)}`)));
  }
  hub = await startTestHub();
});

afterAll(async () => {
  for (const spy of spies) spy.mockRestore();
  await hub?.stop();
});

describe('the saved operations in Apollo Client', () => {
  it('are normalised by one InMemoryCache without a warning, and a second, cache-first run asks the gateway nothing', async () => {
    const operations = savedOperations();
    const missing = [...operations.keys()].filter((name) => SAVED_OPERATION_VARIABLES[name] === undefined);
    expect({ withoutVariables: missing }).toEqual({ withoutVariables: [] });

    const sent: { operationName: string; query: string }[] = [];
    const client = new ApolloClient({
      cache: new InMemoryCache({ typePolicies: dashboardTypePolicies() }),
      link: new HttpLink({
        uri: hub.gatewayUrl,
        headers: await staffHeaders(),
        fetch: async (input, init) => {
          sent.push(JSON.parse(String(init?.body)) as { operationName: string; query: string });
          return fetch(input, init);
        },
      }),
    });
    const documents = new Map([...operations].map(([name, text]) => [name, gql(text)]));
    // Every case of every operation, each its own request.
    const cases = [...operations.keys()].flatMap((name) =>
      (SAVED_OPERATION_VARIABLES[name] ?? []).map((variables) => ({ name, variables, key: `${name} ${JSON.stringify(variables)}` })),
    );
    /** Runs each case; resolves with the answers and the cases that sent a request. */
    const runAll = async (list: typeof cases, fetchPolicy: 'network-only' | 'cache-first') => {
      const answers = new Map<string, unknown>();
      const asked: string[] = [];
      for (const { name, variables, key } of list) {
        const before = sent.length;
        const { data, error } = await client.query({ query: documents.get(name)!, variables, fetchPolicy });
        expect({ key, fetchPolicy, error: error?.message }).toEqual({ key, fetchPolicy, error: undefined });
        answers.set(key, data);
        if (sent.length > before) asked.push(key);
      }
      return { answers, asked };
    };
    try {
      // Both orders: each operation writes over what the others wrote before it, in either direction.
      const forward = await runAll(cases, 'network-only');
      const backward = await runAll([...cases].reverse(), 'network-only');
      expect(forward.asked.length + backward.asked.length).toBe(2 * cases.length);
      expect(complaints).toEqual([]);

      const cached = await runAll(cases, 'cache-first');
      const cachedBackward = await runAll([...cases].reverse(), 'cache-first');
      expect({ askedTheGateway: [...cached.asked, ...cachedBackward.asked] }).toEqual({ askedTheGateway: [] });
      // … and the cache answers what the gateway answered.
      for (const { key } of cases) expect({ key, data: cached.answers.get(key) }).toEqual({ key, data: forward.answers.get(key) });
      expect(complaints).toEqual([]);
    } finally {
      client.stop();
    }

    // What Apollo Client sends is the manifest's body (so generatePersistedQueryIdsFromManifest's ids fit it).
    for (const name of operations.keys()) {
      const query = sent.find((request) => request.operationName === name)!.query;
      const body = manifest.operations.find((operation) => operation.name === name)?.body;
      expect({ name, body: print(sortTopLevelDefinitions(parse(query))) }).toEqual({ name, body });
    }
  });
});
