import 'reflect-metadata';
import { read__Name__Env } from './env';
import { create__Name__OrmConfig } from './mikro-orm.config';

// Read by the MikroORM CLI only (`npm run migration:create -w @jobcenter-hub/__name__`).
export default create__Name__OrmConfig(read__Name__Env().DATABASE_URL);
