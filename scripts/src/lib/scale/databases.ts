import { demo } from '@jobcenter-hub/demo';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../embedded-db';
import { databaseName, databaseVariable, readBenchEnv, readStartEnv } from '../env';
import { inRepoSubgraphs, startStack } from '../stack';
import { countRows, generateScaleDataset } from './generate';
import { checkCrossSubgraphIds, loadScaleDataset } from './load';

export interface ScaleDatabases {
  databaseUrls: Record<string, string>;
  /** Stops the embedded server, if one was started. */
  stop(): Promise<void>;
  /** The dataset the databases hold, as the last `seedScale` here recorded it (embedded only). */
  recorded(): Promise<{ factor: number; seed: number } | undefined>;
  record(dataset: { factor: number; seed: number }): Promise<void>;
}

/**
 * The four subgraph databases for scale data: the `<NAME>_DATABASE_URL` variables when all are set (as
 * for `npm start`), otherwise an embedded PostgreSQL with its data in `.data/bench/postgres` (port
 * 54339; `BENCH_PG_DIR`, `BENCH_PG_PORT`), kept between runs so the dataset is generated once.
 */
export async function openScaleDatabases(root: string, log: (line: string) => void): Promise<ScaleDatabases> {
  const names = inRepoSubgraphs(root).map((entry) => entry.name);
  const env = readStartEnv(names);
  const given = Object.keys(env.databaseUrls);
  if (given.length > 0 && given.length < names.length) {
    throw new Error(
      `${names
        .filter((name) => !env.databaseUrls[name])
        .map(databaseVariable)
        .join(', ')}: set a database URL for every subgraph, or for none`,
    );
  }
  if (given.length === names.length) {
    return { databaseUrls: env.databaseUrls, stop: async () => undefined, recorded: async () => undefined, record: async () => undefined };
  }
  const { BENCH_PG_DIR: dataDir, BENCH_PG_PORT: port } = readBenchEnv(root);
  const marker = join(dataDir, '..', 'dataset.json');
  log(`embedded PostgreSQL on 127.0.0.1:${port} (data in ${dataDir})`);
  await mkdir(dataDir, { recursive: true });
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  await embedded.ensureDatabases(names.map(databaseName));
  return {
    databaseUrls: Object.fromEntries(names.map((name) => [name, embedded.url(databaseName(name))])),
    stop: () => embedded.stop(),
    recorded: async () => {
      try {
        return JSON.parse(await readFile(marker, 'utf8')) as { factor: number; seed: number };
      } catch {
        return undefined;
      }
    },
    record: (dataset) =>
      writeFile(marker, `${JSON.stringify({ factor: dataset.factor, seed: dataset.seed, at: new Date().toISOString() })}\n`),
  };
}

/**
 * Postcodes the demo data uses: no synthetic service area lists them, so demo answers stay the same (the
 * demo's Kreise get no synthetic Jobcenter, and none of these postcodes reaches into another Gemeinde).
 */
export const demoPostcodes = () =>
  new Set(
    [...demo.RECKLINGHAUSEN_CITIES, demo.MUENSTER, ...demo.MUENSTER_DISTRICTS, ...demo.MUENSTER_BRANCHES].map((place) => place.postcode),
  );

/**
 * Migrates the four databases (and writes the demo data into empty ones) the way the services do at
 * start — by starting them once — then writes the scale dataset and checks its cross-subgraph ids.
 */
export async function seedScale(options: {
  root: string;
  databaseUrls: Record<string, string>;
  factor: number;
  seed?: number;
  log: (line: string) => void;
}): Promise<{ seconds: number; rows: Record<string, number> }> {
  const { log } = options;
  const started = performance.now();
  log('migrating (starting each service once) …');
  const stack = await startStack({ root: options.root, databaseUrls: options.databaseUrls, ports: 'free', env: { LOG_LEVEL: 'warn' } });
  await stack.stop();
  const dataset = generateScaleDataset({ factor: options.factor, seed: options.seed, avoidPostcodes: demoPostcodes() });
  const rows = countRows(dataset);
  log(
    `generated factor ${dataset.factor} (seed ${dataset.seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.entries(
      rows,
    )
      .map(([table, count]) => `${table} ${count}`)
      .join(', ')}`,
  );
  const perDatabase = await loadScaleDataset(dataset, options.databaseUrls);
  log(
    `written: ${Object.entries(perDatabase)
      .map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`)
      .join(', ')}`,
  );
  const problems = await checkCrossSubgraphIds(options.databaseUrls);
  if (problems.length > 0) throw new Error(`cross-subgraph ids are inconsistent:\n  ${problems.join('\n  ')}`);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  log(`cross-subgraph ids consistent; ${seconds} s in all`);
  return { seconds, rows };
}
