import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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

/** Prints an in-repo subgraph's SDL from its build (no database needed). */
async function printSdl(root: string, name: string): Promise<string> {
  const { stdout } = await run(process.execPath, [join(root, 'subgraphs', name, 'dist', 'sdl.js')], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.endsWith('\n') ? stdout : `${stdout}\n`;
}

/**
 * Composes the supergraph the way `npm run compose` does, without writing anything: SDL of every in-repo
 * subgraph from its build, SDL files for subgraphs from elsewhere, routing URLs from
 * `schema/supergraph.yaml`.
 */
export async function composeSupergraph(root: string): Promise<Composition> {
  const config = readSupergraphConfig(join(root, 'schema', 'supergraph.yaml'));
  const local = new Set(inRepoSubgraphs(root).map((entry) => entry.name));
  const subgraphSdl: Record<string, string> = {};
  for (const entry of config.subgraphs) {
    subgraphSdl[entry.name] = local.has(entry.name) ? await printSdl(root, entry.name) : readFileSync(entry.schemaFile, 'utf8');
  }
  const result = composeServices(
    config.subgraphs.map((entry) => ({ name: entry.name, url: entry.routingUrl, typeDefs: parse(subgraphSdl[entry.name]!) })),
  );
  if (result.errors) {
    throw new CompositionError(result.errors.map((error) => `${String(error.extensions?.code ?? 'ERROR')}: ${error.message}`));
  }
  return { subgraphSdl, supergraphSdl: result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n` };
}

/** `npm run compose`: writes `schema/<name>.graphql` for in-repo subgraphs and `schema/supergraph.graphql`. */
async function main(): Promise<void> {
  const root = join(__dirname, '..', '..');
  const config = readSupergraphConfig(join(root, 'schema', 'supergraph.yaml'));
  const local = new Set(inRepoSubgraphs(root).map((entry) => entry.name));
  const composition = await composeSupergraph(root);
  for (const entry of config.subgraphs) {
    if (local.has(entry.name)) writeFileSync(entry.schemaFile, composition.subgraphSdl[entry.name]!);
  }
  writeFileSync(join(root, 'schema', 'supergraph.graphql'), composition.supergraphSdl);
  process.stdout.write(`composed ${config.subgraphs.length} subgraphs (${config.subgraphs.map((entry) => entry.name).join(', ')}) into schema/supergraph.graphql\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
