import type { EntityManager } from '@mikro-orm/postgresql';
import { type Provenance, type ScheduleData, Weekday } from '@jobcenter-hub/subgraph';
import { demo } from '@jobcenter-hub/demo';
import { District, DistrictKind } from '../modules/district/district.entity';
import { DistrictIndicator } from '../modules/district-indicator/district-indicator.entity';
import { type EntranceData, Location, LocationKind, TransportMode, type TransportStop } from '../modules/location/location.entity';
import { ServiceArea } from '../modules/service-area/service-area.entity';

const { demoIds: ids, illustrative, publicRecord } = demo;

interface DistrictSeed {
  id: string;
  name: string;
  kind: DistrictKind;
  officialKey?: string;
  parent?: string;
  latitude: number;
  longitude: number;
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
  kind: LocationKind;
  openingHoursData: ScheduleData;
  entrancesData: EntranceData[];
  transportStopsData: TransportStop[];
  stepFree: boolean;
  lift: boolean;
  accessibleToilet: boolean;
  hearingLoop: boolean;
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
      latitude: city.latitude,
      longitude: city.longitude,
      ownerId: ids.city(city.slug),
      source: publicRecord(
        `City in Kreis Recklinghausen (article); official municipality key ${city.ags} from the German municipality register`,
      ),
    })),
    {
      id: ids.district(demo.MUENSTER.slug),
      name: demo.MUENSTER.name,
      kind: DistrictKind.MUNICIPALITY,
      officialKey: demo.MUENSTER.ags,
      latitude: demo.MUENSTER.latitude,
      longitude: demo.MUENSTER.longitude,
      ownerId: ids.stadtMuenster,
      source: publicRecord(`Independent city; official municipality key ${demo.MUENSTER.ags} from the German municipality register`),
    },
    ...demo.MUENSTER_DISTRICTS.map((district) => ({
      id: ids.district(district.slug),
      name: district.name,
      kind: DistrictKind.CITY_DISTRICT,
      parent: ids.district(demo.MUENSTER.slug),
      latitude: district.latitude,
      longitude: district.longitude,
      ownerId: ids.stadtMuenster,
      source: publicRecord(
        "One of Münster's six city districts (Stadtbezirke), as the city names them; the centre coordinates are approximate and boundaries are not modelled in the demo",
      ),
    })),
  ];
}

const ADDRESS_NOTE = 'street, house number and coordinates are invented; the postcode is one of the city';
const DETAILS_NOTE = 'opening hours, entrances, stops, lines and accessibility are invented for the demo';

/** Jobcenter-typical hours, invented for the demo: mornings on weekdays, Thursday afternoon. */
const OFFICE_HOURS: ScheduleData = {
  weekly: [
    ...[Weekday.MO, Weekday.TU, Weekday.WE, Weekday.TH, Weekday.FR].map((day) => ({ day, opens: '08:00', closes: '12:30' })),
    { day: Weekday.TH, opens: '14:00', closes: '17:30' },
  ],
  exceptions: [],
  // Every year, not one year's dates: closed on Christmas Eve and New Year's Eve (invented, as the hours).
  annual: [
    { monthDay: '12-24', closed: true, note: 'Heiligabend' },
    { monthDay: '12-31', closed: true, note: 'Silvester' },
  ],
  closedOnPublicHolidays: true,
};

/** Academies run courses on weekdays (people come up to three days a week, per the article). */
const ACADEMY_HOURS: ScheduleData = {
  weekly: [Weekday.MO, Weekday.TU, Weekday.WE, Weekday.TH, Weekday.FR].map((day) => ({ day, opens: '08:30', closes: '15:30' })),
  exceptions: [],
  closedOnPublicHolidays: true,
};

