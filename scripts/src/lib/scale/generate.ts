import { demo } from '@jobcenter-hub/demo';
import { REFERENCE_OWNER, referenceDistrictId } from '../germany/import';
import { type GermanyData, readShippedGermany, type RegisterArea } from '../germany/read';
import { ROOT } from '../root';

/**
 * A Germany-sized graph for benchmarks on the real territorial layer: one Jobcenter per real Kreis or
 * kreisfreie Stadt of the Destatis municipality register (data/germany/), with its units and sites in
 * its real Gemeinden (their names, official keys, centres and OpenStreetMap postcodes), service areas
 * for every inhabited Gemeinde, figures, partners with meetings and liaisons, programmes with intakes and
 * participation figures. The Gemeinden themselves are the reference layer's districts (`ags-<AGS>`,
 * written by the import, which `loadScaleDataset` runs when the database lacks the layer); the dataset
 * adds only what the register does not have: invented city districts of the largest cities.
 * Deterministic: the same factor and seed give the same rows, byte for byte. Every row the dataset
 * writes is `ILLUSTRATIVE` with a citation saying it is synthetic, and every id starts with `syn-`, so
 * the rows can be told from (and removed without touching) the demo data and the reference layer. The
 * Kreise of the demo (Kreis Recklinghausen, Münster) get no synthetic Jobcenter.
 *
 * Rows are plain objects keyed by column name, per subgraph database and table, in an order that
 * satisfies the foreign keys of the migrations.
 */

/** Factor 1: one Jobcenter per Kreis (about 400), 3,000 sites, 10,800 Gemeinden, 100,000 partners, 20,000 programmes. */
export const SCALE_AT_FACTOR_1 = {
  jobcenters: 400,
  cities: 80,
  partners: 100_000,
  liaisons: 25_000,
  programmes: 20_000,
} as const;

export const SYNTHETIC_PREFIX = 'syn-';
export const DEFAULT_SEED = 20261125;
export const CITY_DISTRICTS_PER_CITY = 6;
export const INTAKES_PER_PROGRAMME = 3;
export const INDICATOR_YEARS = [2024, 2025] as const;

export type Row = Record<string, unknown>;

/** Rows per table, tables in insertion order (parents first). */
export type DatabaseRows = { table: string; rows: Row[] }[];

export interface ScaleDataset {
  factor: number;
  seed: number;
  /** Rows by subgraph name (`organisations`, `locations`, `partners`, `programmes`). */
  databases: Record<string, DatabaseRows>;
  /** Ids a benchmark can ask for: typical records of the dataset. */
  samples: ScaleSamples;
}

export interface ScaleSamples {
  jobcenterId: string;
  /** A city with city districts (for the district dashboard). */
  cityDistrictId: string;
  /** A municipality with partners. */
  municipalityId: string;
  /** A postcode of that municipality that lies in no other Gemeinde. */
  postcode: string;
  municipalityKey: string;
  /** A point near a site. */
  point: { latitude: number; longitude: number };
  programmeId: string;
  /** Up to 50 different values of each, for loads that must not repeat one request. */
  varied: {
    jobcenterIds: string[];
    cityIds: string[];
    municipalityIds: string[];
    postcodes: string[];
    points: { latitude: number; longitude: number }[];
    programmeIds: string[];
  };
}

/** mulberry32: small, fast, and good enough for test data; the same seed gives the same sequence. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick };
}

const scaled = (count: number, factor: number, min: number) => Math.max(min, Math.round(count * factor));
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const round5 = (value: number) => Math.round(value * 100_000) / 100_000;

/** Distance in km between two points (haversine). */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(h));
}

