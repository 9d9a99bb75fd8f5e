import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport, RunFigures } from './types';

const ratio = (a: number | undefined, b: number | undefined) => (a && b ? (a / b).toFixed(2) : '–');

/** The issue's targets, judged on one report: each line says met or NOT MET with the figures. */
export function judgeTargets(report: BenchReport): string[] {
  const run = (engine: string, operation: string, connections: number, workload: 'same' | 'varied' = 'same') =>
    report.runs.find((r) => r.engine === engine && r.operation === operation && r.connections === connections && r.workload === workload);
  const lines: string[] = [];
  const verdict = (ok: boolean) => (ok ? 'met' : '**NOT MET**');
  for (const operation of report.operations.filter((o) => o.subgraph)) {
    const gateway = run('apollo', operation.name, 1);
    const direct = run('subgraph', operation.name, 1);
    if (gateway && direct) {
      const factor = gateway.p50Ms / Math.max(direct.p50Ms, 1);
      lines.push(
        `Gateway overhead, ${operation.name} at 1 connection: p50 ${gateway.p50Ms} ms vs subgraph ${direct.p50Ms} ms = ${factor.toFixed(2)}× (target ≤ 1.5×): ${verdict(factor <= 1.5)}`,
      );
    }
  }
  // The lookups that must stay fast at full size: the nearest site, and responsibility and place names (issue 14).
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
      lines.push(`${name} p99 through the gateway at 1 connection: ${gateway.p99Ms} ms (target ≤ 50 ms): ${verdict(gateway.p99Ms <= 50)}`);
  }
  for (const name of ['DistrictDashboard', 'JobcenterDashboard']) {
    for (const workload of ['same', 'varied'] as const) {
      const apollo = run('apollo', name, 50, workload);
      const hive = run('hive', name, 50, workload);
      const rust = run('hive-rust', name, 50, workload);
      if (!apollo) continue;
      lines.push(
        `${name} at 50 connections (${workload === 'same' ? 'one request repeated' : '50 different records'}): ${apollo.requestsPerSecond} req/s, ${apollo.errors} errors; ` +
          `Hive Gateway ${hive?.requestsPerSecond ?? '–'} (ratio ${ratio(apollo.requestsPerSecond, hive?.requestsPerSecond)}), ` +
          `Rust planner ${rust?.requestsPerSecond ?? '–'} (ratio ${ratio(apollo.requestsPerSecond, rust?.requestsPerSecond)}) (target: no errors, ratio to Hive ≥ 1): ` +
          verdict(apollo.errors === 0 && (!hive || apollo.requestsPerSecond >= hive.requestsPerSecond)),
      );
    }
  }
  const apolloPeak = Math.max(0, ...report.runs.filter((r) => r.engine === 'apollo' && r.connections === 50).map((r) => r.peakRssMb ?? 0));
  if (apolloPeak > 0)
    lines.push(`Gateway memory under the 50-connection load: peak RSS ${apolloPeak} MB (target ≤ 300 MB): ${verdict(apolloPeak <= 300)}`);
  return lines;
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
        `${operation.subgraph ? ratio(at('apollo', low)?.p50Ms, Math.max(at('subgraph', low)?.p50Ms ?? 0, 1)) : '–'} | ` +
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
  for (const operation of report.operations) {
    for (const [engine, same] of Object.entries(operation.identical)) {
      if (typeof same === 'string')
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
  lines.push('', 'Targets:', '', ...judgeTargets(report).map((line) => `* ${line}`));
  return lines.join('\n');
}

/**
 * Writes the report into `dir`: `<time>.json`, and `latest.json` and `latest.md` (replaced each run).
 * Returns the Markdown and the time stamp of the file name.
 */
export function writeReport(dir: string, report: BenchReport): { markdown: string; stamp: string } {
  const markdown = renderMarkdown(report);
  mkdirSync(dir, { recursive: true });
  const stamp = report.at.replace(/[:.]/g, '-');
  writeFileSync(join(dir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.md'), `${markdown}\n`);
  return { markdown, stamp };
}
