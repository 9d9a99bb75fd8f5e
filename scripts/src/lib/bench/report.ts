import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport, LimitRatio, RunFigures, TargetVerdict } from './types';

const ratio = (a: number | undefined, b: number | undefined) => (a && b ? (a / b).toFixed(2) : '–');
/** The smallest latency a ratio divides by: `drive` measures to 0.01 ms. */
const MIN_MS = 0.01;

/**
 * The run of `engine` on `operation` at `connections` with `workload`, if the report has it. A run in
 * which no request completed (the machine too busy, or every request slower than the run) has no latency.
 */
const findRun = (report: BenchReport, engine: string, operation: string, connections: number, workload: 'same' | 'varied' = 'same') =>
  report.runs.find((r) => r.engine === engine && r.operation === operation && r.connections === connections && r.workload === workload);
const completed = (run: RunFigures) => run.requests > 0;

/** `a ÷ b` to two decimals; null when either is missing or zero. */
const divide = (a: number | undefined, b: number | undefined): number | null => (a && b ? Math.round((a / b) * 100) / 100 : null);

/**
 * Every run of every other engine as a ratio to the limit engine's run of the same operation, connection
 * count and workload (issue 17: "report every engine as a ratio to it"). Empty without limit runs.
 */
export function ratiosToLimit(report: BenchReport): LimitRatio[] {
  return report.runs
    .filter((run) => run.engine !== 'limit')
    .flatMap((run) => {
      const limit = findRun(report, 'limit', run.operation, run.connections, run.workload);
      if (!limit) return [];
      return [
        {
          engine: run.engine,
          operation: run.operation,
          connections: run.connections,
          workload: run.workload,
          requestsPerSecond: completed(limit) ? Math.round((run.requestsPerSecond / limit.requestsPerSecond) * 100) / 100 : null,
          p50Ms: completed(run) && completed(limit) ? divide(Math.max(run.p50Ms, MIN_MS), Math.max(limit.p50Ms, MIN_MS)) : null,
          p99Ms: completed(run) && completed(limit) ? divide(Math.max(run.p99Ms, MIN_MS), Math.max(limit.p99Ms, MIN_MS)) : null,
        },
      ];
    });
}

/**
 * The issues' targets, judged on one report: met, not met, or not measured (a run it needs is missing),
 * each with the figures. Latencies below 0.01 ms count as 0.01 ms in ratios (the precision `drive` measures to).
 */
