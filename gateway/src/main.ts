// First: starts OpenTelemetry tracing when configured, before the modules it instruments load.
import '@jobcenter-hub/service/instrument';
import { createServer } from 'node:http';
import { createHttpHandler, createLogger, listen, stopOnSignals } from '@jobcenter-hub/service';
import { memoryCaches } from './cache-stores';
import { shareMetricsAcrossWorkers, superviseWorkers, withWorkerId } from './cluster';
import { createGatewayContextFactory } from './context';
import { readGatewayEnv } from './env';
import { createExplorer } from './explorer';
import { GatewayMetrics } from './metrics';
import { createRateLimiter } from './rate-limit';
import { redisCaches } from './redis-cache-stores';
import type { Answer } from './response-cache';
import { createGateway } from './server';
import { startSubgraphChecks } from './subgraph-states';

/** Process wiring only: env → caches → gateway → HTTP → stop on a signal. The request path: server.ts. */
async function main(): Promise<void> {
  const env = readGatewayEnv();
  const logger = withWorkerId(createLogger('gateway', env.LOG_LEVEL));
  // GATEWAY_WORKERS > 1: this process only supervises the workers, each of which runs the rest of main().
  if (superviseWorkers({ workers: env.GATEWAY_WORKERS, graceMs: env.SHUTDOWN_GRACE_MS, logger })) return;
  const metrics = new GatewayMetrics('gateway');
  shareMetricsAcrossWorkers(metrics.registry, logger);
  const caches = env.caches.url
    ? redisCaches<Answer>(env.caches.url, env.caches.prefix, logger)
    : memoryCaches<Answer>(env.caches.maxEntries);
  const explorer = createExplorer(env.explorer);
  const { apollo, routingUrls, supergraphSdl } = createGateway({
    supergraph: env.supergraph,
    reload: env.reload,
    subgraphUrls: env.subgraphUrls,
    production: env.production,
    introspection: env.introspection,
    logger,
    limits: env.limits,
    responseCache: env.responseCache,
    caches,
    queryPlanCacheMib: env.GATEWAY_QUERY_PLAN_CACHE_MIB,
    calls: env.calls,
    metrics,
    landingPage: explorer.landingPage,
    trustedDocuments: env.trustedDocuments,
  });
  await Promise.all([apollo.start(), caches.ready()]);
  // Each subgraph's reachability and SDL drift: reported (/health/details, metrics, log), never a reason for /ready to fail.
  const subgraphChecks = startSubgraphChecks({
    routingUrls,
    supergraphSdl,
    sharedSecret: env.GATEWAY_SHARED_SECRET,
    intervalMs: env.GATEWAY_SDL_CHECK_MS,
    logger,
    metrics,
  });
  const handle = createHttpHandler({
    apollo,
    context: createGatewayContextFactory(logger),
    logger,
    maxBodyBytes: env.MAX_BODY_BYTES,
    metrics,
    metricsToken: env.METRICS_TOKEN ?? env.GATEWAY_SHARED_SECRET,
    ...(env.rateLimit.max > 0 || env.rateLimit.addressMax > 0 ? { admit: createRateLimiter(env.rateLimit, caches.counters) } : {}),
    // Ready = the gateway can serve (its supergraph is loaded); one subgraph down only loses that subgraph's fields.
    readiness: () => Promise.resolve({ supergraph: supergraphSdl() !== '' }),
    details: async () => {
      await subgraphChecks.check();
      return { supergraph: env.SUPERGRAPH_PATH, subgraphs: subgraphChecks.states() };
    },
  });
  // The offline explorer's page and files (explorer.ts, GET and HEAD only) first, then what every service answers.
  const server = createServer((req, res) => {
    const page = req.method === 'GET' || req.method === 'HEAD';
    if (!page || !explorer.serve(req, res, new URL(req.url ?? '/', 'http://localhost'))) void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  const url = await listen(server, env.PORT, env.HOST);
  logger.info(
    {
      url,
      supergraph: env.SUPERGRAPH_PATH,
      subgraphs: Object.fromEntries(routingUrls),
      cache: env.caches.url ? 'redis' : 'memory',
      explorer: explorer.mode,
    },
    'gateway ready',
  );
  process.send?.({ type: 'ready', name: 'gateway', url });
  stopOnSignals(server, {
    graceMs: env.SHUTDOWN_GRACE_MS,
    logger,
    close: [async () => subgraphChecks.stop(), () => apollo.stop(), () => caches.close()],
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
