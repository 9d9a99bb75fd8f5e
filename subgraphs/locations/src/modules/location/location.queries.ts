import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type District } from '../district/district.entity';
import { servesPostcodeInItsDistrict } from '../service-area/service-area.checks';
import { ServiceArea } from '../service-area/service-area.entity';
import { createRowMapper, type HolidayRegion, type Row } from '@jobcenter-hub/subgraph';
import { districtKeysUpwardSql, holidayRegionOfKeysUpward } from './location.loader';
import { Location, type LocationKind } from './location.entity';
import { type Responsibility, ResponsibilityMatch } from './location.types';

/** A point is assigned to a district centre only within this distance. */
const MAX_CENTRE_DISTANCE_KM = 25;

/**
 * `where` for the sites in district `districtId` or in one of its city districts. A subquery, not
 * `{ district: { parent: districtId } }`: `em.find` would join the district with the `live` filter in the
 * join, and so lose the sites of an archived district, which the other lists keep. A raw fragment
 * serves one statement: build it per statement.
 */
export const inDistrictOrItsCityDistricts = (districtId: string) => ({
  [raw(
    (alias: string) => `(${alias}.district_id = ? or ${alias}.district_id in (select c.id from district c where c.parent_id = ?))`,
    [districtId, districtId],
  )]: [],
});

/**
 * Sites within `radiusKm` of a point, nearest first, in one statement: `earth_box` narrows the search
 * with the GiST index on `ll_to_earth(latitude, longitude)`, `earth_distance` gives the exact distance.
 * Each comes with the holiday region of its district (read in the same statement), so the opening hours
 * of every site within the radius are evaluated without another statement.
 */
export async function findNearby(
  em: EntityManager,
  options: { latitude: number; longitude: number; radiusKm: number; kind?: LocationKind },
): Promise<{ location: Location; distanceKm: number; holidayRegion: HolidayRegion | null }[]> {
  const metres = options.radiusKm * 1000;
  const rows = await em.getConnection().execute<(Row & { distance_m: number; district_keys: (string | null)[] })[]>(
    `select l.*, earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth(?, ?)) as distance_m,
            ${districtKeysUpwardSql('l.district_id')} as district_keys
       from location l
      where l.archived_at is null
        and earth_box(ll_to_earth(?, ?), ?) @> ll_to_earth(l.latitude, l.longitude)
        and earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth(?, ?)) <= ?
        ${options.kind ? 'and l.kind = ?' : ''}
      order by distance_m, l.id`,
    [
      options.latitude,
      options.longitude,
      options.latitude,
      options.longitude,
      metres,
      options.latitude,
      options.longitude,
      metres,
      ...(options.kind ? [options.kind] : []),
    ],
  );
  const toLocation = createRowMapper(em, Location);
  return rows.map((row) => ({
    location: toLocation(row),
    distanceKm: Math.round(Number(row.distance_m) / 10) / 100,
    holidayRegion: holidayRegionOfKeysUpward(row.district_keys),
  }));
}

export type ResponsibilitySelector =
  { postcode: string } | { municipalityKey: string } | { districtId: string } | { latitude: number; longitude: number };

/**
 * The service areas answering "which site serves me?" — by postcode, by municipality (AGS; a city with
 * city districts answers with all of them), by district, or by the nearest district centre to a point
 * (boundaries are not modelled, so that answer says it is approximate). At most two statements: the
 * districts meant (by key or id with their city districts, or the one nearest a point), then their
 * service areas; a postcode needs only the second.
 */
export async function findResponsibility(em: EntityManager, selector: ResponsibilitySelector): Promise<Responsibility[]> {
  let where: object;
  let matchedBy: ResponsibilityMatch;
  if ('postcode' in selector) {
    // Only areas whose district the postcode lies in (a site cannot claim a postcode outside its district).
    where = servesPostcodeInItsDistrict(selector.postcode);
    matchedBy = ResponsibilityMatch.POSTCODE;
  } else if ('municipalityKey' in selector) {
    // First the district and its city districts, then their areas: an OR across the join to district
    // ("its key or its parent's key") has no index to use and scans district twice.
    const districts = await em.getConnection().execute<{ id: string }[]>(
      `select d.id from district d where d.official_key = ?
       union
       select c.id from district c join district p on p.id = c.parent_id where p.official_key = ?`,
      [selector.municipalityKey, selector.municipalityKey],
    );
    if (districts.length === 0) return [];
    where = { district: { $in: districts.map((district) => district.id) } };
    matchedBy = ResponsibilityMatch.MUNICIPALITY;
  } else if ('districtId' in selector) {
    // The same two steps: the district and its city districts (primary key, parent index), then their areas.
    const districts = await em
      .getConnection()
      .execute<{ id: string }[]>('select d.id from district d where d.id = ? or d.parent_id = ?', [
        selector.districtId,
        selector.districtId,
      ]);
    if (districts.length === 0) return [];
    where = { district: { $in: districts.map((district) => district.id) } };
    matchedBy = ResponsibilityMatch.DISTRICT;
  } else {
    const [nearest] = await em.getConnection().execute<{ id: string }[]>(
      // earth_box narrows the districts with the GiST index on their centres (the reference layer has
      // about 11,000); earth_distance gives the exact distance.
      `select d.id from district d
        where d.archived_at is null and d.latitude is not null and d.longitude is not null
          and earth_box(ll_to_earth(?, ?), ?) @> ll_to_earth(d.latitude, d.longitude)
          and exists (select 1 from service_area sa where sa.district_id = d.id and sa.archived_at is null)
          and earth_distance(ll_to_earth(d.latitude, d.longitude), ll_to_earth(?, ?)) <= ?
        order by earth_distance(ll_to_earth(d.latitude, d.longitude), ll_to_earth(?, ?)), d.id
        limit 1`,
      [
        selector.latitude,
        selector.longitude,
        MAX_CENTRE_DISTANCE_KM * 1000,
        selector.latitude,
        selector.longitude,
        MAX_CENTRE_DISTANCE_KM * 1000,
        selector.latitude,
        selector.longitude,
      ],
    );
    if (!nearest) return [];
    where = { district: nearest.id };
    matchedBy = ResponsibilityMatch.NEAREST_DISTRICT_CENTRE;
  }
  // An archived site or district leaves the answers even while areas still name it (archived areas: the `live` filter).
  const live = { location: { archivedAt: null }, district: { archivedAt: null } };
  const areas = await em.find(ServiceArea, { $and: [where, live] } as never, {
    populate: ['location', 'district'] as never,
    orderBy: { location: { name: 'asc' }, id: 'asc' } as never,
  });
  return areas.map((area) => ({
    area,
    matchedBy,
    location: area.location as Location,
    district: area.district as District,
    postcodes: area.postcodes,
  }));
}
