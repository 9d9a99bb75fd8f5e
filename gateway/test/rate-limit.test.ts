import { randomBytes } from 'node:crypto';
import { createLogger } from '@jobcenter-hub/service';
import { readGatewayEnv } from '../src/env';
import { redisCaches } from '../src/redis-cache-stores';
import { callerKey, createRateLimiter, memoryCounterStore } from '../src/rate-limit';

const anonymous = (address: string) => ({ headers: {}, address });
const signedIn = (token: string, address = '10.0.0.1') => ({ headers: { authorization: `Bearer ${token}` }, address });

/** Asks `times` times; the decisions in order (`ok`, or the seconds to wait). */
async function burst(limiter: ReturnType<typeof createRateLimiter>, request: Parameters<typeof limiter>[0], times: number) {
  const decisions: (string | number)[] = [];
  for (let i = 0; i < times; i += 1) decisions.push((await limiter(request))?.retryAfterS ?? 'ok');
  return decisions;
}

describe('the rate limit', () => {
  it('refuses a burst over the limit with the seconds until the window ends; other callers are unaffected', async () => {
    const limiter = createRateLimiter({ max: 3, addressMax: 0, windowMs: 2_000 });
    expect(await burst(limiter, anonymous('10.0.0.1'), 5)).toEqual(['ok', 'ok', 'ok', 2, 2]);
    expect(await burst(limiter, anonymous('10.0.0.2'), 3)).toEqual(['ok', 'ok', 'ok']);
    // A signed-in caller behind the same address has a budget of its own.
    expect(await burst(limiter, signedIn('a', '10.0.0.1'), 3)).toEqual(['ok', 'ok', 'ok']);
    expect(await burst(limiter, signedIn('a', '10.0.0.9'), 1)).toEqual([2]);
    expect(await burst(limiter, signedIn('b', '10.0.0.1'), 1)).toEqual(['ok']);
  });

  it('answers again once the window is over', async () => {
    const limiter = createRateLimiter({ max: 2, addressMax: 0, windowMs: 300 });
    expect(await burst(limiter, anonymous('10.0.0.1'), 3)).toEqual(['ok', 'ok', 1]);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await burst(limiter, anonymous('10.0.0.1'), 1)).toEqual(['ok']);
  });

  it('caps one address whatever tokens it makes up', async () => {
    const limiter = createRateLimiter({ max: 3, addressMax: 5, windowMs: 2_000 });
    const decisions = [];
    for (let i = 0; i < 7; i += 1) decisions.push((await limiter(signedIn(`made-up-${i}`, '10.0.0.7')))?.retryAfterS ?? 'ok');
    expect(decisions).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 2, 2]);
  });

  it('keys signed-in callers by a hash of the token, never the token, and treats ::ffff:a.b.c.d as a.b.c.d', () => {
    const key = callerKey({ authorization: 'Bearer secret-token' }, '10.0.0.1');
    expect(key).toMatch(/^token:[A-Za-z0-9_-]{32}$/);
    expect(key).not.toContain('secret');
    expect(callerKey({}, '::ffff:127.0.0.1')).toBe(callerKey({}, '127.0.0.1'));
  });

  it('keeps a bounded number of keys in memory', async () => {
    const store = memoryCounterStore(2);
    await store.hit('a', 60_000);
    await store.hit('b', 60_000);
    await store.hit('c', 60_000);
    expect((await store.hit('a', 60_000))?.count).toBe(1);
  });
});

describe('the rate limit settings', () => {
  it('are off in development (tests, bench) and on in production unless set', () => {
    expect(readGatewayEnv({}).rateLimit).toEqual({ max: 0, addressMax: 0, windowMs: 10_000 });
    expect(readGatewayEnv({ NODE_ENV: 'production', GATEWAY_SHARED_SECRET: 'a-shared-secret-for-this-test-only' }).rateLimit).toEqual({
      max: 100,
      addressMax: 500,
      windowMs: 10_000,
    });
    expect(
      readGatewayEnv({
        NODE_ENV: 'production',
        GATEWAY_SHARED_SECRET: 'a-shared-secret-for-this-test-only',
        GATEWAY_RATE_LIMIT_MAX: '0',
        GATEWAY_RATE_LIMIT_ADDRESS_MAX: '20',
        GATEWAY_RATE_LIMIT_WINDOW_MS: '1000',
      }).rateLimit,
    ).toEqual({ max: 0, addressMax: 20, windowMs: 1_000 });
  });
});

const REDIS_URL = process.env.HUB_TEST_REDIS_URL;
const describeWithRedis = REDIS_URL ? describe : describe.skip;

describeWithRedis('the rate limit in Redis (GATEWAY_CACHE_URL)', () => {
  const logger = createLogger('rate-limit-test', 'silent');

  it('is shared by gateway processes: two limiters on one Redis count the same caller together', async () => {
    const prefix = `jobcenter-hub-test:${randomBytes(4).toString('hex')}:`;
    const [one, two] = [redisCaches(REDIS_URL!, prefix, logger), redisCaches(REDIS_URL!, prefix, logger)];
    try {
      await Promise.all([one.ready(), two.ready()]);
      const options = { max: 5, addressMax: 0, windowMs: 2_000 };
      const [first, second] = [createRateLimiter(options, one.counters), createRateLimiter(options, two.counters)];
      expect(await burst(first, anonymous('10.0.0.1'), 3)).toEqual(['ok', 'ok', 'ok']);
      expect(await burst(second, anonymous('10.0.0.1'), 3)).toEqual(['ok', 'ok', 2]);
      expect(await burst(first, anonymous('10.0.0.2'), 1)).toEqual(['ok']);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('still limits, in memory, while Redis does not answer', async () => {
    const unreachable = redisCaches('redis://127.0.0.1:1/0', 'unreachable:', logger);
    try {
      const limiter = createRateLimiter({ max: 2, addressMax: 0, windowMs: 2_000 }, unreachable.counters);
      expect(await burst(limiter, anonymous('10.0.0.1'), 3)).toEqual(['ok', 'ok', 2]);
    } finally {
      await unreachable.close();
    }
  });
});
