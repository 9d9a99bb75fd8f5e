import type { EntityManager } from '@mikro-orm/postgresql';
import { createPlainByIdLoader } from '@jobcenter-hub/subgraph';
import { Organisation } from './organisation.entity';

/** Organisations by id (archived ones too), only read: plain objects, not entities. */
export const createOrganisationLoader = (em: EntityManager) => createPlainByIdLoader(em, Organisation);
