import { type HolidayRegion, holidayRegionOfKey } from '@jobcenter-hub/subgraph';
import type { LocationsContext } from '../../context';
import type { Location } from './location.entity';

/** Enough for any chain of districts (city district → municipality → Kreis → Regierungsbezirk → Land). */
const MAX_LEVELS = 8;

/**
 * Whose public holidays count for a site's opening hours: the Land named by the first two digits of the
 * official key of the site's district, or, for a district without a key (a city district), of the nearest
 * district above it that has one. `null` when none has a key: then only the nine holidays of every Land
 * count (docs/usage.md, "Opening hours and public holidays").
 */
export async function holidayRegionOfLocation(location: Location, ctx: LocationsContext): Promise<HolidayRegion | null> {
  let district = await ctx.loaders.district.load(location.district.id);
  for (let level = 0; district && level < MAX_LEVELS; level += 1) {
    const region = holidayRegionOfKey(district.officialKey);
    if (region) return region;
    district = district.parent ? await ctx.loaders.district.load(district.parent.id) : null;
  }
  return null;
}
