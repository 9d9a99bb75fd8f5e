import 'reflect-metadata';
import { readProgrammesEnv } from './env';
import { createProgrammesOrmConfig } from './mikro-orm.config';

// Read by the MikroORM CLI only (`npm run migration:create -w @jobcenter-hub/programmes`).
export default createProgrammesOrmConfig(readProgrammesEnv().DATABASE_URL);