const kindOf = (unitId: string): LocationKind =>
  unitId === ids.reHeadquarters
    ? LocationKind.HEADQUARTERS
    : unitId === ids.reRehaproHouse
      ? LocationKind.REHAPRO_HOUSE
      : unitId.startsWith('jcre-jobakademie-')
        ? LocationKind.JOB_ACADEMY
        : unitId.startsWith('jcre-bezirksstelle-')
          ? LocationKind.DISTRICT_OFFICE
          : LocationKind.BRANCH_OFFICE;

/**
 * One site per public-facing unit: Recklinghausen's headquarters, ten district offices, Rehapro house
 * and three academies; Münster's seven branch offices. The article says where units are (each city;
 * each city district) and that every Recklinghausen site is central and reachable by bus and train;
 * it gives no addresses, hours or stops: those are illustrative.
 */
export function demoLocations(): LocationSeed[] {
  const cityBySlug = new Map(demo.RECKLINGHAUSEN_CITIES.map((city) => [city.slug, city]));
  const reSite = (unitId: string, name: string, citySlug: string, houseNumber: number, offset: number, where: string): LocationSeed => {
    const city = cityBySlug.get(citySlug)!;
    const kind = kindOf(unitId);
    return {
      id: ids.location(unitId),
      name,
      kind,
      street: 'Beispielstraße',
      houseNumber: String(houseNumber),
      postcode: city.postcode,
      city: city.name,
      latitude: Number((city.latitude + offset * 0.001).toFixed(5)),
      longitude: Number((city.longitude - offset * 0.001).toFixed(5)),
      district: ids.district(city.slug),
      unitId,
      organisationId: ids.jobcenterRecklinghausen,
      openingHoursData: kind === LocationKind.JOB_ACADEMY ? ACADEMY_HOURS : OFFICE_HOURS,
      entrancesData: [{ name: 'Haupteingang', stepFree: true, receptionDesk: true }],
      // The article: every site is central and well reachable by bus and train.
      transportStopsData: [
        { name: `${city.name} Bahnhof`, mode: TransportMode.TRAIN, lines: ['RE 2'], walkingMinutes: 6 + (offset % 4) },
        {
          name: `${city.name} Beispielstraße`,
          mode: TransportMode.BUS,
          lines: ['SB 20', `2${houseNumber % 10}1`],
          walkingMinutes: 1 + (offset % 3),
        },
      ],
      stepFree: true,
      lift: offset % 2 === 0,
      accessibleToilet: true,
      hearingLoop: kind === LocationKind.DISTRICT_OFFICE,
      source: illustrative(`${where}; ${ADDRESS_NOTE}; ${DETAILS_NOTE}`),
    };
  };
  const re = [
    reSite(
      ids.reHeadquarters,
      'Jobcenter Kreis Recklinghausen – Zentrale',
      'recklinghausen',
      1,
      2,
      'the article places the headquarters in Recklinghausen',
    ),
    ...demo.RECKLINGHAUSEN_CITIES.map((city, index) =>
      reSite(
        ids.reDistrictOffice(city.slug),
        `Jobcenter Kreis Recklinghausen – Bezirksstelle ${city.name}`,
        city.slug,
        10 + index,
        0,
        `the article places a district office in ${city.name}`,
      ),
    ),
    reSite(
      ids.reRehaproHouse,
      'Jobcenter Kreis Recklinghausen – Rehapro-Haus',
      demo.RE_REHAPRO_CITY,
      20,
      3,
      'the article names one Rehapro house but not its city',
    ),
    ...demo.RE_ACADEMY_CITIES.map((citySlug, index) =>
      reSite(
        ids.reAcademy(index + 1),
        `Jobcenter Kreis Recklinghausen – Jobakademie ${index + 1}`,
        citySlug,
        30 + index,
        4,
        'the article names three job academies but not their cities',
      ),
    ),
  ];
  const ms = demo.MUENSTER_BRANCHES.map((branch, index): LocationSeed => ({
    id: ids.location(ids.msBranch(branch.slug)),
    name: `Jobcenter Münster – ${branch.name}`,
    kind: LocationKind.BRANCH_OFFICE,
    street: 'Beispielweg',
    houseNumber: String(index + 1),
    postcode: branch.postcode,
    city: demo.MUENSTER.name,
    latitude: branch.latitude,
    longitude: branch.longitude,
    district: ids.district(branch.district),
    unitId: ids.msBranch(branch.slug),
    organisationId: ids.jobcenterMuenster,
    openingHoursData: OFFICE_HOURS,
    // The article: each branch office has its own entrance area.
    entrancesData: [
      {
        name: 'Eingangsbereich',
        description: `Eigener Eingangsbereich der ${branch.name}`,
        stepFree: index % 3 !== 2,
        receptionDesk: true,
      },
    ],
    transportStopsData: [
      {
        name: `${branch.name.replace('Nebenstelle ', '')} Mitte`,
        mode: TransportMode.BUS,
        lines: [String(index + 4), `R${index + 1}`],
        walkingMinutes: 2 + (index % 4),
      },
    ],
    stepFree: index % 3 !== 2,
    lift: index % 2 === 0,
    accessibleToilet: index % 3 !== 2,
    hearingLoop: false,
    source: illustrative(
      `the article says the seven branch offices look after people by city district and each has its own entrance area; which district this office serves is invented; ${ADDRESS_NOTE}; ${DETAILS_NOTE}`,
    ),
  }));
  return [...re, ...ms];
}

