import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { envParts, readEnv } from '@jobcenter-hub/service';
import { z } from 'zod';
import { EXPLORER_MODES, type ExplorerMode } from './explorer';
import type { RequestLimits } from './limits';
import type { RateLimitOptions } from './rate-limit';
import type { ResponseCacheOptions } from './response-cache';
import type { SubgraphCallPolicy } from './subgraph-calls';
import { parseSupergraphSource, type SupergraphReload, type SupergraphSource } from './supergraph';
import type { TrustedDocumentsMode } from './trusted-documents';

const SUBGRAPH_URL = /^SUBGRAPH_([A-Z0-9_]+)_URL$/;
const SUBGRAPH_TIMEOUT = /^SUBGRAPH_([A-Z0-9_]+)_TIMEOUT_MS$/;

const schema = z
  .object({
    NODE_ENV: envParts.nodeEnv,
    PORT: envParts.port.default(4000),
    HOST: envParts.host,
    LOG_LEVEL: envParts.logLevel,
    /** A file (watched) or an http(s) URL (polled) that holds the supergraph the gateway serves. */
    SUPERGRAPH_PATH: z
      .string()
      .min(1)
      .default(join(__dirname, '..', '..', 'schema', 'supergraph.graphql')),
    /** How often the supergraph is read again (the URL's only trigger; a file's fallback for missed events); 0: never. */
    SUPERGRAPH_POLL_MS: z.coerce.number().int().min(0).default(10_000),
    /** File events closer together than this count as one change (editors and `npm run compose` write in steps). */
    SUPERGRAPH_DEBOUNCE_MS: z.coerce.number().int().min(0).default(200),
    /** Switch to a new supergraph only when all its subgraphs answer; otherwise retry at the next poll. */
    SUPERGRAPH_HEALTH_CHECK: envParts.boolean.default('true'),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
    /** How long one call to a subgraph may take; `SUBGRAPH_<NAME>_TIMEOUT_MS` sets it per subgraph. */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
    /** Extra attempts for a query whose subgraph could not be reached (never for mutations). */
    SUBGRAPH_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
    SUBGRAPH_RETRY_DELAY_MS: z.coerce.number().int().min(0).default(50),
    /**
     * The master secret: each subgraph is sent its own credential, HMAC-SHA256(master, name) in hex, in
     * x-gateway-secret (`npm run subgraph:credential <name>` prints it for a department's SUBGRAPH_SECRET).
     */
    GATEWAY_SHARED_SECRET: z.string().min(16).optional(),
    /** How often each subgraph's /health and `_service { sdl }` are checked against the supergraph (subgraph-states.ts); 0: only at start. */
    GATEWAY_SDL_CHECK_MS: z.coerce.number().int().min(0).default(30_000),
    /** `/metrics` answers only `authorization: Bearer <METRICS_TOKEN>` (default: GATEWAY_SHARED_SECRET); open when neither is set. */
    METRICS_TOKEN: z.string().min(16).optional(),
    /**
     * What a browser gets (explorer.ts): `sandbox` (Apollo Sandbox on the GraphQL URL, needs the internet, and
     * the offline explorer at /explorer), `graphiql` (the offline explorer on both), `off`. Default: `sandbox`,
     * `off` in production.
     */
    GATEWAY_EXPLORER: z.enum(EXPLORER_MODES).optional(),
    /** The saved operations the offline explorer offers as examples. */
    GATEWAY_EXPLORER_OPERATIONS: z
      .string()
      .min(1)
      .default(join(__dirname, '..', '..', 'operations')),
    /** Replaced by GATEWAY_EXPLORER; refused, so that an old setting does not go unnoticed. */
    SANDBOX: z.string().optional(),
    /** Approximate size of the query-plan LRU cache in MiB (Apollo's default is 30). */
    GATEWAY_QUERY_PLAN_CACHE_MIB: z.coerce.number().int().min(1).max(1024).default(30),
    /** How long a cached answer of an allowed operation is served, in ms; 0 turns the response cache off. */
    GATEWAY_RESPONSE_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(0),
    /** Comma-separated operation names whose answers may be cached (anonymous queries only). */
    GATEWAY_RESPONSE_CACHE_OPERATIONS: z.string().default('DistrictDashboard,JobcenterDashboard'),
    GATEWAY_RESPONSE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(1_000),
    /**
     * Redis (`redis://host:6379/0`, `rediss://…`) for the response cache and the persisted-query documents,
     * shared by all workers and gateway instances; unset: each process keeps its own in memory.
     */
    GATEWAY_CACHE_URL: z
      .string()
      .url()
      .refine((value) => /^rediss?:$/.test(new URL(value).protocol), 'must be a redis:// or rediss:// URL')
      .optional(),
    /** Prefix of every key the gateway writes to Redis (several hubs may share one Redis). */
    GATEWAY_CACHE_PREFIX: z.string().min(1).default('jobcenter-hub:gateway:'),
    /** Identical anonymous queries in flight at the same time are executed once and share the answer. */
    GATEWAY_COALESCE_QUERIES: envParts.boolean.default('true'),
    /** Identical calls to a subgraph in flight at the same time (same caller credentials, query, variables) are sent once. */
    GATEWAY_DEDUPE_SUBGRAPH_CALLS: envParts.boolean.default('true'),
    LIMIT_MAX_DEPTH: z.coerce.number().int().min(1).default(12),
    LIMIT_MAX_ALIASES: z.coerce.number().int().min(0).default(15),
    LIMIT_MAX_ROOT_FIELDS: z.coerce.number().int().min(1).default(10),
    LIMIT_MAX_TOKENS: z.coerce.number().int().min(10).default(2_000),
    /** The most fields an answer may hold (packages/service cost.ts); gateway/test/cost.test.ts prints what each saved operation costs. */
    LIMIT_MAX_COST: z.coerce.number().int().min(1).default(1_000_000),
    LIMIT_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(20),
    /**
     * Requests one caller (a token, or a client address without one) may send per window; 0: no limit.
     * Default: 100 in production, none in development (tests and `npm run bench` send bursts from one address).
     */
    GATEWAY_RATE_LIMIT_MAX: z.coerce.number().int().min(0).optional(),
    /** Requests one client address may send per window, whatever tokens it sends; 0: no ceiling. Default: 500 in production, none in development. */
    GATEWAY_RATE_LIMIT_ADDRESS_MAX: z.coerce.number().int().min(0).optional(),
    /** The rate limit's window in ms: short, so that a burst is cut early and Retry-After stays short. */
    GATEWAY_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    /** Gateway processes sharing the port (node:cluster): 1 = this process alone; `auto` = one per core. */
    GATEWAY_WORKERS: z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)])
      .default(1)
      .transform((value) => (value === 'auto' ? availableParallelism() : value)),
    INTROSPECTION: envParts.boolean.optional(),
    /**
     * `manifest`: only the operations of the persisted-query manifest (trusted-documents.ts); `off`: any.
     * Default: `manifest` in production, `off` otherwise (the explorer and department developers).
     */
    GATEWAY_TRUSTED_DOCUMENTS: z.enum(['off', 'manifest']).optional(),
    /** The persisted-query manifest (Apollo's format) that `npm run compose` writes from operations/. */
    GATEWAY_TRUSTED_DOCUMENTS_MANIFEST: z
      .string()
      .min(1)
      .default(join(__dirname, '..', '..', 'schema', 'persisted-query-manifest.json')),
    APOLLO_TELEMETRY_DISABLED: z.string().default('1'),
  })
  .superRefine((env, issues) => {
    if (env.SANDBOX !== undefined) {
      issues.addIssue({
        code: 'custom',
        path: ['SANDBOX'],
        message: 'was replaced by GATEWAY_EXPLORER=sandbox|graphiql|off (docs/operations.md)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.GATEWAY_SHARED_SECRET) {
      issues.addIssue({
        code: 'custom',
        path: ['GATEWAY_SHARED_SECRET'],
        message:
          "is required in production (16 characters or more, the same value as the subgraphs'): without it anyone may call the subgraphs",
      });
    }
  });

/**
 * The gateway's whole configuration: every variable as read (upper case) and, grouped for the parts
 * that use them, the same values in the shape each part takes.
 */
export type GatewayEnv = z.infer<typeof schema> & {
  production: boolean;
  /** `SUPERGRAPH_PATH`, parsed: a file or a URL. */
  supergraph: SupergraphSource;
  /** When and how a new supergraph is read and switched to (supergraph.ts). */
  reload: SupergraphReload;
  /** Subgraph URLs that replace the routing URLs of the supergraph, by `subgraphUrlKey` of the subgraph's name. */
  subgraphUrls: Record<string, string>;
  /** Timeout, retries and dedupe of subgraph calls (subgraph-calls.ts); `timeouts` by `subgraphUrlKey` of the name. */
  calls: SubgraphCallPolicy & { timeouts: Record<string, number> };
  /** Parser, validation and cost limits of one request (limits.ts, packages/service cost.ts). */
  limits: RequestLimits;
  /** How often one caller may ask (rate-limit.ts); counted in Redis when `caches.url` is set. */
  rateLimit: RateLimitOptions;
  /** The response cache of dashboard operations and query coalescing (response-cache.ts). */
  responseCache: ResponseCacheOptions;
  /** Where cached answers and persisted-query documents are kept: Redis at `url`, else in memory (cache-stores.ts). */
  caches: { url?: string; prefix: string; maxEntries: number };
  /** The explorer a browser gets (`GATEWAY_EXPLORER`, default `sandbox`, `off` in production) and the saved operations it offers. */
  explorer: { mode: ExplorerMode; operationsDir: string };
  /** Introspection: on unless in production. */
  introspection: boolean;
  /** Which operations the gateway runs: only the manifest's (`manifest`, the default in production) or any (`off`). */
  trustedDocuments: { mode: TrustedDocumentsMode; manifest: string };
};

/** How `SUBGRAPH_<NAME>_URL` spells a subgraph's name: upper case, `_` for `-` (a variable name has no `-`). */
export const subgraphUrlKey = (name: string) => name.toUpperCase().replace(/-/g, '_');

/**
 * Reads the gateway's environment once. `SUBGRAPH_<NAME>_URL` overrides the routing URL of subgraph
 * `<name>` (upper case, `_` for `-`), so one supergraph file serves any deployment.
 */
export function readGatewayEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const env = readEnv(schema, source);
  const subgraphUrls: Record<string, string> = {};
  const subgraphTimeouts: Record<string, number> = {};
  for (const [key, value] of Object.entries(source)) {
    const timeout = SUBGRAPH_TIMEOUT.exec(key);
    if (timeout && value !== undefined) {
      const ms = Number(value);
      if (!Number.isInteger(ms) || ms < 1) {
        process.stderr.write(`configuration error: ${key}: must be a whole number of milliseconds ≥ 1\n`);
        process.exit(1);
      }
      subgraphTimeouts[timeout[1]!] = ms;
      continue;
    }
    const match = SUBGRAPH_URL.exec(key);
    if (!match || !value) continue;
    try {
      new URL(value);
    } catch {
      process.stderr.write(`configuration error: ${key}: must be a URL, e.g. http://127.0.0.1:4001/graphql\n`);
      process.exit(1);
    }
    subgraphUrls[match[1]!] = value;
  }
  // @apollo/gateway sends anonymous usage telemetry to Apollo unless this is set when it is constructed.
  source.APOLLO_TELEMETRY_DISABLED = env.APOLLO_TELEMETRY_DISABLED;
  const production = env.NODE_ENV === 'production';
  return {
    ...env,
    production,
    supergraph: parseSupergraphSource(env.SUPERGRAPH_PATH),
    reload: { pollMs: env.SUPERGRAPH_POLL_MS, debounceMs: env.SUPERGRAPH_DEBOUNCE_MS, healthCheck: env.SUPERGRAPH_HEALTH_CHECK },
    subgraphUrls,
    calls: {
      timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      retries: env.SUBGRAPH_RETRIES,
      retryDelayMs: env.SUBGRAPH_RETRY_DELAY_MS,
      dedupe: env.GATEWAY_DEDUPE_SUBGRAPH_CALLS,
      sharedSecret: env.GATEWAY_SHARED_SECRET,
      timeouts: subgraphTimeouts,
    },
    limits: {
      maxDepth: env.LIMIT_MAX_DEPTH,
      maxAliases: env.LIMIT_MAX_ALIASES,
      maxRootFields: env.LIMIT_MAX_ROOT_FIELDS,
      maxTokens: env.LIMIT_MAX_TOKENS,
      maxCost: env.LIMIT_MAX_COST,
      maxDirectives: env.LIMIT_MAX_DIRECTIVES,
      blockFieldSuggestions: production,
    },
    rateLimit: {
      max: env.GATEWAY_RATE_LIMIT_MAX ?? (production ? 100 : 0),
      addressMax: env.GATEWAY_RATE_LIMIT_ADDRESS_MAX ?? (production ? 500 : 0),
      windowMs: env.GATEWAY_RATE_LIMIT_WINDOW_MS,
    },
    responseCache: {
      ttlMs: env.GATEWAY_RESPONSE_CACHE_TTL_MS,
      operations: new Set(
        env.GATEWAY_RESPONSE_CACHE_OPERATIONS.split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      ),
      maxEntries: env.GATEWAY_RESPONSE_CACHE_MAX_ENTRIES,
      coalesce: env.GATEWAY_COALESCE_QUERIES,
    },
    caches: { url: env.GATEWAY_CACHE_URL, prefix: env.GATEWAY_CACHE_PREFIX, maxEntries: env.GATEWAY_RESPONSE_CACHE_MAX_ENTRIES },
    explorer: { mode: env.GATEWAY_EXPLORER ?? (production ? 'off' : 'sandbox'), operationsDir: env.GATEWAY_EXPLORER_OPERATIONS },
    introspection: env.INTROSPECTION ?? !production,
    trustedDocuments: {
      mode: env.GATEWAY_TRUSTED_DOCUMENTS ?? (production ? 'manifest' : 'off'),
      manifest: env.GATEWAY_TRUSTED_DOCUMENTS_MANIFEST,
    },
  };
}
