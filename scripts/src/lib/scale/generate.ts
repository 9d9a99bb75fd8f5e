/**
 * A synthetic, Germany-sized graph for benchmarks: Jobcenters with their units, sites with opening hours
 * and stops, municipalities and city districts with service areas and figures, partners with meetings
 * and liaisons, programmes with intakes and participation figures. Deterministic: the same factor and
 * seed give the same rows, byte for byte. Every row is `ILLUSTRATIVE` with a citation saying it is
 * synthetic, and every id starts with `syn-`, so the rows can be told from (and removed without
 * touching) the demo data.
 *
 * Rows are plain objects keyed by column name, per subgraph database and table, in an order that
 * satisfies the foreign keys of the migrations.
 */

/** Factor 1: about 400 Jobcenters, 3,000 sites, 11,000 districts, 100,000 partners, 20,000 programmes. */
export const SCALE_AT_FACTOR_1 = {
  jobcenters: 400,
  municipalities: 10_500,
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

const SYLLABLES_START = [
  'Ahl',
  'Bor',
  'Dül',
  'Eller',
  'Fürst',
  'Gre',
  'Hal',
  'Iser',
  'Kal',
  'Lün',
  'Mes',
  'Nott',
  'Öl',
  'Pader',
  'Ried',
  'Schöp',
  'Tel',
  'Ünn',
  'War',
  'Wöl',
];
const SYLLABLES_END = [
  'bach',
  'berg',
  'born',
  'brück',
  'dorf',
  'feld',
  'hausen',
  'heim',
  'ingen',
  'kirchen',
  'lohe',
  'münde',
  'rode',
  'stedt',
  'straße',
  'tal',
  'weiler',
];
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
  exceptions: [
    { date: '2026-12-24', closed: true, note: 'Heiligabend' },
    { date: '2026-12-31', closed: true, note: 'Silvester' },
  ],
  closedOnPublicHolidays: true,
});

interface District {
  id: string;
  name: string;
  kind: 'MUNICIPALITY' | 'CITY_DISTRICT';
  officialKey: string | null;
  parentId: string | null;
  latitude: number;
  longitude: number;
  postcode: string;
  jobcenter: number;
}

/**
 * Generates the dataset for `factor` (1: Germany-sized; 0.01 is a few hundred partners) and `seed`.
 * `density` changes how much each area holds (tests compare SQL statements on small and large answers);
 * `intakeBase` is the first possible intake start (intakes spread over the four years from there).
 */
