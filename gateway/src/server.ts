import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createErrorFormatter, type Logger } from '@jobcenter-hub/kit';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './data-source';

export interface GatewayOptions {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  production: boolean;
  introspection?: boolean;
  logger: Logger;
}

/** The Apollo gateway over the supergraph composed ahead of time (it never introspects subgraphs). */
export function createGateway(options: GatewayOptions) {
  const supergraphSdl = readFileSync(options.supergraphPath, 'utf8');
  const routingUrls = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: options.logger,
    buildService: ({ name, url }) => {
      const resolved = options.subgraphUrls[name] ?? url;
      if (!resolved) throw new Error(`subgraph ${name} has no URL: set SUBGRAPH_${name.toUpperCase()}_URL`);
      routingUrls.set(name, resolved);
      return new SubgraphDataSource({ url: resolved });
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.introspection ?? !options.production,
    // The process handles SIGINT/SIGTERM itself (drain HTTP, then stop Apollo, then the database pool).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !options.production,
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
