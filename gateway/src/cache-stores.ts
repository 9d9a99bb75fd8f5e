import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { type CounterStore, memoryCounterStore } from './rate-limit';

/**
 * Where the gateway keeps what it may answer without asking the subgraphs: cached answers of dashboard
 * operations (response-cache.ts) and the documents of automatic persisted queries. This file holds what
 * such a store must do and the default one, in this process's memory (one store per gateway process).
 * redis-cache-stores.ts keeps the same in Redis (`GATEWAY_CACHE_URL`), shared by every worker and
 * gateway instance.
 */

/** A cached answer, as stored: JSON-serialisable. */
export interface StoredAnswer<TAnswer> {
  /** When it was stored (ms since the epoch), for the `age` header. */
  stored: number;
  answer: TAnswer;
}

/**
 * Cached answers by key. A mutation empties the cache by starting a new *generation*: a lookup returns
 * the generation current at that moment, and the answer computed after the lookup is stored under it —
 * so an answer whose computation began before a mutation is never served after it.
 */
export interface ResponseStore<TAnswer> {
  lookup(key: string): Promise<{ hit?: StoredAnswer<TAnswer>; generation: string }>;
  store(key: string, generation: string, value: StoredAnswer<TAnswer>, ttlMs: number): Promise<void>;
  /** Empties the cache (of every process sharing it). */
  invalidate(): Promise<void>;
}

/** The gateway's caches: cached answers, and the documents of automatic persisted queries. */
export interface GatewayCaches<TAnswer> {
  responses: ResponseStore<TAnswer>;
  /** For Apollo Server's `persistedQueries.cache`; undefined: Apollo's own in-memory cache. */
  persistedQueries?: KeyValueCache<string>;
  /** The rate limit's request counts (rate-limit.ts). */
  counters: CounterStore;
  /** Settles when the store can be used, or after a bounded wait (it is optional: the gateway serves without it). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** One process's store of answers: a Map with a bound on its entries (the oldest goes first). */
export function memoryResponseStore<TAnswer>(maxEntries: number): ResponseStore<TAnswer> {
  const entries = new Map<string, { generation: string; expires: number; value: StoredAnswer<TAnswer> }>();
  let generation = 0;
  return {
    async lookup(key) {
      const entry = entries.get(key);
      const current = String(generation);
      if (entry && entry.generation === current && entry.expires > Date.now()) return { hit: entry.value, generation: current };
      if (entry) entries.delete(key);
      return { generation: current };
    },
    async store(key, storedGeneration, value, ttlMs) {
      if (storedGeneration !== String(generation)) return;
      if (entries.size >= maxEntries && !entries.has(key)) entries.delete(entries.keys().next().value!);
      entries.set(key, { generation: storedGeneration, expires: Date.now() + ttlMs, value });
    },
    async invalidate() {
      generation += 1;
      entries.clear();
    },
  };
}

/** The caches in this process's memory: the answers here, persisted queries in Apollo Server's own cache. */
export function memoryCaches<TAnswer>(maxEntries: number): GatewayCaches<TAnswer> {
  return {
    responses: memoryResponseStore<TAnswer>(maxEntries),
    counters: memoryCounterStore(),
    ready: async () => undefined,
    close: async () => undefined,
  };
}
