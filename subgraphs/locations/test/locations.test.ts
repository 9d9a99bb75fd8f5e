import { execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { createLocationsOrmConfig } from '../src/mikro-orm.config';
import { District } from '../src/modules/district/district.entity';
import { Location } from '../src/modules/location/location.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

/** What `openNow` takes as now: Thursday 26 November 2026, 13:00 in Berlin, when some sites close for lunch and others do not. */
const NOW = new Date('2026-11-26T12:00:00Z');

const subgraph = useTestSubgraph({
  database: 'locations',
  createConfig: createLocationsOrmConfig,
  seed: seedIfEmpty,
  createServer: (orm, options) => createServer(orm, { ...options, now: () => NOW }),
});

// District.locations is non-null, the extended types' locations are nullable (a failing subgraph nulls
// only its part), so one selection set needs an alias to ask for both.
const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Location { id name district { id } serviceAreas { id } }
  ... on District { id name sites: locations { nodes { id } } latestIndicator { year } }
  ... on Organisation { id locations { nodes { id } } }
  ... on OrganisationUnit { id locations { nodes { id city } } } } }`;

describe('locations subgraph', () => {
  it('has a site in each of the ten cities of Kreis Recklinghausen, marked as illustrative', async () => {
    const { data, errors } = await execute<{
      locations: { nodes: { city: string; district: { officialKey: string }; source: { kind: string } }[] };
    }>(
      subgraph.parts,
      `query { locations(organisationId: "jobcenter-kreis-recklinghausen", first: 100) { nodes { city district { officialKey } source { kind } } } }`,
    );
    expect(errors).toBeUndefined();
    const sites = data!.locations.nodes;
    expect(sites).toHaveLength(15);
    expect(new Set(sites.map((site) => site.city)).size).toBe(10);
    expect(sites.every((site) => site.district.officialKey.startsWith('05562'))).toBe(true);
    expect(sites.every((site) => site.source.kind === 'ILLUSTRATIVE')).toBe(true);
  });

  it("puts Münster's seven branch offices in its six city districts", async () => {
    const { data } = await execute<{
      district: { kind: string; children: { nodes: { kind: string; locations: { nodes: { id: string }[] } }[] } };
    }>(subgraph.parts, `query { district(id: "muenster") { kind children { nodes { kind locations { nodes { id } } } } } }`);
    const children = data!.district.children.nodes;
    expect(children).toHaveLength(6);
    expect(children.every((child) => child.kind === 'CITY_DISTRICT')).toBe(true);
    expect(children.flatMap((child) => child.locations.nodes)).toHaveLength(7);
  });

  it('returns null for unknown ids', async () => {
    const { data, errors } = await execute(subgraph.parts, `query { location(id: "nowhere") { id } district(id: "nowhere") { id } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ location: null, district: null });
  });

  it('resolves _entities for every @key (owned and extended), null for unknown ids', async () => {
    const { data, errors } = await execute<{ _entities: unknown[] }>(subgraph.parts, ENTITIES, {
      representations: [
        { __typename: 'Location', id: 'loc-jcre-zentrale' },
        { __typename: 'Location', id: 'unknown' },
        { __typename: 'District', id: 'muenster-nord' },
        { __typename: 'Organisation', id: 'jobcenter-muenster' },
        { __typename: 'OrganisationUnit', id: 'jcre-bezirksstelle-marl' },
      ],
    });
    expect(errors).toBeUndefined();
    const [location, unknown, district, organisation, unit] = data!._entities as [
      { district: { id: string } },
      null,
      { sites: { nodes: { id: string }[] }; latestIndicator: { year: number } },
      { locations: { nodes: unknown[] } },
      { locations: { nodes: { city: string }[] } },
    ];
    expect(location.district.id).toBe('recklinghausen');
    expect(unknown).toBeNull();
    expect(district.sites.nodes.map((site) => site.id).sort()).toEqual(['loc-jcms-nebenstelle-coerde', 'loc-jcms-nebenstelle-kinderhaus']);
    expect(district.latestIndicator.year).toBe(2022);
    expect(organisation.locations.nodes).toHaveLength(7);
    expect(unit.locations.nodes).toEqual([{ id: 'loc-jcre-bezirksstelle-marl', city: 'Marl' }]);
  });

  it('sends the same number of SQL statements for 1 and for 50 references of each type (no N+1)', async () => {
    const em = subgraph.orm.em.fork();
    for (let i = 0; i < 50; i += 1) {
      const district = em.create(District, {
        id: `bulk-district-${i}`,
        name: `Bulk district ${i}`,
        kind: 'CITY_DISTRICT' as District['kind'],
        ownerId: 'stadt-muenster',
        source: { kind: 'ILLUSTRATIVE', citation: 'test' } as District['source'],
      });
      em.create(Location, {
        id: `bulk-location-${i}`,
        kind: 'OTHER' as Location['kind'],
        name: `Bulk site ${i}`,
        street: 'Teststraße',
        houseNumber: String(i),
        postcode: '48143',
        city: 'Münster',
        latitude: 51.96,
        longitude: 7.62,
        district,
        unitId: `bulk-unit-${i}`,
        organisationId: `bulk-organisation-${i}`,
        ownerId: 'jobcenter-muenster',
        source: { kind: 'ILLUSTRATIVE', citation: 'test' } as Location['source'],
      });
    }
    await em.flush();
    for (const [typename, prefix] of [
      ['Location', 'bulk-location'],
      ['District', 'bulk-district'],
      ['Organisation', 'bulk-organisation'],
      ['OrganisationUnit', 'bulk-unit'],
    ] as const) {
      const run = (n: number) =>
        execute<{ _entities: unknown[] }>(subgraph.parts, ENTITIES, {
          representations: Array.from({ length: n }, (_, i) => ({ __typename: typename, id: `${prefix}-${i}` })),
        });
      const one = await run(1);
      const fifty = await run(50);
      expect(fifty.errors).toBeUndefined();
      expect(fifty.data!._entities.filter(Boolean)).toHaveLength(50);
      expect({ typename, statements: fifty.statements }).toEqual({ typename, statements: one.statements });
    }
  });
});

