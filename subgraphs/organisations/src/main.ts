// First: starts OpenTelemetry tracing when configured, before the modules it instruments load.
import '@jobcenter-hub/service/instrument';
import 'reflect-metadata';
import { runSubgraph } from '@jobcenter-hub/subgraph';
import { readOrganisationsEnv } from './env';
import { createOrganisationsOrmConfig } from './mikro-orm.config';
import { seedIfEmpty } from './seeders/demo.seeder';
import { createServer } from './server';

const env = readOrganisationsEnv();
void runSubgraph({
  name: 'organisations',
  env,
  ormConfig: createOrganisationsOrmConfig(env.DATABASE_URL, env.DATABASE_POOL_MAX),
  createServer,
  seedIfEmpty,
});
