import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../scripts/src/lib/free-port';
import { inRepoSubgraphs, type Stack, startStack, subgraphUrlVariable } from '../../scripts/src/lib/stack';
import { readSupergraphConfig } from '../../scripts/src/lib/supergraph-config';

export const ROOT = join(__dirname, '..', '..');

export interface TestHub extends Stack {
  /** The database URL of each subgraph, by name. */
  databaseUrls: Record<string, string>;
  /** The GATEWAY_SHARED_SECRET of this hub (a new one per hub unless `env` names one), as `npm start` makes one per run. */
  gatewaySecret: string;
  /** Headers that let a test call a subgraph directly, as the gateway does: `{ 'x-gateway-secret': gatewaySecret }`. */
  subgraphHeaders: Record<string, string>;
  /** Headers that open `/metrics` (gateway and subgraphs): the metrics token, which defaults to the gateway secret. */
  metricsHeaders: Record<string, string>;
  /** The URL of subgraph `name` (its `/graphql`). */
  subgraphUrl(name: string): string;
  /**
   * What a service started next to this hub needs to talk to its subgraphs: the gateway secret and
   * each subgraph's `SUBGRAPH_<NAME>_URL` (e.g. a subgraph restarted by a test, or a second gateway).
   */
  subgraphEnv: Record<string, string>;
  /** Every line the services printed so far, as `service: line`. */
  lines: string[];
}

function adminUrl(): string {
  const url = process.env.HUB_TEST_ADMIN_URL;
  if (!url) throw new Error('HUB_TEST_ADMIN_URL is not set: run the tests with `npm test` (jest global setup)');
  return url;
}

/** A fresh database for subgraph `name` on the test run's PostgreSQL server; returns its URL. */
export async function createTestDatabase(name: string): Promise<string> {
  const database = `hub_${name.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Drops databases made by `createTestDatabase`, even while a subgraph is still connected. */
export async function dropTestDatabases(urls: string[]): Promise<void> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    for (const url of urls) await client.query(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * The whole hub as `npm start` runs it — every subgraph its own process and its own database, the
 * gateway over the committed supergraph, real HTTP between them, a gateway secret of its own (so
 * subgraphs refuse direct calls without `subgraphHeaders`, and ask each other about references with
 * it) — on free ports, with fresh databases on the test run's PostgreSQL server. Uses the build
 * (`npm test` builds first). `root` may be a copy of the repository; `supergraphPath` gives the gateway
 * another supergraph file to serve and watch; `env.GATEWAY_SHARED_SECRET` replaces the generated secret.
 */
export async function startTestHub(
  options: { env?: Record<string, string>; gatewayEnv?: Record<string, string>; root?: string; supergraphPath?: string } = {},
): Promise<TestHub> {
  const root = options.root ?? ROOT;
  const names = inRepoSubgraphs(root).map((entry) => entry.name);
  // A subgraph registered from outside the repository (path B) is never called by the tests: its service
  // is the department's, not the hub's CI (composition checks its SDL). It is routed to a closed port.
  const externalRoutes = Object.fromEntries(
    await Promise.all(
      readSupergraphConfig(join(root, 'schema', 'supergraph.yaml'))
        .subgraphs.filter((entry) => !names.includes(entry.name))
        .map(async (entry) => [subgraphUrlVariable(entry.name), `http://127.0.0.1:${await freePort()}/graphql`] as const),
    ),
  );
  const databaseUrls: Record<string, string> = {};
  for (const name of names) databaseUrls[name] = await createTestDatabase(name);
  const lines: string[] = [];
  const gatewaySecret = options.env?.GATEWAY_SHARED_SECRET ?? randomBytes(24).toString('base64url');
  const stack = await startStack({
    root,
    databaseUrls,
    ports: 'free',
    env: { LOG_LEVEL: 'warn', ...options.env, GATEWAY_SHARED_SECRET: gatewaySecret },
    gatewayEnv: { ...externalRoutes, ...options.gatewayEnv },
    supergraphPath: options.supergraphPath,
    onLine: (service, line) => lines.push(`${service}: ${line}`),
  }).catch(async (error: unknown) => {
    await dropTestDatabases(Object.values(databaseUrls));
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${lines.join('\n')}`);
  });
  return {
    ...stack,
    databaseUrls,
    gatewaySecret,
    subgraphHeaders: { 'x-gateway-secret': gatewaySecret },
    metricsHeaders: { authorization: `Bearer ${options.env?.METRICS_TOKEN ?? gatewaySecret}` },
    subgraphEnv: {
      GATEWAY_SHARED_SECRET: gatewaySecret,
      ...Object.fromEntries(stack.subgraphs.map((service) => [subgraphUrlVariable(service.name), service.url])),
    },
    subgraphUrl: (name) => {
      const service = stack.subgraphs.find((candidate) => candidate.name === name);
      if (!service) throw new Error(`the test hub has no subgraph ${name}`);
      return service.url;
    },
    lines,
    stop: async () => {
      await stack.stop();
      await dropTestDatabases(Object.values(databaseUrls));
    },
  };
}

export interface GraphQLResponse<TData> {
  status: number;
  headers: Headers;
  body: { data?: TData | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

/** POSTs one operation over HTTP, as any client would. */
export async function post<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<TData>['body'] };
}
