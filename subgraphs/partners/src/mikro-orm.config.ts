import { createOrmConfig, Provenance, PublishedEntity } from '@jobcenter-hub/subgraph';
import { migrations } from './migrations';
import { Liaison } from './modules/liaison/liaison.entity';
import { Partner } from './modules/partner/partner.entity';

export const entities = [PublishedEntity, Provenance, Partner, Liaison];

export const createPartnersOrmConfig = (clientUrl: string, poolMax?: number) =>
  createOrmConfig({ clientUrl, entities, migrations, poolMax });
