import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createOrganisationLoader } from './modules/organisation/organisation.loader';
import {
  createOrganisationUnitLoader,
  createUnitsByOrganisationLoader,
  createUnitsByParentLoader,
} from './modules/organisation-unit/organisation-unit.loader';

function createLoaders(em: EntityManager) {
  return {
    organisation: createOrganisationLoader(em),
    unit: createOrganisationUnitLoader(em),
    unitsByOrganisation: createUnitsByOrganisationLoader(em),
    unitsByParent: createUnitsByParentLoader(em),
  };
}

export interface OrganisationsContext {
  em: EntityManager;
  loaders: ReturnType<typeof createLoaders>;
  requestId: string;
}

/** The one place that forks the EntityManager and creates the loaders, once per request. */
export const createContextFactory =
  (orm: MikroORM) =>
  async ({ requestId }: { requestId: string }): Promise<OrganisationsContext> => {
    const em = orm.em.fork();
    return { em, loaders: createLoaders(em), requestId };
  };