/**
 * Every postcode of each Recklinghausen city, as the OpenStreetMap postcode table (data/germany/, ODbL)
 * assigns them; none of them reaches into another Gemeinde (packages/demo/test checks both).
 */
const RE_POSTCODES: Record<string, string[]> = {
  'castrop-rauxel': ['44575', '44577', '44579', '44581'],
  datteln: ['45711'],
  dorsten: ['46282', '46284', '46286'],
  gladbeck: ['45964', '45966', '45968'],
  'haltern-am-see': ['45721'],
  herten: ['45699', '45701'],
  marl: ['45768', '45770', '45772'],
  'oer-erkenschwick': ['45739'],
  recklinghausen: ['45657', '45659', '45661', '45663', '45665'],
  waltrop: ['45731'],
};

/**
 * Münster's 13 postcodes (all of the city's in the OpenStreetMap postcode table) per branch office: an
 * invented split (postcodes do not follow district borders).
 */
const MS_POSTCODES: Record<string, string[]> = {
  mitte: ['48143', '48145', '48147', '48149', '48151', '48153'],
  kinderhaus: ['48159'],
  coerde: ['48157'],
  ost: ['48155', '48157'],
  west: ['48161'],
  suedost: ['48163', '48167'],
  hiltrup: ['48165'],
};

/** Which site serves whom: each Recklinghausen district office its city, each Münster branch its city district. */
export function demoServiceAreas() {
  return [
    ...demo.RECKLINGHAUSEN_CITIES.map((city) => ({
      id: `area-${ids.reDistrictOffice(city.slug)}`,
      location: ids.location(ids.reDistrictOffice(city.slug)),
      district: ids.district(city.slug),
      postcodes: RE_POSTCODES[city.slug]!,
      ownerId: ids.jobcenterRecklinghausen,
      source: illustrative(
        `the article places a district office in each of the ten cities; that it serves its city is the demo's reading; the postcodes are all of ${city.name}'s in the OpenStreetMap postcode table (© OpenStreetMap contributors, ODbL)`,
      ),
    })),
    ...demo.MUENSTER_BRANCHES.map((branch) => ({
      id: `area-${ids.msBranch(branch.slug)}`,
      location: ids.location(ids.msBranch(branch.slug)),
      district: ids.district(branch.district),
      postcodes: MS_POSTCODES[branch.slug]!,
      ownerId: ids.jobcenterMuenster,
      source: illustrative('the article: branch offices serve people by city district; which office serves which postcodes is invented'),
    })),
  ];
}

