import { signDevToken } from '@jobcenter-hub/service';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SEED, generateScaleDataset } from '../scale/generate';
import { openScaleDatabases, seedScale } from '../scale/databases';
import { startStack } from '../stack';
import { type Engine, type HiveVariant, startApolloGateway, startHiveGateway, startLimitEngine } from './engines';
import { drive, type LoadResult, memoryOf } from './load';
import { type BenchOperation, benchOperations, DEV_ISSUER, needsSignIn, withRoutingUrls } from './operations';
import { createSqlCounter, type SqlCount } from './sql-count';
import type { BenchReport } from './types';

/** A line of the benchmark's progress, as `bench │ …`. */
export const log = (line: string) => process.stdout.write(`bench │ ${line}\n`);
const logRun = (operation: string, engine: string, result: LoadResult, peak: number) =>
  log(
    `${operation.padEnd(18)} ${engine.padEnd(12)} c=${String(result.connections).padEnd(3)} ${result.workload.padEnd(6)} ${String(result.requestsPerSecond).padStart(7)} req/s  ` +
      `p50 ${String(result.p50Ms).padStart(4)} ms  p99 ${String(result.p99Ms).padStart(4)} ms  errors ${result.errors}  rss ${peak} MB`,
  );

/** `value` with the keys of every object sorted: engines may order an answer's keys differently. */
export const withSortedKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withSortedKeys)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([key, inner]) => [key, withSortedKeys(inner)]),
        )
      : value;

