// First: Apollo Client's development mode, where the cache warns (see the file).
import './support/apollo-development';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { type DefinitionNode, type DocumentNode, parse, print } from 'graphql';
import { ROOT, startTestHub, type TestHub } from './support/hub';
import { SAVED_OPERATION_VARIABLES, savedOperations, staffHeaders } from './support/saved-operations';

/**
 * Every saved operation of operations/ through a real Apollo Client 4 (InMemoryCache, HttpLink to the real
 * gateway), one cache for all, as a dashboard runs them: in development mode, where the cache warns when
 * it has to drop data ("Cache data may be lost when replacing the organisation field of a Query object"),
 * which happens when an operation returns an entity without its key. The dashboards' cache configuration
 * is `DASHBOARD_TYPE_POLICIES` (docs/usage.md, "Using Apollo Client").
 */

/**
 * The type policies a dashboard uses with the saved operations (docs/usage.md shows the same): none.
 * Every entity is identified by its `id` (InMemoryCache's default), which every saved operation selects
 * (`npm run schema:check` refuses one that does not); the objects without a key (connections, page info,
 * schedules, sources, figures) are stored inside their entity, per field and arguments.
 */
const DASHBOARD_TYPE_POLICIES = {};

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
      cache: new InMemoryCache({ typePolicies: DASHBOARD_TYPE_POLICIES }),
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
    const runAll = async (names: string[], fetchPolicy: 'network-only' | 'cache-first') => {
      const answers = new Map<string, unknown>();
      for (const name of names) {
        const { data, error } = await client.query({
          query: documents.get(name)!,
          variables: SAVED_OPERATION_VARIABLES[name],
          fetchPolicy,
        });
        expect({ name, fetchPolicy, error: error?.message }).toEqual({ name, fetchPolicy, error: undefined });
        answers.set(name, data);
      }
      return answers;
    };
    try {
      const names = [...operations.keys()];
      // Both orders: each operation writes over what the others wrote before it, in either direction.
      const forward = await runAll(names, 'network-only');
      await runAll([...names].reverse(), 'network-only');
      expect(sent.map((request) => request.operationName)).toEqual([...names, ...[...names].reverse()]);
      expect(complaints).toEqual([]);

      const fetched = sent.length;
      const cached = await runAll(names, 'cache-first');
      await runAll([...names].reverse(), 'cache-first');
      expect({ requestsOfTheCacheFirstRuns: sent.length - fetched }).toEqual({ requestsOfTheCacheFirstRuns: 0 });
      // … and the cache answers what the gateway answered.
      for (const name of names) expect({ name, data: cached.get(name) }).toEqual({ name, data: forward.get(name) });
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
