/**
 * Facts the demo data of several subgraphs must agree on (ids, names, keys), kept once so the seeds of
 * different subgraphs reference each other correctly. Each subgraph still writes only its own tables.
 */
import { Provenance, SourceKind } from '@jobcenter-hub/subgraph';

export const ARTICLE = '"Ganz nah dran", sgb2.info, 15 November 2021';

export const fromArticle = (detail: string) => new Provenance(SourceKind.ARTICLE, `${ARTICLE}: ${detail}`);
export const illustrative = (detail: string) =>
  new Provenance(SourceKind.ILLUSTRATIVE, `Illustrative demo data, not a real fact: ${detail}`);
export const publicRecord = (detail: string) => new Provenance(SourceKind.PUBLIC_RECORD, detail);

/** The Destatis municipality register the demo's keys and 2019 populations were checked against (data/germany/). */
export const REGISTER =
  'Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV-ISys, Auszug 4. Quartal 2020 (area 31 Dec 2020, population 31 Dec 2019); dl-de/by-2-0, © Statistisches Bundesamt (Destatis), 2021';
/** The Zensus 2022 population table (data/germany/). */
export const ZENSUS_2022 =
  'Statistisches Bundesamt (Destatis), Zensus 2022, table 1000A-0000 (population 15 May 2022); dl-de/by-2-0, © Statistisches Bundesamt (Destatis), Zensus 2022';

export interface DemoPlace {
  /** Slug used in every id derived from the place. */
  slug: string;
  name: string;
  /** Official municipality key (AGS) for municipalities. */
  ags?: string;
  /** Population on 31 Dec 2019 from the municipality register (`REGISTER`), for municipalities. */
  population2019?: number;
  /** A postcode of the place (a real postcode of the city; the assignment to a site is illustrative). */
  postcode: string;
  latitude: number;
  longitude: number;
}

/**
 * The ten cities of Kreis Recklinghausen (article), with their official keys and 2019 populations from the
 * municipality register (public record; packages/demo/test checks them against data/germany/). The
 * coordinates are rounded centres near the register's centroids.
 */
export const RECKLINGHAUSEN_CITIES: readonly DemoPlace[] = [
  {
    slug: 'castrop-rauxel',
    name: 'Castrop-Rauxel',
    ags: '05562004',
    population2019: 73_343,
    postcode: '44575',
    latitude: 51.5553,
    longitude: 7.3122,
  },
  { slug: 'datteln', name: 'Datteln', ags: '05562008', population2019: 34_596, postcode: '45711', latitude: 51.6531, longitude: 7.3414 },
  { slug: 'dorsten', name: 'Dorsten', ags: '05562012', population2019: 74_704, postcode: '46282', latitude: 51.6604, longitude: 6.9649 },
  { slug: 'gladbeck', name: 'Gladbeck', ags: '05562014', population2019: 75_610, postcode: '45964', latitude: 51.5713, longitude: 6.9855 },
  {
    slug: 'haltern-am-see',
    name: 'Haltern am See',
    ags: '05562016',
    population2019: 37_850,
    postcode: '45721',
    latitude: 51.7433,
    longitude: 7.1836,
  },
  { slug: 'herten', name: 'Herten', ags: '05562020', population2019: 61_821, postcode: '45699', latitude: 51.5958, longitude: 7.1389 },
  { slug: 'marl', name: 'Marl', ags: '05562024', population2019: 84_067, postcode: '45768', latitude: 51.6563, longitude: 7.0903 },
  {
    slug: 'oer-erkenschwick',
    name: 'Oer-Erkenschwick',
    ags: '05562028',
    population2019: 31_421,
    postcode: '45739',
    latitude: 51.6424,
    longitude: 7.2506,
  },
  {
    slug: 'recklinghausen',
    name: 'Recklinghausen',
    ags: '05562032',
    population2019: 111_397,
    postcode: '45657',
    latitude: 51.6142,
    longitude: 7.1978,
  },
  { slug: 'waltrop', name: 'Waltrop', ags: '05562036', population2019: 29_328, postcode: '45731', latitude: 51.6236, longitude: 7.4003 },
];

export const MUENSTER: DemoPlace = {
  slug: 'muenster',
  name: 'Münster',
  ags: '05515000',
  population2019: 315_293,
  postcode: '48143',
  latitude: 51.9625,
  longitude: 7.6256,
};

