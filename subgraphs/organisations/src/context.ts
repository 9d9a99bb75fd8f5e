import type { Caller } from '@jobcenter-hub/service';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createOrganisationLoader } from './modules/organisation/organisation.loader';
import { createLinksByOrganisationLoaders } from './modules/organisation-link/organisation-link.loader';
import {
  createOrganisationUnitLoader,
  createUnitsByOrganisationLoaders,
  createUnitsByParentLoaders,
} from './modules/organisation-unit/organisation-unit.loader';

function createLoaders(em: EntityManager) {
  return {
    organisation: createOrganisationLoader(em),
    unit: createOrganisationUnitLoader(em),
    /** `unitsByOrganisation(filter).load(id)`: one loader, and one statement, per distinct filter. */
    unitsByOrganisation: createUnitsByOrganisationLoaders(em),
    unitsByParent: createUnitsByParentLoaders(em),
    linksByOrganisation: createLinksByOrganisationLoaders(em),
  };
}

export interface OrganisationsContext {
  em: EntityManager;
  loaders: ReturnType<typeof createLoaders>;
  requestId: string;
  /** Who is calling (from the verified bearer token; anonymous without one). */
  caller: Caller;
}

/** The one place that forks the EntityManager and creates the loaders, once per request. */
export const createContextFactory =
  (orm: MikroORM) =>
  async ({ requestId, caller }: { requestId: string; caller: Caller }): Promise<OrganisationsContext> => {
    const em = orm.em.fork();
    return { em, loaders: createLoaders(em), requestId, caller };
  };
