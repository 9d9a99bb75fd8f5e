import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { composeServices } from '@apollo/composition';
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { inRepoSubgraphs } from './stack';
import { readSupergraphConfig } from './supergraph-config';

const run = promisify(execFile);

export interface Composition {
  /** SDL per subgraph, as written to `schema/<name>.graphql`. */
  subgraphSdl: Record<string, string>;
  supergraphSdl: string;
}

/** Thrown when composition fails; `messages` are the composer's own, one per problem. */
export class CompositionError extends Error {
  constructor(readonly messages: string[]) {
    super(`composition failed:\n${messages.map((message) => `  - ${message}`).join('\n')}`);
  }
}

function readSdlFile(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Prints an in-repo subgraph's SDL from its build (no database needed). */
async function printSdl(root: string, name: string): Promise<string> {
  const { stdout } = await run(process.execPath, [join(root, 'subgraphs', name, 'dist', 'sdl.js')], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.endsWith('\n') ? stdout : `${stdout}\n`;
}

export interface ComposeOptions {
  /**
   * Where the SDL of in-repo subgraphs comes from: `build` prints it from each subgraph's build (what
   * `npm run compose` writes); `files` reads the `schema/<name>.graphql` written last time (no build).
   */
  sdlFrom?: 'build' | 'files';
  /** SDL that replaces a listed subgraph's, or joins as a new subgraph, by name: a candidate under review. */
  candidates?: Record<string, string>;
}

/**
 * Composes the supergraph the way `npm run compose` does, without writing anything: SDL of every in-repo
 * subgraph from its build (or its schema file, see `sdlFrom`), SDL files for subgraphs from elsewhere,
 * candidates in place of either, routing URLs from `schema/supergraph.yaml`. Throws `CompositionError`.
 */
export async function composeSupergraph(root: string, options: ComposeOptions = {}): Promise<Composition> {
  const config = readSupergraphConfig(join(root, 'schema', 'supergraph.yaml'));
  const local = new Set(inRepoSubgraphs(root).map((entry) => entry.name));
  const candidates = options.candidates ?? {};
  const fromBuild = (name: string) => (options.sdlFrom ?? 'build') === 'build' && local.has(name) && candidates[name] === undefined;
  // Printing starts a Node process per subgraph: run them side by side.
  const printed = await Promise.all(config.subgraphs.map((entry) => (fromBuild(entry.name) ? printSdl(root, entry.name) : undefined)));
  const subgraphSdl: Record<string, string> = {};
  const problems: string[] = [];
  config.subgraphs.forEach((entry, index) => {
    const sdl = candidates[entry.name] ?? printed[index] ?? readSdlFile(entry.schemaFile);
    if (sdl === undefined) problems.push(`${entry.name}: schema.file ${entry.schemaFile} does not exist`);
    else subgraphSdl[entry.name] = sdl;
  });
  // A candidate that is not listed yet joins under a routing URL that cannot be called by accident.
  const added = Object.keys(candidates).filter((name) => !config.subgraphs.some((entry) => entry.name === name));
  for (const name of added) subgraphSdl[name] = candidates[name]!;
  const services = [
    ...config.subgraphs.map((entry) => ({ name: entry.name, url: entry.routingUrl })),
    ...added.map((name) => ({ name, url: `http://${name}.invalid/graphql` })),
  ].flatMap((service) => {
    if (subgraphSdl[service.name] === undefined) return [];
    try {
      return [{ ...service, typeDefs: parse(subgraphSdl[service.name]!) }];
    } catch (error) {
      problems.push(`${service.name}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  });
  if (problems.length > 0) throw new CompositionError(problems);
  const result = composeServices(services);
  if (result.errors) {
    throw new CompositionError(result.errors.map((error) => `${String(error.extensions?.code ?? 'ERROR')}: ${error.message}`));
  }
  return { subgraphSdl, supergraphSdl: result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n` };
}

/** Replaces `path` in one step (write beside it, then rename), so a watching gateway never reads half a file. */
export function writeFileAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/**
 * What `npm run compose` does: composes from the builds, then writes `schema/<name>.graphql` of every
 * in-repo subgraph and `schema/supergraph.graphql` (atomically: a running gateway watches it), and the
 * persisted-query manifest of operations/ (`PERSISTED_QUERY_MANIFEST`). Returns the names of the
 * composed subgraphs.
 */
export async function writeComposition(root: string): Promise<string[]> {
  const config = readSupergraphConfig(join(root, 'schema', 'supergraph.yaml'));
  const local = new Set(inRepoSubgraphs(root).map((entry) => entry.name));
  const composition = await composeSupergraph(root);
  for (const entry of config.subgraphs) {
    if (local.has(entry.name)) writeFileSync(entry.schemaFile, composition.subgraphSdl[entry.name]!);
  }
  writeFileAtomically(join(root, 'schema', 'supergraph.graphql'), composition.supergraphSdl);
  writePersistedQueryManifest(root);
  return config.subgraphs.map((entry) => entry.name);
}

/** Where `npm run compose` writes the persisted-query manifest of operations/ (the gateway's trusted documents). */
export const PERSISTED_QUERY_MANIFEST = 'schema/persisted-query-manifest.json';

export interface PersistedQueryManifestOperation {
  /** The SHA-256 of `body`, in hex: what `extensions.persistedQuery.sha256Hash` carries. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

/** Apollo's persisted-query manifest format (as `@apollo/generate-persisted-query-manifest` writes it). */
export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedQueryManifestOperation[];
}

/**
 * What Apollo Client does to a document before sending it: `__typename` in every selection set but the
 * operation's own (unless one is there, or an introspection field), as its `addTypenameToDocument`.
 */
function addTypename(document: DocumentNode): DocumentNode {
  const typename = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } } as const;
  return visit(document, {
    SelectionSet(node: SelectionSetNode, _key, parent) {
      if (parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION) return undefined;
      const skip = node.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'));
      return skip ? undefined : { ...node, selections: [...node.selections, typename] };
    },
  });
}

/** Operations first, then fragments, each by name: `sortTopLevelDefinitions` of `@apollo/persisted-query-lists`. */
function sortTopLevelDefinitions(document: DocumentNode): DocumentNode {
  const nameOf = (definition: DefinitionNode) =>
    definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION ? (definition.name?.value ?? '') : '';
  const definitions = [...document.definitions].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind > b.kind ? -1 : 1;
    const [x, y] = [nameOf(a), nameOf(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { ...document, definitions };
}

/**
 * A manifest body as Apollo's generator prints it (`print(sortTopLevelDefinitions(…))` of the document
 * Apollo Client sends: with `__typename`), so that `generatePersistedQueryIdsFromManifest` and the
 * document Apollo Client prints agree (test/apollo-client.test.ts compares them).
 */
export function manifestBodyOf(document: DocumentNode): string {
  return print(sortTopLevelDefinitions(addTypename(document)));
}

/**
 * The persisted-query manifest of operations/: each named operation with the fragments it uses (from any
 * file), printed as Apollo's generator prints it, its id the SHA-256 of the body; sorted by name. Throws
 * for a file that does not parse, an anonymous operation, a name used twice or a fragment that is missing.
 */
export function persistedQueryManifestOf(root: string): PersistedQueryManifest {
  const dir = join(root, 'operations');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.graphql'))
        .sort()
    : [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: { file: string; node: OperationDefinitionNode }[] = [];
  for (const file of files) {
    let document: DocumentNode;
    try {
      document = parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      throw new Error(`operations/${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        if (fragments.has(definition.name.value)) throw new Error(`operations/${file}: fragment ${definition.name.value} is defined twice`);
        fragments.set(definition.name.value, definition);
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        if (!definition.name) throw new Error(`operations/${file}: an anonymous ${definition.operation}: give it a name`);
        operations.push({ file, node: definition });
      }
    }
  }
  const byName = new Map<string, PersistedQueryManifestOperation>();
  for (const { file, node } of operations) {
    const name = node.name!.value;
    if (byName.has(name)) throw new Error(`operations/${file}: operation ${name} is defined twice`);
    const used = new Map<string, FragmentDefinitionNode>();
    const spreadIn = (definition: DefinitionNode) =>
      visit(definition, {
        FragmentSpread(spread) {
          const name = spread.name.value;
          if (used.has(name)) return;
          const fragment = fragments.get(name);
          if (!fragment) throw new Error(`operations/${file}: fragment ${name} is not defined in operations/`);
          used.set(name, fragment);
          spreadIn(fragment);
        },
      });
    spreadIn(node);
    const body = manifestBodyOf({ kind: Kind.DOCUMENT, definitions: [node, ...used.values()] });
    byName.set(name, { id: createHash('sha256').update(body).digest('hex'), name, type: node.operation, body });
  }
  const sorted = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: sorted };
}

/** The manifest file's text as `npm run compose` writes it. */
export const manifestText = (manifest: PersistedQueryManifest) => `${JSON.stringify(manifest, null, 2)}\n`;

/** Writes schema/persisted-query-manifest.json from operations/; returns how many operations it lists. */
export function writePersistedQueryManifest(root: string): number {
  const manifest = persistedQueryManifestOf(root);
  writeFileAtomically(join(root, PERSISTED_QUERY_MANIFEST), manifestText(manifest));
  return manifest.operations.length;
}

/** Why the committed manifest is not what `npm run compose` would write now; undefined when it is. */
export function manifestProblemOf(root: string): string | undefined {
  let expected: string;
  try {
    expected = manifestText(persistedQueryManifestOf(root));
  } catch (error) {
    return `${PERSISTED_QUERY_MANIFEST} cannot be made: ${error instanceof Error ? error.message : String(error)}`;
  }
  const path = join(root, PERSISTED_QUERY_MANIFEST);
  if (!existsSync(path)) return `${PERSISTED_QUERY_MANIFEST} is missing: run \`npm run compose\` and commit it`;
  if (readFileSync(path, 'utf8') !== expected) {
    return `${PERSISTED_QUERY_MANIFEST} is stale (operations/ changed since it was written): run \`npm run compose\` and commit it`;
  }
  return undefined;
}
