import { createOrmConfig, Provenance, PublishedEntity } from '@jobcenter-hub/subgraph';
import { migrations } from './migrations';
import { Organisation } from './modules/organisation/organisation.entity';
import { OrganisationLink } from './modules/organisation-link/organisation-link.entity';
import { OrganisationUnit } from './modules/organisation-unit/organisation-unit.entity';

export const entities = [PublishedEntity, Provenance, Organisation, OrganisationUnit, OrganisationLink];

export const createOrganisationsOrmConfig = (clientUrl: string, poolMax?: number) =>
  createOrmConfig({ clientUrl, entities, migrations, poolMax });
