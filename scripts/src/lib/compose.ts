import { execFile } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
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
 * in-repo subgraph and `schema/supergraph.graphql` (atomically: a running gateway watches it). Returns
 * the names of the composed subgraphs.
 */
export async function writeComposition(root: string): Promise<string[]> {
  const config = readSupergraphConfig(join(root, 'schema', 'supergraph.yaml'));
  const local = new Set(inRepoSubgraphs(root).map((entry) => entry.name));
  const composition = await composeSupergraph(root);
  for (const entry of config.subgraphs) {
    if (local.has(entry.name)) writeFileSync(entry.schemaFile, composition.subgraphSdl[entry.name]!);
  }
  writeFileAtomically(join(root, 'schema', 'supergraph.graphql'), composition.supergraphSdl);
  return config.subgraphs.map((entry) => entry.name);
}