export function judgeTargets(report: BenchReport): TargetVerdict[] {
  const run = (engine: string, operation: string, connections: number, workload: 'same' | 'varied' = 'same') =>
    findRun(report, engine, operation, connections, workload);
  const verdicts: TargetVerdict[] = [];
  const judge = (target: string, ok: boolean | undefined, figures: string) =>
    verdicts.push({ target, status: ok === undefined ? 'not measured' : ok ? 'met' : 'not met', figures });
  const ms = (value: number) => Math.max(value, MIN_MS);
  const missing = (...named: [string, unknown][]) =>
    `no ${named
      .filter(([, value]) => !value)
      .map(([name]) => name)
      .join(', no ')} run`;

  // Issue 17: the dashboards beside the limit engine (hand-written SQL) and Hive Gateway with the Rust planner.
  for (const name of ['DistrictDashboard', 'JobcenterDashboard']) {
    const apollo = run('apollo', name, 1);
    const limit = run('limit', name, 1);
    judge(
      `${name} at 1 connection: Apollo p50 ≤ 2× the limit engine's`,
      apollo && limit && completed(limit) ? completed(apollo) && ms(apollo.p50Ms) <= 2 * ms(limit.p50Ms) : undefined,
      apollo && limit
        ? `p50 ${apollo.p50Ms} ms vs limit ${limit.p50Ms} ms = ${(ms(apollo.p50Ms) / ms(limit.p50Ms)).toFixed(2)}×`
        : missing(['Apollo @1', apollo], ['limit @1', limit]),
    );
    const varied = run('apollo', name, 50, 'varied');
    const limitVaried = run('limit', name, 50, 'varied');
    const rust = run('hive-rust', name, 50, 'varied');
    judge(
      `${name} at 50 connections over 50 different records: Apollo throughput ≥ 0.5× the limit engine's`,
      varied && limitVaried ? varied.requestsPerSecond >= 0.5 * limitVaried.requestsPerSecond : undefined,
      varied && limitVaried
        ? `${varied.requestsPerSecond} vs ${limitVaried.requestsPerSecond} req/s = ${(varied.requestsPerSecond / limitVaried.requestsPerSecond).toFixed(2)}×`
        : missing(['Apollo varied @50', varied], ['limit varied @50', limitVaried]),
    );
    judge(
      `${name} at 50 connections over 50 different records: Apollo p99 ≤ 4× the limit engine's`,
      varied && limitVaried && completed(limitVaried) ? completed(varied) && ms(varied.p99Ms) <= 4 * ms(limitVaried.p99Ms) : undefined,
      varied && limitVaried && !completed(varied)
        ? `no request completed within the run (limit p99 ${limitVaried.p99Ms} ms)`
        : varied && limitVaried
          ? `p99 ${varied.p99Ms} ms vs limit ${limitVaried.p99Ms} ms = ${(ms(varied.p99Ms) / ms(limitVaried.p99Ms)).toFixed(2)}×`
          : missing(['Apollo varied @50', varied], ['limit varied @50', limitVaried]),
    );
    judge(
      `${name} at 50 connections over 50 different records: Apollo throughput ≥ 1.0× Hive Gateway with the Rust planner`,
      varied && rust ? varied.requestsPerSecond >= rust.requestsPerSecond : undefined,
      varied && rust
        ? `${varied.requestsPerSecond} vs ${rust.requestsPerSecond} req/s = ${(varied.requestsPerSecond / rust.requestsPerSecond).toFixed(2)}×`
        : missing(['Apollo varied @50', varied], ['hive-rust varied @50', rust]),
    );
  }
  // Single-subgraph operations: the subgraph beside the limit engine, and the gateway's overhead over the subgraph.
  const singles = new Set(['NearestOpenSite', 'DistrictSites', ...report.operations.filter((o) => o.subgraph).map((o) => o.name)]);
  for (const name of singles) {
    const measured = report.operations.some((o) => o.name === name);
    if (name === 'NearestOpenSite' || name === 'DistrictSites') {
      const direct = run('subgraph', name, 50);
      const limit = run('limit', name, 50);
      judge(
        `${name} at 50 connections: the subgraph alone ≥ 0.5× the limit engine's throughput`,
        direct && limit ? direct.requestsPerSecond >= 0.5 * limit.requestsPerSecond : undefined,
        direct && limit
          ? `${direct.requestsPerSecond} vs ${limit.requestsPerSecond} req/s = ${(direct.requestsPerSecond / limit.requestsPerSecond).toFixed(2)}×`
          : missing(['subgraph @50', direct], ['limit @50', limit]),
      );
    } else if (!measured) continue;
    const gateway = run('apollo', name, 1);
    const direct = run('subgraph', name, 1);
    judge(
      `${name} at 1 connection: Apollo gateway p50 ≤ 1.5× the subgraph's`,
      gateway && direct && completed(direct) ? completed(gateway) && ms(gateway.p50Ms) <= 1.5 * ms(direct.p50Ms) : undefined,
      gateway && direct
        ? `p50 ${gateway.p50Ms} ms vs subgraph ${direct.p50Ms} ms = ${(ms(gateway.p50Ms) / ms(direct.p50Ms)).toFixed(2)}×`
        : missing(['Apollo @1', gateway], ['subgraph @1', direct]),
    );
  }
  // Issue 14: the lookups that must stay fast at full size: the nearest site, and responsibility and place names.
  for (const name of [
    'NearestOpenSite',
    'ResponsibleSite',
    'ResponsibilityByPostcode',
    'ResponsibilityByKey',
    'ResponsibilityByPoint',
    'PlaceSearch',
  ]) {
    const gateway = run('apollo', name, 1);
    if (gateway)
      judge(
        `${name} through the gateway at 1 connection: p99 ≤ 50 ms`,
        completed(gateway) && gateway.p99Ms <= 50,
        `p99 ${gateway.p99Ms} ms`,
      );
  }
  for (const name of ['DistrictDashboard', 'JobcenterDashboard']) {
    for (const workload of ['same', 'varied'] as const) {
      const apollo = run('apollo', name, 50, workload);
      const hive = run('hive', name, 50, workload);
      const rust = run('hive-rust', name, 50, workload);
      if (!apollo) continue;
      judge(
        `${name} at 50 connections (${workload === 'same' ? 'one request repeated' : '50 different records'}): no errors, throughput ≥ Hive Gateway's`,
        apollo.errors === 0 && completed(apollo) && (!hive || apollo.requestsPerSecond >= hive.requestsPerSecond),
        `${apollo.requestsPerSecond} req/s, ${apollo.errors} errors; Hive Gateway ${hive?.requestsPerSecond ?? '–'} (ratio ${ratio(apollo.requestsPerSecond, hive?.requestsPerSecond)}), ` +
          `Rust planner ${rust?.requestsPerSecond ?? '–'} (ratio ${ratio(apollo.requestsPerSecond, rust?.requestsPerSecond)})`,
      );
    }
  }
  const apolloPeak = Math.max(0, ...report.runs.filter((r) => r.engine === 'apollo' && r.connections === 50).map((r) => r.peakRssMb ?? 0));
  judge(
    'Gateway memory under the 50-connection load: peak RSS ≤ 300 MB',
    apolloPeak > 0 ? apolloPeak <= 300 : undefined,
    apolloPeak > 0 ? `peak RSS ${apolloPeak} MB` : 'no Apollo run at 50 connections with a memory figure',
  );
  return verdicts;
}

