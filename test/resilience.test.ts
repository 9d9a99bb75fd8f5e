import { inRepoSubgraphs, type RunningService, startSubgraph } from '../scripts/src/lib/stack';
import { startFaultProxy } from './support/fault-proxy';
import { post, ROOT, startTestHub, type TestHub } from './support/hub';

/** Spans organisations, locations and partners; partners only adds `District.partners`. */
const SPANNING = `query Spanning { organisation(id: "jobcenter-muenster") {
  name locations(first: 10) { totalCount nodes { name district { name partners { totalCount } } } } } }`;

interface Spanning {
  organisation: {
    name: string;
    locations: { totalCount: number; nodes: { district: { partners: { totalCount: number } | null } }[] } | null;
  } | null;
}

const TIMEOUT_MS = 800;
let hub: TestHub;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let restarted: RunningService | undefined;

beforeAll(async () => {
  // The gateway reaches partners through a proxy that can delay it or lose it.
  proxy = await startFaultProxy('http://127.0.0.1:9/graphql');
  hub = await startTestHub({
    gatewayEnv: {
      SUBGRAPH_PARTNERS_URL: proxy.url,
      SUBGRAPH_PARTNERS_TIMEOUT_MS: String(TIMEOUT_MS),
      SUBGRAPH_RETRIES: '1',
      SUBGRAPH_RETRY_DELAY_MS: '20',
    },
  });
  proxy.setTarget(hub.subgraphs.find((service) => service.name === 'partners')!.url);
});

afterAll(async () => {
  restarted?.process.kill('SIGTERM');
  await hub?.stop();
  await proxy?.close();
});

type Outcome = 'ok' | 'partial' | 'failed';

/** One request, classified: ok (all data), partial (other subgraphs' data plus errors naming partners), failed. */
async function ask(): Promise<{ outcome: Outcome; codes: string[] }> {
  const { status, body } = await post<Spanning>(hub.gatewayUrl, SPANNING);
  const codes = (body.errors ?? []).map((error) => String(error.extensions?.code));
  if (status !== 200 || !body.data?.organisation?.locations) return { outcome: 'failed', codes };
  if (codes.length === 0) return { outcome: 'ok', codes };
  const namesPartners = (body.errors ?? []).every((error) => error.extensions?.subgraph === 'partners' && /partners/.test(error.message));
  const restIntact = body.data.organisation.name === 'Jobcenter Münster' && body.data.organisation.locations.totalCount === 7;
  return { outcome: namesPartners && restIntact ? 'partial' : 'failed', codes };
}

async function askMany(n: number) {
  const counts: Record<Outcome, number> = { ok: 0, partial: 0, failed: 0 };
  const codes = new Set<string>();
  for (let i = 0; i < n; i += 1) {
    const result = await ask();
    counts[result.outcome] += 1;
    for (const code of result.codes) codes.add(code);
  }
  return { counts, codes: [...codes] };
}

describe('when a subgraph fails', () => {
  it('keeps answering with the other subgraphs while partners is killed, and recovers when it is back', async () => {
    const before = await askMany(10);
    const partners = hub.subgraphs.find((service) => service.name === 'partners')!;
    partners.process.kill('SIGKILL');
    await new Promise((resolve) => partners.process.once('exit', resolve));
    const during = await askMany(10);
    restarted = await startSubgraph({
      root: ROOT,
      entry: inRepoSubgraphs(ROOT).find((entry) => entry.name === 'partners')!,
      databaseUrl: hub.databaseUrls.partners!,
      ports: 'free',
      env: { LOG_LEVEL: 'warn', ...hub.subgraphEnv },
    });
    proxy.setTarget(restarted.url);
    const after = await askMany(10);
    console.log(
      `partners killed and restarted: before ${JSON.stringify(before.counts)}, during ${JSON.stringify(during.counts)}, after ${JSON.stringify(after.counts)}`,
    );
    expect(before.counts).toEqual({ ok: 10, partial: 0, failed: 0 });
    expect(during.counts).toEqual({ ok: 0, partial: 10, failed: 0 });
    expect(during.codes).toEqual(['SUBGRAPH_UNAVAILABLE']);
    expect(after.counts).toEqual({ ok: 10, partial: 0, failed: 0 });
    expect(hub.gateway.process.exitCode).toBeNull();
  });

  it('answers within the timeout plus a margin when a subgraph is slower than its timeout, with partial data', async () => {
    proxy.setMode({ kind: 'delay', ms: TIMEOUT_MS * 4 });
    try {
      const started = Date.now();
      const result = await ask();
      const elapsed = Date.now() - started;
      // One timed-out attempt and one retry, each bounded by the timeout; nothing waits for the slow answer.
      expect(result).toEqual({ outcome: 'partial', codes: ['SUBGRAPH_TIMEOUT'] });
      expect(elapsed).toBeLessThan(2 * TIMEOUT_MS + 1_500);
    } finally {
      proxy.setMode({ kind: 'pass' });
    }
    expect((await ask()).outcome).toBe('ok');
  });

  it('counts requests, partial answers and subgraph calls in /metrics', async () => {
    const text = await (await fetch(new URL('/metrics', hub.gatewayUrl), { headers: hub.metricsHeaders })).text();
    expect(text).toMatch(/hub_graphql_requests_total\{operation="Spanning",outcome="partial",service="gateway"\} \d+/);
    expect(text).toMatch(/hub_graphql_errors_total\{operation="Spanning",code="SUBGRAPH_UNAVAILABLE",service="gateway"\} 10/);
    expect(text).toMatch(/hub_subgraph_call_duration_seconds_count\{service="gateway",subgraph="partners",outcome="SUBGRAPH_TIMEOUT"\} 2/);
    const subgraph = await (await fetch(new URL('/metrics', hub.subgraphUrl('locations')), { headers: hub.subgraphHeaders })).text();
    expect(subgraph).toMatch(/hub_db_pool_used\{service="locations"\} \d+/);
    expect(subgraph).toMatch(/hub_graphql_requests_total\{operation="Spanning__locations__\d+",outcome="ok",service="locations"\} \d+/);
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests on SIGTERM, refuses new ones, and exits 0', async () => {
    // Keep five requests in flight: partners answers 400 ms late (within its timeout).
    proxy.setMode({ kind: 'delay', ms: 400 });
    const seen = proxy.received();
    // Five different requests (identical ones would be coalesced into one by the gateway).
    const inFlight = Array.from({ length: 5 }, (_, i) =>
      post<Spanning>(hub.gatewayUrl, SPANNING.replace('query Spanning', `query Spanning${i}`)).then(({ status, body }) =>
        status === 200 && !body.errors && body.data?.organisation?.locations?.totalCount === 7 ? 'ok' : 'failed',
      ),
    );
    // All five have reached partners (through the proxy): the gateway is in the middle of each.
    const deadline = Date.now() + 10_000;
    while (proxy.received() < seen + 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(proxy.received()).toBeGreaterThanOrEqual(seen + 5);
    const exited = new Promise<number | null>((resolve) => hub.gateway.process.once('exit', (code) => resolve(code)));
    const stopped = Date.now();
    hub.gateway.process.kill('SIGTERM');
    expect(await Promise.all(inFlight)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(await exited).toBe(0);
    expect(Date.now() - stopped).toBeLessThan(3_000);
    await expect(fetch(hub.gatewayUrl, { method: 'POST' })).rejects.toThrow();
    proxy.setMode({ kind: 'pass' });
  });
});
