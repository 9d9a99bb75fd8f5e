import { createHash } from 'node:crypto';
import type { GatewayConfig } from '@apollo/gateway';
import { type ApolloServerPlugin, type BaseContext, type GraphQLResponse, HeaderMap } from '@apollo/server';

export interface GatewayPerformance {
  queryPlanCacheMib: number;
  responseCache: { ttlMs: number; operations: ReadonlySet<string>; maxEntries: number; coalesce: boolean };
}

/** What `new ApolloGateway` gets from the performance settings. */
export const performanceGatewayConfig = (performance: GatewayPerformance): Partial<GatewayConfig> => ({
  experimental_approximateQueryPlanStoreMiB: performance.queryPlanCacheMib,
});

type CachedBody = Extract<GraphQLResponse['body'], { kind: 'single' }>['singleResult'];

/**
 * Two ways of answering a query without running it again, for anonymous callers only (a request with
 * an `authorization` header is never served from them nor feeds them, so one caller's private data
 * never reaches another), and only with answers that have no errors:
 *
 * * coalescing (on by default): while a query is running, identical ones (same operation, document and
 *   variables) wait for its answer instead of running too — dashboards fire the same heavy query from
 *   many screens at once. Nothing stale is served: the answer is as fresh as the running one's.
 * * a short-lived response cache (off by default) for the named dashboard operations: an answer a few
 *   seconds old is fine for them. Any mutation through the gateway empties it; writes that bypass the
 *   gateway are visible after at most the TTL. Hits carry `x-response-cache: hit`.
 */
export function createResponseCachePlugin<TContext extends BaseContext>(options: GatewayPerformance['responseCache']): ApolloServerPlugin<TContext> {
  const entries = new Map<string, { expires: number; body: CachedBody }>();
  const running = new Map<string, Promise<CachedBody | undefined>>();
  const answer = (body: CachedBody, how: string): GraphQLResponse => ({
    http: { status: undefined, headers: new HeaderMap([['x-response-cache', how]]) },
    body: { kind: 'single', singleResult: body },
  });
  return {
    async requestDidStart({ request }) {
      if (options.ttlMs <= 0 && !options.coalesce) return;
      const anonymous = !request.http?.headers.get('authorization');
      /** Set when this request runs the operation and others may wait for it or read it later. */
      let leader: { key: string; cache: boolean; done: (body: CachedBody | undefined) => void } | undefined;
      return {
        async responseForOperation({ operation, operationName, request: { query, variables } }) {
          if (operation.operation === 'mutation') {
            entries.clear();
            return null;
          }
          if (!anonymous || operation.operation !== 'query') return null;
          const cache = options.ttlMs > 0 && !!operationName && options.operations.has(operationName);
          if (!cache && !options.coalesce) return null;
          const key = createHash('sha256').update(operationName ?? '').update('\0').update(query ?? '').update('\0').update(JSON.stringify(variables ?? {})).digest('hex');
          const hit = cache ? entries.get(key) : undefined;
          if (hit && hit.expires > Date.now()) return answer(hit.body, 'hit');
          if (hit) entries.delete(key);
          const inFlight = options.coalesce ? running.get(key) : undefined;
          if (inFlight) {
            const body = await inFlight;
            // The running one failed: run this one on its own.
            return body ? answer(body, 'coalesced') : null;
          }
          let done!: (body: CachedBody | undefined) => void;
          if (options.coalesce) running.set(key, new Promise((resolve) => (done = resolve)));
          leader = { key, cache, done: (body) => done?.(body) };
          return null;
        },
        async willSendResponse({ response }) {
          if (!leader) return;
          const body = response.body.kind === 'single' && !response.body.singleResult.errors ? response.body.singleResult : undefined;
          running.delete(leader.key);
          leader.done(body);
          if (body && leader.cache) {
            if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
            entries.set(leader.key, { expires: Date.now() + options.ttlMs, body });
          }
          leader = undefined;
        },
      };
    },
  };
}