/** Münster's population in the Zensus 2022 (`ZENSUS_2022`), which the demo's city-district figures add up to. */
export const MUENSTER_POPULATION_ZENSUS_2022 = 303_772;

/** Münster's six city districts (Stadtbezirke); the article: the northern ones have higher benefit rates. */
export const MUENSTER_DISTRICTS: readonly (DemoPlace & { northern: boolean })[] = [
  { slug: 'muenster-mitte', name: 'Münster-Mitte', postcode: '48143', latitude: 51.9607, longitude: 7.6261, northern: false },
  { slug: 'muenster-nord', name: 'Münster-Nord', postcode: '48159', latitude: 52.0009, longitude: 7.604, northern: true },
  { slug: 'muenster-ost', name: 'Münster-Ost', postcode: '48157', latitude: 51.9866, longitude: 7.6998, northern: true },
  { slug: 'muenster-west', name: 'Münster-West', postcode: '48161', latitude: 51.9593, longitude: 7.562, northern: false },
  { slug: 'muenster-suedost', name: 'Münster-Südost', postcode: '48167', latitude: 51.9229, longitude: 7.69, northern: false },
  { slug: 'muenster-hiltrup', name: 'Münster-Hiltrup', postcode: '48165', latitude: 51.9042, longitude: 7.6371, northern: false },
];

/**
 * Münster's seven branch offices (article: since 2017, seven branch offices look after the people "je nach
 * Stadtbezirk", by city district). The article names neither the offices nor their districts; with six
 * city districts, the demo gives the large northern district two offices. Names, district assignment and
 * coordinates are illustrative.
 */
export const MUENSTER_BRANCHES: readonly {
  slug: string;
  name: string;
  district: string;
  postcode: string;
  latitude: number;
  longitude: number;
}[] = [
  { slug: 'mitte', name: 'Nebenstelle Mitte', district: 'muenster-mitte', postcode: '48143', latitude: 51.958, longitude: 7.631 },
  { slug: 'kinderhaus', name: 'Nebenstelle Kinderhaus', district: 'muenster-nord', postcode: '48159', latitude: 52.005, longitude: 7.599 },
  { slug: 'coerde', name: 'Nebenstelle Coerde', district: 'muenster-nord', postcode: '48157', latitude: 51.996, longitude: 7.647 },
  { slug: 'ost', name: 'Nebenstelle Ost', district: 'muenster-ost', postcode: '48157', latitude: 51.989, longitude: 7.698 },
  { slug: 'west', name: 'Nebenstelle West', district: 'muenster-west', postcode: '48161', latitude: 51.96, longitude: 7.566 },
  { slug: 'suedost', name: 'Nebenstelle Südost', district: 'muenster-suedost', postcode: '48167', latitude: 51.924, longitude: 7.688 },
  { slug: 'hiltrup', name: 'Nebenstelle Hiltrup', district: 'muenster-hiltrup', postcode: '48165', latitude: 51.905, longitude: 7.638 },
];

/** Ids shared across subgraphs. */
export const demoIds = {
  kreisRecklinghausen: 'kreis-recklinghausen',
  jobcenterRecklinghausen: 'jobcenter-kreis-recklinghausen',
  stadtMuenster: 'stadt-muenster',
  jobcenterMuenster: 'jobcenter-muenster',
  city: (slug: string) => `stadt-${slug}`,
  reHeadquarters: 'jcre-zentrale',
  reDistrictOffice: (citySlug: string) => `jcre-bezirksstelle-${citySlug}`,
  reRehaproHouse: 'jcre-rehapro-haus',
  reAcademy: (n: number) => `jcre-jobakademie-${n}`,
  msBranch: (slug: string) => `jcms-nebenstelle-${slug}`,
  msTeam: (slug: string, team: 'vermittlung' | 'leistung' | 'eingang') => `jcms-nebenstelle-${slug}-${team}`,
  location: (unitId: string) => `loc-${unitId}`,
  district: (slug: string) => slug,
};

/** The cities that host the three job academies and the Rehapro house: not in the article, illustrative. */
export const RE_ACADEMY_CITIES = ['recklinghausen', 'marl', 'castrop-rauxel'] as const;
export const RE_REHAPRO_CITY = 'herten';
