/**
 * The gateway: Apollo Server over an Apollo Gateway that serves a supergraph composed ahead of time (it
 * never introspects subgraphs). This file builds it; main.ts reads the configuration (env.ts), serves it
 * over HTTP and stops it on a signal.
 *
 * The path of a request, in order, and the file that implements each step:
 *
 * 0. Rate limit: a caller over `GATEWAY_RATE_LIMIT_*` gets 429 before its body is read (rate-limit.ts,
 *    asked by `createHttpServer` through `admit`; counted in Redis with `GATEWAY_CACHE_URL`).
 * 1. Body limit: a body over `MAX_BODY_BYTES` (declared or chunked) gets 413, a JSON body nested too deep
 *    400, before anything is parsed (`createHttpServer`, packages/service/src/http.ts).
 * 2. Trusted documents: an id of the persisted-query manifest gets the manifest's document; with
 *    `GATEWAY_TRUSTED_DOCUMENTS=manifest` (the default in production) any other id or document gets 400
 *    PERSISTED_QUERY_NOT_IN_LIST or QUERY_NOT_IN_SAFELIST before it is parsed (trusted-documents.ts).
 *    Then the persisted query lookup: a request that sends only a hash gets its document from the
 *    persisted-query cache (Apollo Server; the store: cache-stores.ts or redis-cache-stores.ts).
 * 3. Parse, with a token limit: graphql-js's parser stops at `LIMIT_MAX_TOKENS` (limits.ts).
 * 4. Validation limits and cost: depth, aliases, directives, root fields (limits.ts) and the most fields
 *    the answer can hold (packages/service cost.ts); values: finite numbers, custom scalars checked as the subgraphs check
 *    them, variables coerced, the named operation present (input-checks.ts). A refused operation gets 400
 *    before any plan is made. Error messages echo little of the client's text (errors.ts).
 * 5. Persisted query registration: a new document is kept under its hash only once it passed 3 and 4
 *    (Apollo Server).
 * 6. Response cache and coalescing: an anonymous query is answered from the cache, or shares the answer
 *    of an identical query already running (response-cache.ts).
 * 7. Plan: the query plan, from a cache of `GATEWAY_QUERY_PLAN_CACHE_MIB` (Apollo Gateway, over the
 *    supergraph that supergraph.ts keeps current).
 * 8. Subgraph calls (node:http over keep-alive sockets): identical calls in flight sent once, a request's
 *    parallel entity fetches that ask a subgraph the same sent as one `_entities` call, each call with a
 *    timeout, queries retried a bounded number of times, a failure becoming a coded error that names the
 *    subgraph, a refusal of the client's value passed on as BAD_USER_INPUT (subgraph-calls.ts).
 * 9. Cache hints: each subgraph's `Cache-Control` header folds into the answer's cache policy (Apollo
 *    Gateway), which becomes the response's `Cache-Control` (Apollo Server) and decides whether step 6
 *    keeps the answer (response-cache.ts).
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { createRequestObserver, type Logger, subgraphCredential } from '@jobcenter-hub/service';
import type { GatewayCaches } from './cache-stores';
import type { GatewayContext } from './context';
import { subgraphUrlKey } from './env';
import { createGatewayErrorFormatter } from './errors';
import { checkCustomScalars, finiteNumbersRule, operationChecksPlugin } from './input-checks';
import { createRequestProtection, type RequestLimits } from './limits';
import type { GatewayMetrics } from './metrics';
import { type Answer, createResponseCachePlugin, type ResponseCacheOptions } from './response-cache';
import { type SubgraphCallPolicy, SubgraphDataSource } from './subgraph-calls';
import { followSupergraph, type SupergraphReload, type SupergraphSource } from './supergraph';
import { guardTrustedDocuments, loadTrustedDocuments, type TrustedDocumentsMode } from './trusted-documents';

export interface GatewayOptions {
  supergraph: SupergraphSource;
  reload: SupergraphReload;
  /** Routing URL overrides by `subgraphUrlKey` of the subgraph name (`SUBGRAPH_<NAME>_URL`). */
  subgraphUrls: Record<string, string>;
  production: boolean;
  introspection?: boolean;
  logger: Logger;
  /** Request limits and cost (steps 3 and 4). */
  limits: RequestLimits;
  /** The response cache of dashboard operations and coalescing (step 6); absent: neither. */
  responseCache?: ResponseCacheOptions;
  /** Where cached answers and persisted-query documents are kept; default: this process's memory. */
  caches?: GatewayCaches<Answer>;
  /** Approximate size of the query-plan cache in MiB (step 7); absent: Apollo's default. */
  queryPlanCacheMib?: number;
  /** Timeout, retries, dedupe and secret of subgraph calls (step 8); `timeouts` overrides the timeout by `subgraphUrlKey`. */
  calls: SubgraphCallPolicy & { timeouts: Record<string, number> };
  metrics?: GatewayMetrics;
  /** Only the operations of the persisted-query manifest (`manifest`), or any (`off`; the manifest's ids still answered); step 2. */
  trustedDocuments?: { mode: TrustedDocumentsMode; manifest: string };
  /** The landing page of the GraphQL URL: Sandbox, the offline explorer or none (explorer.ts). */
  landingPage: ApolloServerPlugin<BaseContext>;
}

