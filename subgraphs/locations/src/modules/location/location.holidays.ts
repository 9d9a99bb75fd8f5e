import type { HolidayRegion } from '@jobcenter-hub/subgraph';
import type { LocationsContext } from '../../context';
import type { Location } from './location.entity';

/**
 * Whose public holidays count for a site's opening hours: the Land named by the first two digits of the
 * official key of the site's district, or, for a district without a key (a city district), of the nearest
 * district above it that has one. `null` when none has a key: then only the nine holidays of every Land
 * count (docs/usage.md, "Opening hours and public holidays"). Batched per request (`createHolidayRegionLoader`).
 */
export function holidayRegionOfLocation(location: Location, ctx: LocationsContext): Promise<HolidayRegion | null> {
  return ctx.loaders.holidayRegion.load(location.district.id);
}