const PARTNER_WORDS = [
  'Regenbogen',
  'Löwenzahn',
  'Sonnenschein',
  'Brücke',
  'Miteinander',
  'Nachbarschaft',
  'Kleeblatt',
  'Zukunft',
  'Straßenkinder',
  'Lichtblick',
  'Anker',
  'Weitblick',
];
const CATEGORIES = [
  ['KITA', 'Kita', 40],
  ['VOLUNTEER_INITIATIVE', 'Ehrenamt', 15],
  ['COUNSELLING_CAFE', 'Beratungscafé', 10],
  ['NEIGHBOURHOOD_INITIATIVE', 'Stadtteilinitiative', 15],
  ['STREET_WORK', 'Streetwork', 5],
  ['OTHER_SOCIAL_SERVICE', 'Sozialdienst', 15],
] as const;
const CATEGORY_WEIGHTS = CATEGORIES.reduce((sum, [, , weight]) => sum + weight, 0);
const PROGRAMME_KINDS = ['JOB_ACADEMY', 'REHAPRO', 'INDIVIDUAL_COACHING', 'IMMEDIATE_ACTIVATION'] as const;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'] as const;

const officeHours = (closes: string, thursdayLate: boolean) => ({
  weekly: [
    ...WEEKDAYS.map((day) => ({ day, opens: '08:00', closes })),
    ...(thursdayLate ? [{ day: 'TH', opens: '14:00', closes: '17:30' }] : []),
  ],
  exceptions: [],
  annual: [
    { monthDay: '12-24', closed: true, note: 'Heiligabend' },
    { monthDay: '12-31', closed: true, note: 'Silvester' },
  ],
  closedOnPublicHolidays: true,
});

interface District {
  id: string;
  /** The name to show: the register's without its suffix ("Münster, Stadt" → "Münster"). */
  name: string;
  kind: 'MUNICIPALITY' | 'CITY_DISTRICT';
  /** The AGS of a Gemeinde; null for an invented city district. */
  officialKey: string | null;
  parentId: string | null;
  /** Who owns the district record: the reference layer's owner, or the Jobcenter for a city district. */
  ownerId: string;
  latitude: number;
  longitude: number;
  /** The postcode of an address there: the town hall's (register), else one of the Gemeinde's. */
  postcode: string;
  /** Every postcode of the Gemeinde (OpenStreetMap table), those the demo uses left out. */
  postcodes: string[];
  population: number;
  jobcenter: number;
}

let shipped: GermanyData | undefined;
/** The files of data/germany/, read once per process. */
export const shippedGermany = () => (shipped ??= readShippedGermany(ROOT));

/** The Kreise of the demo's places: no synthetic Jobcenter there, so the demo's answers stay the same. */
export const demoKreise = () =>
  new Set([...demo.RECKLINGHAUSEN_CITIES, demo.MUENSTER].flatMap((place) => (place.ags ? [place.ags.slice(0, 5)] : [])));

/** "Münster, Stadt" → "Münster"; "Haltern am See, Stadt" → "Haltern am See". */
const shortName = (name: string) => name.split(',')[0]!.trim();

/**
 * Generates the dataset for `factor` (1: every Kreis of Germany; 0.005: two Kreise) and `seed` (which
 * Kreise, below factor 1, and every invented value). `density` changes how much each area holds (tests
 * compare SQL statements on small and large answers); `intakeBase` is the first possible intake start
 * (intakes spread over the four years from there). `germany` replaces the shipped register files.
 */
