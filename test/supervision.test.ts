import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../scripts/src/lib/free-port';
import { listening, npmStart, type NpmStart, waitForOutput } from './support/npm-start';

/**
 * `npm start` as a supervisor: one hub on an embedded PostgreSQL, faults in turn — a subgraph killed,
 * the database server killed, then a subgraph that crashes at every restart. The tests run in this
 * order on the same hub (one start of the whole hub is the slow part).
 */
let run: NpmStart;
let dataDir: string;
let pgPort: number;
let gatewayUrl: string;

/** Crosses two subgraphs; `locations` is nullable, so without that subgraph the answer is partial. */
const probeQuery = (n: number) =>
  // A new operation name each time: no answer comes from the gateway's response cache.
  `query Probe${n} { organisation(id: "jobcenter-muenster") { managingDirector locations(first: 3) { totalCount } } }`;

type Outcome = 'full' | 'degraded' | 'http-5xx' | 'connection-error';
let probes = 0;

/** One request as a client sends it: a full answer, a degraded one (errors, coded), or a failure. */
async function probe(): Promise<{ outcome: Outcome; codes: string[] }> {
  probes += 1;
  let response: Response;
  try {
    response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: probeQuery(probes) }),
    });
  } catch {
    return { outcome: 'connection-error', codes: [] };
  }
  if (response.status >= 500) return { outcome: 'http-5xx', codes: [] };
  const body = (await response.json()) as {
    data?: { organisation?: { managingDirector?: string; locations?: { totalCount?: number } | null } | null };
    errors?: { extensions?: { code?: string } }[];
  };
  const codes = (body.errors ?? []).map((error) => String(error.extensions?.code));
  const full = codes.length === 0 && body.data?.organisation?.managingDirector === 'Ralf Bierstedt';
  return { outcome: full && typeof body.data?.organisation?.locations?.totalCount === 'number' ? 'full' : 'degraded', codes };
}

/**
 * Probes every 50 ms until a full answer comes after `recovered` matched the output (from `from`);
 * counts the outcomes and the error codes on the way.
 */
async function probeUntilRecovered(recovered: RegExp, from: number, timeoutMs: number) {
  const tally: Record<Outcome, number> = { full: 0, degraded: 0, 'http-5xx': 0, 'connection-error': 0 };
  const codes = new Map<string, number>();
  const started = Date.now();
  let firstFullMs: number | undefined;
  while (Date.now() - started < timeoutMs) {
    const seen = recovered.test(run.output().slice(from));
    const result = await probe();
    tally[result.outcome] += 1;
    for (const code of result.codes) codes.set(code, (codes.get(code) ?? 0) + 1);
    if (seen && result.outcome === 'full') {
      firstFullMs = Date.now() - started;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { tally, codes: Object.fromEntries(codes), firstFullMs };
}

/** SIGKILLs `pid` and probes until the hub answers fully after `recovered` was logged; returns what it saw. */
async function killAndProbe(what: string, pid: number, recovered: RegExp) {
  const from = run.output().length;
  process.kill(pid, 'SIGKILL');
  const result = await probeUntilRecovered(recovered, from, 45_000);
  const log = run.output().slice(from);
  console.log(`${what} killed: ${JSON.stringify(result)}\n${log.match(/^supervisor .*$/gm)?.join('\n')}`);
  return { ...result, log };
}

const pidIn = (pattern: RegExp) => Number(pattern.exec(run.output())?.[1]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'jobcenter-hub-supervision-'));
  pgPort = await freePort();
  run = npmStart({
    EMBEDDED_PG_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    // The default backoff; at most 2 crashes per service within 60 s, so that the last test ends soon.
    RESTART_MAX_CRASHES: '2',
  });
  gatewayUrl = (await waitForOutput(run, /jobcenter-hub is running: (\S+)/, 170_000))[1]!;
  expect((await probe()).outcome).toBe('full');
}, 180_000);

