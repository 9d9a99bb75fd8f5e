import type { Caller } from '@jobcenter-hub/service';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { type Clock, forkRequestEm, systemClock } from '@jobcenter-hub/subgraph';
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
  /** The instant the request started: every "now" of the request (archiving, "open now", "upcoming") reads this. */
  now: Date;
}

/**
 * The one place that forks the EntityManager, creates the loaders and reads the clock, once per
 * request. Tests may pass a fixed `clock`.
 */
export const createContextFactory =
  (orm: MikroORM, clock: Clock = systemClock) =>
  async ({ requestId, caller }: { requestId: string; caller: Caller }): Promise<OrganisationsContext> => {
    const em = forkRequestEm(orm); // archived records leave every list (the `live` filter)
    return { em, loaders: createLoaders(em), requestId, caller, now: clock() };
  };
