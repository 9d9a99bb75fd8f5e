import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, type BaseContext, type GraphQLRequestContext, type GraphQLResponse, HeaderMap } from '@apollo/server';
import { memoryResponseStore, type ResponseStore } from './cache-stores';

export interface ResponseCacheOptions {
  /** How long an answer is kept at most; 0: no response cache (coalescing may still be on). */
  ttlMs: number;
  /** The operation names whose answers may be kept. */
  operations: ReadonlySet<string>;
  /** The most answers the in-memory store keeps. */
  maxEntries: number;
  /** Identical anonymous queries running at the same time are executed once. */
  coalesce: boolean;
}

type CachedBody = Extract<GraphQLResponse['body'], { kind: 'single' }>['singleResult'];
/** maxAge (seconds) and scope, as Apollo's cache-control plugin computes them. */
type CacheHint = Parameters<GraphQLRequestContext<BaseContext>['overallCachePolicy']['replace']>[0];
/** An answer and its cache policy. */
export type Answer = { body: CachedBody; policy: CacheHint };

/**
 * Two ways of answering a query without running it again, for anonymous callers only (a request with
 * an `authorization` header is never served from them nor feeds them, so one caller's private data
 * never reaches another), and only with answers that have no errors:
 *
 * * coalescing (on by default): while a query is running, identical ones (same operation, document and
 *   variables) wait for its answer instead of running too — dashboards fire the same heavy query from
 *   many screens at once. Nothing stale is served: the answer is as fresh as the running one's.
 * * a short-lived response cache (off by default) for the named dashboard operations: an answer a few
 *   seconds old is fine for them. It keeps only answers whose cache policy — the subgraphs' cache hints,
 *   combined by the gateway from their `Cache-Control` headers — is PUBLIC with a maxAge above 0, and
 *   for at most that maxAge (TTL = min(configured TTL, maxAge)). Any mutation through the gateway
 *   empties it (in every gateway process, when the store is shared: redis-cache-stores.ts); writes that
 *   bypass the gateway are visible after at most the TTL. Hits carry
 *   `x-response-cache: hit`, the stored policy (so the same `Cache-Control`) and an `age` header.
 */
export function createResponseCachePlugin<TContext extends BaseContext>(
  options: ResponseCacheOptions,
  store: ResponseStore<Answer> = memoryResponseStore<Answer>(options.maxEntries),
): ApolloServerPlugin<TContext> {
  const running = new Map<string, Promise<Answer | undefined>>();
  const respond = (body: CachedBody, how: string, age?: number): GraphQLResponse => ({
    http: {
      status: undefined,
      headers: new HeaderMap([['x-response-cache', how], ...(age === undefined ? [] : [['age', String(age)] as [string, string]])]),
    },
    body: { kind: 'single', singleResult: body },
  });
  return {
    async requestDidStart({ request }) {
      if (options.ttlMs <= 0 && !options.coalesce) return;
      const anonymous = !request.http?.headers.get('authorization');
      /** Set when this request runs the operation and others may wait for it or read it later. */
      let leader: { key: string; cache: boolean; generation: string; done: (answer: Answer | undefined) => void } | undefined;
      let mutation = false;
      return {
        async responseForOperation({ operation, operationName, request: { query, variables }, overallCachePolicy }) {
          // Typed as present, but absent when the document does not hold the named operation (limits.ts refuses those first).
          if (!(operation as typeof operation | undefined)) return null;
          if (operation.operation === 'mutation') {
            mutation = true;
            return null;
          }
          if (!anonymous || operation.operation !== 'query') return null;
          const cache = options.ttlMs > 0 && !!operationName && options.operations.has(operationName);
          if (!cache && !options.coalesce) return null;
          const key = createHash('sha256')
            .update(operationName ?? '')
            .update('\0')
            .update(query ?? '')
            .update('\0')
            .update(JSON.stringify(variables ?? {}))
            .digest('hex');
          const { hit, generation } = cache ? await store.lookup(key) : { hit: undefined, generation: '' };
          if (hit) {
            // The answer's own policy, so the Cache-Control header is the same; `age` says how old it is.
            overallCachePolicy.replace(hit.answer.policy);
            return respond(hit.answer.body, 'hit', Math.max(0, Math.floor((Date.now() - hit.stored) / 1000)));
          }
          const inFlight = options.coalesce ? running.get(key) : undefined;
          if (inFlight) {
            const shared = await inFlight;
            if (!shared) return null; // The running one failed: run this one on its own.
            overallCachePolicy.replace(shared.policy);
            return respond(shared.body, 'coalesced');
          }
          let done!: (answer: Answer | undefined) => void;
          if (options.coalesce) running.set(key, new Promise((resolve) => (done = resolve)));
          leader = { key, cache, generation, done: (answer) => done?.(answer) };
          return null;
        },
        async willSendResponse({ response, overallCachePolicy }) {
          // After the write, not before: a query that started before it cannot store what it read.
          if (mutation) await store.invalidate();
          if (!leader) return;
          const body = response.body.kind === 'single' && !response.body.singleResult.errors ? response.body.singleResult : undefined;
          // What the subgraphs said about this answer (their Cache-Control headers, combined).
          const policy = overallCachePolicy.policyIfCacheable();
          const answer = body ? { body, policy: policy ?? { maxAge: 0 } } : undefined;
          running.delete(leader.key);
          leader.done(answer);
          // Never kept: answers with errors, PRIVATE ones, and those with maxAge 0 (or no policy).
          if (answer && leader.cache && policy && policy.scope === 'PUBLIC') {
            const ttlMs = Math.min(options.ttlMs, policy.maxAge * 1000);
            await store.store(leader.key, leader.generation, { stored: Date.now(), answer }, ttlMs);
          }
          leader = undefined;
        },
      };
    },
  };
}
