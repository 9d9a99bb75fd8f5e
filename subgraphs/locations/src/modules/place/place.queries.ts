import { Provenance, SourceKind } from '@jobcenter-hub/subgraph';
import { raw } from '@mikro-orm/core';
import type { LocationsContext } from '../../context';
import { District, DistrictKind } from '../district/district.entity';
import type { Location } from '../location/location.entity';
import type { ResponsibilitySelector } from '../location/location.queries';
import { ResponsibilityMatch } from '../location/location.types';
import { POSTCODE_CITATION } from '../postcode/postcode.entity';
import { keepShownServiceAreas } from '../service-area/service-area.checks';
import { ServiceArea } from '../service-area/service-area.entity';
import type { ResponsiblePlace } from './place.types';

/** A point is assigned to a Gemeinde centre only within this distance (farther: outside Germany, no answer). */
const MAX_CENTRE_DISTANCE_KM = 25;

/** The kinds that are Gemeinden (a place lies in exactly one of them). */
export const GEMEINDE_KINDS = [DistrictKind.MUNICIPALITY, DistrictKind.UNINCORPORATED_AREA];

const KIND_NAMES: Partial<Record<DistrictKind, string>> = {
  [DistrictKind.DISTRICT_COUNTY]: 'Kreis',
  [DistrictKind.INDEPENDENT_CITY]: 'kreisfreie Stadt',
};

/** Where a Kreis's Jobcenter area is not the whole Kreis, said in the answer. */
const KREIS_NOTES: Record<string, string> = {
  '11000': 'Berlin has one Jobcenter for each of its twelve Bezirke; which one depends on the address.',
};

interface Found {
  district: District;
  postcode: string | null;
  placeName: string | null;
  distanceKm: number | null;
}

/** The Gemeinden the place lies in: one statement. */
async function findMunicipalities(ctx: LocationsContext, selector: ResponsibilitySelector): Promise<Found[]> {
  const connection = ctx.em.getConnection();
  const map = (row: Record<string, unknown>) => ctx.em.map(District, row);
  if ('postcode' in selector) {
    const rows = await connection.execute<(Record<string, unknown> & { postcode_place: string })[]>(
      `select d.*, p.place as postcode_place from postcode p join district d on d.id = p.district_id
        where p.postcode = ? and d.archived_at is null order by d.name, d.id`,
      [selector.postcode],
    );
    return rows.map(({ postcode_place: place, ...row }) => ({
      district: map(row),
      postcode: selector.postcode,
      placeName: place,
      distanceKm: null,
    }));
  }
  if ('latitude' in selector) {
    // K nearest by the GiST index on the earth position (`<->`, the straight-line distance, orders like the
    // great-circle one); the exact distance is computed for the one taken.
    const rows = await connection.execute<(Record<string, unknown> & { distance_m: number })[]>(
      `select d.*, earth_distance(ll_to_earth(d.latitude, d.longitude), ll_to_earth(?, ?)) as distance_m
         from district d
        where d.latitude is not null and d.longitude is not null and d.archived_at is null and d.kind in ('MUNICIPALITY', 'UNINCORPORATED_AREA')
        order by ll_to_earth(d.latitude, d.longitude) <-> ll_to_earth(?, ?)
        limit 1`,
      [selector.latitude, selector.longitude, selector.latitude, selector.longitude],
    );
    return rows
      .filter((row) => Number(row.distance_m) <= MAX_CENTRE_DISTANCE_KM * 1000)
      .map(({ distance_m: distance, ...row }) => ({
        district: map(row),
        postcode: null,
        placeName: null,
        distanceKm: Math.round(Number(distance) / 10) / 100,
      }));
  }
  // By key, or by id: a Gemeinde itself, or the Gemeinde a city district belongs to.
  const rows = await connection.execute<Record<string, unknown>[]>(
    'municipalityKey' in selector
      ? `select d.* from district d where d.official_key = ? and d.archived_at is null`
      : `select d.* from district d
          where d.id = (select case when c.kind = 'CITY_DISTRICT' and c.parent_id is not null then c.parent_id else c.id end
                          from district c where c.id = ?)`,
    ['municipalityKey' in selector ? selector.municipalityKey : selector.districtId],
  );
  return rows
    .map(map)
    .filter((district) => GEMEINDE_KINDS.includes(district.kind) && !district.archivedAt)
    .map((district) => ({ district, postcode: null, placeName: null, distanceKm: null }));
}

/**
 * The answer for every Gemeinde the place lies in (`ResponsibilityConnection.places`): its Kreis and
 * Land (by the first 5 and 2 digits of its key), the sites whose service areas cover it, a sentence that
 * says who is responsible, and the sources. At most four statements, whatever the number of Gemeinden.
 */
