import { join } from 'node:path';
import { envParts, readEnv } from '@jobcenter-hub/service';
import { z } from 'zod';

const schema = z.object({
  GATEWAY_PORT: envParts.port.default(4000),
  /** `config`: the ports of schema/supergraph.yaml and GATEWAY_PORT; `free`: any free ports (when those are taken). */
  PORTS: z.enum(['config', 'free']).default('config'),
  /** The embedded PostgreSQL server's port; not 5432, where a system server may run. */
  EMBEDDED_PG_PORT: envParts.port.default(54329),
  EMBEDDED_PG_DIR: z
    .string()
    .min(1)
    .default(join(__dirname, '..', '..', '.data', 'postgres')),
});

/** The variable that points subgraph `name` at an existing database, e.g. ORGANISATIONS_DATABASE_URL. */
export const databaseVariable = (name: string) => `${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;

/** The database of subgraph `name` on the embedded server and in docker/postgres-init.sql (`-` is not allowed there). */
export const databaseName = (name: string) => name.replace(/-/g, '_');

export type StartEnv = z.infer<typeof schema> & {
  /** The database URL of each subgraph that has one in the environment, by subgraph name. */
  databaseUrls: Record<string, string>;
};

/** Reads the environment of `npm start` once: ports, and a database URL per subgraph if given. */
export function readStartEnv(subgraphs: readonly string[], source: NodeJS.ProcessEnv = process.env): StartEnv {
  const urls = z.object(Object.fromEntries(subgraphs.map((name) => [databaseVariable(name), envParts.databaseUrl.optional()])));
  const env = readEnv(schema, source);
  const given = readEnv(urls, source) as Record<string, string | undefined>;
  const databaseUrls: Record<string, string> = {};
  for (const name of subgraphs) {
    const url = given[databaseVariable(name)];
    if (url) databaseUrls[name] = url;
  }
  return { ...env, databaseUrls };
}
