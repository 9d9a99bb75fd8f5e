import { request } from 'node:http';
import { availableParallelism } from 'node:os';
import { readGatewayEnv } from '../gateway/src/env';
import { startTestHub, type TestHub } from './support/hub';

/** One request on its own connection (no keep-alive), so the cluster hands each to the next worker. */
function get(
  url: string,
  init: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        agent: false,
        headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const probe = (url: string) =>
  get(url, { method: 'POST', body: JSON.stringify({ query: 'query WorkerProbe { organisations(first: 1) { totalCount } }' }) });

/** The workers (by id) that logged a GraphQL request of `operation`. */
function workersThatServed(hub: TestHub, operation: string): Set<number> {
  const workers = new Set<number>();
  for (const line of hub.lines) {
    if (!line.startsWith('gateway: {')) continue;
    const entry = JSON.parse(line.slice('gateway: '.length)) as { msg?: string; operation?: string; worker?: number };
    if (entry.msg === 'graphql request' && entry.operation === operation && entry.worker !== undefined) workers.add(entry.worker);
  }
  return workers;
}

const waitFor = async (condition: () => boolean, what: string, ms = 20_000) => {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('GATEWAY_WORKERS', () => {
  it('is 1 (one process, as before) unless set; a number, or auto for one per core', () => {
    expect(readGatewayEnv({}).GATEWAY_WORKERS).toBe(1);
    expect(readGatewayEnv({ GATEWAY_WORKERS: '3' }).GATEWAY_WORKERS).toBe(3);
    expect(readGatewayEnv({ GATEWAY_WORKERS: 'auto' }).GATEWAY_WORKERS).toBe(availableParallelism());
  });
});

describe('gateway with GATEWAY_WORKERS=2 (node:cluster)', () => {
  let hub: TestHub;
  const readyMessages: unknown[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ gatewayEnv: { GATEWAY_WORKERS: '2', LOG_LEVEL: 'debug' } });
    hub.gateway.process.on('message', (message: { type?: string }) => {
      if (message?.type === 'ready') readyMessages.push(message);
    });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('serves requests from both workers on one port, with /health, /ready and /metrics of all workers', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => probe(hub.gatewayUrl)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
    await waitFor(() => workersThatServed(hub, 'WorkerProbe').size === 2, 'both workers to log a request');
    expect([...workersThatServed(hub, 'WorkerProbe')].sort()).toEqual([1, 2]);

    expect((await get(new URL('/health', hub.gatewayUrl).toString())).status).toBe(200);
    expect((await get(new URL('/ready', hub.gatewayUrl).toString())).status).toBe(200);
    // Each worker counted only its share; /metrics (whichever worker answers) adds them up.
    const metrics = await get(new URL('/metrics', hub.gatewayUrl).toString(), { headers: hub.metricsHeaders });
    expect(metrics.status).toBe(200);
    const probes = metrics.text
      .split('\n')
      .filter(
        (line) =>
          line.startsWith('hub_graphql_requests_total{') && line.includes('operation="WorkerProbe"') && line.includes('outcome="ok"'),
      );
    expect(probes.map((line) => Number(line.split(' ').at(-1)))).toEqual([12]);
  });

  it('replaces a worker that crashed, and tells the parent it is ready only once', async () => {
    const primary = hub.gateway.process.pid!;
    const before = hub.lines.length;
    // The workers are the primary's children: kill one of them outright.
    const { execFileSync } = await import('node:child_process');
    const children = execFileSync('pgrep', ['-P', String(primary)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number);
    expect(children).toHaveLength(2);
    process.kill(children[0]!, 'SIGKILL');
    await waitFor(
      () => hub.lines.slice(before).some((line) => line.includes('gateway worker stopped; starting another')),
      'the restart log line',
    );
    await waitFor(
      () => hub.lines.slice(before).some((line) => line.includes('"worker":3') && line.includes('gateway ready')),
      'the new worker',
    );
    const answers = await Promise.all(Array.from({ length: 6 }, () => probe(hub.gatewayUrl)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    expect(readyMessages).toEqual([]);
  });

  it('drains every worker on SIGTERM and exits 0', async () => {
    const primary = hub.gateway.process;
    const { execFileSync } = await import('node:child_process');
    const workers = execFileSync('pgrep', ['-P', String(primary.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number);
    expect(workers).toHaveLength(2);
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
