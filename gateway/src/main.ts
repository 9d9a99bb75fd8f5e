// First: starts OpenTelemetry tracing when configured, before the modules it instruments load.
import '@jobcenter-hub/service/instrument';
import { closeGracefully, createHttpServer, createLogger, listen } from '@jobcenter-hub/service';
import { shareMetricsAcrossWorkers, superviseWorkers, withWorkerId } from './cluster';
import { createGatewayContextFactory } from './context';
import { readGatewayEnv } from './env';
import { GatewayMetrics } from './metrics';
import type { Answer } from './performance';
import { createGateway, subgraphsReachable } from './server';
import { createGatewayCaches } from './shared-cache';
import { parseSupergraphSource } from './supergraph';

async function main(): Promise<void> {
  const env = readGatewayEnv();
  const logger = withWorkerId(createLogger('gateway', env.LOG_LEVEL));
  // GATEWAY_WORKERS > 1: this process only supervises the workers, each of which runs the rest of main().
  if (superviseWorkers({ workers: env.GATEWAY_WORKERS, graceMs: env.SHUTDOWN_GRACE_MS, logger })) return;
  const production = env.NODE_ENV === 'production';
  const metrics = new GatewayMetrics('gateway');
  shareMetricsAcrossWorkers(metrics.registry, logger);
  const caches = createGatewayCaches<Answer>({
    url: env.GATEWAY_CACHE_URL,
    prefix: env.GATEWAY_CACHE_PREFIX,
    maxEntries: env.performance.responseCache.maxEntries,
    logger,
  });
  const { apollo, routingUrls } = createGateway({
    supergraph: parseSupergraphSource(env.SUPERGRAPH_PATH),
    subgraphUrls: env.subgraphUrls,
    production,
    introspection: env.INTROSPECTION,
    logger,
    reload: { pollMs: env.SUPERGRAPH_POLL_MS, debounceMs: env.SUPERGRAPH_DEBOUNCE_MS, healthCheck: env.SUPERGRAPH_HEALTH_CHECK },
    calls: {
      timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      retries: env.SUBGRAPH_RETRIES,
      retryDelayMs: env.SUBGRAPH_RETRY_DELAY_MS,
      dedupe: env.GATEWAY_DEDUPE_SUBGRAPH_CALLS,
      timeouts: env.subgraphTimeouts,
    },
    metrics,
    performance: env.performance,
    caches,
    sharedSecret: env.GATEWAY_SHARED_SECRET,
    sandbox: env.SANDBOX ?? !production,
    limits: {
      maxDepth: env.LIMIT_MAX_DEPTH,
      maxAliases: env.LIMIT_MAX_ALIASES,
      maxRootFields: env.LIMIT_MAX_ROOT_FIELDS,
      maxTokens: env.LIMIT_MAX_TOKENS,
      maxCost: env.LIMIT_MAX_COST,
      maxDirectives: env.LIMIT_MAX_DIRECTIVES,
      blockFieldSuggestions: production,
    },
  });
  await Promise.all([apollo.start(), caches.ready()]);
  const server = createHttpServer({
    apollo,
    context: createGatewayContextFactory(logger),
    logger,
    maxBodyBytes: env.MAX_BODY_BYTES,
    metrics,
    readiness: async () => ({ supergraph: true, ...(await subgraphsReachable(routingUrls)) }),
  });
  const url = await listen(server, env.PORT, env.HOST);
  logger.info(
    { url, supergraph: env.SUPERGRAPH_PATH, subgraphs: Object.fromEntries(routingUrls), cache: env.GATEWAY_CACHE_URL ? 'redis' : 'memory' },
    'gateway ready',
  );
  process.send?.({ type: 'ready', name: 'gateway', url });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await closeGracefully(server, env.SHUTDOWN_GRACE_MS);
    await apollo.stop();
    await caches.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('disconnect', () => void stop('parent disconnected'));
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
