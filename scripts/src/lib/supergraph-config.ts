import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

/** One subgraph as `schema/supergraph.yaml` lists it (the format of Apollo's `rover`). */
export interface SubgraphEntry {
  name: string;
  routingUrl: string;
  /** Absolute path of the subgraph's SDL file. */
  schemaFile: string;
}

export interface SupergraphConfig {
  federationVersion: string;
  subgraphs: SubgraphEntry[];
}

/** Reads and checks `schema/supergraph.yaml`; throws one message listing every problem. */
export function readSupergraphConfig(path: string): SupergraphConfig {
  const raw = parse(readFileSync(path, 'utf8')) as {
    federation_version?: unknown;
    subgraphs?: Record<string, { routing_url?: unknown; schema?: { file?: unknown } }>;
  };
  const problems: string[] = [];
  if (typeof raw?.federation_version !== 'string' && typeof raw?.federation_version !== 'number')
    problems.push('federation_version is missing');
  const entries = Object.entries(raw?.subgraphs ?? {});
  if (entries.length === 0) problems.push('subgraphs: none listed');
  const subgraphs: SubgraphEntry[] = [];
  for (const [name, entry] of entries) {
    if (!/^[a-z][a-z0-9_-]*$/.test(name)) problems.push(`subgraphs.${name}: names are lower-case letters, digits, - and _`);
    if (typeof entry?.routing_url !== 'string') problems.push(`subgraphs.${name}.routing_url is missing`);
    if (typeof entry?.schema?.file !== 'string') problems.push(`subgraphs.${name}.schema.file is missing`);
    if (typeof entry?.routing_url === 'string' && typeof entry?.schema?.file === 'string') {
      subgraphs.push({ name, routingUrl: entry.routing_url, schemaFile: resolve(dirname(path), entry.schema.file) });
    }
  }
  if (problems.length > 0) throw new Error(`${path}:\n  ${problems.join('\n  ')}`);
  return { federationVersion: String(raw.federation_version), subgraphs };
}