type Codes = { errors?: readonly { message: string; extensions?: Record<string, unknown> }[]; statements: number };
/** A refused argument: BAD_USER_INPUT naming it, before any SQL ran. */
function expectRefused(result: Codes, argument: string) {
  expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(result.errors?.[0]?.message).toContain(argument);
  expect(result.statements).toBe(0);
}

describe('where and when: opening hours, access, transport', () => {
  const SITE = `query ($id: ID!, $at: DateTimeISO!) { location(id: $id) {
    kind openingHours { timeZone openingHours openAt(time: $at) weekly { day opens closes } exceptions { date closed } closedOnPublicHolidays }
    entrances { name receptionDesk } accessibility { stepFree lift accessibleToilet hearingLoop }
    trains: transportStops(mode: TRAIN) { name lines } transportStops { mode walkingMinutes } } }`;

  it('exposes opening hours structured and as an OpenStreetMap opening_hours value', async () => {
    const { data, errors } = await execute<{
      location: { kind: string; openingHours: { timeZone: string; openingHours: string; weekly: unknown[] } };
    }>(subgraph.parts, SITE, { id: 'loc-jcre-bezirksstelle-marl', at: '2026-11-26T09:00:00Z' });
    expect(errors).toBeUndefined();
    expect(data!.location.kind).toBe('DISTRICT_OFFICE');
    expect(data!.location.openingHours.timeZone).toBe('Europe/Berlin');
    expect(data!.location.openingHours.weekly).toHaveLength(6);
    expect(data!.location.openingHours.openingHours).toBe(
      'Mo-We 08:00-12:30; Th 08:00-12:30,14:00-17:30; Fr 08:00-12:30; PH off; Dec 24 off; Dec 31 off',
    );
  });

  it("counts the public holidays of the site's Land, chosen by its district's key (a city district: its city's)", async () => {
    const query = `query ($id: ID!) { location(id: $id) { openingHours {
      publicHolidayLand closedOnPublicHolidays annualExceptions { monthDay closed note }
      corpusChristi: openAt(time: "2026-06-04T08:00:00Z") publicHolidays(year: 2026) { date name } } } }`;
    for (const id of ['loc-jcre-bezirksstelle-marl', 'loc-jcms-nebenstelle-kinderhaus']) {
      const { data, errors } = await execute<{
        location: {
          openingHours: {
            publicHolidayLand: string;
            annualExceptions: unknown[];
            corpusChristi: boolean;
            publicHolidays: { date: string; name: string }[];
          };
        };
      }>(subgraph.parts, query, { id });
      expect(errors).toBeUndefined();
      const hours = data!.location.openingHours;
      expect(hours.publicHolidayLand).toBe('DE-NW');
      expect(hours.annualExceptions).toEqual([
        { monthDay: '12-24', closed: true, note: 'Heiligabend' },
        { monthDay: '12-31', closed: true, note: 'Silvester' },
      ]);
      expect(hours.corpusChristi).toBe(false); // Fronleichnam, a Thursday: a holiday in North Rhine-Westphalia
      expect(hours.publicHolidays).toHaveLength(11);
      expect(hours.publicHolidays).toContainEqual({ date: '2026-11-01', name: 'Allerheiligen' });
    }
    const refused = await execute(
      subgraph.parts,
      `{ location(id: "loc-jcre-zentrale") { openingHours { publicHolidays(year: 10000) { date } } } }`,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain('year');
  });

  it.each([
    ['a Thursday morning (10:00 in Berlin)', '2026-11-26T09:00:00Z', true],
    ['a Thursday lunch break (13:00)', '2026-11-26T12:00:00Z', false],
    ['a Thursday afternoon (15:00)', '2026-11-26T14:00:00Z', true],
    ['a Sunday', '2026-11-29T09:00:00Z', false],
    ['Christmas Eve, a Thursday (annual exception)', '2026-12-24T09:00:00Z', false],
    ["New Year's Eve 2027, a Friday (the same annual exception)", '2027-12-31T09:00:00Z', false],
    ['Fronleichnam 2026, a Thursday (a public holiday in North Rhine-Westphalia)', '2026-06-04T09:00:00Z', false],
    ['Easter Monday 2027 (public holiday)', '2027-03-29T08:00:00Z', false],
    ['a summer Monday at 08:15 CEST (06:15 UTC)', '2026-07-06T06:15:00Z', true],
  ])('computes openAt for %s', async (_label, at, open) => {
    const { data } = await execute<{ location: { openingHours: { openAt: boolean } } }>(subgraph.parts, SITE, {
      id: 'loc-jcre-bezirksstelle-marl',
      at,
    });
    expect(data!.location.openingHours.openAt).toBe(open);
  });

  it("answers openNow by the request's clock: the sites whose hours say open at that instant, and the others", async () => {
    const { data, errors } = await execute<{
      locations: { nodes: { id: string; openingHours: { openAt: boolean } | null }[] };
      open: { nodes: { id: string }[] };
      closed: { nodes: { id: string }[] };
    }>(
      subgraph.parts,
      `query ($at: DateTimeISO!) {
        locations(first: 100) { nodes { id openingHours { openAt(time: $at) } } }
        open: locations(openNow: true, first: 100) { nodes { id } }
        closed: locations(openNow: false, first: 100) { nodes { id } } }`,
      { at: NOW.toISOString() },
    );
    expect(errors).toBeUndefined();
    const sites = data!.locations.nodes;
    const openIds = sites.filter((site) => site.openingHours?.openAt === true).map((site) => site.id);
    expect(openIds.length).toBeGreaterThan(0);
    expect(openIds.length).toBeLessThan(sites.length);
    expect(data!.open.nodes.map((site) => site.id)).toEqual(openIds);
    expect(data!.closed.nodes.map((site) => site.id)).toEqual(sites.map((site) => site.id).filter((id) => !openIds.includes(id)));
  });

  it('gives every Münster branch office its own entrance with a reception desk, and every Recklinghausen site bus and train', async () => {
    const { data } = await execute<{
      locations: { nodes: { kind: string; entrances: { receptionDesk: boolean }[]; transportStops: { mode: string }[] }[] };
    }>(
      subgraph.parts,
      `{ locations(first: 100) { nodes { kind organisation { id } entrances { receptionDesk } transportStops { mode } } } }`,
    );
    const sites = data!.locations.nodes as unknown as {
      organisation: { id: string };
      entrances: { receptionDesk: boolean }[];
      transportStops: { mode: string }[];
    }[];
    const muenster = sites.filter((site) => site.organisation.id === 'jobcenter-muenster');
    expect(muenster).toHaveLength(7);
    expect(muenster.every((site) => site.entrances.length === 1 && site.entrances[0]!.receptionDesk)).toBe(true);
    const re = sites.filter((site) => site.organisation.id === 'jobcenter-kreis-recklinghausen');
    expect(re.every((site) => ['BUS', 'TRAIN'].every((mode) => site.transportStops.some((stop) => stop.mode === mode)))).toBe(true);
  });
});

describe('nearest site', () => {
  const NEAR = `query ($lat: Float!, $lon: Float!, $r: Float!, $kind: LocationKind, $at: DateTimeISO, $first: Int, $after: String) {
    locationsNear(latitude: $lat, longitude: $lon, radiusKm: $r, kind: $kind, openAt: $at, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { distanceKm location { id district { id } } } } }`;
  type Near = {
    locationsNear: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      nodes: { distanceKm: number; location: { id: string } }[];
    };
  };
  // Near the invented Coerde branch office in Münster-Nord.
  const point = { lat: 51.997, lon: 7.646 };

  it('orders the sites within the radius by distance, nearest first', async () => {
    const { data, errors } = await execute<Near>(subgraph.parts, NEAR, { ...point, r: 12, kind: 'BRANCH_OFFICE' });
    expect(errors).toBeUndefined();
    const nodes = data!.locationsNear.nodes;
    expect(nodes[0]!.location.id).toBe('loc-jcms-nebenstelle-coerde');
    expect(nodes[0]!.distanceKm).toBeLessThan(0.2);
    const distances = nodes.map((node) => node.distanceKm);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances.every((distance) => distance <= 12)).toBe(true);
    // Münster's seven branch offices are within 12 km; Recklinghausen's sites (about 40 km away) are not.
    expect(data!.locationsNear.totalCount).toBe(7);
  });

  it('finds the nearest site open at a given time, and none on a Sunday', async () => {
    const open = await execute<Near>(subgraph.parts, NEAR, {
      lat: 51.61,
      lon: 7.2,
      r: 50,
      kind: 'DISTRICT_OFFICE',
      at: '2026-11-26T09:00:00Z',
      first: 1,
    });
    expect(open.data!.locationsNear.nodes[0]!.location.id).toBe('loc-jcre-bezirksstelle-recklinghausen');
    expect(open.data!.locationsNear.pageInfo.hasNextPage).toBe(true);
    const sunday = await execute<Near>(subgraph.parts, NEAR, { lat: 51.61, lon: 7.2, r: 50, at: '2026-11-29T09:00:00Z' });
    expect(sunday.data!.locationsNear.totalCount).toBe(0);
  });

  it('pages through results without gaps or repeats', async () => {
    const all = (await execute<Near>(subgraph.parts, NEAR, { lat: 51.8, lon: 7.4, r: 100, first: 100 })).data!.locationsNear;
    expect(all.totalCount).toBeGreaterThanOrEqual(22);
    expect(all.nodes).toHaveLength(Math.min(all.totalCount, 100));
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = (await execute<Near>(subgraph.parts, NEAR, { lat: 51.8, lon: 7.4, r: 100, first: 5, after })).data!.locationsNear;
      seen.push(...page.nodes.map((node) => node.location.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen).toEqual(all.nodes.map((node) => node.location.id));
  });

  it('uses one SQL statement for the search and one per related type, whatever the number of results', async () => {
    const few = await execute<Near>(subgraph.parts, NEAR, { ...point, r: 1 });
    const many = await execute<Near>(subgraph.parts, NEAR, { lat: 51.8, lon: 7.4, r: 100, first: 100 });
    expect(many.data!.locationsNear.nodes.length).toBeGreaterThan(few.data!.locationsNear.nodes.length);
    expect(many.statements).toBe(few.statements);
  });

  it.each([
    [{ lat: 91, lon: 7, r: 5 }, 'latitude'],
    [{ lat: 51, lon: -181, r: 5 }, 'longitude'],
    [{ lat: 51, lon: 7, r: 0 }, 'radiusKm'],
    [{ lat: 51, lon: 7, r: -3 }, 'radiusKm'],
    [{ lat: 51, lon: 7, r: 5000 }, 'radiusKm'],
    [{ lat: 51, lon: 7, r: 5, first: 101 }, 'first'],
    [{ lat: 51, lon: 7, r: 5, first: 0 }, 'first'],
    [{ lat: 51, lon: 7, r: 5, after: 'not-a-cursor' }, 'after'],
  ])('refuses %j naming %s, without running a query', async (variables, argument) => {
    expectRefused(await execute(subgraph.parts, NEAR, variables), argument);
  });
});

