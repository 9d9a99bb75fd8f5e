import 'reflect-metadata';
import { readLocationsEnv } from './env';
import { createLocationsOrmConfig } from './mikro-orm.config';

// Read by the MikroORM CLI only (`npm run migration:create -w @jobcenter-hub/locations`).
export default createLocationsOrmConfig(readLocationsEnv().DATABASE_URL);
