import { Client } from 'pg';
import { readCommandLine, runCommand, usageError } from './lib/cli';
import { startEmbeddedPostgres } from './lib/embedded-db';
import { databaseName, readStartEnv } from './lib/env';
import { describeImport, GermanyFileError, importGermany, readGermanyFiles, SHIPPED_FILES, SHIPPED_SOURCES } from './lib/germany';
import { ROOT } from './lib/root';
import { join } from 'node:path';

const COMMAND = {
  name: 'data:import',
  usage: `usage: npm run data:import -- [--register <file>] [--census <file>] [--postcodes <file>] [--register-date <YYYY-MM-DD>]

  Loads the reference layer for all of Germany into the locations subgraph's database: every Land,
  Regierungsbezirk, Kreis / kreisfreie Stadt and Gemeinde of a Destatis register extract ("Auszug GV",
  the layout of the shipped file), their Zensus 2022 population, and which postcode lies in which
  Gemeinde (OpenStreetMap). Without options: the files shipped in data/germany/ (SOURCES.md).

    --register       a Destatis register extract (.csv or .csv.gz; default ${SHIPPED_FILES.register})
    --census         Zensus 2022 population per Gemeinde (default ${SHIPPED_FILES.census})
    --postcodes      postcode ↔ Gemeinde table (default ${SHIPPED_FILES.postcodes})
    --register-date  the register's territorial date (default ${SHIPPED_SOURCES.registerDate}); its population is of the year before

  One transaction: a broken file changes nothing and the message names its line. Running it twice
  changes nothing. Districts publishers own (matched by official key) keep what they wrote. Prints what
  it added, changed and could not match (municipalities merged since the register's date are reported,
  not guessed).

  The database: LOCATIONS_DATABASE_URL, else npm start's embedded PostgreSQL (EMBEDDED_PG_PORT,
  EMBEDDED_PG_DIR; started for the import when it is not running). It must be migrated: start the hub once.
`,
  options: {
    register: { type: 'string' },
    census: { type: 'string' },
    postcodes: { type: 'string' },
    'register-date': { type: 'string' },
  },
} as const;

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `npm run data:import`: see the usage above. */
async function main(): Promise<void> {
  const { values } = readCommandLine(COMMAND);
  const registerDate = values['register-date'] ?? SHIPPED_SOURCES.registerDate;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(registerDate)) usageError(COMMAND, '--register-date must be a date YYYY-MM-DD');
  const log = (line: string) => process.stdout.write(`data:import │ ${line}\n`);
  const paths = {
    register: values.register ?? join(ROOT, SHIPPED_FILES.register),
    census: values.census ?? join(ROOT, SHIPPED_FILES.census),
    postcodes: values.postcodes ?? join(ROOT, SHIPPED_FILES.postcodes),
  };
  let data;
  try {
    data = readGermanyFiles(paths);
  } catch (error) {
    if (error instanceof GermanyFileError) {
      process.stderr.write(`data:import: ${error.message}; nothing was imported\n`);
      process.exit(1);
    }
    throw error;
  }
  log(`read ${data.register.length} areas, ${data.census.length} Zensus figures, ${data.postcodes.length} postcode links`);

  const env = readStartEnv(['locations']);
  let url = env.databaseUrls.locations;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    url = `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/${databaseName('locations')}`;
    if (!(await reachable(url))) {
      log(`starting npm start's embedded PostgreSQL (${env.EMBEDDED_PG_DIR}) for the import`);
      const server = await startEmbeddedPostgres({ dataDir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT, persistent: true });
      stop = () => server.stop();
      url = server.url(databaseName('locations'));
    }
  }
  try {
    const report = await importGermany(url, data, { registerDate });
    for (const line of describeImport(report)) log(line);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/relation "(district|postcode)" does not exist|column "(area_km2|populations_data)"/.test(message)) {
      process.stderr.write('data:import: the locations database is not migrated yet: start the hub once (npm start), then import\n');
      process.exitCode = 1;
    } else throw error;
  } finally {
    await stop?.();
  }
}

runCommand(COMMAND.name, main);
