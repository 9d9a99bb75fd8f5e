import { createHash } from 'node:crypto';
import type { GatewayConfig } from '@apollo/gateway';
import { type ApolloServerPlugin, type BaseContext, type GraphQLResponse, HeaderMap } from '@apollo/server';
import { readEnv } from '@jobcenter-hub/kit';
import { z } from 'zod';

/**
 * Performance settings of the gateway (issue 7), read once at start like env.ts reads the rest. They
 * live here, next to what they switch, so the gateway's other settings stay untouched.
 */
const schema = z.object({
  /** Approximate size of the query-plan LRU cache in MiB (Apollo's default is 30; a plan of a dashboard is a few KiB). */
  GATEWAY_QUERY_PLAN_CACHE_MIB: z.coerce.number().int().min(1).max(1024).default(30),
  /** How long a cached answer of an allowed operation is served, in ms; 0 turns the response cache off. */
  GATEWAY_RESPONSE_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(0),
  /** Comma-separated operation names whose answers may be cached (anonymous queries only). */
  GATEWAY_RESPONSE_CACHE_OPERATIONS: z.string().default('DistrictDashboard,JobcenterDashboard'),
  GATEWAY_RESPONSE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(1_000),
});

export interface GatewayPerformance {
  queryPlanCacheMib: number;
  responseCache: { ttlMs: number; operations: ReadonlySet<string>; maxEntries: number };
}

export function readPerformanceEnv(source: NodeJS.ProcessEnv = process.env): GatewayPerformance {
  const env = readEnv(schema, source);
  return {
    queryPlanCacheMib: env.GATEWAY_QUERY_PLAN_CACHE_MIB,
    responseCache: {
      ttlMs: env.GATEWAY_RESPONSE_CACHE_TTL_MS,
      operations: new Set(env.GATEWAY_RESPONSE_CACHE_OPERATIONS.split(',').map((name) => name.trim()).filter(Boolean)),
      maxEntries: env.GATEWAY_RESPONSE_CACHE_MAX_ENTRIES,
    },
  };
}

/** What `new ApolloGateway` gets from the performance settings. */
export const performanceGatewayConfig = (performance: GatewayPerformance): Partial<GatewayConfig> => ({
  experimental_approximateQueryPlanStoreMiB: performance.queryPlanCacheMib,
});

type CachedBody = Extract<GraphQLResponse['body'], { kind: 'single' }>['singleResult'];

/**
 * A short-lived cache of whole answers for the named dashboard operations: dashboards send the same
 * heavy cross-subgraph query many times a minute, and an answer a few seconds old is fine for them.
 * Only anonymous queries are cached (a request with an `authorization` header is never served from it
 * nor stored, so one caller's private data never reaches another), only answers without errors, keyed
 * by operation name, document and variables. Any mutation through the gateway empties the cache;
 * writes that bypass the gateway are visible after at most the TTL. Hits carry `x-response-cache: hit`.
 */
export function createResponseCachePlugin<TContext extends BaseContext>(options: GatewayPerformance['responseCache']): ApolloServerPlugin<TContext> {
  const entries = new Map<string, { expires: number; body: CachedBody }>();
  return {
    async requestDidStart({ request }) {
      if (options.ttlMs <= 0) return;
      const anonymous = !request.http?.headers.get('authorization');
      let key: string | undefined;
      return {
        async responseForOperation({ operation, operationName, request: { query, variables } }) {
          if (operation.operation === 'mutation') {
            entries.clear();
            return null;
          }
          if (!anonymous || operation.operation !== 'query' || !operationName || !options.operations.has(operationName)) return null;
          key = createHash('sha256').update(operationName).update('\0').update(query ?? '').update('\0').update(JSON.stringify(variables ?? {})).digest('hex');
          const hit = entries.get(key);
          if (!hit) return null;
          if (hit.expires <= Date.now()) {
            entries.delete(key);
            return null;
          }
          key = undefined;
          return { http: { status: undefined, headers: new HeaderMap([['x-response-cache', 'hit']]) }, body: { kind: 'single', singleResult: hit.body } };
        },
        async willSendResponse({ response }) {
          if (!key || response.body.kind !== 'single' || response.body.singleResult.errors) return;
          if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
          entries.set(key, { expires: Date.now() + options.ttlMs, body: response.body.singleResult });
        },
      };
    },
  };
}
