import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { EntityManager, MikroORM, Options } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { z } from 'zod';
import {
  acceptedSubgraphSecrets,
  type Caller,
  createTokenVerifier,
  type InternalHandler,
  DEV_SECRET,
  envParts,
  readEnv,
  redactUrl,
  createErrorFormatter,
  maxCostRule,
  createHttpServer,
  listen,
  createLogger,
  type Logger,
  createRequestObserver,
  ServiceMetrics,
  stopOnSignals,
} from '@jobcenter-hub/service';
import { createCachePolicyPlugins } from './cache-control';
import { connectOrm, databaseReachable, DatabaseUnreachableError, migrateUp } from './orm';
import { representationLimitPlugin, subgraphShapeRule, type SubgraphLimits } from './limits';
import {
  DEFAULT_REFERENCE_CACHE_MS,
  DEFAULT_REFERENCE_TIMEOUT_MS,
  type ReferenceSettings,
  referenceSettingsFromEnv,
} from './remote-references';
import { attachSqlCounter } from './sql-counter';

/** The environment every subgraph reads (its own `env.ts` supplies the default port). */
export function subgraphEnvSchema(defaultPort: number) {
  return z
    .object({
      NODE_ENV: envParts.nodeEnv,
      PORT: envParts.port.default(defaultPort),
      HOST: envParts.host,
      DATABASE_URL: envParts.databaseUrl,
      DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
      /** Write the demo data into an empty database; on by default except in production. */
      SEED_DEMO_DATA: envParts.boolean.optional(),
      LOG_LEVEL: envParts.logLevel,
      MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
      EXPOSE_SQL_COUNT: envParts.boolean.optional(),
      SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
      /** Tokens must be issued by AUTH_ISSUER for AUTH_AUDIENCE. */
      AUTH_ISSUER: z.string().min(1).default('jobcenter-hub'),
      AUTH_AUDIENCE: z.string().min(1).default('jobcenter-hub'),
      /** Production: the identity provider's key set. */
      AUTH_JWKS_URL: z.string().url().optional(),
      /** Development: the HS256 secret of `npm run token` (default: a well-known development secret). */
      AUTH_SECRET: z.string().min(16).optional(),
      /**
       * The gateway's master secret (the hub's own subgraphs): the subgraph accepts its credential derived
       * from it (HMAC-SHA256(master, name), what the gateway sends) and derives its peers' for their
       * `/internal/*`. This or SUBGRAPH_SECRET is required in production.
       */
      GATEWAY_SHARED_SECRET: z.string().min(16).optional(),
      /** A department's service: only its own credential (`npm run subgraph:credential <name>`), which opens no other subgraph. */
      SUBGRAPH_SECRET: z.string().min(16).optional(),
      /** `/metrics` answers only `authorization: Bearer <METRICS_TOKEN>` (default: GATEWAY_SHARED_SECRET) or the gateway's secret header. */
      METRICS_TOKEN: z.string().min(16).optional(),
      /** The subgraph's own limits (limits.ts): above what the gateway's plans need, so that the secret is no unlimited door. */
      SUBGRAPH_MAX_DEPTH: z.coerce.number().int().min(2).default(DEFAULT_SUBGRAPH_LIMITS.maxDepth),
      SUBGRAPH_MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_SUBGRAPH_LIMITS.maxAliases),
      SUBGRAPH_MAX_TOKENS: z.coerce.number().int().min(100).default(DEFAULT_SUBGRAPH_LIMITS.maxTokens),
      SUBGRAPH_MAX_REPRESENTATIONS: z.coerce.number().int().min(1).default(DEFAULT_SUBGRAPH_LIMITS.maxRepresentations),
      SUBGRAPH_MAX_COST: z.coerce.number().int().min(1).default(DEFAULT_SUBGRAPH_LIMITS.maxCost),
      /**
       * Where the other subgraphs are, for references between publishers (remote-references.ts): the same
       * variables the gateway reads, defaulting to the routing URLs of schema/supergraph.yaml.
       */
      SUBGRAPH_ORGANISATIONS_URL: z.string().url().default('http://localhost:4001/graphql'),
      SUBGRAPH_LOCATIONS_URL: z.string().url().default('http://localhost:4002/graphql'),
      SUBGRAPH_PARTNERS_URL: z.string().url().default('http://localhost:4003/graphql'),
      SUBGRAPH_PROGRAMMES_URL: z.string().url().default('http://localhost:4004/graphql'),
      /** How long asking another subgraph about a reference may take before the field fails with SERVICE_UNAVAILABLE. */
      REFERENCE_TIMEOUT_MS: z.coerce.number().int().min(1).default(DEFAULT_REFERENCE_TIMEOUT_MS),
      /** How long the organisations subgraph's answer on grants serves reads (writes always ask anew). */
      REFERENCE_CACHE_MS: z.coerce.number().int().min(0).default(DEFAULT_REFERENCE_CACHE_MS),
    })
    .superRefine((env, issues) => {
      if (env.NODE_ENV === 'production' && !env.AUTH_JWKS_URL && (!env.AUTH_SECRET || env.AUTH_SECRET === DEV_SECRET)) {
        issues.addIssue({
          code: 'custom',
          path: ['AUTH_JWKS_URL'],
          message: 'is required in production (or a non-development AUTH_SECRET)',
        });
      }
      if (env.NODE_ENV === 'production' && !env.GATEWAY_SHARED_SECRET && !env.SUBGRAPH_SECRET) {
        issues.addIssue({
          code: 'custom',
          path: ['GATEWAY_SHARED_SECRET'],
          message:
            "is required in production, or SUBGRAPH_SECRET (16 characters or more: the gateway's secret, or this subgraph's own credential): without it anyone may call the subgraph",
        });
      }
    });
}
export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;

