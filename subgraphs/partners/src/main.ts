// First: starts OpenTelemetry tracing when configured, before the modules it instruments load.
import '@jobcenter-hub/service/instrument';
import 'reflect-metadata';
import { runSubgraph } from '@jobcenter-hub/subgraph';
import { readPartnersEnv } from './env';
import { createPartnersOrmConfig } from './mikro-orm.config';
import { seedIfEmpty } from './seeders/demo.seeder';
import { createServer } from './server';

const env = readPartnersEnv();
void runSubgraph({
  name: 'partners',
  env,
  ormConfig: createPartnersOrmConfig(env.DATABASE_URL, env.DATABASE_POOL_MAX),
  createServer,
  seedIfEmpty,
});
