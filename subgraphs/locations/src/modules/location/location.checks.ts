import { badUserInput } from '@jobcenter-hub/service';
import { type References, referenceShows } from '@jobcenter-hub/subgraph';
import type { ResponsibleLocationsArgs } from './location.args';
import type { Location } from './location.entity';
import type { ResponsibilitySelector } from './location.queries';

/** The largest radius `locationsNear` accepts: wider than any Jobcenter's area, small enough to stay cheap. */
export const MAX_RADIUS_KM = 100;

/** Checks a coordinate pair before any query runs. */
export function readPoint(latitude: number, longitude: number): { latitude: number; longitude: number } {
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) throw badUserInput('latitude', 'must be between -90 and 90');
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) throw badUserInput('longitude', 'must be between -180 and 180');
  return { latitude, longitude };
}

/** Checks the radius of `locationsNear`: greater than 0, at most `MAX_RADIUS_KM`. */
export function readRadius(radiusKm: number): number {
  if (!Number.isFinite(radiusKm) || radiusKm <= 0 || radiusKm > MAX_RADIUS_KM) {
    throw badUserInput('radiusKm', `must be greater than 0 and at most ${MAX_RADIUS_KM}`);
  }
  return radiusKm;
}

/** A German postcode: five digits. */
export function readPostcode(postcode: string): string {
  if (!/^\d{5}$/.test(postcode)) throw badUserInput('postcode', 'must be a German postcode of five digits, e.g. "48143"');
  return postcode;
}

/** An official municipality key (AGS): eight digits. */
export function readMunicipalityKey(key: string): string {
  if (!/^\d{8}$/.test(key))
    throw badUserInput('municipalityKey', 'must be an official municipality key (AGS) of eight digits, e.g. "05515000"');
  return key;
}

/** `responsibleLocations` takes exactly one place: a postcode, a municipality key, a district, or a point. */
export function assertOnePlace({ postcode, municipalityKey, districtId, latitude, longitude }: ResponsibleLocationsArgs): void {
  const point = latitude !== undefined || longitude !== undefined;
  const given = [postcode !== undefined, municipalityKey !== undefined, districtId !== undefined, point].filter(Boolean).length;
  if (given !== 1) throw badUserInput('postcode|municipalityKey|districtId|latitude+longitude', 'give exactly one of them');
}

/** The one place of `responsibleLocations` (see `assertOnePlace`), checked. */
export function readPlace({
  postcode,
  municipalityKey,
  districtId,
  latitude,
  longitude,
}: ResponsibleLocationsArgs): ResponsibilitySelector {
  if (postcode !== undefined) return { postcode: readPostcode(postcode) };
  if (municipalityKey !== undefined) return { municipalityKey: readMunicipalityKey(municipalityKey) };
  if (districtId !== undefined) return { districtId };
  if (latitude === undefined) throw badUserInput('latitude', 'is required with longitude');
  if (longitude === undefined) throw badUserInput('longitude', 'is required with latitude');
  return readPoint(latitude, longitude);
}

/**
 * Read time: whether a record owned by `ownerId` shows through its reference to a record of another
 * subgraph owned by `targetOwnerId` (stored with the reference when it was written): own, or granted
 * (`grants` from `ctx.references.grants()`). No stored owner: a seeded site, whose references are own.
 */
export const shownThrough = (grants: ReadonlySet<string>, ownerId: string, targetOwnerId: string | null | undefined): boolean =>
  !targetOwnerId || referenceShows(grants, targetOwnerId, ownerId);

/**
 * The sites among `sites` that show through the reference `targetOwnerOf` names (their unit's owner,
 * their organisation's owner): `shownThrough`. The grants are asked only when some reference is foreign
 * (SERVICE_UNAVAILABLE for the field when they cannot be).
 */
export async function keepShownSites(
  ctx: { references: References },
  sites: readonly Location[],
  targetOwnerOf: (site: Location) => string | null | undefined,
): Promise<Location[]> {
  const foreign = sites.some((site) => !shownThrough(new Set(), site.ownerId, targetOwnerOf(site)));
  if (!foreign) return [...sites];
  const grants = await ctx.references.grants();
  return sites.filter((site) => shownThrough(grants, site.ownerId, targetOwnerOf(site)));
}
