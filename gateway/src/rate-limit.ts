import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Step 0 of a request (before its body is read): how often one caller may ask. Fixed windows: each key
 * may make `max` requests in a window of `windowMs` that starts with its first request; the next one
 * gets 429 with `Retry-After` (the seconds until the window ends) and the code RATE_LIMITED.
 *
 * Who the caller is: the gateway does not verify tokens (the subgraphs do), so it never trusts what a
 * token says. A request with an `authorization` header is counted under a hash of that header (one
 * bucket per token, so signed-in users behind one address do not share a budget), one without under its
 * client address. Because a made-up token gets a fresh bucket, every request also counts under its
 * address against `addressMax` (a ceiling for everything one address sends, higher than `max`).
 */
export interface RateLimitOptions {
  /** Requests per window for one caller (token, or address when anonymous); 0: no limit. */
  max: number;
  /** Requests per window from one client address, signed in or not; 0: no ceiling. */
  addressMax: number;
  windowMs: number;
}

/** Counts requests per key in fixed windows; undefined when the store cannot answer (Redis down). */
export interface CounterStore {
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number } | undefined>;
}

/** One process's counters (the default, and the fallback while a shared store is unavailable). */
export function memoryCounterStore(maxKeys = 100_000): CounterStore {
  const windows = new Map<string, { count: number; ends: number }>();
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      let window = windows.get(key);
      if (!window || window.ends <= now) {
        if (window) windows.delete(key);
        // Bounded: expired windows go first, then the oldest (Map order is insertion order).
        if (windows.size >= maxKeys) {
          for (const [old, { ends }] of windows) if (ends <= now) windows.delete(old);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        }
        window = { count: 0, ends: now + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return { count: window.count, resetMs: window.ends - now };
    },
  };
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are the same caller. */
const normaliseAddress = (address: string | undefined) => (address ?? 'unknown').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/** The key a request is counted under: a hash of its token when it sends one (never the token itself), else its address. */
export function callerKey(headers: IncomingHttpHeaders, address: string | undefined): string {
  const authorization = headers.authorization;
  if (authorization) return `token:${createHash('sha256').update(authorization).digest('base64url').slice(0, 32)}`;
  return `address:${normaliseAddress(address)}`;
}

export type RateLimitDecision = { retryAfterS: number } | undefined;

/**
 * The limiter `createHttpServer` asks before it reads a GraphQL request (`admit`): undefined to let it
 * through, or how many seconds to wait. Counts in `store` (Redis when configured, so every gateway process
 * shares the counts); while `store` cannot answer, in this process's memory instead (limits still hold,
 * per process).
 */
export function createRateLimiter(options: RateLimitOptions, store: CounterStore = memoryCounterStore()) {
  const local = memoryCounterStore();
  const count = async (key: string) => (await store.hit(key, options.windowMs)) ?? (await local.hit(key, options.windowMs))!;
  return async (request: { headers: IncomingHttpHeaders; address: string | undefined }): Promise<RateLimitDecision> => {
    const checks: [string, number][] = [];
    if (options.max > 0) checks.push([callerKey(request.headers, request.address), options.max]);
    if (options.addressMax > 0) checks.push([`all:${normaliseAddress(request.address)}`, options.addressMax]);
    const counted = await Promise.all(checks.map(async ([key, max]) => ({ max, ...(await count(key)) })));
    const waitMs = Math.max(0, ...counted.filter(({ count: seen, max }) => seen > max).map(({ resetMs }) => resetMs));
    return waitMs > 0 ? { retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) } : undefined;
  };
}