const cell = (run: RunFigures | undefined) =>
  run ? `${run.requestsPerSecond} | ${run.p50Ms} | ${run.p99Ms} | ${run.errors}` : '– | – | – | –';

/** The report as Markdown: one table with every run, ratios, SQL statements, memory, targets. */
export function renderMarkdown(report: BenchReport): string {
  const [low, high] = [Math.min(...report.settings.connections), Math.max(...report.settings.connections)];
  const lines = [
    `# Benchmark ${report.at}`,
    '',
    `Machine: ${report.machine.cpus} cores (${report.machine.cpuModel}), ${report.machine.memoryGb} GB, Node ${report.machine.node}, ${report.machine.platform}; everything on this machine, loopback.`,
    `Dataset: scale factor ${report.dataset.factor} (seed ${report.dataset.seed})${report.dataset.seedSeconds ? `, generated in ${report.dataset.seedSeconds} s` : ''}. ` +
      `Each run: ${report.settings.seconds} s of autocannon after a ${report.settings.warmupSeconds} s warm-up at 10 connections.`,
    '',
    `Columns: one request repeated at ${low} and at ${high} connections, then ${high} connections over up to 50 different records ("varied": no engine can share answers).`,
    '',
    `| operation | SQL/req | engine | req/s @${low} | p50 ms | p99 ms | err | req/s @${high} | p50 ms | p99 ms | err | req/s @${high} varied | p50 ms | p99 ms | err | peak RSS MB |`,
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const operation of report.operations) {
    const engines = [...new Set(report.runs.filter((r) => r.operation === operation.name).map((r) => r.engine))];
    for (const engine of engines) {
      const at = (c: number, workload: 'same' | 'varied' = 'same') =>
        report.runs.find((r) => r.operation === operation.name && r.engine === engine && r.connections === c && r.workload === workload);
      const peak = Math.max(
        0,
        ...report.runs.filter((r) => r.operation === operation.name && r.engine === engine).map((r) => r.peakRssMb ?? 0),
      );
      lines.push(
        `| ${operation.name} | ${operation.sql.total} | ${engine} | ${cell(at(low))} | ${cell(at(high))} | ${cell(at(high, 'varied'))} | ${peak || '–'} |`,
      );
    }
  }
  lines.push(
    '',
    `Ratios (Apollo gateway ÷ peer; throughput at ${high} connections, latency at ${low}):`,
    '',
    '| operation | req/s vs Hive | vs Hive+Rust planner | varied: vs Hive | varied: vs Hive+Rust | p50 vs subgraph | 2 workers ÷ 1 | varied: 2 workers ÷ 1 | answers identical |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const operation of report.operations) {
    const at = (engine: string, c: number, workload: 'same' | 'varied' = 'same') =>
      report.runs.find((r) => r.operation === operation.name && r.engine === engine && r.connections === c && r.workload === workload);
    const same = Object.entries(operation.identical)
      .map(([engine, value]) => `${engine}: ${value === true ? 'yes' : value === false ? 'NO' : 'error'}`)
      .join(', ');
    lines.push(
      `| ${operation.name} | ${ratio(at('apollo', high)?.requestsPerSecond, at('hive', high)?.requestsPerSecond)} | ${ratio(at('apollo', high)?.requestsPerSecond, at('hive-rust', high)?.requestsPerSecond)} | ` +
        `${ratio(at('apollo', high, 'varied')?.requestsPerSecond, at('hive', high, 'varied')?.requestsPerSecond)} | ${ratio(at('apollo', high, 'varied')?.requestsPerSecond, at('hive-rust', high, 'varied')?.requestsPerSecond)} | ` +
        `${operation.subgraph ? ratio(at('apollo', low)?.p50Ms, Math.max(at('subgraph', low)?.p50Ms ?? 0, MIN_MS)) : '–'} | ` +
        `${ratio(at('apollo-2w', high)?.requestsPerSecond, at('apollo', high)?.requestsPerSecond)} | ${ratio(at('apollo-2w', high, 'varied')?.requestsPerSecond, at('apollo', high, 'varied')?.requestsPerSecond)} | ${same} |`,
    );
  }
  lines.push('', "SQL statements per request (summed over the subgraphs' `x-sql-statements` headers, measured once per operation):", '');
  for (const operation of report.operations) {
    lines.push(
      `* ${operation.name} (${operation.role}${operation.signedIn ? '; sent as a signed-in viewer, so neither cached nor coalesced' : ''}): ${operation.sql.total} in ${operation.sql.fetches} subgraph fetches — ` +
        Object.entries(operation.sql.bySubgraph)
          .map(([name, count]) => `${name} ${count}`)
          .join(', ') +
        (operation.cacheControl ? `; the gateway answers \`Cache-Control: ${operation.cacheControl}\`` : ''),
    );
  }
  for (const { name, reason } of report.skipped)
    lines.push(`* ${name}: left out, it does not answer anonymous requests without errors (${reason.slice(0, 160)})`);
  const notServed = report.operations.filter((operation) => /answers only/.test(String(operation.identical.limit)));
  if (notServed.length > 0)
    lines.push(
      `* limit: not run for ${notServed.map((operation) => operation.name).join(', ')} (it answers only the operations it has SQL for)`,
    );
  for (const operation of report.operations) {
    for (const [engine, same] of Object.entries(operation.identical)) {
      if (typeof same === 'string' && !(engine === 'limit' && notServed.includes(operation)))
        lines.push(`* ${operation.name} through ${engine}: not run, it answered with errors (${same.slice(0, 200)})`);
    }
  }
  lines.push(
    '',
    'Peak resident memory over the whole run (VmHWM): ' +
      report.engines
        .map((engine) => `${engine.name} ${engine.peakRssMb ?? '–'} MB${engine.error ? ` (not run: ${engine.error})` : ''}`)
        .join(', ') +
      '.',
  );
  const limitRatios = ratiosToLimit(report);
  if (limitRatios.length > 0) {
    lines.push(
      '',
      "Ratios to the limit engine (a plain node:http server with hand-written SQL on the same databases; each run ÷ the limit engine's same run: req/s below 1 and latency above 1 are slower):",
      '',
      '| operation | engine | connections | workload | req/s ÷ limit | p50 ÷ limit | p99 ÷ limit |',
      '|---|---|---:|---|---:|---:|---:|',
      ...limitRatios.map(
        (r) =>
          `| ${r.operation} | ${r.engine} | ${r.connections} | ${r.workload} | ${r.requestsPerSecond ?? '–'} | ${r.p50Ms ?? '–'} | ${r.p99Ms ?? '–'} |`,
      ),
    );
  }
  const mark = { met: 'met', 'not met': '**NOT MET**', 'not measured': 'not measured' } as const;
  lines.push(
    '',
    'Targets:',
    '',
    ...judgeTargets(report).map((verdict) => `* ${verdict.target}: ${mark[verdict.status]} (${verdict.figures})`),
  );
  return lines.join('\n');
}

/**
 * Writes the report into `dir`: `<time>.json`, and `latest.json` and `latest.md` (replaced each run).
 * Returns the Markdown and the time stamp of the file name.
 */
export function writeReport(dir: string, report: BenchReport): { markdown: string; stamp: string } {
  const markdown = renderMarkdown(report);
  // latest.json carries the ratios to the limit engine and the verdicts too, as latest.md shows them.
  const full: BenchReport = { ...report, ratiosToLimit: ratiosToLimit(report), targets: judgeTargets(report) };
  mkdirSync(dir, { recursive: true });
  const stamp = report.at.replace(/[:.]/g, '-');
  writeFileSync(join(dir, `${stamp}.json`), `${JSON.stringify(full, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(full, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.md'), `${markdown}\n`);
  return { markdown, stamp };
}
