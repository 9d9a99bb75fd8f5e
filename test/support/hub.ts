import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { inRepoSubgraphs, type Stack, startStack } from '../../scripts/src/stack';

export const ROOT = join(__dirname, '..', '..');

export interface TestHub extends Stack {
  /** The database URL of each subgraph, by name. */
  databaseUrls: Record<string, string>;
}

/**
 * The whole hub as `npm start` runs it — every subgraph its own process and its own database, the
 * gateway over the committed supergraph, real HTTP between them — on free ports, with fresh databases
 * on the test run's PostgreSQL server. Uses the build (`npm test` builds first).
 */
export async function startTestHub(env: Record<string, string> = {}): Promise<TestHub> {
  const adminUrl = process.env.HUB_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('HUB_TEST_ADMIN_URL is not set: run the tests with `npm test` (jest global setup)');
  const suffix = randomBytes(4).toString('hex');
  const names = inRepoSubgraphs(ROOT).map((entry) => entry.name);
  const databaseUrls: Record<string, string> = {};
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const name of names) {
      const database = `hub_${name.replace(/-/g, '_')}_${suffix}`;
      await admin.query(`create database "${database}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      databaseUrls[name] = url.toString();
    }
  } finally {
    await admin.end();
  }
  const lines: string[] = [];
  const stack = await startStack({
    root: ROOT,
    databaseUrls,
    ports: 'free',
    env: { LOG_LEVEL: 'warn', ...env },
    onLine: (service, line) => lines.push(`${service}: ${line}`),
  }).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${lines.join('\n')}`);
  });
  return {
    ...stack,
    databaseUrls,
    stop: async () => {
      await stack.stop();
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      for (const url of Object.values(databaseUrls)) {
        await client.query(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
      }
      await client.end();
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
