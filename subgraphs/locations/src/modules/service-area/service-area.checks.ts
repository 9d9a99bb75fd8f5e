import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '@jobcenter-hub/service';
import { assertReference, REFERENCE_LAYER_OWNER, type References, referenceShows, referenceStateOf } from '@jobcenter-hub/subgraph';
import type { District } from '../district/district.entity';

/** What the district rule needs of a request: `ctx.references`. */
type WithReferences = { references: References };

/**
 * Why a record names a district: `'place'` says where something is (a site's `districtId`, a city
 * district's `parentId`); `'responsibility'` says whom a site serves (a service area's `districtId`).
 */
export type DistrictPurpose = 'place' | 'responsibility';

/**
 * True when official key `districtKey` lies inside one of `municipalityKeys`: the same key, or a key that
 * begins with one of them (a Kreis key `05562` covers the Gemeinde `05562032`).
 */
export const liesInside = (districtKey: string | null | undefined, municipalityKeys: readonly string[]): boolean =>
  !!districtKey && municipalityKeys.some((key) => key.length > 0 && districtKey.startsWith(key));

/**
 * The one rule for naming a district (a service area's `districtId`, a site's `districtId`, a city
 * district's `parentId`), at write time and at read time. A record owned by `ownerId` may name
 * `district` when
 * - the district is its owner's own, or
 * - the district's owner grants references to `ownerId` (a live GRANTS_REFERENCES link, in `grants`), or
 * - it says where something is (`'place'`) and the district is one of the public reference layer's
 *   (owned by `REFERENCE_LAYER_OWNER`): the skeleton every publisher hangs its records on, or
 * - the district has an official key (a Kreis or Gemeinde) that lies inside the area of `ownerId`
 *   (`Organisation.municipalityKeys`, which the hub's administrators set): which Jobcenter serves which
 *   Kreis or Gemeinde is theirs to say, so a Jobcenter's service areas lie inside its own area (or are
 *   granted by the district's publisher). City districts a publisher adds (no key) need its grant.
 *
 * `keysOf` is asked only when nothing else holds (it costs a request to the organisations subgraph).
 */
export async function mayNameDistrict(
  district: Pick<District, 'ownerId' | 'officialKey'>,
  ownerId: string,
  purpose: DistrictPurpose,
  grants: ReadonlySet<string>,
  keysOf: (ownerId: string) => Promise<readonly string[]>,
): Promise<boolean> {
  if (referenceShows(grants, district.ownerId, ownerId)) return true;
  if (purpose === 'place' && district.ownerId === REFERENCE_LAYER_OWNER) return true;
  return !!district.officialKey && liesInside(district.officialKey, await keysOf(ownerId));
}

/** The municipality keys of a live organisation (none for an unknown or archived one), asked through `references`. */
const areaOf = (references: References) => async (organisationId: string) => {
  const organisation = await references.state('Organisation', organisationId);
  return organisation && !organisation.archived ? (organisation.municipalityKeys ?? []) : [];
};

/**
 * `mayNameDistrict` at write time, with fresh grants: FORBIDDEN (with `argument` = `field` and the
 * district's `ownerId`) when a record that will be owned by `recordOwnerId` may not name `district`. The
 * district is this subgraph's own record, already loaded (and found live) by `findReferenced`.
 */
export async function assertMayNameDistrict(
  ctx: WithReferences,
  district: District,
  recordOwnerId: string,
  field: string,
  purpose: DistrictPurpose,
): Promise<void> {
  if (district.ownerId === recordOwnerId) return;
  if (purpose === 'place' && district.ownerId === REFERENCE_LAYER_OWNER) return;
  if (district.officialKey && liesInside(district.officialKey, await areaOf(ctx.references)(recordOwnerId))) return;
  // Not own, not inside the owner's area: only a grant of the district's owner helps (else FORBIDDEN).
  await assertReference(ctx, { type: 'District', id: district.id, label: 'district', field }, recordOwnerId, referenceStateOf(district));
}

/**
 * Read time: the rows whose reference to a district may show (`mayNameDistrict`), in their order. The
 * grants come from `ctx.references` (SERVICE_UNAVAILABLE for the field when they cannot be asked); the
 * owners' areas are asked only for rows that neither name their own district nor hold a grant, in one
 * batched request.
 */