/** The answer an engine gives, with its keys sorted (engines may order object keys differently). */
async function answer(url: string, operation: BenchOperation): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...operation.headers },
    body: JSON.stringify({ query: operation.query, variables: operation.variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (body.errors) throw new Error(`${operation.name} at ${url}: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return JSON.stringify(withSortedKeys(body.data));
}

/** What `runBench` measures; `npm run bench` reads it from its flags. */
export interface BenchOptions {
  /** The repository root. */
  root: string;
  /** Scale factor of the dataset (1: Germany-sized). */
  factor: number;
  /** Length of each measured run, and of the warm-up before an operation's runs. */
  seconds: number;
  warmupSeconds: number;
  /** Connection counts, one run each (the highest also for the varied load). */
  connections: number[];
  /** Operation names to measure; all when absent. */
  only?: string[];
  /** Engines to measure: apollo, apollo-2w, apollo-cache, hive, hive-rust, subgraph, limit. */
  engines: string[];
  /** Writes the dataset again even when the bench database holds it. */
  reseed: boolean;
}

/**
 * The benchmark behind `npm run bench`: the hub on the scale dataset (generated first when the bench
 * database does not hold it), then each named operation driven with autocannon at each connection count
 * against the Apollo gateway (one process, and two workers), Hive Gateway, Hive Gateway with the Rust
 * planner, and the subgraph itself for single-subgraph operations. Logs each run; returns the report.
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { root, factor, seconds, warmupSeconds, connections, only } = options;
  const wanted = new Set(options.engines);

  const databases = await openScaleDatabases(root, log);
  const engines: Engine[] = [];
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  let counter: Awaited<ReturnType<typeof createSqlCounter>> | undefined;
  const workDir = mkdtempSync(join(tmpdir(), 'jobcenter-hub-bench-'));
  try {
    let seedSeconds: number | undefined;
    const recorded = await databases.recorded();
    if (options.reseed || !recorded || recorded.factor !== factor || recorded.seed !== DEFAULT_SEED) {
      seedSeconds = (await seedScale({ root, databaseUrls: databases.databaseUrls, factor, log })).seconds;
      await databases.record({ factor, seed: DEFAULT_SEED });
    } else {
      log(`the bench database holds the factor ${factor} dataset already (--reseed to write it again)`);
    }
    const { samples } = generateScaleDataset({ factor });
    const operations = benchOperations(root, samples).filter((operation) => !only || only.includes(operation.name));

    log('starting the hub …');
    // The benchmark measures speed, not refusals: it lifts the gateway's cost limit (LIMIT_MAX_COST).
    const gatewayEnv = { LIMIT_MAX_COST: String(1e9) };
    stack = await startStack({ root, databaseUrls: databases.databaseUrls, ports: 'free', env: { LOG_LEVEL: 'warn', ...gatewayEnv } });
    const subgraphUrls = Object.fromEntries(stack.subgraphs.map((service) => [service.name, service.url]));
    const supergraph = withRoutingUrls(readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8'), subgraphUrls);
    const supergraphPath = join(workDir, 'supergraph.graphql');
    writeFileSync(supergraphPath, supergraph);
    const gateway = stack.gateway;
    if (wanted.has('apollo'))
      engines.push({ name: 'apollo', url: stack.gatewayUrl, pid: gateway.process.pid, stop: async () => undefined });
    const engineErrors: Record<string, string> = {};
    if (wanted.has('apollo-2w')) {
      // The same gateway as two processes on one port (GATEWAY_WORKERS=2, node:cluster); memory is both workers' and the primary's.
      engines.push(await startApolloGateway({ root, name: 'apollo-2w', supergraphPath, env: { ...gatewayEnv, GATEWAY_WORKERS: '2' } }));
    }
    if (wanted.has('apollo-cache')) {
      // The same gateway with the response cache of dashboard operations (5 s, anonymous only).
      engines.push(
        await startApolloGateway({
          root,
          name: 'apollo-cache',
          supergraphPath,
          env: { ...gatewayEnv, GATEWAY_RESPONSE_CACHE_TTL_MS: '5000' },
        }),
      );
    }
    for (const variant of ['hive', 'hive-rust'] as HiveVariant[]) {
      if (!wanted.has(variant)) continue;
      try {
        engines.push(await startHiveGateway({ root, variant, supergraphPath, workDir }));
        log(`${variant} ready`);
      } catch (error) {
        engineErrors[variant] = (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 6).join(' | ');
        log(`${variant} could not start; left out: ${engineErrors[variant]}`);
      }
    }

    if (wanted.has('limit')) {
      // Hand-written SQL on the same databases (limit-server.ts): what PostgreSQL and Node allow without the layers.
      try {
        engines.push(await startLimitEngine({ root, databaseUrls: databases.databaseUrls }));
        log('limit ready');
      } catch (error) {
        engineErrors.limit = (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 6).join(' | ');
        log(`limit could not start; left out: ${engineErrors.limit}`);
      }
    }

    counter = await createSqlCounter(supergraph, subgraphUrls);
    const report: BenchReport = {
      at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        platform: process.platform,
      },
      dataset: { factor, seed: DEFAULT_SEED, seedSeconds },
      settings: { seconds, warmupSeconds, connections },
      engines: [],
      operations: [],
      skipped: [],
      runs: [],
    };

    // Answers first: every engine (and the subgraph, where it applies) must say the same.
    const cached = new Set(['DistrictDashboard', 'JobcenterDashboard']);
    const targetsOf = (operation: BenchOperation) => [
      ...engines.filter((engine) => engine.name !== 'apollo-cache' || cached.has(operation.name)),
      ...(operation.subgraph && wanted.has('subgraph')
        ? [
            {
              name: 'subgraph',
              url: subgraphUrls[operation.subgraph]!,
              pid: stack!.subgraphs.find((s) => s.name === operation.subgraph)?.process.pid,
              stop: async () => undefined,
            },
          ]
        : []),
    ];
    const expected = new Map<string, string>();
    for (const operation of operations) {
      // SQL statements first: they also tell whether the operation needs a signed-in caller.
      let sql: SqlCount;
      try {
        try {
          sql = await counter.count(operation.query, operation.variables);
        } catch (error) {
          if (!needsSignIn(error)) throw error;
          const token = await signDevToken(
            { subject: 'bench@jobcenter-hub', organisationId: samples.jobcenterId, roles: ['viewer'] },
            DEV_ISSUER,
          );
          operation.headers = { authorization: `Bearer ${token}` };
          sql = await counter.count(operation.query, operation.variables, operation.headers.authorization);
          log(`${operation.name}: has fields for signed-in callers; sent as a viewer`);
        }
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
        report.skipped.push({ name: operation.name, reason });
        log(`${operation.name}: left out, it does not answer without errors: ${reason}`);
        continue;
      }
      const identical: Record<string, boolean | string> = {};
      let reference: string | undefined;
      let cacheControl: string | undefined;
      for (const target of targetsOf(operation)) {
        try {
          const body = await answer(target.url, operation);
          reference ??= body;
          identical[target.name] = body === reference;
          // The exact bytes this target answers, to count any different answer under load as an error.
          const raw = await fetch(target.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...operation.headers },
            body: JSON.stringify({ query: operation.query, variables: operation.variables }),
          });
          expected.set(`${target.name}:${operation.name}`, await raw.text());
          if (target.name === 'apollo') cacheControl = raw.headers.get('cache-control') ?? undefined;
        } catch (error) {
          identical[target.name] = error instanceof Error ? error.message.slice(0, 300) : String(error);
        }
      }
      report.operations.push({
        name: operation.name,
        role: operation.role,
        subgraph: operation.subgraph,
        sql,
        identical,
        signedIn: !!operation.headers,
        cacheControl,
      });
      log(
        `${operation.name}: ${sql.total} SQL statements (${Object.entries(sql.bySubgraph)
          .map(([name, count]) => `${name} ${count}`)
          .join(', ')}); answers ${Object.entries(identical)
          .map(([name, same]) => `${name} ${same === true ? 'same' : same === false ? 'DIFFERENT' : 'ERROR'}`)
          .join(', ')}`,
      );
    }

    for (const operation of operations.filter((candidate) => report.operations.some((measured) => measured.name === candidate.name))) {
      for (const target of targetsOf(operation)) {
        const body = JSON.stringify({ query: operation.query, variables: operation.variables });
        const expectBody = expected.get(`${target.name}:${operation.name}`);
        if (!expectBody) continue;
        // One more request after each run waits behind whatever is still in flight, so runs do not overlap.
        const drain = () =>
          fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...operation.headers }, body }).then(
            (response) => response.text(),
          );
        await drive({ url: target.url, body, headers: operation.headers, connections: 10, seconds: warmupSeconds });
        await drain();
        for (const count of connections) {
          let peak = 0;
          const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(target.pid)?.rssMb ?? 0)), 250);
          // isOpen answers may change while a run goes on; only the gateways' own answers are compared.
          const result = await drive({
            url: target.url,
            body,
            headers: operation.headers,
            connections: count,
            seconds,
            expectBody: operation.query.includes('isOpen') ? undefined : expectBody,
          });
          clearInterval(sampler);
          await drain();
          peak = Math.max(peak, memoryOf(target.pid)?.rssMb ?? 0);
          report.runs.push({ engine: target.name, operation: operation.name, ...result, peakRssMb: peak || undefined });
          logRun(operation.name, target.name, result, peak);
        }
        if (operation.varied.length > 1) {
          // The same load over different records: no engine can share one answer among the requests.
          const bodies = operation.varied.map((variables) => JSON.stringify({ query: operation.query, variables }));
          let peak = 0;
          const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(target.pid)?.rssMb ?? 0)), 250);
          const result = await drive({
            url: target.url,
            body: bodies,
            headers: operation.headers,
            connections: Math.max(...connections),
            seconds,
          });
          clearInterval(sampler);
          await drain();
          report.runs.push({ engine: target.name, operation: operation.name, ...result, peakRssMb: peak || undefined });
          logRun(operation.name, target.name, result, peak);
        }
      }
    }
    report.engines = [
      ...engines.map((engine) => ({ name: engine.name, peakRssMb: memoryOf(engine.pid)?.peakRssMb })),
      ...Object.entries(engineErrors).map(([name, error]) => ({ name, error })),
    ];

    return report;
  } finally {
    await counter?.stop().catch(() => undefined);
    for (const engine of engines) await engine.stop().catch(() => undefined);
    await stack?.stop().catch(() => undefined);
    await databases.stop().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }
}
