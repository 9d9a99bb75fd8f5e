import { createOrmConfig, Provenance, PublishedEntity } from '@jobcenter-hub/subgraph';
import { migrations } from './migrations';
import { Intake } from './modules/intake/intake.entity';
import { Participation } from './modules/participation/participation.entity';
import { Programme } from './modules/programme/programme.entity';

export const entities = [PublishedEntity, Provenance, Programme, Intake, Participation];

export const createProgrammesOrmConfig = (clientUrl: string, poolMax?: number) =>
  createOrmConfig({ clientUrl, entities, migrations, poolMax });
