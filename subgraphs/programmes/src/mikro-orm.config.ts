import { createOrmConfig, Provenance, PublishedEntity } from '@jobcenter-hub/kit';
import { migrations } from './migrations';
import { Programme } from './modules/programme/programme.entity';

export const entities = [PublishedEntity, Provenance, Programme];

export const createProgrammesOrmConfig = (clientUrl: string, poolMax?: number) =>
  createOrmConfig({ clientUrl, entities, migrations, poolMax });
