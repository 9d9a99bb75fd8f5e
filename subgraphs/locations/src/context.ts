import type { EntityManager } from '@mikro-orm/postgresql';
import { createRequestContextFactory, type HolidayRegion, holidayRegionOfKey, type RequestContext } from '@jobcenter-hub/subgraph';
import type { District } from './modules/district/district.entity';
import { createDistrictLoader, createDistrictsByParentLoader } from './modules/district/district.loader';
import { createIndicatorsByDistrictLoader } from './modules/district-indicator/district-indicator.loader';
import { createServiceAreasByLocationLoader } from './modules/service-area/service-area.loader';
import { createPostcodesByDistrictLoader } from './modules/postcode/postcode.loader';
import {
  createHolidayRegionLoader,
  createLocationLoader,
  createLocationsByDistrictLoader,
  createLocationsByOrganisationLoader,
  createLocationsByUnitLoader,
} from './modules/location/location.loader';

function createLoaders(em: EntityManager) {
  const holidayRegion = createHolidayRegionLoader(em);
  // A district read for any reason answers the holiday region of its sites without a statement when its
  // own key names a Land, or, without such a key, when its parent's region is known so (a city's city
  // districts read as its children): the first answers of the upward walk of createHolidayRegionLoader.
  const known = new Map<string, HolidayRegion>();
  const seen = (district: District) => {
    const region = holidayRegionOfKey(district.officialKey) ?? (district.parent ? known.get(district.parent.id) : undefined);
    if (!region) return;
    known.set(district.id, region);
    holidayRegion.prime(district.id, region);
  };
  return {
    location: createLocationLoader(em),
    locationsByUnit: createLocationsByUnitLoader(em),
    locationsByOrganisation: createLocationsByOrganisationLoader(em),
    locationsByDistrict: createLocationsByDistrictLoader(em),
    district: createDistrictLoader(em, seen),
    districtsByParent: createDistrictsByParentLoader(em, seen),
    indicatorsByDistrict: createIndicatorsByDistrictLoader(em),
    serviceAreasByLocation: createServiceAreasByLocationLoader(em),
    postcodesByDistrict: createPostcodesByDistrictLoader(em),
    holidayRegion,
  };
}

/** The request context of this subgraph's resolvers (see `RequestContext`). */
export type LocationsContext = RequestContext<ReturnType<typeof createLoaders>>;

/** Forks the EntityManager, reads the clock and creates the loaders, once per request; tests may pass a fixed clock. */
export const createContextFactory = createRequestContextFactory(createLoaders);
