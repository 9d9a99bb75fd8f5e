import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Logger } from '@jobcenter-hub/service';
import Redis from 'ioredis';
import type { GatewayCaches, ResponseStore, StoredAnswer } from './cache-stores';
import type { CounterStore } from './rate-limit';

/**
 * The gateway's caches in Redis (`GATEWAY_CACHE_URL`): shared by every worker of `GATEWAY_WORKERS` and
 * every gateway instance behind a load balancer, so that a dashboard's hash is known everywhere once it
 * was sent anywhere, a cached answer serves all of them, and a mutation through any of them empties the
 * cache of all.
 *
 * The cache is an optimisation, never a dependency: when Redis is unreachable or slow (a command waits
 * at most COMMAND_TIMEOUT_MS), reads are misses and writes are dropped, requests are answered as if
 * there were no cache, and one log line says so (another when it is back). Readiness does not depend on it.
 */

// Long enough that a busy event loop (a GC pause, a loaded machine) does not fire the timer before the
// answer that is already there is read; short enough that a hanging Redis costs a request at most this.
const COMMAND_TIMEOUT_MS = 1_000;
/** How long a starting gateway waits for Redis before it serves without it (until Redis connects). */
const CONNECT_WAIT_MS = 3_000;
/** Persisted-query documents are immutable (the key is their hash): kept a week after their last registration. */
const PERSISTED_QUERY_TTL_S = 7 * 24 * 3600;

/** One request counted in a fixed window: the count so far and the milliseconds until the window ends. */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }`;

/** The caches in Redis at `url`, every key under `prefix`. */
export function redisCaches<TAnswer>(url: string, prefix: string, logger: Logger): GatewayCaches<TAnswer> {
  const redis = new Redis(url, {
    // Fail fast instead of queueing while disconnected: a cache that waits is worse than none.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let healthy = true;
  const failed = (error: unknown) => {
    if (healthy)
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'gateway cache (Redis) unavailable; answering without it',
      );
    healthy = false;
  };
  redis.on('error', failed);
  redis.on('ready', () => {
    if (!healthy) logger.info('gateway cache (Redis) available again');
    healthy = true;
  });
  /** Runs a command; a failure is a miss (undefined). */
  const attempt = async <T>(command: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await command();
    } catch (error) {
      failed(error);
      return undefined;
    }
  };
  const generationKey = `${prefix}responses:generation`;
  const responseKey = (key: string) => `${prefix}responses:${key}`;
  // Apollo Server prefixes persisted-query keys with `apq:` itself.
  const apqKey = (key: string) => `${prefix}${key}`;

  const responses: ResponseStore<TAnswer> = {
    async lookup(key) {
      const found = await attempt(() => redis.mget(generationKey, responseKey(key)));
      // Without Redis there is no generation to store under: "unavailable" is never current.
      if (!found) return { generation: 'unavailable' };
      const generation = found[0] ?? '0';
      const entry = found[1] ? (JSON.parse(found[1]) as { generation: string; value: StoredAnswer<TAnswer> }) : undefined;
      return { hit: entry?.generation === generation ? entry.value : undefined, generation };
    },
    async store(key, generation, value, ttlMs) {
      if (generation === 'unavailable' || ttlMs <= 0) return;
      await attempt(() => redis.set(responseKey(key), JSON.stringify({ generation, value }), 'PX', ttlMs));
    },
    async invalidate() {
      await attempt(() => redis.incr(generationKey));
    },
  };
  const persistedQueries: KeyValueCache<string> = {
    get: async (key) => (await attempt(() => redis.get(apqKey(key)))) ?? undefined,
    set: async (key: string, value: string, options?: KeyValueCacheSetOptions) => {
      await attempt(() => redis.set(apqKey(key), value, 'EX', options?.ttl ?? PERSISTED_QUERY_TTL_S));
    },
    delete: async (key) => {
      await attempt(() => redis.del(apqKey(key)));
    },
  };
  // Shared by every gateway process: one caller's requests count the same whichever process serves them.
  const counters: CounterStore = {
    async hit(key, windowMs) {
      const answer = await attempt(() => redis.eval(HIT, 1, `${prefix}rate:${key}`, windowMs) as Promise<[number, number]>);
      return answer ? { count: Number(answer[0]), resetMs: Number(answer[1]) } : undefined;
    },
  };
  return {
    responses,
    persistedQueries,
    counters,
    // Commands fail fast while disconnected: without this wait the first requests after a start would
    // neither find nor store anything.
    ready: () =>
      redis.status === 'ready'
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              redis.off('ready', done);
              resolve();
            };
            const timer = setTimeout(() => {
              failed(new Error(`no connection within ${CONNECT_WAIT_MS} ms`));
              done();
            }, CONNECT_WAIT_MS);
            redis.once('ready', done);
          }),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