export async function findPlaces(ctx: LocationsContext, selector: ResponsibilitySelector): Promise<ResponsiblePlace[]> {
  const found = await findMunicipalities(ctx, selector);
  if (found.length === 0) return [];
  const keys = found.map(({ district }) => district.officialKey).filter((key): key is string => !!key);
  const ids = found.map(({ district }) => district.id);
  // Side by side (two pooled connections): their Kreise and Länder by key (unique index), and the service
  // areas of these Gemeinden and of their city districts: a subquery on the primary key and the parent
  // index (an OR across a join to district would read every service area), then only live sites and districts.
  const [upper, areas] = await Promise.all([
    ctx.em.find(District, { officialKey: { $in: [...keys.map((key) => key.slice(0, 5)), ...keys.map((key) => key.slice(0, 2))] } }),
    ctx.em.find(
      ServiceArea,
      {
        [raw(
          (alias: string) => `${alias}.district_id in (select c.id from district c where c.id in (?) or c.parent_id in (?))`,
          [ids, ids],
        )]: [],
        location: { archivedAt: null },
        district: { archivedAt: null },
      } as never,
      { populate: ['location', 'district'] as never, orderBy: { location: { name: 'asc' }, id: 'asc' } as never },
    ),
  ]);
  const byKey = new Map(upper.map((district) => [district.officialKey!, district]));
  // An area shows only while its site and district may be named by its owner (as in responsibleLocations).
  const shown = await keepShownServiceAreas(ctx, areas, (area) => ({
    ownerId: area.ownerId,
    siteOwnerId: (area.location as Location).ownerId,
    district: area.district as District,
  }));

  return found.map(({ district, postcode, placeName, distanceKm }) => {
    const key = district.officialKey ?? '';
    const kreis = byKey.get(key.slice(0, 5)) ?? null;
    const state = byKey.get(key.slice(0, 2)) ?? null;
    const sites: Location[] = [];
    for (const area of shown) {
      const areaDistrict = area.district as District;
      const inPlace = areaDistrict.id === district.id || areaDistrict.parent?.id === district.id;
      const forPostcode = !postcode || area.postcodes.length === 0 || area.postcodes.includes(postcode);
      const site = area.location as Location;
      if (inPlace && forPostcode && !sites.some((known) => known.id === site.id)) sites.push(site);
    }
    const matchedBy =
      'postcode' in selector
        ? ResponsibilityMatch.POSTCODE
        : 'municipalityKey' in selector
          ? ResponsibilityMatch.MUNICIPALITY
          : 'districtId' in selector
            ? ResponsibilityMatch.DISTRICT
            : ResponsibilityMatch.NEAREST_DISTRICT_CENTRE;
    const spans = found.length;
    return {
      municipality: district,
      kreis,
      state,
      matchedBy,
      approximate: distanceKm !== null,
      distanceKm,
      postcode,
      municipalitiesOfPostcode: postcode ? spans : 1,
      postcodeSpansSeveral: !!postcode && spans > 1,
      placeName,
      sites,
      hasSitesInHub: sites.length > 0,
      explanation: explain({ district, kreis, postcode, spans, distanceKm, sites }),
      source: sourceOf(district, kreis, !!postcode),
    };
  });
}

function explain(answer: {
  district: District;
  kreis: District | null;
  postcode: string | null;
  spans: number;
  distanceKm: number | null;
  sites: Location[];
}): string {
  const { district, kreis, postcode, spans, distanceKm, sites } = answer;
  const parts: string[] = [];
  if (distanceKm !== null) {
    parts.push(
      `The Gemeinde whose centre is nearest the point (${distanceKm} km away; boundaries are not modelled, so this is approximate):`,
    );
  }
  if (postcode && spans > 1) parts.push(`Postcode ${postcode} lies in ${spans} Gemeinden; this is one of them:`);
  const gemeinde = `${district.name} (${district.kind === DistrictKind.UNINCORPORATED_AREA ? 'unincorporated area' : 'Gemeinde'} ${district.officialKey})`;
  if (!kreis) {
    parts.push(`${gemeinde}; its Kreis is not in the hub's reference layer.`);
  } else {
    // "Kreis Dithmarschen", but "Rhein-Kreis Neuss", "Region Hannover" as they are.
    const kind =
      kreis.kind === DistrictKind.DISTRICT_COUNTY && /kreis|region|verband/i.test(kreis.name)
        ? ''
        : `${KIND_NAMES[kreis.kind] ?? 'Kreis'} `;
    const kreisName = `${kind}${kreis.name}`;
    parts.push(
      `${gemeinde} lies in ${kreisName} (${kreis.officialKey}): the Jobcenter for ${kreisName} is responsible (Jobcenter areas follow the Kreise and kreisfreie Städte).`,
    );
    const note = KREIS_NOTES[kreis.officialKey ?? ''];
    if (note) parts.push(note);
  }
  parts.push(
    sites.length > 0
      ? `Sites in the hub that serve it: ${sites.map((site) => site.name).join('; ')}.`
      : 'It has no sites for this place in the hub (none published yet).',
  );
  return parts.join(' ');
}

/** The citations behind an answer: the Gemeinde's and its Kreis's records, and the postcode table's when asked by postcode. */
function sourceOf(district: District, kreis: District | null, byPostcode: boolean): Provenance {
  const citations = [district.source.citation, kreis?.source.citation].filter(
    (citation, index, all): citation is string => !!citation && all.indexOf(citation) === index,
  );
  if (byPostcode) citations.push(POSTCODE_CITATION);
  return new Provenance(SourceKind.PUBLIC_RECORD, citations.join(' | '));
}
