import { type HolidayRegion, holidayRegionOfKeys } from '@jobcenter-hub/subgraph';
import type { PartnersContext } from '../../context';

/**
 * Whose public holidays count for a partner's meetings: a partner has no municipality key of its own,
 * so the Land of its publisher's area (the owner organisation's municipality keys, asked of the
 * organisations subgraph, one call per request) when all of them lie in one Land. `null` — only the nine
 * holidays of every Land — when they span several Länder, when the owner has none, or when the
 * organisations subgraph cannot be asked (the schedule's `publicHolidayLand` then says null).
 */
export async function holidayRegionOfOwner(ownerId: string, ctx: PartnersContext): Promise<HolidayRegion | null> {
  try {
    const owner = await ctx.references.state('Organisation', ownerId);
    return holidayRegionOfKeys(owner?.municipalityKeys);
  } catch {
    return null;
  }
}
