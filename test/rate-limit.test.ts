import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { startTestHub, type TestHub } from './support/hub';
import { postOnNewConnection } from './support/post-on-new-connection';

/**
 * The gateway's per-caller rate limit (GATEWAY_RATE_LIMIT_*), through real HTTP: a burst over the limit
 * gets 429 with Retry-After and RATE_LIMITED, another caller is unaffected, and the caller is served
 * again after the window. Where a Redis runs, the gateway runs two workers that count in it
 * (GATEWAY_CACHE_URL), and every request goes on a new connection, so the burst is spread over both and
 * still limited as one.
 */
const REDIS_URL = process.env.HUB_TEST_REDIS_URL;
const PREFIX = `jobcenter-hub-test:${randomBytes(4).toString('hex')}:`;
const MAX = 5;
const WINDOW_MS = 3_000;

let hub: TestHub;

// Starting the hub takes long on a loaded machine (gateway workers, four subgraphs and their databases).
beforeAll(async () => {
  hub = await startTestHub({
    gatewayEnv: {
      GATEWAY_RATE_LIMIT_MAX: String(MAX),
      GATEWAY_RATE_LIMIT_WINDOW_MS: String(WINDOW_MS),
      ...(REDIS_URL ? { GATEWAY_WORKERS: '2', GATEWAY_CACHE_URL: REDIS_URL, GATEWAY_CACHE_PREFIX: PREFIX } : {}),
    },
  });
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  if (REDIS_URL) {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
});

type Answer = { status: number; retryAfter?: string; code?: string };

/** `{ __typename }` on a new connection (no keep-alive), as the caller with this token, or anonymously. */
async function ask(token?: string): Promise<Answer> {
  const answer = await postOnNewConnection(
    hub.gatewayUrl,
    [JSON.stringify({ query: '{ __typename }' })],
    token ? { authorization: `Bearer ${token}` } : {},
  );
  const body = JSON.parse(answer.text) as { errors?: { extensions?: { code?: string } }[] };
  const retryAfter = answer.headers['retry-after'];
  return {
    status: answer.status,
    ...(retryAfter ? { retryAfter } : {}),
    ...(body.errors ? { code: body.errors[0]?.extensions?.code } : {}),
  };
}

const caller = () => `caller-${randomBytes(6).toString('hex')}`;

describe(`the gateway's rate limit${REDIS_URL ? ' (two workers counting in Redis)' : ''}`, () => {
  it('answers a burst over the limit with 429, Retry-After and RATE_LIMITED; another caller is unaffected; after the window it answers again', async () => {
    const first = caller();
    const burst: Answer[] = [];
    for (let i = 0; i < MAX + 3; i += 1) burst.push(await ask(first));
    expect(burst.slice(0, MAX).map((answer) => answer.status)).toEqual(Array(MAX).fill(200));
    for (const refused of burst.slice(MAX)) {
      expect(refused.status).toBe(429);
      expect(refused.code).toBe('RATE_LIMITED');
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(WINDOW_MS / 1000);
    }
    expect(await ask(caller())).toEqual({ status: 200 });
    await new Promise((resolve) => setTimeout(resolve, Number(burst.at(-1)!.retryAfter) * 1000 + 100));
    expect(await ask(first)).toEqual({ status: 200 });
  });

  it('limits anonymous callers by their address', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < MAX + 2; i += 1) answers.push(await ask());
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused.every((answer) => answer.code === 'RATE_LIMITED' && Number(answer.retryAfter) >= 1)).toBe(true);
    // A signed-in caller at the same address has a budget of its own.
    expect(await ask(caller())).toEqual({ status: 200 });
  });

  it('never limits /health and /ready', async () => {
    for (let i = 0; i < MAX + 2; i += 1) expect((await fetch(new URL('/health', hub.gatewayUrl))).status).toBe(200);
  });
});
