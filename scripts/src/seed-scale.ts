import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openScaleDatabases, seedScale } from './scale/databases';
import { DEFAULT_SEED } from './scale/generate';

const root = join(__dirname, '..', '..');

/**
 * `npm run seed:scale -- --factor N [--seed S]`: writes the synthetic Germany-sized dataset (factor 1;
 * smaller factors for tests) into the four subgraph databases, replacing earlier synthetic rows.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { factor: { type: 'string', default: '1' }, seed: { type: 'string' } } });
  const factor = Number(values.factor);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  const log = (line: string) => process.stdout.write(`seed:scale │ ${line}\n`);
  const databases = await openScaleDatabases(root, log);
  try {
    await seedScale({ root, databaseUrls: databases.databaseUrls, factor, seed, log });
    await databases.record({ factor, seed: seed ?? DEFAULT_SEED });
  } finally {
    await databases.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:scale: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