/**
 * District figures for dashboards. Every benefit-recipient count is invented; the populations are not all:
 * * the ten Recklinghausen cities (year 2019): the municipality register's population of 31 Dec 2019,
 *   cited in the figure's own `populationSource` (PUBLIC_RECORD); the record stays ILLUSTRATIVE for the
 *   invented benefit recipients;
 * * Münster's six city districts (year 2022): the register names no city districts, so these are
 *   invented, but they add up to Münster's Zensus 2022 population (303,772): the total split in the
 *   proportions 120 : 55 : 45 : 65 : 30 : 40 (Mitte, Nord, Ost, West, Südost, Hiltrup), largest
 *   remainder rounding. The benefit recipients follow the one relation the article states: Münster's
 *   northern districts have higher benefit rates than its southern ones.
 */
export function demoIndicators() {
  const recklinghausen = demo.RECKLINGHAUSEN_CITIES.map((city) => {
    const benefitRecipients = RE_BENEFIT_RECIPIENTS[city.slug]!;
    return {
      id: `indicator-${city.slug}-2019`,
      district: ids.district(city.slug),
      year: 2019,
      population: city.population2019!,
      populationSource: publicRecord(`${demo.REGISTER}: population of ${city.name} (AGS ${city.ags}) on 31 Dec 2019`),
      benefitRecipients,
      ownerId: ids.city(city.slug),
      source: illustrative(
        "the benefit recipients are invented for the demo; the population is the municipality register's (see populationSource)",
      ),
    };
  });
  const muenster = Object.entries(MS_FIGURES).map(([slug, [population, benefitRecipients]]) => ({
    id: `indicator-muenster-${slug}-2022`,
    district: ids.district(`muenster-${slug}`),
    year: 2022,
    population,
    populationSource: null,
    benefitRecipients,
    ownerId: ids.stadtMuenster,
    source: illustrative(
      `invented figures: the populations split Münster's Zensus 2022 population (${demo.MUENSTER_POPULATION_ZENSUS_2022.toLocaleString('en')}; ${demo.ZENSUS_2022}) among its city districts in invented proportions; the benefit recipients follow the article's statement that Münster's northern districts have higher benefit rates than the southern ones`,
    ),
  }));
  return [...recklinghausen, ...muenster];
}

/** Invented benefit recipients per Recklinghausen city (about 2 to 12 per 100 inhabitants). */
const RE_BENEFIT_RECIPIENTS: Record<string, number> = {
  'castrop-rauxel': 7_600,
  datteln: 3_100,
  dorsten: 5_300,
  gladbeck: 9_400,
  'haltern-am-see': 1_700,
  herten: 7_400,
  marl: 9_100,
  'oer-erkenschwick': 2_700,
  recklinghausen: 12_900,
  waltrop: 1_900,
};

/** Invented [population, benefit recipients] per Münster city district; the populations add up to 303,772. */
const MS_FIGURES: Record<string, [number, number]> = {
  mitte: [102_684, 6_247],
  nord: [47_063, 5_305],
  ost: [38_506, 3_080],
  west: [55_620, 2_995],
  suedost: [25_671, 941],
  hiltrup: [34_228, 1_284],
};

/** Writes districts, sites, service areas and figures in one transaction when the database has none. */
export async function seedIfEmpty(em: EntityManager): Promise<boolean> {
  if ((await em.count(District, {})) > 0) return false;
  await em.transactional(async (tx) => {
    for (const seed of demoDistricts()) {
      tx.create(District, { ...seed, parent: seed.parent ? tx.getReference(District, seed.parent) : undefined });
    }
    for (const seed of demoLocations()) {
      tx.create(Location, { ...seed, district: tx.getReference(District, seed.district), ownerId: seed.organisationId });
    }
    for (const seed of demoServiceAreas()) {
      tx.create(ServiceArea, {
        ...seed,
        location: tx.getReference(Location, seed.location),
        district: tx.getReference(District, seed.district),
      });
    }
    for (const seed of demoIndicators()) {
      tx.create(DistrictIndicator, { ...seed, district: tx.getReference(District, seed.district) });
    }
  });
  return true;
}