describe('which site serves me?', () => {
  const WHO = `query ($postcode: String, $municipalityKey: String, $districtId: ID, $lat: Float, $lon: Float) {
    responsibleLocations(postcode: $postcode, municipalityKey: $municipalityKey, districtId: $districtId, latitude: $lat, longitude: $lon) {
      totalCount nodes { matchedBy location { id } district { id } } } }`;
  type Who = {
    responsibleLocations: { totalCount: number; nodes: { matchedBy: string; location: { id: string }; district: { id: string } }[] };
  };
  const ids = (result: { data?: Who }) => result.data!.responsibleLocations.nodes.map((node) => node.location.id).sort();

  it('answers by postcode in both Jobcenters', async () => {
    expect(ids(await execute<Who>(subgraph.parts, WHO, { postcode: '45768' }))).toEqual(['loc-jcre-bezirksstelle-marl']);
    expect(ids(await execute<Who>(subgraph.parts, WHO, { postcode: '48159' }))).toEqual(['loc-jcms-nebenstelle-kinderhaus']);
    // A postcode that crosses a district border has two answers.
    expect(ids(await execute<Who>(subgraph.parts, WHO, { postcode: '48157' }))).toEqual([
      'loc-jcms-nebenstelle-coerde',
      'loc-jcms-nebenstelle-ost',
    ]);
    expect((await execute<Who>(subgraph.parts, WHO, { postcode: '10115' })).data!.responsibleLocations.totalCount).toBe(0);
  });

  it('answers by municipality key: Recklinghausen by city, Münster by city district', async () => {
    expect(ids(await execute<Who>(subgraph.parts, WHO, { municipalityKey: '05562024' }))).toEqual(['loc-jcre-bezirksstelle-marl']);
    const muenster = await execute<Who>(subgraph.parts, WHO, { municipalityKey: '05515000' });
    expect(muenster.data!.responsibleLocations.totalCount).toBe(7);
    expect(new Set(muenster.data!.responsibleLocations.nodes.map((node) => node.district.id)).size).toBe(6);
  });

  it('answers a city by key and by id alike (its city districts, same order), nothing for unknown ones, in two statements', async () => {
    const byKey = await execute<Who>(subgraph.parts, WHO, { municipalityKey: '05515000' });
    const byId = await execute<Who>(subgraph.parts, WHO, { districtId: 'muenster' });
    const answers = (result: { data?: Who }) => result.data!.responsibleLocations.nodes.map((node) => [node.location.id, node.district.id]);
    expect(answers(byId)).toEqual(answers(byKey));
    expect(answers(byKey)).toHaveLength(7);
    expect(byKey.statements).toBe(2);
    expect(byId.statements).toBe(2);
    // A municipality without city districts: its own areas only.
    expect(
      (await execute<Who>(subgraph.parts, WHO, { districtId: 'marl' })).data!.responsibleLocations.nodes.map((node) => node.district.id),
    ).toEqual(['marl']);
    for (const variables of [{ municipalityKey: '09162000' }, { districtId: 'nowhere' }]) {
      const none = await execute<Who>(subgraph.parts, WHO, variables);
      expect({ variables, totalCount: none.data!.responsibleLocations.totalCount, errors: none.errors }).toEqual({
        variables,
        totalCount: 0,
        errors: undefined,
      });
    }
  });

  it('answers by district and by point (nearest district centre, said so)', async () => {
    expect(ids(await execute<Who>(subgraph.parts, WHO, { districtId: 'muenster-nord' }))).toEqual([
      'loc-jcms-nebenstelle-coerde',
      'loc-jcms-nebenstelle-kinderhaus',
    ]);
    const byPoint = await execute<Who>(subgraph.parts, WHO, { lat: 51.905, lon: 7.64 });
    expect(ids(byPoint)).toEqual(['loc-jcms-nebenstelle-hiltrup']);
    expect(byPoint.data!.responsibleLocations.nodes[0]!.matchedBy).toBe('NEAREST_DISTRICT_CENTRE');
    expect(ids(await execute<Who>(subgraph.parts, WHO, { lat: 51.657, lon: 7.34 }))).toEqual(['loc-jcre-bezirksstelle-datteln']);
  });

  it.each([
    [{}, 'postcode|municipalityKey|districtId|latitude+longitude'],
    [{ postcode: '48143', districtId: 'muenster-mitte' }, 'postcode|municipalityKey|districtId|latitude+longitude'],
    [{ postcode: '4814' }, 'postcode'],
    [{ postcode: '48143a' }, 'postcode'],
    [{ municipalityKey: '5515000' }, 'municipalityKey'],
    [{ lat: 51.9 }, 'longitude'],
    [{ lat: 151.9, lon: 7 }, 'latitude'],
  ])('refuses %j naming %s', async (variables, argument) => {
    expectRefused(await execute(subgraph.parts, WHO, variables), argument);
  });
});

