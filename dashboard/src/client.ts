// Apollo Client for the dashboard: the saved operations go out as persisted queries, with the pasted
// token, to the same origin's /graphql (the dashboard server passes it on to the gateway). The id of an
// operation is the one of schema/persisted-query-manifest.json (`npm run compose` writes it from
// operations/; a gateway with trusted documents runs only those); an operation the manifest does not
// list is sent by the SHA-256 of its printed document (automatic persisted queries). The full document
// follows only when the gateway does not know the id.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { type DefinitionNode, type DocumentNode, type OperationDefinitionNode, print } from 'graphql';
import { sha256Hex } from './sha256';

interface Manifest {
  operations: { id: string; name: string; body: string }[];
}

// Optional at build time: without the file, every operation is hashed here.
const manifests = import.meta.glob<Manifest>('../../schema/persisted-query-manifest.json', { eager: true, import: 'default' });
const listed = new Map(Object.values(manifests).flatMap((manifest) => manifest.operations.map((entry) => [entry.name, entry] as const)));

/** Operations first, then fragments, each by name: how the manifest's bodies are printed. */
function sortTopLevelDefinitions(document: DocumentNode): DocumentNode {
  const nameOf = (definition: DefinitionNode) => ('name' in definition && definition.name ? definition.name.value : '');
  const definitions = [...document.definitions].sort((a, b) =>
    a.kind !== b.kind ? (a.kind > b.kind ? -1 : 1) : nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0,
  );
  return { ...document, definitions };
}

/**
 * The manifest's id of the document's operation when the manifest lists this very document (a manifest
 * not regenerated after an edit of operations/ lists an older one, which the gateway would run instead);
 * else the SHA-256 of the document as Apollo Client prints it (automatic persisted queries).
 */
export function persistedQueryId(document: DocumentNode): string {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
  );
  const entry = listed.get(operation?.name?.value ?? '');
  if (entry && entry.body === print(sortTopLevelDefinitions(document))) return entry.id;
  return sha256Hex(print(document));
}

const TOKEN_KEY = 'dashboard.token';

export function readToken(): string | undefined {
  return window.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function writeToken(token: string | undefined): void {
  if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
  else window.sessionStorage.removeItem(TOKEN_KEY);
}

const UNIDENTIFIED = [
  'Source',
  'Schedule',
  'Accessibility',
  'PopulationFigure',
  'DistrictConnection',
  'LocationConnection',
  'OrganisationConnection',
  'OrganisationUnitConnection',
  'ProgrammeConnection',
  'IntakeConnection',
  'ResponsibilityConnection',
];

export function createClient(): ApolloClient {
  const auth = new SetContextLink((previous) => {
    const token = readToken();
    return token ? { headers: { ...previous.headers, authorization: `Bearer ${token}` } } : {};
  });
  const persisted = new PersistedQueryLink({ generateHash: persistedQueryId });
  const http = new HttpLink({ uri: '/graphql' });
  return new ApolloClient({
    link: ApolloLink.from([auth, persisted, http]),
    // Objects without an id (sources, schedules, connections) are merged, not replaced, when two pages
    // select different fields of the same site or district: nothing is lost, nothing asked again.
    cache: new InMemoryCache({ typePolicies: Object.fromEntries(UNIDENTIFIED.map((type) => [type, { merge: true }])) }),
  });
}
