import { randomBytes } from 'node:crypto';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { attachSqlCounter, migrateUp } from '@jobcenter-hub/kit';

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
