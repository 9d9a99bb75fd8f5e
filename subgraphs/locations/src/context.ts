import type { EntityManager } from '@mikro-orm/postgresql';
import { createRequestContextFactory, type RequestContext } from '@jobcenter-hub/subgraph';
import { createDistrictLoader, createDistrictsByParentLoader } from './modules/district/district.loader';
import { createIndicatorsByDistrictLoader } from './modules/district-indicator/district-indicator.loader';
import { createServiceAreasByLocationLoader } from './modules/service-area/service-area.loader';
import { createPostcodesByDistrictLoader } from './modules/postcode/postcode.loader';
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
    postcodesByDistrict: createPostcodesByDistrictLoader(em),
  };
}

/** The request context of this subgraph's resolvers (see `RequestContext`). */
export type LocationsContext = RequestContext<ReturnType<typeof createLoaders>>;

/** Forks the EntityManager, reads the clock and creates the loaders, once per request; tests may pass a fixed clock. */
export const createContextFactory = createRequestContextFactory(createLoaders);
