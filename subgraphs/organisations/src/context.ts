import type { EntityManager } from '@mikro-orm/postgresql';
import { createRequestContextFactory, type RequestContext } from '@jobcenter-hub/subgraph';
import { createJobcenterByKeyLoader } from './modules/district/district.loader';
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
    /** `District.jobcenter`: the Jobcenter responsible for each official key asked in the request. */
    jobcenterByKey: createJobcenterByKeyLoader(em),
    unit: createOrganisationUnitLoader(em),
    /** `unitsByOrganisation(filter).load(id)`: one loader, and one statement, per distinct filter. */
    unitsByOrganisation: createUnitsByOrganisationLoaders(em),
    unitsByParent: createUnitsByParentLoaders(em),
    linksByOrganisation: createLinksByOrganisationLoaders(em),
  };
}

/** The request context of this subgraph's resolvers (see `RequestContext`). */
export type OrganisationsContext = RequestContext<ReturnType<typeof createLoaders>>;

/** Forks the EntityManager, reads the clock and creates the loaders, once per request; tests may pass a fixed clock. */
export const createContextFactory = createRequestContextFactory(createLoaders);
