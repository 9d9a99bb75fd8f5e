// First: starts OpenTelemetry tracing when configured, before the modules it instruments load.
import '@jobcenter-hub/service/instrument';
import 'reflect-metadata';
import { runSubgraph } from '@jobcenter-hub/subgraph';
import { read__Name__Env } from './env';
import { create__Name__OrmConfig } from './mikro-orm.config';
import { seedIfEmpty } from './seeders/demo.seeder';
import { createServer } from './server';

const env = read__Name__Env();
void runSubgraph({
  name: '__name__',
  env,
  ormConfig: create__Name__OrmConfig(env.DATABASE_URL, env.DATABASE_POOL_MAX),
  createServer,
  seedIfEmpty,
});
