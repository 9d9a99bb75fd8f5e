import 'reflect-metadata';
import { readOrganisationsEnv } from './env';
import { createOrganisationsOrmConfig } from './mikro-orm.config';

// Read by the MikroORM CLI only (`npm run migration:create -w @jobcenter-hub/organisations`).
export default createOrganisationsOrmConfig(readOrganisationsEnv().DATABASE_URL);