export function generateScaleDataset(options: {
  factor: number;
  seed?: number;
  /** More (> 1) or fewer offices per Jobcenter, partners, liaisons and programmes per area; default 1. */
  density?: number;
  intakeBase?: string;
  avoidPostcodes?: ReadonlySet<string>;
}): ScaleDataset {
  const { factor } = options;
  const density = options.density ?? 1;
  if (!(factor > 0) || factor > 10) throw new Error(`factor must be greater than 0 and at most 10, got ${factor}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const random = createRandom(seed);
  const intakeBase = Date.parse(`${options.intakeBase ?? '2026-01-05'}T00:00:00Z`);
  const citation = `Synthetic scale data, not real facts: generated by \`npm run seed:scale\` (factor ${factor}, seed ${seed}) for benchmarks`;
  const provenance = { source_kind: 'ILLUSTRATIVE', source_citation: citation };

  const jobcenterCount = scaled(SCALE_AT_FACTOR_1.jobcenters, factor, 2);
  const municipalityCount = Math.max(jobcenterCount * 2, scaled(SCALE_AT_FACTOR_1.municipalities, factor, 4));
  const cityCount = Math.min(jobcenterCount, scaled(SCALE_AT_FACTOR_1.cities, factor, 1));

  const jobcenterId = (j: number) => `syn-jc-${pad(j, 4)}`;
  const countyId = (j: number) => `syn-kreis-${pad(j, 4)}`;

  // Jobcenter areas: centres spread over Germany's bounding box.
  const centres = Array.from({ length: jobcenterCount }, () => ({
    latitude: 47.6 + random.next() * 7.0,
    longitude: 6.2 + random.next() * 8.6,
  }));

  // Municipalities, dealt out to the Jobcenters in turn, within about 30 km of the area's centre; the
  // first municipality of the first `cityCount` Jobcenters is a city with city districts.
  const usedPostcodes = new Set(options.avoidPostcodes ?? []);
  let postcodeCursor = 10_000;
  const nextPostcode = () => {
    do postcodeCursor = 10_000 + ((postcodeCursor - 10_000 + 7_919) % 89_999);
    while (usedPostcodes.has(String(postcodeCursor)));
    usedPostcodes.add(String(postcodeCursor));
    return String(postcodeCursor);
  };
  const placeName = () => `${random.pick(SYLLABLES_START)}${random.pick(SYLLABLES_END)}`;
  const districts: District[] = [];
  const districtsOf: District[][] = Array.from({ length: jobcenterCount }, () => []);
  for (let m = 0; m < municipalityCount; m += 1) {
    const j = m % jobcenterCount;
    const first = m < jobcenterCount;
    const centre = centres[j]!;
    const municipality: District = {
      id: `syn-d-${pad(m + 1, 5)}`,
      name: first && j < cityCount ? `Stadt ${placeName()}` : placeName(),
      kind: 'MUNICIPALITY',
      officialKey: `99${pad(m + 1, 6)}`,
      parentId: null,
      latitude: round5(first ? centre.latitude : centre.latitude + (random.next() - 0.5) * 0.5),
      longitude: round5(first ? centre.longitude : centre.longitude + (random.next() - 0.5) * 0.8),
      postcode: nextPostcode(),
      jobcenter: j,
    };
    districts.push(municipality);
    districtsOf[j]!.push(municipality);
    if (first && j < cityCount) {
      for (let c = 0; c < CITY_DISTRICTS_PER_CITY; c += 1) {
        const child: District = {
          id: `${municipality.id}-${c + 1}`,
          name: `${municipality.name.replace('Stadt ', '')}-${['Mitte', 'Nord', 'Ost', 'Süd', 'West', 'Südost'][c]}`,
          kind: 'CITY_DISTRICT',
          officialKey: null,
          parentId: municipality.id,
          latitude: round5(municipality.latitude + (random.next() - 0.5) * 0.08),
          longitude: round5(municipality.longitude + (random.next() - 0.5) * 0.12),
          postcode: nextPostcode(),
          jobcenter: j,
        };
        districts.push(child);
        districtsOf[j]!.push(child);
      }
    }
  }
  const hasChildren = new Set(districts.filter((d) => d.parentId).map((d) => d.parentId!));
  /** Districts that are served directly (a city with city districts is served through them). */
  const servedOf = districtsOf.map((list) => list.filter((d) => !hasChildren.has(d.id)));

  // Organisations: a Kreis (or city) and its Jobcenter per area; units and their sites.
  const organisations: Row[] = [];
  const units: Row[] = [];
  const locations: Row[] = [];
  const sitesOf: { id: string; unitId: string; latitude: number; longitude: number; kind: string }[][] = [];
  const officeUnitsOf: string[][] = [];
  for (let j = 0; j < jobcenterCount; j += 1) {
    const areaName = districtsOf[j]![0]!.name.replace('Stadt ', '');
    const isCity = j < cityCount;
    const keys = districtsOf[j]!.filter((d) => d.officialKey).map((d) => d.officialKey!);
    organisations.push(
      {
        id: countyId(j + 1),
        owner_id: countyId(j + 1),
        ...provenance,
        name: isCity ? `Stadt ${areaName}` : `Kreis ${areaName}`,
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
        name: `Jobcenter ${isCity ? 'Stadt ' : 'Kreis '}${areaName}`,
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
        organisation_id: jobcenterId(j + 1),
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

  // Every directly served district has one service area: the nearest public office of its Jobcenter.
  const serviceAreas: Row[] = [];
  const indicators: Row[] = [];
  for (const district of districts) {
    const owner = countyId(district.jobcenter + 1);
    if (!hasChildren.has(district.id)) {
      const offices = sitesOf[district.jobcenter]!.filter((site) => site.kind !== 'JOB_ACADEMY' && site.kind !== 'REHAPRO_HOUSE');
      let nearest = offices[0]!;
      for (const site of offices) if (distanceKm(site, district) < distanceKm(nearest, district)) nearest = site;
      serviceAreas.push({
        id: `syn-sa-${district.id.slice(6)}`,
        owner_id: owner,
        ...provenance,
        location_id: nearest.id,
        district_id: district.id,
        postcodes: [district.postcode],
      });
    }
    const population = random.int(800, district.kind === 'CITY_DISTRICT' ? 60_000 : 40_000);
    for (const year of INDICATOR_YEARS) {
      indicators.push({
        id: `syn-ind-${district.id.slice(6)}-${year}`,
        owner_id: owner,
        ...provenance,
        district_id: district.id,
        year,
        population: population + (year - 2024) * random.int(-200, 200),
        benefit_recipients: Math.round(population * (0.03 + random.next() * 0.09)),
      });
    }
  }

  // Partners: each serves one district (a fifth also a neighbouring one of the same Jobcenter).
  const partnerCount = scaled(SCALE_AT_FACTOR_1.partners * density, factor, 10);
  const partners: Row[] = [];
  const partnersOf: string[][] = Array.from({ length: jobcenterCount }, () => []);
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
    partners.push({
      id,
      owner_id: countyId(j + 1),
      ...provenance,
      name: `${label} ${random.pick(PARTNER_WORDS)} ${district.name}`,
      category,
      description: null,
      website: `https://example.org/${id}`,
      email: null,
      phone: null,
      district_ids: second && second.id !== district.id ? [district.id, second.id] : [district.id],
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
      partner_id: partners[p]!.id,
      since: `20${pad(random.int(10, 25), 2)}-0${random.int(1, 9)}-01`,
      meeting_frequency: random.pick(['WEEKLY', 'MONTHLY', 'QUARTERLY', 'AS_NEEDED']),
      activity: 'Regelmäßiger Austausch',
    });
  }

  // Programmes of each Jobcenter, at one to three of its sites, with intakes and yearly figures.
  const programmeCount = scaled(SCALE_AT_FACTOR_1.programmes * density, factor, jobcenterCount);
  const programmes: Row[] = [];
  const intakes: Row[] = [];
  const participation: Row[] = [];
  for (let g = 0; g < programmeCount; g += 1) {
    const j = g % jobcenterCount;
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
      venue_ids: venues,
      partner_ids: partnerIds,
    });
    for (let i = 0; i < INTAKES_PER_PROGRAMME; i += 1) {
      const places = random.int(8, 25);
      intakes.push({
        id: `${id.replace('syn-prog-', 'syn-in-')}-${i + 1}`,
        owner_id: jobcenterId(j + 1),
        ...provenance,
        programme_id: id,
        venue_id: random.pick(venues),
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
  const municipality = districts
    .filter((d) => d.kind === 'MUNICIPALITY' && !hasChildren.has(d.id) && d.jobcenter === 0)
    .reduce((best, d) => ((kitas.get(d.id) ?? 0) > (kitas.get(best.id) ?? 0) ? d : best));
  const site = sitesOf[0]![0]!;
  // One directly served municipality per Jobcenter, the first ones first.
  const servedDistricts = servedOf.map((list) => list.find((d) => d.kind === 'MUNICIPALITY') ?? list[0]!);
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
          table: 'district',
          rows: districts.map((d) => ({
            id: d.id,
            owner_id: countyId(d.jobcenter + 1),
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
      postcode: municipality.postcode,
      municipalityKey: municipality.officialKey!,
      point: { latitude: round5(site.latitude + 0.01), longitude: round5(site.longitude + 0.01) },
      programmeId: programmes[0]!.id as string,
      varied: {
        jobcenterIds: Array.from({ length: Math.min(50, jobcenterCount) }, (_, j) => jobcenterId(j + 1)),
        cityIds: districts
          .filter((d) => hasChildren.has(d.id))
          .slice(0, 50)
          .map((d) => d.id),
        municipalityIds: servedDistricts.slice(0, 50).map((d) => d.id),
        postcodes: servedDistricts.slice(0, 50).map((d) => d.postcode),
        points: sitesOf
          .slice(0, 50)
          .map((sites) => ({ latitude: round5(sites[0]!.latitude + 0.01), longitude: round5(sites[0]!.longitude + 0.01) })),
        programmeIds: programmes.slice(0, Math.min(50, jobcenterCount)).map((programme) => programme.id as string),
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