export function readSubgraphEnv(defaultPort: number): SubgraphEnv {
  return readEnv(subgraphEnvSchema(defaultPort));
}

/** The subgraph's own limits unless `SUBGRAPH_MAX_*` say otherwise (docs/security.md). */
export const DEFAULT_SUBGRAPH_LIMITS: SubgraphLimits = {
  maxDepth: 16,
  maxAliases: 100,
  maxTokens: 20_000,
  maxRepresentations: 1_000,
  maxCost: 10_000_000,
};

/**
 * The Apollo Server options every subgraph shares: coded errors, masking in production, metrics, cache
 * hints, and the subgraph's own limits (depth, aliases, tokens, cost, representations per `_entities` call).
 */
export function createSubgraphApollo<TContext extends BaseContext>(
  schema: GraphQLSchema,
  options: { production: boolean; logger: Logger; metrics?: ServiceMetrics; limits?: SubgraphLimits },
): ApolloServer<TContext> {
  const limits = options.limits ?? DEFAULT_SUBGRAPH_LIMITS;
  return new ApolloServer<TContext>({
    schema,
    introspection: !options.production,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [subgraphShapeRule(limits), maxCostRule(limits.maxCost)],
    // The process handles SIGINT/SIGTERM itself (drain HTTP, then stop Apollo, then the database pool).
    stopOnTerminationSignals: false,
    plugins: [
      // Traces are only useful with Apollo's usage reporting, which the hub does not send.
      ApolloServerPluginInlineTraceDisabled(),
      // Cache-Control on every answer, from the types' and fields' hints; the gateway combines them.
      ...createCachePolicyPlugins<TContext>(),
      ...(options.metrics ? [createRequestObserver<TContext>(options.metrics, options.logger)] : []),
      representationLimitPlugin<TContext>(limits.maxRepresentations),
    ],
    includeStacktraceInErrorResponses: !options.production,
    formatError: createErrorFormatter({
      production: options.production,
      log: (error) => options.logger.error({ err: error }, 'resolver failed'),
    }),
  });
}

export interface SubgraphParts<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (request: { requestId: string; caller: Caller }) => Promise<TContext>;
  /** The subgraph's internal endpoints (`/internal/references`, …): its `ReferenceSource`'s `internal`. */
  internal?: InternalHandler;
}

/** What `runSubgraph` (and the tests) hand a subgraph's `createServer`. */
export interface SubgraphServerOptions {
  production: boolean;
  logger: Logger;
  metrics?: ServiceMetrics;
  limits?: SubgraphLimits;
  /** Where the other subgraphs are (from the env); without, references to their records are SERVICE_UNAVAILABLE. */
  references?: ReferenceSettings;
}