afterAll(async () => {
  await run?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe('npm start supervises the hub', () => {
  it('restarts a subgraph killed with SIGKILL; the gateway answers (partially) meanwhile and fully after', async () => {
    const pid = pidIn(/subgraph locations\s+\S+ \(pid (\d+)\)/);
    const { log, ...result } = await killAndProbe('subgraph', pid, /locations restarted/);

    expect(result.firstFullMs).toBeDefined();
    expect(result.tally['connection-error']).toBe(0);
    expect(result.tally['http-5xx']).toBe(0);
    // The subgraph was away: partial answers that say which subgraph is missing.
    expect(result.tally.degraded).toBeGreaterThan(0);
    expect(Object.keys(result.codes)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    expect(log).toMatch(/locations crashed \(signal SIGKILL\); restart attempt 1 in 500 ms/);
    expect(log).toMatch(/locations restarted \(attempt 1, pid \d+\), down for [\d.]+ m?s/);
    expect(alive(pid)).toBe(false);
    expect(run.child.exitCode).toBeNull();
  }, 60_000);

  it('restarts the gateway killed with SIGKILL, at the same address', async () => {
    const pid = pidIn(/gateway\s+\S+ \(pid (\d+)\)/);
    // Nothing answers at the gateway's address until it is back: connection errors, then full answers.
    const { log, ...result } = await killAndProbe('gateway', pid, /gateway restarted/);

    expect(result.firstFullMs).toBeDefined();
    expect(result.tally['http-5xx']).toBe(0);
    expect(log).toMatch(/gateway crashed \(signal SIGKILL\); restart attempt 1 in 500 ms/);
    expect(log).toMatch(/gateway restarted \(attempt 1, pid \d+\)/);
    expect(alive(pid)).toBe(false);
  }, 60_000);

  it('restarts the embedded PostgreSQL killed with SIGKILL; subgraphs answer SERVICE_UNAVAILABLE meanwhile, and log it so', async () => {
    const postmaster = async () => Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const pid = await postmaster();
    const { log, ...result } = await killAndProbe('PostgreSQL', pid, /postgres restarted/);

    expect(result.firstFullMs).toBeDefined();
    expect(result.tally['connection-error']).toBe(0);
    expect(result.tally['http-5xx']).toBe(0);
    expect(result.codes.SERVICE_UNAVAILABLE).toBeGreaterThan(0);
    expect(log).toMatch(/postgres crashed \(signal SIGKILL\); restart attempt 1 in 500 ms/);
    expect(log).toMatch(/postgres restarted \(attempt 1, pid \d+\)/);
    expect(await postmaster()).not.toBe(pid);
    // The subgraphs' request log says what their clients were answered.
    expect(log).toMatch(/^organisations\s+│ graphql request .*"codes":\["SERVICE_UNAVAILABLE"\]/m);
    expect(log).not.toContain('INTERNAL_SERVER_ERROR');
  }, 60_000);

  it('stops the whole hub, exit 1 and a clear message, when a subgraph crashes at every restart', async () => {
    const admin = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres` });
    await admin.connect();
    try {
      // Refused to everyone, superusers too: every start of the subgraph fails at its first connection.
      await admin.query('alter database locations allow_connections false');
    } finally {
      await admin.end();
    }
    const pids = [...run.output().matchAll(/pid (\d+)\)/g)].map((match) => Number(match[1]));
    const gatewayPort = Number(new URL(gatewayUrl).port);
    const restarted = [...run.output().matchAll(/locations restarted \(attempt \d+, pid (\d+)\)/g)].at(-1);
    const started = Date.now();
    process.kill(Number(restarted?.[1] ?? pidIn(/subgraph locations\s+\S+ \(pid (\d+)\)/)), 'SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([run.exited, new Promise((resolve) => (timer = setTimeout(() => resolve('still running'), 45_000)))]);
    clearTimeout(timer);
    const elapsed = Date.now() - started;
    console.log(
      `gave up after ${elapsed} ms:\n${run
        .output()
        .match(/^supervisor .*locations.*$/gm)
        ?.join('\n')}`,
    );

    expect(code).toBe(1);
    expect(run.output()).toMatch(/locations crashed \d times within 60 s \(last: code 1 before it was ready\); giving up/);
    expect(run.output()).toMatch(/locations keeps crashing \(\d crashes within 60 s, last: code 1 before it was ready\): stopping the hub/);
    expect(await listening(gatewayPort)).toBe(false);
    expect(await listening(pgPort)).toBe(false);
    expect(pids.filter(alive)).toEqual([]);
  }, 60_000);
});