describe('district indicators and search', () => {
  it("has benefit rates higher in Münster's northern districts than in its southern ones, with year and source", async () => {
    const { data } = await execute<{
      districts: {
        nodes: {
          id: string;
          latestIndicator: { year: number; benefitRate: number; population: number; benefitRecipients: number; source: { kind: string } };
        }[];
      };
    }>(
      subgraph.parts,
      `{ districts(parentId: "muenster") { nodes { id latestIndicator { year benefitRate population benefitRecipients source { kind } } } } }`,
    );
    const rate = new Map(data!.districts.nodes.map((node) => [node.id, node.latestIndicator]));
    const north = ['muenster-nord', 'muenster-ost'].map((id) => rate.get(id)!.benefitRate);
    const south = ['muenster-suedost', 'muenster-hiltrup'].map((id) => rate.get(id)!.benefitRate);
    expect(Math.min(...north)).toBeGreaterThan(Math.max(...south));
    for (const figure of rate.values()) {
      expect(figure.year).toBe(2022);
      expect(figure.source.kind).toBe('ILLUSTRATIVE');
      expect(figure.benefitRate).toBeCloseTo((figure.benefitRecipients / figure.population) * 100, 1);
    }
    // Invented per district, but they add up to Münster's population in the Zensus 2022.
    expect([...rate.values()].reduce((sum, figure) => sum + figure.population, 0)).toBe(303_772);
  });

  it("gives the Recklinghausen cities the municipality register's 2019 population, cited as a public record of its own", async () => {
    const { data, errors } = await execute<{
      district: {
        latestIndicator: {
          year: number;
          population: number;
          populationSource: { kind: string; citation: string };
          source: { kind: string };
        };
      };
    }>(
      subgraph.parts,
      `{ district(id: "recklinghausen") { latestIndicator { year population populationSource { kind citation } source { kind } } } }`,
    );
    expect(errors).toBeUndefined();
    const figure = data!.district.latestIndicator;
    expect(figure).toMatchObject({ year: 2019, population: 111_397, source: { kind: 'ILLUSTRATIVE' } });
    expect(figure.populationSource.kind).toBe('PUBLIC_RECORD');
    expect(figure.populationSource.citation).toContain('Destatis');
    expect(figure.populationSource.citation).toContain('dl-de/by-2-0');
  });

  it.each(['Münster', 'munster', 'MUENSTER'])('finds districts by %s, ignoring case, umlauts and their spellings', async (search) => {
    const { data, errors } = await execute<{ districts: { totalCount: number } }>(
      subgraph.parts,
      `query ($s: String) { districts(search: $s) { totalCount } }`,
      { s: search },
    );
    expect(errors).toBeUndefined();
    expect(data!.districts.totalCount).toBe(7);
  });

  it('folds ß like ss, and Südost like Suedost', async () => {
    const em = subgraph.orm.em.fork();
    const district = await em.findOneOrFail(District, 'muenster-mitte');
    em.create(Location, {
      id: 'search-strasse',
      name: 'Treffpunkt an der Großen Straße',
      kind: 'OTHER' as Location['kind'],
      street: 'Große Straße',
      houseNumber: '1',
      postcode: '48143',
      city: 'Münster',
      latitude: 51.96,
      longitude: 7.62,
      district,
      organisationId: 'jobcenter-muenster',
      ownerId: 'jobcenter-muenster',
      source: { kind: 'ILLUSTRATIVE', citation: 'test' } as Location['source'],
    });
    await em.flush();
    const find = async (search: string) =>
      (
        await execute<{ locations: { nodes: { id: string }[] } }>(
          subgraph.parts,
          `query ($s: String) { locations(search: $s) { nodes { id } } }`,
          { s: search },
        )
      ).data!.locations.nodes.map((node) => node.id);
    expect(await find('grossen strasse')).toEqual(['search-strasse']);
    expect(await find('GROSSEN STRAßE')).toEqual(['search-strasse']);
    expect(await find('Nebenstelle Suedost')).toEqual(['loc-jcms-nebenstelle-suedost']);
    expect(await find('100%')).toEqual([]);
  });

  it('pages district lists with a cursor, and refuses bad paging or search arguments before any query', async () => {
    type Districts = { districts: { nodes: { id: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean }; totalCount: number } };
    const PAGE = `query ($after: String) { districts(kind: MUNICIPALITY, first: 4, after: $after) { totalCount nodes { id } pageInfo { endCursor hasNextPage } } }`;
    const all = (await execute<Districts>(subgraph.parts, `{ districts(kind: MUNICIPALITY, first: 100) { totalCount nodes { id } } }`))
      .data!.districts;
    expect(all.totalCount).toBe(11);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const result = await execute<Districts>(subgraph.parts, PAGE, { after });
      // A page and its total: two statements, whichever page it is.
      expect(result.statements).toBe(2);
      const page = result.data!.districts;
      expect(page.totalCount).toBe(11);
      seen.push(...page.nodes.map((node) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.nodes.map((node) => node.id));
    expectRefused(await execute(subgraph.parts, `{ districts(first: 500) { totalCount } }`), 'first');
    expectRefused(await execute(subgraph.parts, `{ districts(after: "eyJ4IjoxfQ") { totalCount } }`), 'after');
    expectRefused(await execute(subgraph.parts, `{ districts(search: "  ") { totalCount } }`), 'search');
    expectRefused(
      await execute(subgraph.parts, `query ($s: String) { districts(search: $s) { totalCount } }`, { s: 'x'.repeat(101) }),
      'search',
    );
  });
});
