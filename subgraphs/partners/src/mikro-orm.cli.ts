import 'reflect-metadata';
import { readPartnersEnv } from './env';
import { createPartnersOrmConfig } from './mikro-orm.config';

// Read by the MikroORM CLI only (`npm run migration:create -w @jobcenter-hub/partners`).
export default createPartnersOrmConfig(readPartnersEnv().DATABASE_URL);
