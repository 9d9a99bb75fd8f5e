import { join } from 'node:path';
import { numberOption, readCommandLine, runCommand } from './lib/cli';
import { writeReport } from './lib/bench/report';
import { log, runBench } from './lib/bench/run';
import { ROOT } from './lib/root';

const ENGINES = ['apollo', 'apollo-2w', 'apollo-cache', 'hive', 'hive-rust', 'subgraph', 'limit'];

const COMMAND = {
  name: 'bench',
  usage: `usage: npm run bench -- [--factor <N>] [--seconds <s>] [--warmup <s>] [--connections <n,n>] [--only <operations>]
                        [--engines <engines>] [--reseed] [--out <dir>]

  --factor        scale factor of the dataset (default 1: Germany-sized)
  --seconds       length of each run (default 5)
  --warmup        warm-up before an operation's runs, at 10 connections (default 2)
  --connections   connection counts, one run each (default 1,50)
  --only          operation names, comma-separated (default: all)
  --engines       comma-separated, of ${ENGINES.join(', ')} (default: all); limit is a plain
                  node:http server with hand-written SQL on the same databases (DistrictDashboard,
                  JobcenterDashboard, NearestOpenSite, DistrictSites only): every engine is also reported
                  as a ratio to it
  --reseed        write the dataset again even when the bench database holds it
  --out           where the report goes (default bench/results): latest.md, latest.json, <time>.json

  Databases: the <NAME>_DATABASE_URL variables when all are set, otherwise an embedded PostgreSQL in
  .data/bench (BENCH_PG_DIR, BENCH_PG_PORT).
`,
  options: {
    factor: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '1,50' },
    only: { type: 'string' },
    engines: { type: 'string', default: ENGINES.join(',') },
    reseed: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'bench', 'results') },
  },
} as const;

/**
 * `npm run bench`: measures the hub on the scale dataset against its peers (see `runBench`), prints a
 * table and writes bench/results/latest.{json,md}.
 */
async function main(): Promise<void> {
  const { values } = readCommandLine(COMMAND);
  const report = await runBench({
    root: ROOT,
    factor: numberOption(COMMAND, 'factor', values.factor, { positive: true }),
    seconds: numberOption(COMMAND, 'seconds', values.seconds, { positive: true }),
    warmupSeconds: numberOption(COMMAND, 'warmup', values.warmup, { min: 0 }),
    connections: values.connections.split(',').map((count) => numberOption(COMMAND, 'connections', count, { integer: true, min: 1 })),
    only: values.only?.split(','),
    engines: values.engines.split(','),
    reseed: values.reseed,
  });
  const { markdown, stamp } = writeReport(values.out, report);
  process.stdout.write(`\n${markdown}\n`);
  log(`written: ${join(values.out, 'latest.md')} and latest.json (also ${stamp}.json)`);
}

runCommand(COMMAND.name, main, { stack: true });
