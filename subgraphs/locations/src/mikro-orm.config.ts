import { createOrmConfig, Provenance, PublishedEntity } from '@jobcenter-hub/subgraph';
import { migrations } from './migrations';
import { District } from './modules/district/district.entity';
import { DistrictIndicator } from './modules/district-indicator/district-indicator.entity';
import { Location } from './modules/location/location.entity';
import { Postcode } from './modules/postcode/postcode.entity';
import { ServiceArea } from './modules/service-area/service-area.entity';

export const entities = [PublishedEntity, Provenance, District, Location, ServiceArea, DistrictIndicator, Postcode];

export const createLocationsOrmConfig = (clientUrl: string, poolMax?: number) =>
  createOrmConfig({ clientUrl, entities, migrations, poolMax });
