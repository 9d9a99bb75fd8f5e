import { type Engine, startLimitEngine } from '../scripts/src/lib/bench/engines';
import { benchOperations } from '../scripts/src/lib/bench/operations';
import { percentile } from '../scripts/src/lib/bench/load';
import { judgeTargets, ratiosToLimit, renderMarkdown } from '../scripts/src/lib/bench/report';
import { withSortedKeys } from '../scripts/src/lib/bench/run';
import type { BenchReport, RunFigures } from '../scripts/src/lib/bench/types';
import { generateScaleDataset } from '../scripts/src/lib/scale/generate';
import { loadScaleDataset } from '../scripts/src/lib/scale/load';
import { post, ROOT, startTestHub, type TestHub } from './support/hub';

// The limit engine of `npm run bench` (scripts/src/lib/bench/limit-server.ts): hand-written SQL that must
// answer exactly what the hub answers, so the bench's ratios to it compare the same work.

const LIMIT_OPERATIONS = ['DistrictDashboard', 'JobcenterDashboard', 'NearestOpenSite', 'DistrictSites'];

describe('the limit engine on a small scale dataset', () => {
  let hub: TestHub;
  let limit: Engine;
  const dataset = generateScaleDataset({ factor: 0.005 });

  beforeAll(async () => {
    hub = await startTestHub();
    await loadScaleDataset(dataset, hub.databaseUrls);
    limit = await startLimitEngine({ root: ROOT, databaseUrls: hub.databaseUrls });
  });

  afterAll(async () => {
    await limit?.stop();
    await hub?.stop();
  });

  it.each(LIMIT_OPERATIONS)('answers %s as the Apollo gateway does (keys sorted), for several records', async (name) => {
    const operation = benchOperations(ROOT, dataset.samples).find((candidate) => candidate.name === name)!;
    for (const variables of [operation.variables, ...operation.varied.slice(0, 4)]) {
      const gateway = await post(hub.gatewayUrl, operation.query, variables);
      const engine = await post(limit.url, operation.query, variables);
      expect(gateway.body.errors).toBeUndefined();
      // Records the sample picks exist, so the comparison covers whole answers, not nulls.
      expect(Object.values(gateway.body.data ?? {})[0]).toBeTruthy();
      expect({ status: engine.status, variables, answer: withSortedKeys(engine.body) }).toEqual({
        status: 200,
        variables,
        answer: withSortedKeys(gateway.body),
      });
    }
  });

  it('refuses any other operation with a 400 and a GraphQL-style error', async () => {
    const operation = benchOperations(ROOT, dataset.samples).find((candidate) => candidate.name === 'HubWalk')!;
    const { status, body } = await post(limit.url, operation.query, operation.variables);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/answers only/), extensions: { code: 'BAD_REQUEST' } }),
    ]);
  });
});