export interface SubgraphSpec<TContext extends BaseContext> {
  name: string;
  env: SubgraphEnv;
  ormConfig: Options;
  createServer: (orm: MikroORM, options: SubgraphServerOptions) => Promise<SubgraphParts<TContext>>;
  /** Writes the demo data when the database holds none; returns whether it wrote anything. */
  seedIfEmpty: (em: EntityManager) => Promise<boolean>;
}

/**
 * Process wiring shared by every subgraph: env → ORM (one clear line if the database is unusable) →
 * migrations → demo data when empty → HTTP. Reports its URL to a parent process over IPC when there is
 * one, and shuts down cleanly on SIGTERM/SIGINT.
 */
export async function runSubgraph<TContext extends BaseContext>(spec: SubgraphSpec<TContext>): Promise<void> {
  const { env } = spec;
  const logger = createLogger(spec.name, env.LOG_LEVEL);
  const production = env.NODE_ENV === 'production';
  let orm: MikroORM;
  try {
    orm = await connectOrm(spec.ormConfig, 'DATABASE_URL');
  } catch (error) {
    const line = error instanceof DatabaseUnreachableError ? error.message : `DATABASE_URL: ${String(error)}`;
    process.stderr.write(`${spec.name}: ${line}\n`);
    process.exit(1);
  }
  attachSqlCounter(orm);
  const applied = await migrateUp(orm);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  if ((env.SEED_DEMO_DATA ?? !production) && (await spec.seedIfEmpty(orm.em.fork()))) logger.info('demo data seeded');

  const metrics = new ServiceMetrics(spec.name);
  const pool = () =>
    (orm.em.getConnection().getKnex().client as { pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number } }).pool;
  metrics.gauge('hub_db_pool_used', 'Database connections in use.', () => pool()?.numUsed() ?? 0);
  metrics.gauge('hub_db_pool_free', 'Idle database connections.', () => pool()?.numFree() ?? 0);
  metrics.gauge('hub_db_pool_pending', 'Requests waiting for a database connection.', () => pool()?.numPendingAcquires() ?? 0);
  const limits: SubgraphLimits = {
    maxDepth: env.SUBGRAPH_MAX_DEPTH,
    maxAliases: env.SUBGRAPH_MAX_ALIASES,
    maxTokens: env.SUBGRAPH_MAX_TOKENS,
    maxRepresentations: env.SUBGRAPH_MAX_REPRESENTATIONS,
    maxCost: env.SUBGRAPH_MAX_COST,
  };
  // Each subgraph's createServer hands these options on to createSubgraphApollo.
  const { apollo, context, internal } = await spec.createServer(orm, {
    production,
    logger,
    metrics,
    limits,
    references: referenceSettingsFromEnv(env),
  });
  await apollo.start();
  const server = createHttpServer({
    apollo,
    context,
    logger,
    maxBodyBytes: env.MAX_BODY_BYTES,
    exposeSqlCount: env.EXPOSE_SQL_COUNT ?? !production,
    metrics,
    metricsToken: env.METRICS_TOKEN ?? env.GATEWAY_SHARED_SECRET ?? env.SUBGRAPH_SECRET,
    authenticate: createTokenVerifier({
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      jwksUrl: env.AUTH_JWKS_URL,
      secret: env.AUTH_SECRET,
    }).callerFrom,
    sharedSecret: acceptedSubgraphSecrets(spec.name, { master: env.GATEWAY_SHARED_SECRET, own: env.SUBGRAPH_SECRET }),
    internal,
    readiness: async () => ({ database: await databaseReachable(orm.em) }),
  });
  const url = await listen(server, env.PORT, env.HOST);
  logger.info({ url, database: redactUrl(env.DATABASE_URL) }, `${spec.name} subgraph ready`);
  process.send?.({ type: 'ready', name: spec.name, url });

  stopOnSignals(server, { graceMs: env.SHUTDOWN_GRACE_MS, logger, close: [() => apollo.stop(), () => orm.close()] });
}
