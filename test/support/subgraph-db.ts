import { randomBytes } from 'node:crypto';
import { type EntityManager, MikroORM, type Options } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createLogger, type Logger } from '@jobcenter-hub/service';
import { attachSqlCounter, migrateUp, type SubgraphParts } from '@jobcenter-hub/subgraph';

/**
 * A fresh, migrated database on the test run's PostgreSQL server (embedded by default; see
 * global-setup.ts) for one subgraph test file. `drop()` closes the ORM and removes the database.
 */
export async function createTestOrm(
  prefix: string,
  createConfig: (url: string) => Options,
): Promise<{ orm: MikroORM; drop: () => Promise<void> }> {
  const adminUrl = process.env.HUB_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('HUB_TEST_ADMIN_URL is not set: run the tests with `npm test` (jest global setup)');
  const name = `t_${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const orm = await MikroORM.init(createConfig(url.toString()));
  attachSqlCounter(orm);
  await migrateUp(orm);
  return {
    orm,
    drop: async () => {
      await orm.close(true);
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

/** A subgraph under test, as `useTestSubgraph` starts it. */
export interface TestSubgraph<TContext extends object> {
  /** The ORM on the test file's own database (for rows a test writes or reads directly). */
  readonly orm: MikroORM;
  /** The subgraph's real schema and context factory, for `execute`. */
  readonly parts: SubgraphParts<TContext>;
}

/**
 * One subgraph for one test file, set up in `beforeAll` and torn down in `afterAll`: a fresh migrated
 * database (`createTestOrm`), the demo data (`seed`), and the subgraph's server parts (`createServer`,
 * not production, silent logger), started. `orm` and `parts` can be read once `beforeAll` has run.
 */
export function useTestSubgraph<TContext extends object>(options: {
  /** Prefix of the database's name. */
  database: string;
  createConfig: (url: string) => Options;
  seed: (em: EntityManager) => Promise<unknown>;
  createServer: (orm: MikroORM, options: { production: boolean; logger: Logger }) => Promise<SubgraphParts<TContext>>;
}): TestSubgraph<TContext> {
  let orm: MikroORM | undefined;
  let parts: SubgraphParts<TContext> | undefined;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ orm, drop } = await createTestOrm(options.database, options.createConfig));
    await options.seed(orm.em.fork());
    parts = await options.createServer(orm, { production: false, logger: createLogger('test', 'silent') });
    await parts.apollo.start();
  });

  afterAll(async () => {
    await parts?.apollo.stop();
    await drop?.();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the ${options.database} test subgraph is not started: read it inside a test or hook`);
    return value;
  };
  return {
    get orm() {
      return started(orm);
    },
    get parts() {
      return started(parts);
    },
  };
}
