import type { EntityManager } from '@mikro-orm/postgresql';
import { createByIdLoader } from '@jobcenter-hub/subgraph';
import { Organisation } from './organisation.entity';

export const createOrganisationLoader = (em: EntityManager) => createByIdLoader(em, Organisation);