/** The Apollo gateway and server, and the URL each subgraph of the served supergraph is called at. */
export function createGateway(options: GatewayOptions) {
  const { logger } = options;
  const resolveUrl = (name: string, url: string | undefined) => options.subgraphUrls[subgraphUrlKey(name)] ?? url;
  const supergraph = followSupergraph({
    source: options.supergraph,
    reload: options.reload,
    logger,
    routeOf: (name, url) => resolveUrl(name, url) ?? url,
  });

  const gateway = new ApolloGateway({
    ...(options.queryPlanCacheMib !== undefined ? { experimental_approximateQueryPlanStoreMiB: options.queryPlanCacheMib } : {}),
    supergraphSdl: supergraph.supergraphSdl,
    logger,
    buildService: ({ name, url }) => {
      const resolved = resolveUrl(name, url);
      if (!resolved) throw new Error(`subgraph ${name} has no URL: set SUBGRAPH_${subgraphUrlKey(name)}_URL`);
      const { timeouts, ...policy } = options.calls;
      return new SubgraphDataSource(
        name,
        resolved,
        {
          ...policy,
          timeoutMs: timeouts[subgraphUrlKey(name)] ?? policy.timeoutMs,
          // Each subgraph gets its own credential, derived from the master: a department's opens no other subgraph.
          sharedSecret: policy.sharedSecret && subgraphCredential(policy.sharedSecret, name),
        },
        options.metrics,
      );
    },
  });
  // Before Apollo Server sees a new schema: its custom scalars check values as the subgraphs do (input-checks.ts).
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => checkCustomScalars(apiSchema));
  const protection = createRequestProtection(options.limits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.introspection ?? !options.production,
    // main.ts handles SIGINT/SIGTERM itself: drain HTTP, then stop Apollo, then close the caches.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !options.production,
    plugins: [
      operationChecksPlugin<GatewayContext>(),
      ...protection.plugins,
      options.landingPage,
      ...(options.metrics ? [createRequestObserver<GatewayContext>(options.metrics, logger)] : []),
      ...(options.responseCache ? [createResponseCachePlugin<GatewayContext>(options.responseCache, options.caches?.responses)] : []),
    ] as ApolloServerPlugin<GatewayContext>[],
    // Automatic persisted queries: in Redis when configured, so every gateway process knows a hash.
    ...(options.caches?.persistedQueries ? { persistedQueries: { cache: options.caches.persistedQueries } } : {}),
    validationRules: [finiteNumbersRule, ...protection.validationRules],
    parseOptions: protection.parseOptions,
    // No "did you mean …" hints that reveal the schema, in production.
    hideSchemaDetailsFromClientErrors: options.production,
    formatError: createGatewayErrorFormatter({
      production: options.production,
      log: (error) => options.logger.error({ err: error }, 'request failed'),
    }),
  });
  const trusted = options.trustedDocuments && loadTrustedDocuments(options.trustedDocuments.manifest, options.trustedDocuments.mode);
  if (trusted) {
    guardTrustedDocuments(apollo, trusted, logger);
    logger.info({ mode: trusted.mode, manifest: trusted.file, operations: trusted.byId.size }, 'trusted documents');
  }
  return { apollo, gateway, routingUrls: supergraph.routingUrls, supergraphSdl: supergraph.served };
}