export async function keepShownDistrictReferences<T>(
  ctx: WithReferences,
  rows: readonly T[],
  referenceOf: (row: T) => { ownerId: string; district: Pick<District, 'ownerId' | 'officialKey'> },
  purpose: DistrictPurpose,
): Promise<T[]> {
  const plain = (row: T) => {
    const { ownerId, district } = referenceOf(row);
    return ownerId === district.ownerId || (purpose === 'place' && district.ownerId === REFERENCE_LAYER_OWNER);
  };
  if (rows.every(plain)) return [...rows];
  const grants = await ctx.references.grants();
  const keysOf = areaOf(ctx.references);
  const shown = await Promise.all(
    rows.map((row) => {
      const { ownerId, district } = referenceOf(row);
      return mayNameDistrict(district, ownerId, purpose, grants, keysOf);
    }),
  );
  return rows.filter((_, index) => shown[index]);
}

/**
 * Read time for service areas (`responsibleLocations`, `Location.serviceAreas`): an area shows while its
 * site is its owner's own or granted to it, and its district passes `mayNameDistrict`.
 * `siteOwnerId` is the owner of the area's site (loaded with the area).
 */
export async function keepShownServiceAreas<T>(
  ctx: WithReferences,
  rows: readonly T[],
  partsOf: (row: T) => { ownerId: string; siteOwnerId: string; district: Pick<District, 'ownerId' | 'officialKey'> },
): Promise<T[]> {
  const foreignSite = rows.some((row) => partsOf(row).ownerId !== partsOf(row).siteOwnerId);
  const grants = foreignSite ? await ctx.references.grants() : new Set<string>();
  const ofShownSites = rows.filter((row) => {
    const { ownerId, siteOwnerId } = partsOf(row);
    return referenceShows(grants, siteOwnerId, ownerId);
  });
  return keepShownDistrictReferences(
    ctx,
    ofShownSites,
    (row) => ({ ownerId: partsOf(row).ownerId, district: partsOf(row).district }),
    'responsibility',
  );
}

/**
 * The postcodes the reference layer's postcode table links to district `alias.district_id` (SQL): the
 * district's own (a Gemeinde), its city's (a city district: the split inside a city is not known), and
 * its Gemeinden's (a Kreis). Empty for a district the table knows nothing about (no reference layer).
 */
const POSTCODES_OF_DISTRICT = (districtId: string) => `select p.postcode from postcode p
   where p.district_id = ${districtId}
      or p.district_id = (select d.parent_id from district d where d.id = ${districtId})
      or p.district_id in (select c.id from district c where c.parent_id = ${districtId})`;

/**
 * A service area's postcodes must lie in its district, or a site could claim another organisation's
 * postcode through a district of its own (a Münster site serving Datteln's 45711 "in Münster"). Checked
 * against the reference layer's postcode table (OpenStreetMap); a district the table knows nothing about
 * (no reference layer loaded, a publisher's own area) takes any postcode. BAD_USER_INPUT naming `field`.
 */
export async function assertPostcodesInDistrict(em: EntityManager, district: District, postcodes: readonly string[], field: string) {
  if (postcodes.length === 0) return;
  const known = await em
    .getConnection()
    .execute<{ postcode: string }[]>(POSTCODES_OF_DISTRICT('?'), [district.id, district.id, district.id]);
  if (known.length === 0) return;
  const inside = new Set(known.map((row) => row.postcode));
  const outside = postcodes.filter((postcode) => !inside.has(postcode));
  if (outside.length > 0) {
    throw badUserInput(
      field,
      `${outside.join(', ')} ${outside.length === 1 ? 'does' : 'do'} not lie in district ${JSON.stringify(district.id)}`,
    );
  }
}

/**
 * Read time, as a `where` fragment of a ServiceArea query by postcode: the area names `postcode` and the
 * postcode lies in its district (`assertPostcodesInDistrict`'s rule), so an area written before the
 * check, or a postcode table that changed, cannot answer for a place outside its district. Built per
 * statement (a raw fragment serves one).
 */
export const servesPostcodeInItsDistrict = (postcode: string) => ({
  postcodes: { $contains: [postcode] },
  [raw(
    (alias: string) =>
      `(? in (${POSTCODES_OF_DISTRICT(`${alias}.district_id`)}) or not exists (${POSTCODES_OF_DISTRICT(`${alias}.district_id`)}))`,
    [postcode],
  )]: [],
});