export function generateScaleDataset(options: {
  factor: number;
  seed?: number;
  /** More (> 1) or fewer offices per Jobcenter, partners, liaisons and programmes per area; default 1. */
  density?: number;
  intakeBase?: string;
  /** Postcodes no synthetic service area lists (default: none; the demo's Kreise are left out anyway). */
  avoidPostcodes?: ReadonlySet<string>;
  /** Kreise (5-digit keys) without a synthetic Jobcenter; default: the demo's. */
  avoidKreise?: ReadonlySet<string>;
  germany?: GermanyData;
}): ScaleDataset {
  const { factor } = options;
  const density = options.density ?? 1;
  if (!(factor > 0) || factor > 10) throw new Error(`factor must be greater than 0 and at most 10, got ${factor}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const random = createRandom(seed);
  const intakeBase = Date.parse(`${options.intakeBase ?? '2026-01-05'}T00:00:00Z`);
  const citation = `Synthetic scale data, not real facts: generated by \`npm run seed:scale\` (factor ${factor}, seed ${seed}) for benchmarks, on the real Kreise and Gemeinden of the Destatis municipality register (names, keys, centres, populations) and the OpenStreetMap postcode table`;
  const provenance = { source_kind: 'ILLUSTRATIVE', source_citation: citation };
  const germany = options.germany ?? shippedGermany();
  const avoidKreise = options.avoidKreise ?? demoKreise();
  const avoidPostcodes = options.avoidPostcodes ?? new Set<string>();

  // The real Kreise and kreisfreie Städte with their inhabited Gemeinden (most populous first).
  const census = new Map(germany.census.map((row) => [row.ags, row.population]));
  const postcodesOf = new Map<string, string[]>();
  for (const row of germany.postcodes) {
    if (avoidPostcodes.has(row.postcode)) continue;
    const list = postcodesOf.get(row.ags) ?? [];
    if (!list.includes(row.postcode)) list.push(row.postcode);
    postcodesOf.set(row.ags, list);
  }
  const gemeindenOf = new Map<string, RegisterArea[]>();
  for (const area of germany.register) {
    if (area.level !== 'MUNICIPALITY' || area.latitude === null || area.longitude === null) continue;
    if (!((census.get(area.key) ?? area.population ?? 0) > 0)) continue;
    const list = gemeindenOf.get(area.parentKey!) ?? [];
    list.push(area);
    gemeindenOf.set(area.parentKey!, list);
  }
  const populationOf = (area: RegisterArea) => census.get(area.key) ?? area.population ?? 0;
  for (const list of gemeindenOf.values()) list.sort((a, b) => populationOf(b) - populationOf(a) || (a.key < b.key ? -1 : 1));
  const kreise = germany.register.filter(
    (area) =>
      (area.level === 'DISTRICT_COUNTY' || area.level === 'INDEPENDENT_CITY') && gemeindenOf.has(area.key) && !avoidKreise.has(area.key),
  );
  // Which Kreise, in which order: seeded; the first `cityCount` are kreisfreie Städte with city districts.
  const shuffled = kreise
    .map((kreis) => ({ kreis, order: random.next() }))
    .sort((a, b) => a.order - b.order)
    .map(({ kreis }) => kreis);
  const jobcenterCount = Math.min(kreise.length, scaled(SCALE_AT_FACTOR_1.jobcenters, factor, 2));
  const cities = shuffled.filter((kreis) => kreis.level === 'INDEPENDENT_CITY');
  const cityCount = Math.min(cities.length, jobcenterCount, scaled(SCALE_AT_FACTOR_1.cities, factor, 1));
  const withDistricts = new Set(cities.slice(0, cityCount));
  const areas = [
    ...cities.slice(0, cityCount),
    ...shuffled.filter((kreis) => !withDistricts.has(kreis)).slice(0, jobcenterCount - cityCount),
  ];
  const areaCount = areas.length;

  const jobcenterId = (j: number) => `syn-jc-${pad(j, 4)}`;
  const countyId = (j: number) => `syn-kreis-${pad(j, 4)}`;

  // The Gemeinden of each area (the reference layer's districts), and for the first `cityCount` areas
  // (kreisfreie Städte, one Gemeinde each) six invented city districts.
  const districts: District[] = [];
  const districtsOf: District[][] = areas.map(() => []);
  areas.forEach((kreis, j) => {
    for (const area of gemeindenOf.get(kreis.key)!) {
      const postcodes = postcodesOf.get(area.key) ?? [];
      const municipality: District = {
        id: referenceDistrictId(area.key),
        name: shortName(area.name),
        kind: 'MUNICIPALITY',
        officialKey: area.key,
        parentId: null,
        ownerId: REFERENCE_OWNER,
        latitude: area.latitude!,
        longitude: area.longitude!,
        postcode: area.postcode ?? postcodes[0] ?? '00000',
        postcodes,
        population: populationOf(area),
        jobcenter: j,
      };
      districts.push(municipality);
      districtsOf[j]!.push(municipality);
      if (!withDistricts.has(kreis)) continue;
      const share = Math.floor(municipality.population / CITY_DISTRICTS_PER_CITY);
      for (let c = 0; c < CITY_DISTRICTS_PER_CITY; c += 1) {
        const child: District = {
          id: `syn-d-${area.key}-${c + 1}`,
          name: `${municipality.name}-${['Mitte', 'Nord', 'Ost', 'Süd', 'West', 'Südost'][c]}`,
          kind: 'CITY_DISTRICT',
          officialKey: null,
          parentId: municipality.id,
          ownerId: jobcenterId(j + 1),
          latitude: round5(municipality.latitude + (random.next() - 0.5) * 0.08),
          longitude: round5(municipality.longitude + (random.next() - 0.5) * 0.12),
          postcode: municipality.postcode,
          // The city's postcodes dealt out to its districts (an invented split; postcodes do not follow them).
          postcodes: municipality.postcodes.filter((_, p) => p % CITY_DISTRICTS_PER_CITY === c),
          population: share,
          jobcenter: j,
        };
        districts.push(child);
        districtsOf[j]!.push(child);
      }
    }
  });
  const hasChildren = new Set(districts.filter((d) => d.parentId).map((d) => d.parentId!));
  /** Districts that are served directly (a city with city districts is served through them). */
  const servedOf = districtsOf.map((list) => list.filter((d) => !hasChildren.has(d.id)));

  // Organisations: a Kreis (or city) and its Jobcenter per area; units and their sites.
  const organisations: Row[] = [];
  const units: Row[] = [];
  const locations: Row[] = [];
  const sitesOf: { id: string; unitId: string; latitude: number; longitude: number; kind: string }[][] = [];
  const officeUnitsOf: string[][] = [];
  for (let j = 0; j < areaCount; j += 1) {
    const kreis = areas[j]!;
    const areaName = shortName(kreis.name);
    const isCity = kreis.level === 'INDEPENDENT_CITY';
    // "Rhein-Sieg-Kreis", "Region Hannover" as the register names them; "Kreis Konstanz" otherwise.
    const bodyName = isCity ? `Stadt ${areaName}` : /kreis|region|verband/i.test(areaName) ? areaName : `Kreis ${areaName}`;
    const keys = districtsOf[j]!.filter((d) => d.officialKey).map((d) => d.officialKey!);
    organisations.push(
      {
        id: countyId(j + 1),
        owner_id: countyId(j + 1),
        ...provenance,
        name: bodyName,
        kind: isCity ? 'MUNICIPALITY' : 'DISTRICT_COUNTY',
        jobcenter_model: null,
        municipality_keys: keys,
        managing_director: null,
        parent_id: null,
      },
      {
        id: jobcenterId(j + 1),
        owner_id: jobcenterId(j + 1),
        ...provenance,
        name: `Jobcenter ${bodyName}`,
        kind: 'JOBCENTER',
        jobcenter_model: random.next() < 0.25 ? 'MUNICIPAL' : 'JOINT',
        municipality_keys: keys,
        managing_director: `Geschäftsführung ${pad(j + 1, 4)}`,
        parent_id: countyId(j + 1),
      },
    );
    const served = servedOf[j]!;
    const sites: (typeof sitesOf)[number] = [];
    const offices: string[] = [];
    const addUnit = (suffix: string, name: string, kind: string, district: District, employer: string | null) => {
      const unitId = `syn-u-${pad(j + 1, 4)}-${suffix}`;
      units.push({
        id: unitId,
        owner_id: jobcenterId(j + 1),
        ...provenance,
        organisation_id: jobcenterId(j + 1),
        parent_id: null,
        name,
        kind,
        team_function: null,
        employer_id: employer,
      });
      const latitude = round5(district.latitude + (random.next() - 0.5) * 0.01);
      const longitude = round5(district.longitude + (random.next() - 0.5) * 0.015);
      const siteKind = kind === 'TEAM' ? 'OTHER' : kind;
      const location = {
        id: `syn-loc-${unitId.slice(6)}`,
        owner_id: jobcenterId(j + 1),
        ...provenance,
        name: `${name} (${district.name})`,
        street: `${random.pick(PARTNER_WORDS)}weg`,
        house_number: String(random.int(1, 120)),
        postcode: district.postcode,
        city: district.name,
        latitude,
        longitude,
        district_id: district.id,
        unit_id: unitId,
        unit_owner_id: jobcenterId(j + 1),
        organisation_id: jobcenterId(j + 1),
        organisation_owner_id: jobcenterId(j + 1),
        kind: siteKind,
        opening_hours_data: officeHours(kind === 'JOB_ACADEMY' ? '15:30' : '12:30', kind !== 'JOB_ACADEMY'),
        entrances_data: [{ name: 'Haupteingang', stepFree: random.next() < 0.8, receptionDesk: true }],
        transport_stops_data: Array.from({ length: random.int(1, 3) }, (_, s) => ({
          name: `${district.name} ${['Bahnhof', 'Markt', 'Rathaus'][s]}`,
          mode: s === 0 ? 'TRAIN' : 'BUS',
          lines: s === 0 ? [`RE ${random.int(1, 99)}`] : [`${random.int(1, 999)}`, `SB ${random.int(1, 99)}`],
          walkingMinutes: random.int(1, 15),
        })),
        step_free: random.next() < 0.8,
        lift: random.next() < 0.6,
        accessible_toilet: random.next() < 0.7,
        hearing_loop: random.next() < 0.2,
      };
      locations.push(location);
      sites.push({ id: location.id, unitId, latitude, longitude, kind: siteKind });
      return unitId;
    };
    const hq = served[0]!;
    addUnit('zentrale', `Zentrale Jobcenter ${areaName}`, 'HEADQUARTERS', districtsOf[j]![0]!, null);
    for (let o = 1; o <= Math.max(1, Math.round(5 * density)); o += 1) {
      const district = served[o % served.length]!;
      const officeKind = district.kind === 'CITY_DISTRICT' ? 'BRANCH_OFFICE' : 'DISTRICT_OFFICE';
      const officeId = addUnit(
        `stelle-${o}`,
        `${officeKind === 'BRANCH_OFFICE' ? 'Nebenstelle' : 'Bezirksstelle'} ${district.name}`,
        officeKind,
        district,
        isCity ? null : countyId(j + 1),
      );
      offices.push(officeId);
      for (const [team, fn] of [
        ['vermittlung', 'PLACEMENT'],
        ['leistung', 'BENEFITS'],
        ['eingang', 'RECEPTION'],
      ] as const) {
        units.push({
          id: `${officeId}-${team}`,
          owner_id: jobcenterId(j + 1),
          ...provenance,
          organisation_id: jobcenterId(j + 1),
          parent_id: officeId,
          name: `Team ${team} ${district.name}`,
          kind: 'TEAM',
          team_function: fn,
          employer_id: null,
        });
      }
    }
    addUnit('jobakademie', `Jobakademie ${areaName}`, 'JOB_ACADEMY', hq, null);
    if (j % 2 === 0) addUnit('rehapro', `Rehapro-Haus ${areaName}`, 'REHAPRO_HOUSE', served[served.length - 1]!, null);
    sitesOf.push(sites);
    officeUnitsOf.push(offices);
  }

  // Every directly served district has one service area, published by the Jobcenter: the nearest public
  // office of its Jobcenter, for every postcode of the Gemeinde (a postcode that also lies in another
  // Gemeinde is that one's too, so it has an answer for each).
  const serviceAreas: Row[] = [];
  const indicators: Row[] = [];
  /** The part of a district's id the synthetic ids of its records repeat: its AGS, or `<AGS>-<n>`. */
  const idPart = (district: District) => district.officialKey ?? district.id.slice('syn-d-'.length);
  for (const district of districts) {
    const owner = countyId(district.jobcenter + 1);
    if (!hasChildren.has(district.id)) {
      const offices = sitesOf[district.jobcenter]!.filter((site) => site.kind !== 'JOB_ACADEMY' && site.kind !== 'REHAPRO_HOUSE');
      let nearest = offices[0]!;
      for (const site of offices) if (distanceKm(site, district) < distanceKm(nearest, district)) nearest = site;
      serviceAreas.push({
        id: `syn-sa-${idPart(district)}`,
        owner_id: jobcenterId(district.jobcenter + 1),
        ...provenance,
        location_id: nearest.id,
        district_id: district.id,
        postcodes: district.postcodes,
      });
    }
    // The real population (Zensus 2022, else the register's 2019) with an invented drift per year.
    for (const year of INDICATOR_YEARS) {
      const population = Math.max(0, district.population + (year - 2024) * random.int(-200, 200));
      indicators.push({
        id: `syn-ind-${idPart(district)}-${year}`,
        owner_id: owner,
        ...provenance,
        district_id: district.id,
        year,
        population,
        benefit_recipients: Math.round(population * (0.03 + random.next() * 0.09)),
      });
    }
  }

  // Partners: each serves one district (a fifth also a neighbouring one of the same Jobcenter).
  const partnerCount = scaled(SCALE_AT_FACTOR_1.partners * density, factor, 10);
  const partners: Row[] = [];
  const partnersOf: string[][] = Array.from({ length: areaCount }, () => []);
  const partnerJobcenter: number[] = [];
  for (let p = 0; p < partnerCount; p += 1) {
    const district = random.pick(districts);
    const j = district.jobcenter;
    const others = districtsOf[j]!;
    const second = random.next() < 0.2 ? random.pick(others) : undefined;
    let roll = random.next() * CATEGORY_WEIGHTS;
    const [category, label] = CATEGORIES.find(([, , weight]) => (roll -= weight) < 0) ?? CATEGORIES[0];
    const id = `syn-p-${pad(p + 1, 6)}`;
    const meets = category === 'COUNSELLING_CAFE' || category === 'NEIGHBOURHOOD_INITIATIVE';
    const served = second && second.id !== district.id ? [district, second] : [district];
    // Published by the Jobcenter, which knows its partners (as Jobcenter Münster in the demo).
    partners.push({
      id,
      owner_id: jobcenterId(j + 1),
      ...provenance,
      name: `${label} ${random.pick(PARTNER_WORDS)} ${district.name}`,
      category,
      description: null,
      website: `https://example.org/${id}`,
      email: null,
      phone: null,
      district_ids: served.map((d) => d.id),
      district_owner_ids: served.map((d) => d.ownerId),
      meetings_data: meets
        ? [
            {
              title: category === 'COUNSELLING_CAFE' ? 'Offenes Café' : 'Offenes Treffen',
              kind: category === 'COUNSELLING_CAFE' ? 'CAFE_HOURS' : 'MEETING',
              place: null,
              schedule: {
                weekly: [{ day: random.pick(WEEKDAYS), opens: '15:00', closes: '18:00' }],
                exceptions: [],
                closedOnPublicHolidays: true,
              },
              source: { kind: 'ILLUSTRATIVE', citation },
            },
          ]
        : [],
    });
    partnersOf[j]!.push(id);
    partnerJobcenter.push(j);
  }
  const liaisonCount = Math.min(partnerCount, scaled(SCALE_AT_FACTOR_1.liaisons * density, factor, 5));
  const liaisons: Row[] = [];
  for (let l = 0; l < liaisonCount; l += 1) {
    const p = random.int(0, partnerCount - 1);
    const j = partnerJobcenter[p]!;
    liaisons.push({
      id: `syn-li-${pad(l + 1, 6)}`,
      owner_id: jobcenterId(j + 1),
      ...provenance,
      unit_id: random.pick(officeUnitsOf[j]!),
      unit_owner_id: jobcenterId(j + 1),
      partner_id: partners[p]!.id,
      since: `20${pad(random.int(10, 25), 2)}-0${random.int(1, 9)}-01`,
      meeting_frequency: random.pick(['WEEKLY', 'MONTHLY', 'QUARTERLY', 'AS_NEEDED']),
      activity: 'Regelmäßiger Austausch',
    });
  }

  // Programmes of each Jobcenter, at one to three of its sites, with intakes and yearly figures.
  const programmeCount = scaled(SCALE_AT_FACTOR_1.programmes * density, factor, areaCount);
  const programmes: Row[] = [];
  const intakes: Row[] = [];
  const participation: Row[] = [];
  for (let g = 0; g < programmeCount; g += 1) {
    const j = g % areaCount;
    const sites = sitesOf[j]!;
    const venues = [...new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(sites).id))];
    const jobPartners = partnersOf[j]!;
    const partnerIds =
      jobPartners.length === 0 ? [] : [...new Set(Array.from({ length: random.int(0, 2) }, () => random.pick(jobPartners)))];
    const kind = random.pick(PROGRAMME_KINDS);
    const id = `syn-prog-${pad(g + 1, 5)}`;
    const capacity = random.int(20, 400);
    programmes.push({
      id,
      owner_id: jobcenterId(j + 1),
      ...provenance,
      name: `${kind === 'JOB_ACADEMY' ? 'Jobakademie' : kind === 'REHAPRO' ? 'Rehapro' : kind === 'INDIVIDUAL_COACHING' ? 'Einzelcoaching' : 'Sofortmaßnahme'} ${random.pick(PARTNER_WORDS)} ${pad(g + 1, 5)}`,
      kind,
      description: null,
      target_group: null,
      eligibility: null,
      participants_per_year: random.int(10, capacity),
      days_per_week_max: random.int(1, 5),
      capacity_per_year: capacity,
      operator_id: jobcenterId(j + 1),
      operator_owner_id: jobcenterId(j + 1),
      venue_ids: venues,
      venue_owner_ids: venues.map(() => jobcenterId(j + 1)),
      partner_ids: partnerIds,
      partner_owner_ids: partnerIds.map(() => jobcenterId(j + 1)),
    });
    for (let i = 0; i < INTAKES_PER_PROGRAMME; i += 1) {
      const places = random.int(8, 25);
      intakes.push({
        id: `${id.replace('syn-prog-', 'syn-in-')}-${i + 1}`,
        owner_id: jobcenterId(j + 1),
        ...provenance,
        programme_id: id,
        venue_id: random.pick(venues),
        venue_owner_id: jobcenterId(j + 1),
        starts_on: new Date(intakeBase + random.int(0, 4 * 365) * 86_400_000).toISOString().slice(0, 10),
        places,
        places_taken: random.int(0, places),
      });
    }
    for (const year of INDICATOR_YEARS) {
      participation.push({
        id: `${id.replace('syn-prog-', 'syn-pa-')}-${year}`,
        owner_id: jobcenterId(j + 1),
        ...provenance,
        programme_id: id,
        year,
        venue_id: null,
        participants: random.int(5, capacity),
      });
    }
  }

  const city = districts.find((d) => d.kind === 'MUNICIPALITY' && hasChildren.has(d.id))!;
  // The municipality of the first Jobcenter with the most Kitas that have liaisons (then the most
  // Kitas): a district page with something on every level.
  const liaised = new Set(liaisons.map((liaison) => liaison.partner_id));
  const kitas = new Map<string, number>();
  for (const partner of partners) {
    if (partner.category !== 'KITA') continue;
    for (const id of partner.district_ids as string[]) kitas.set(id, (kitas.get(id) ?? 0) + (liaised.has(partner.id) ? 1_000 : 1));
  }
  // A postcode of a Gemeinde that lies in no other: its answer is that Gemeinde's alone.
  const gemeindenOfPostcode = new Map<string, number>();
  for (const row of germany.postcodes) gemeindenOfPostcode.set(row.postcode, (gemeindenOfPostcode.get(row.postcode) ?? 0) + 1);
  const ownPostcode = (district: District) => district.postcodes.find((postcode) => gemeindenOfPostcode.get(postcode) === 1);
  const firstServed = servedOf.findIndex((list) => list.some((d) => d.kind === 'MUNICIPALITY' && ownPostcode(d)));
  const municipality = districts
    .filter((d) => d.kind === 'MUNICIPALITY' && !hasChildren.has(d.id) && d.jobcenter === firstServed && ownPostcode(d))
    .reduce((best, d) => ((kitas.get(d.id) ?? 0) > (kitas.get(best.id) ?? 0) ? d : best));
  const site = sitesOf[0]![0]!;
  // One directly served municipality per Jobcenter (one with a postcode of its own where there is one), the first ones first.
  const servedDistricts = servedOf.map(
    (list) => list.find((d) => d.kind === 'MUNICIPALITY' && ownPostcode(d)) ?? list.find((d) => d.kind === 'MUNICIPALITY') ?? list[0]!,
  );
  return {
    factor,
    seed,
    databases: {
      organisations: [
        { table: 'organisation', rows: organisations },
        { table: 'organisation_unit', rows: units },
      ],
      locations: [
        {
          // Only the invented city districts: the Gemeinden are the reference layer's.
          table: 'district',
          rows: districts
            .filter((d) => d.kind === 'CITY_DISTRICT')
            .map((d) => ({
              id: d.id,
              owner_id: d.ownerId,
              ...provenance,
              name: d.name,
              kind: d.kind,
              official_key: d.officialKey,
              parent_id: d.parentId,
              latitude: d.latitude,
              longitude: d.longitude,
            })),
        },
        { table: 'location', rows: locations },
        { table: 'service_area', rows: serviceAreas },
        { table: 'district_indicator', rows: indicators },
      ],
      partners: [
        { table: 'partner', rows: partners },
        { table: 'liaison', rows: liaisons },
      ],
      programmes: [
        { table: 'programme', rows: programmes },
        { table: 'intake', rows: intakes },
        { table: 'participation', rows: participation },
      ],
    },
    samples: {
      jobcenterId: jobcenterId(1),
      cityDistrictId: city.id,
      municipalityId: municipality.id,
      postcode: ownPostcode(municipality)!,
      municipalityKey: municipality.officialKey!,
      point: { latitude: round5(site.latitude + 0.01), longitude: round5(site.longitude + 0.01) },
      programmeId: programmes[0]!.id as string,
      varied: {
        jobcenterIds: Array.from({ length: Math.min(50, areaCount) }, (_, j) => jobcenterId(j + 1)),
        cityIds: districts
          .filter((d) => hasChildren.has(d.id))
          .slice(0, 50)
          .map((d) => d.id),
        municipalityIds: servedDistricts.slice(0, 50).map((d) => d.id),
        postcodes: servedDistricts.slice(0, 50).map((d) => ownPostcode(d) ?? d.postcodes[0] ?? d.postcode),
        points: sitesOf
          .slice(0, 50)
          .map((sites) => ({ latitude: round5(sites[0]!.latitude + 0.01), longitude: round5(sites[0]!.longitude + 0.01) })),
        programmeIds: programmes.slice(0, Math.min(50, areaCount)).map((programme) => programme.id as string),
      },
    },
  };
}

/** How many rows each table gets, e.g. for a report. */
export function countRows(dataset: ScaleDataset): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const tables of Object.values(dataset.databases)) for (const { table, rows } of tables) counts[table] = rows.length;
  return counts;
}
