import { numberOption, readCommandLine, runCommand } from './lib/cli';
import { ROOT } from './lib/root';
import { openScaleDatabases, seedScale } from './lib/scale/databases';
import { DEFAULT_SEED } from './lib/scale/generate';

const COMMAND = {
  name: 'seed:scale',
  usage: `usage: npm run seed:scale -- [--factor <N>] [--seed <S>]

  --factor   size of the synthetic dataset: 1 is Germany-sized (default), smaller for tests, e.g. 0.01
  --seed     seed of the generator (default: ${DEFAULT_SEED})

  Writes the dataset into the four subgraph databases, replacing earlier synthetic rows: the
  <NAME>_DATABASE_URL variables when all are set, otherwise an embedded PostgreSQL in .data/bench
  (BENCH_PG_DIR, BENCH_PG_PORT).
`,
  options: { factor: { type: 'string', default: '1' }, seed: { type: 'string' } },
} as const;

/**
 * `npm run seed:scale -- --factor N [--seed S]`: writes the synthetic Germany-sized dataset (factor 1;
 * smaller factors for tests) into the four subgraph databases, replacing earlier synthetic rows.
 */
async function main(): Promise<void> {
  const { values } = readCommandLine(COMMAND);
  const factor = numberOption(COMMAND, 'factor', values.factor, { positive: true });
  const seed = values.seed === undefined ? undefined : numberOption(COMMAND, 'seed', values.seed, { integer: true });
  const log = (line: string) => process.stdout.write(`seed:scale │ ${line}\n`);
  const databases = await openScaleDatabases(ROOT, log);
  try {
    await seedScale({ root: ROOT, databaseUrls: databases.databaseUrls, factor, seed, log });
    await databases.record({ factor, seed: seed ?? DEFAULT_SEED });
  } finally {
    await databases.stop();
  }
}

runCommand(COMMAND.name, main);