describe('the bench report beside the limit engine', () => {
  const run = (
    engine: string,
    operation: string,
    connections: number,
    workload: 'same' | 'varied',
    rps: number,
    p50: number,
    p99: number,
  ): RunFigures => ({
    engine,
    operation,
    connections,
    workload,
    seconds: 5,
    requests: rps * 5,
    requestsPerSecond: rps,
    p50Ms: p50,
    p99Ms: p99,
    errors: 0,
    peakRssMb: engine === 'apollo' ? 250 : 60,
  });
  const report: BenchReport = {
    at: '2026-12-06T00:00:00.000Z',
    machine: { cpus: 2, cpuModel: 'test', memoryGb: 24, node: 'v20', platform: 'linux' },
    dataset: { factor: 1, seed: 1 },
    settings: { seconds: 5, warmupSeconds: 2, connections: [1, 50] },
    engines: [],
    operations: [
      { name: 'DistrictDashboard', role: 'dashboard', sql: { total: 9, fetches: 4, bySubgraph: {} }, identical: {}, signedIn: false },
      {
        name: 'NearestOpenSite',
        role: 'nearest',
        subgraph: 'locations',
        sql: { total: 2, fetches: 1, bySubgraph: {} },
        identical: {},
        signedIn: false,
      },
    ],
    skipped: [],
    runs: [
      run('limit', 'DistrictDashboard', 1, 'same', 400, 2, 4),
      run('limit', 'DistrictDashboard', 50, 'varied', 800, 60, 100),
      run('apollo', 'DistrictDashboard', 1, 'same', 100, 5, 9),
      run('apollo', 'DistrictDashboard', 50, 'varied', 300, 150, 500),
      run('hive-rust', 'DistrictDashboard', 50, 'varied', 280, 170, 600),
      run('limit', 'NearestOpenSite', 50, 'same', 2000, 20, 40),
      run('subgraph', 'NearestOpenSite', 1, 'same', 200, 4, 8),
      run('subgraph', 'NearestOpenSite', 50, 'same', 1100, 40, 90),
      run('apollo', 'NearestOpenSite', 1, 'same', 150, 6, 10),
    ],
  };

  it('gives every other run as a ratio to the limit run with the same operation, connections and workload', () => {
    expect(ratiosToLimit(report)).toEqual([
      {
        engine: 'apollo',
        operation: 'DistrictDashboard',
        connections: 1,
        workload: 'same',
        requestsPerSecond: 0.25,
        p50Ms: 2.5,
        p99Ms: 2.25,
      },
      {
        engine: 'apollo',
        operation: 'DistrictDashboard',
        connections: 50,
        workload: 'varied',
        requestsPerSecond: 0.38,
        p50Ms: 2.5,
        p99Ms: 5,
      },
      {
        engine: 'hive-rust',
        operation: 'DistrictDashboard',
        connections: 50,
        workload: 'varied',
        requestsPerSecond: 0.35,
        p50Ms: 2.83,
        p99Ms: 6,
      },
      {
        engine: 'subgraph',
        operation: 'NearestOpenSite',
        connections: 50,
        workload: 'same',
        requestsPerSecond: 0.55,
        p50Ms: 2,
        p99Ms: 2.25,
      },
    ]);
  });

  it("judges issue 17's targets as met, not met or not measured, with the figures", () => {
    const verdicts = Object.fromEntries(judgeTargets(report).map((verdict) => [verdict.target, verdict]));
    const status = (target: string) => verdicts[target]?.status;
    expect(status("DistrictDashboard at 1 connection: Apollo p50 ≤ 2× the limit engine's")).toBe('not met');
    expect(verdicts["DistrictDashboard at 1 connection: Apollo p50 ≤ 2× the limit engine's"]!.figures).toBe(
      'p50 5 ms vs limit 2 ms = 2.50×',
    );
    expect(status("DistrictDashboard at 50 connections over 50 different records: Apollo throughput ≥ 0.5× the limit engine's")).toBe(
      'not met',
    );
    expect(status("DistrictDashboard at 50 connections over 50 different records: Apollo p99 ≤ 4× the limit engine's")).toBe('not met');
    expect(
      status('DistrictDashboard at 50 connections over 50 different records: Apollo throughput ≥ 1.0× Hive Gateway with the Rust planner'),
    ).toBe('met');
    expect(status("JobcenterDashboard at 1 connection: Apollo p50 ≤ 2× the limit engine's")).toBe('not measured');
    expect(status("NearestOpenSite at 50 connections: the subgraph alone ≥ 0.5× the limit engine's throughput")).toBe('met');
    expect(status("NearestOpenSite at 1 connection: Apollo gateway p50 ≤ 1.5× the subgraph's")).toBe('met');
    expect(status("DistrictSites at 50 connections: the subgraph alone ≥ 0.5× the limit engine's throughput")).toBe('not measured');
    expect(status('Gateway memory under the 50-connection load: peak RSS ≤ 300 MB')).toBe('met');
  });

  it('prints the ratios to the limit engine and the targets in latest.md', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('Ratios to the limit engine');
    expect(markdown).toContain('| DistrictDashboard | apollo | 50 | varied | 0.38 | 2.5 | 5 |');
    expect(markdown).toMatch(
      /DistrictDashboard at 1 connection: Apollo p50 ≤ 2× the limit engine's: \*\*NOT MET\*\* \(p50 5 ms vs limit 2 ms = 2\.50×\)/,
    );
  });
});

describe('bench latency percentiles', () => {
  it('are read from every answer to 0.01 ms, not whole milliseconds', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => 0.3 + i * 0.01);
    expect(percentile(sorted, 0.5)).toBe(0.79);
    expect(percentile(sorted, 0.99)).toBe(1.28);
    expect(percentile([], 0.5)).toBe(0);
  });
});
