import { ApolloGateway, type SupergraphSdlHook } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { createErrorFormatter, createRequestObserver, type Logger } from '@jobcenter-hub/service';
import type { GatewayContext } from './context';
import { type SubgraphCallPolicy, SubgraphDataSource } from './data-source';
import { createRequestProtection, type RequestLimits } from './limits';
import type { GatewayMetrics } from './metrics';
import { type Answer, createResponseCachePlugin, type GatewayPerformance, performanceGatewayConfig } from './performance';
import type { GatewayCaches } from './shared-cache';
import { subgraphUrlKey } from './env';
import {
  describeSupergraphSource,
  inspectSupergraph,
  readSupergraphSource,
  type SubgraphRoute,
  type SupergraphSource,
  watchSupergraphSource,
} from './supergraph';

export interface GatewayOptions {
  supergraph: SupergraphSource;
  /** Routing URL overrides by `subgraphUrlKey` of the subgraph name (`SUBGRAPH_<NAME>_URL`). */
  subgraphUrls: Record<string, string>;
  production: boolean;
  introspection?: boolean;
  logger: Logger;
  reload: { pollMs: number; debounceMs: number; healthCheck: boolean };
  /** Timeout and retries of subgraph calls; `timeouts` overrides the timeout by `subgraphUrlKey`. */
  calls: SubgraphCallPolicy & { timeouts: Record<string, number> };
  metrics?: GatewayMetrics;
  /** Query-plan cache size and the response cache of dashboard operations (performance.ts). */
  performance?: GatewayPerformance;
  /** Where cached answers and persisted-query documents are kept (shared-cache.ts); default: this process's memory. */
  caches?: GatewayCaches<Answer>;
  limits: RequestLimits;
  /** Apollo Sandbox as the landing page. */
  sandbox: boolean;
  /** Sent to every subgraph as x-gateway-secret. */
  sharedSecret?: string;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/**
 * The Apollo gateway over a supergraph composed ahead of time (it never introspects subgraphs). It
 * follows its source: a valid new supergraph replaces the served one without a restart (requests
 * already running finish on the old one); an invalid one is refused with a log line and the old one
 * keeps serving.
 */
export function createGateway(options: GatewayOptions) {
  const { logger } = options;
  const where = describeSupergraphSource(options.supergraph);
  const resolveUrl = (name: string, url: string | undefined) => options.subgraphUrls[subgraphUrlKey(name)] ?? url;
  /** The URL each subgraph of the served supergraph is called at; `/ready` checks these. */
  const routingUrls = new Map<string, string>();
  const route = (subgraphs: SubgraphRoute[]) => {
    routingUrls.clear();
    for (const { name, url } of subgraphs) routingUrls.set(name, resolveUrl(name, url) ?? url);
  };

  const followSupergraph: SupergraphSdlHook = async ({ update, healthCheck }) => {
    // The first supergraph must be valid, or the gateway does not start.
    const initial = await readSupergraphSource(options.supergraph);
    route(inspectSupergraph(initial));
    let served = initial;
    let refused: string | undefined;
    // One line per distinct problem, not one per poll.
    let lastProblem: string | undefined;
    const problem = (level: 'warn' | 'error', message: string, details: Record<string, unknown>) => {
      const key = `${message} ${JSON.stringify(details)}`;
      if (key === lastProblem) return;
      lastProblem = key;
      logger[level]({ supergraph: where, ...details }, message);
    };

    const reload = async () => {
      let sdl: string;
      try {
        sdl = await readSupergraphSource(options.supergraph);
      } catch (error) {
        problem('warn', 'supergraph unreadable; still serving the previous one', { reason: reason(error) });
        return;
      }
      if (sdl === served || sdl === refused) return;
      let subgraphs: SubgraphRoute[];
      try {
        subgraphs = inspectSupergraph(sdl);
      } catch (error) {
        refused = sdl;
        problem('error', 'supergraph refused; still serving the previous one', { reason: reason(error) });
        return;
      }
      if (options.reload.healthCheck) {
        try {
          await healthCheck(sdl);
        } catch (error) {
          // The gateway's message is a paragraph; its last line names the subgraph and what went wrong.
          const lines = (error instanceof Error ? error.message : String(error)).trim().split('\n');
          problem('warn', 'supergraph not switched yet: a subgraph of it does not answer; trying again at the next poll', {
            reason: lines.at(-1),
          });
          return;
        }
      }
      try {
        update(sdl);
      } catch (error) {
        refused = sdl;
        problem('error', 'supergraph refused; still serving the previous one', { reason: reason(error) });
        return;
      }
      served = sdl;
      lastProblem = undefined;
      route(subgraphs);
      logger.info({ supergraph: where, subgraphs: Object.fromEntries(routingUrls) }, 'supergraph updated');
    };

    // Reloads run one after another: a change during a reload is looked at once that one is done, and
    // changes while one waits to run need no second one (it reads the source when it starts).
    let queue = Promise.resolve();
    let waiting = false;
    const stop = watchSupergraphSource(options.supergraph, {
      debounceMs: options.reload.debounceMs,
      pollMs: options.reload.pollMs,
      onChange: () => {
        if (waiting) return;
        waiting = true;
        queue = queue
          .then(() => {
            waiting = false;
            return reload();
          })
          .catch((error: unknown) => logger.error({ err: error, supergraph: where }, 'supergraph reload failed'));
      },
    });
    return {
      supergraphSdl: initial,
      cleanup: async () => {
        stop();
        await queue;
      },
    };
  };

  const gateway = new ApolloGateway({
    ...(options.performance ? performanceGatewayConfig(options.performance) : {}),
    supergraphSdl: followSupergraph,
    logger,
    buildService: ({ name, url }) => {
      const resolved = resolveUrl(name, url);
      if (!resolved) throw new Error(`subgraph ${name} has no URL: set SUBGRAPH_${subgraphUrlKey(name)}_URL`);
      const { timeouts, ...policy } = options.calls;
      return new SubgraphDataSource(
        name,
        resolved,
        { ...policy, timeoutMs: timeouts[subgraphUrlKey(name)] ?? policy.timeoutMs, sharedSecret: options.sharedSecret },
        options.metrics,
      );
    },
  });
  const protection = createRequestProtection(options.limits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.introspection ?? !options.production,
    // The process handles SIGINT/SIGTERM itself (drain HTTP, then stop Apollo, then the database pool).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !options.production,
    plugins: [
      ...protection.plugins,
      options.sandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
      ...(options.metrics ? [createRequestObserver<GatewayContext>(options.metrics, logger)] : []),
      ...(options.performance
        ? [createResponseCachePlugin<GatewayContext>(options.performance.responseCache, options.caches?.responses)]
        : []),
    ] as ApolloServerPlugin<GatewayContext>[],
    // Automatic persisted queries: in Redis when configured, so every gateway process knows a hash.
    ...(options.caches?.persistedQueries ? { persistedQueries: { cache: options.caches.persistedQueries } } : {}),
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    // No "did you mean …" hints that reveal the schema, in production.
    hideSchemaDetailsFromClientErrors: options.production,
    formatError: createErrorFormatter({
      production: options.production,
      log: (error) => options.logger.error({ err: error }, 'request failed'),
    }),
  });
  return { apollo, gateway, routingUrls };
}

/** Each subgraph answers its `/health` within a second. */
export async function subgraphsReachable(routingUrls: Map<string, string>): Promise<Record<string, boolean>> {
  const checks = await Promise.all(
    [...routingUrls].map(async ([name, url]) => {
      try {
        const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(1_000) });
        return [`subgraph:${name}`, response.ok] as const;
      } catch {
        return [`subgraph:${name}`, false] as const;
      }
    }),
  );
  return Object.fromEntries(checks);
}
