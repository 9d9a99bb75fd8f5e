import type { Caller } from '@jobcenter-hub/service';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { type Clock, forkRequestEm, systemClock } from '@jobcenter-hub/subgraph';
import { createDistrictLoader, createDistrictsByParentLoader } from './modules/district/district.loader';
import { createIndicatorsByDistrictLoader } from './modules/district-indicator/district-indicator.loader';
import { createServiceAreasByLocationLoader } from './modules/service-area/service-area.loader';
import {
  createLocationLoader,
  createLocationsByDistrictLoader,
  createLocationsByOrganisationLoader,
  createLocationsByUnitLoader,
} from './modules/location/location.loader';

function createLoaders(em: EntityManager) {
  return {
    location: createLocationLoader(em),
    locationsByUnit: createLocationsByUnitLoader(em),
    locationsByOrganisation: createLocationsByOrganisationLoader(em),
    locationsByDistrict: createLocationsByDistrictLoader(em),
    district: createDistrictLoader(em),
    districtsByParent: createDistrictsByParentLoader(em),
    indicatorsByDistrict: createIndicatorsByDistrictLoader(em),
    serviceAreasByLocation: createServiceAreasByLocationLoader(em),
  };
}

export interface LocationsContext {
  em: EntityManager;
  loaders: ReturnType<typeof createLoaders>;
  requestId: string;
  /** Who is calling (from the verified bearer token; anonymous without one). */
  caller: Caller;
  /** The instant the request started: every "now" of the request (archiving, "open now") reads this. */
  now: Date;
}

/**
 * The one place that forks the EntityManager, creates the loaders and reads the clock, once per
 * request. Tests may pass a fixed `clock`.
 */
export const createContextFactory =
  (orm: MikroORM, clock: Clock = systemClock) =>
  async ({ requestId, caller }: { requestId: string; caller: Caller }): Promise<LocationsContext> => {
    const em = forkRequestEm(orm); // archived records leave every list (the `live` filter)
    return { em, loaders: createLoaders(em), requestId, caller, now: clock() };
  };
