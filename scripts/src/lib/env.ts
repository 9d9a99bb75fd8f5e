import { join } from 'node:path';
import { envParts, readEnv } from '@jobcenter-hub/service';
import { z } from 'zod';
import { ROOT } from './root';
import { DEFAULT_RESTART_POLICY, type RestartPolicy } from './supervisor';

/**
 * The one module of `scripts/` that reads `process.env`: each command's settings, parsed with the
 * services' typed reader (`readEnv`), which prints every problem and exits 1. `scripts/.env.example`
 * lists the variables with their defaults.
 */

const milliseconds = z.coerce.number().int().min(0);

const startSchema = z.object({
  GATEWAY_PORT: envParts.port.default(4000),
  /** `config`: the ports of schema/supergraph.yaml and GATEWAY_PORT; `free`: any free ports (when those are taken). */
  PORTS: z.enum(['config', 'free']).default('config'),
  /** The embedded PostgreSQL server's port; not 5432, where a system server may run. */
  EMBEDDED_PG_PORT: envParts.port.default(54329),
  EMBEDDED_PG_DIR: z
    .string()
    .min(1)
    .default(join(ROOT, '.data', 'postgres')),
  /** The restart policy of every supervised service (scripts/src/lib/supervisor.ts, docs/operations.md "Failures"). */
  RESTART_DELAY_MS: milliseconds.default(DEFAULT_RESTART_POLICY.initialDelayMs),
  RESTART_MAX_DELAY_MS: milliseconds.default(DEFAULT_RESTART_POLICY.maxDelayMs),
  RESTART_STABLE_MS: milliseconds.default(DEFAULT_RESTART_POLICY.stableAfterMs),
  RESTART_MAX_CRASHES: z.coerce.number().int().min(0).default(DEFAULT_RESTART_POLICY.maxCrashes),
  RESTART_WINDOW_MS: milliseconds.default(DEFAULT_RESTART_POLICY.windowMs),
});

/** The restart policy `npm start` supervises its services with, from its environment. */
export const restartPolicy = (env: StartEnv): RestartPolicy => ({
  initialDelayMs: env.RESTART_DELAY_MS,
  maxDelayMs: Math.max(env.RESTART_MAX_DELAY_MS, env.RESTART_DELAY_MS),
  stableAfterMs: env.RESTART_STABLE_MS,
  maxCrashes: env.RESTART_MAX_CRASHES,
  windowMs: env.RESTART_WINDOW_MS,
});

/** The variable that points subgraph `name` at an existing database, e.g. ORGANISATIONS_DATABASE_URL. */
export const databaseVariable = (name: string) => `${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;

/** The database of subgraph `name` on the embedded server and in docker/postgres-init.sql (`-` is not allowed there). */
export const databaseName = (name: string) => name.replace(/-/g, '_');

export type StartEnv = z.infer<typeof startSchema> & {
  /** The database URL of each subgraph that has one in the environment, by subgraph name. */
  databaseUrls: Record<string, string>;
};

/** Reads the environment of `npm start` once: ports, and a database URL per subgraph if given. */
export function readStartEnv(subgraphs: readonly string[], source: NodeJS.ProcessEnv = process.env): StartEnv {
  const urls = z.object(Object.fromEntries(subgraphs.map((name) => [databaseVariable(name), envParts.databaseUrl.optional()])));
  const env = readEnv(startSchema, source);
  const given = readEnv(urls, source) as Record<string, string | undefined>;
  const databaseUrls: Record<string, string> = {};
  for (const name of subgraphs) {
    const url = given[databaseVariable(name)];
    if (url) databaseUrls[name] = url;
  }
  return { ...env, databaseUrls };
}

/**
 * Where `npm run seed:scale` and `npm run bench` keep their embedded PostgreSQL (not `npm start`'s):
 * `BENCH_PG_DIR` (default `.data/bench/postgres` of `root`) and `BENCH_PG_PORT` (default 54339).
 */
export function readBenchEnv(root: string, source: NodeJS.ProcessEnv = process.env) {
  return readEnv(
    z.object({
      BENCH_PG_DIR: z
        .string()
        .min(1)
        .default(join(root, '.data', 'bench', 'postgres')),
      BENCH_PG_PORT: envParts.port.default(54339),
    }),
    source,
  );
}

/** What `npm run token` signs with: the issuer, audience and secret the services check (see packages/service). */
export function readTokenEnv(source: NodeJS.ProcessEnv = process.env) {
  return readEnv(
    z.object({
      AUTH_ISSUER: z.string().min(1).default('jobcenter-hub'),
      AUTH_AUDIENCE: z.string().min(1).default('jobcenter-hub'),
      AUTH_SECRET: z.string().min(16).optional(),
      NODE_ENV: envParts.nodeEnv,
    }),
    source,
  );
}
