import type { EntityManager } from '@mikro-orm/postgresql';
import { demo, type Provenance } from '@jobcenter-hub/kit';
import { District, DistrictKind } from '../modules/district/district.entity';
import { Location } from '../modules/location/location.entity';

const { demoIds: ids, illustrative, publicRecord } = demo;

interface DistrictSeed {
  id: string;
  name: string;
  kind: DistrictKind;
  officialKey?: string;
  parent?: string;
  /** The municipality that publishes the district record. */
  ownerId: string;
  source: Provenance;
}

interface LocationSeed {
  id: string;
  name: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  latitude: number;
  longitude: number;
  district: string;
  unitId: string;
  organisationId: string;
  source: Provenance;
}

/** The ten cities of Kreis Recklinghausen, Münster and its six city districts. */
export function demoDistricts(): DistrictSeed[] {
  return [
    ...demo.RECKLINGHAUSEN_CITIES.map((city) => ({
      id: ids.district(city.slug),
      name: city.name,
      kind: DistrictKind.MUNICIPALITY,
      officialKey: city.ags,
      ownerId: ids.city(city.slug),
      source: publicRecord(`City in Kreis Recklinghausen (article); official municipality key ${city.ags} from the German municipality register`),
    })),
    {
      id: ids.district(demo.MUENSTER.slug),
      name: demo.MUENSTER.name,
      kind: DistrictKind.MUNICIPALITY,
      officialKey: demo.MUENSTER.ags,
      ownerId: ids.stadtMuenster,
      source: publicRecord(`Independent city; official municipality key ${demo.MUENSTER.ags} from the German municipality register`),
    },
    ...demo.MUENSTER_DISTRICTS.map((district) => ({
      id: ids.district(district.slug),
      name: district.name,
      kind: DistrictKind.CITY_DISTRICT,
      parent: ids.district(demo.MUENSTER.slug),
      ownerId: ids.stadtMuenster,
      source: publicRecord("One of Münster's six city districts (Stadtbezirke); boundaries are not modelled in the demo"),
    })),
  ];
}

const ADDRESS_NOTE = 'street, house number and coordinates are invented; the postcode is one of the city';

/**
 * One site per public-facing unit: Recklinghausen's headquarters, ten district offices, Rehapro house
 * and three academies; Münster's seven branch offices. The article says where units are (each city;
 * each city district), never their addresses: every address here is illustrative.
 */
export function demoLocations(): LocationSeed[] {
  const cityBySlug = new Map(demo.RECKLINGHAUSEN_CITIES.map((city) => [city.slug, city]));
  const reSite = (unitId: string, name: string, citySlug: string, houseNumber: number, offset: number): LocationSeed => {
    const city = cityBySlug.get(citySlug)!;
    return {
      id: ids.location(unitId),
      name,
      street: 'Beispielstraße',
      houseNumber: String(houseNumber),
      postcode: city.postcode,
      city: city.name,
      latitude: Number((city.latitude + offset * 0.001).toFixed(5)),
      longitude: Number((city.longitude - offset * 0.001).toFixed(5)),
      district: ids.district(city.slug),
      unitId,
      organisationId: ids.jobcenterRecklinghausen,
      source: illustrative(`the article places this unit in ${city.name}; ${ADDRESS_NOTE}`),
    };
  };
  const re = [
    reSite(ids.reHeadquarters, 'Jobcenter Kreis Recklinghausen – Zentrale', 'recklinghausen', 1, 2),
    ...demo.RECKLINGHAUSEN_CITIES.map((city) =>
      reSite(ids.reDistrictOffice(city.slug), `Jobcenter Kreis Recklinghausen – Bezirksstelle ${city.name}`, city.slug, 10, 0),
    ),
    {
      ...reSite(ids.reRehaproHouse, 'Jobcenter Kreis Recklinghausen – Rehapro-Haus', demo.RE_REHAPRO_CITY, 20, 3),
      source: illustrative(`the article names one Rehapro house but not its city; ${ADDRESS_NOTE}`),
    },
    ...demo.RE_ACADEMY_CITIES.map((citySlug, index) => ({
      ...reSite(ids.reAcademy(index + 1), `Jobcenter Kreis Recklinghausen – Jobakademie ${index + 1}`, citySlug, 30, 4),
      source: illustrative(`the article names three job academies but not their cities; ${ADDRESS_NOTE}`),
    })),
  ];
  const ms = demo.MUENSTER_BRANCHES.map((branch, index) => ({
    id: ids.location(ids.msBranch(branch.slug)),
    name: `Jobcenter Münster – ${branch.name}`,
    street: 'Beispielweg',
    houseNumber: String(index + 1),
    postcode: branch.postcode,
    city: demo.MUENSTER.name,
    latitude: branch.latitude,
    longitude: branch.longitude,
    district: ids.district(branch.district),
    unitId: ids.msBranch(branch.slug),
    organisationId: ids.jobcenterMuenster,
    source: illustrative(`the article says each of the seven branch offices serves a city district and has its own entrance; ${ADDRESS_NOTE}`),
  }));
  return [...re, ...ms];
}

/** Writes districts and sites in one transaction when the database has none. */
export async function seedIfEmpty(em: EntityManager): Promise<boolean> {
  if ((await em.count(District, {})) > 0) return false;
  await em.transactional(async (tx) => {
    for (const seed of demoDistricts()) {
      tx.create(District, {
        ...seed,
        parent: seed.parent ? tx.getReference(District, seed.parent) : undefined,
      });
    }
    for (const seed of demoLocations()) {
      tx.create(Location, { ...seed, district: tx.getReference(District, seed.district), ownerId: seed.organisationId });
    }
  });
  return true;
}
