import { createOrmConfig, Provenance, PublishedEntity } from '@jobcenter-hub/kit';
import { migrations } from './migrations';
import { District } from './modules/district/district.entity';
import { Location } from './modules/location/location.entity';

export const entities = [PublishedEntity, Provenance, District, Location];

export const createLocationsOrmConfig = (clientUrl: string, poolMax?: number) =>
  createOrmConfig({ clientUrl, entities, migrations, poolMax });
