import { createOrmConfig, Provenance, PublishedEntity } from '@jobcenter-hub/subgraph';
import { migrations } from './migrations';
import { __Entity__ } from './modules/__entityFile__/__entityFile__.entity';

export const entities = [PublishedEntity, Provenance, __Entity__];

export const create__Name__OrmConfig = (clientUrl: string, poolMax?: number) =>
  createOrmConfig({ clientUrl, entities, migrations, poolMax });
