import { Provenance, SourceKind } from '@jobcenter-hub/subgraph';
import { asUser, execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { createLocationsOrmConfig } from '../src/mikro-orm.config';
import { District, DistrictKind } from '../src/modules/district/district.entity';
import { Location, LocationKind } from '../src/modules/location/location.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

// Public holidays of the site's Land (issue 14, item 5), through the subgraph: the Land comes from the
// official key of the site's district (a city district: its city's), none without a key.
const subgraph = useTestSubgraph({
  database: 'locations_holidays',
  createConfig: createLocationsOrmConfig,
  seed: seedIfEmpty,
  createServer,
});

const WEEKDAYS_8_TO_12 = {
  weekly: (['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((day) => ({ day, opens: '08:00', closes: '12:00' })),
  exceptions: [],
  closedOnPublicHolidays: true,
} as never;

beforeAll(async () => {
  // Two sites outside the demo's North Rhine-Westphalia, written directly: one in Dresden (Saxony,
  // AGS 14612000), one in a district that has no key (and no district with one above it).
  const em = subgraph.orm.em.fork();
  const source = new Provenance(SourceKind.ILLUSTRATIVE, 'test data');
  const district = (id: string, name: string, officialKey?: string) =>
    em.create(District, { id, name, kind: DistrictKind.MUNICIPALITY, officialKey, ownerId: 'test-owner', source, populationsData: [] });
  const site = (id: string, where: District) =>
    em.create(Location, {
      id,
      name: id,
      kind: LocationKind.OTHER,
      street: 'Teststraße',
      houseNumber: '1',
      postcode: '01067',
      city: where.name,
      latitude: 51.05,
      longitude: 13.74,
      district: where,
      organisationId: 'test-owner',
      ownerId: 'test-owner',
      source,
      openingHoursData: WEEKDAYS_8_TO_12,
    });
  site('test-site-dresden', district('test-dresden', 'Dresden', '14612000'));
  site('test-site-nowhere', district('test-nowhere', 'Ohne Schlüssel'));
  await em.flush();
});

const HOURS = `query ($id: ID!) { location(id: $id) { openingHours {
  publicHolidayLand
  bussUndBettag: openAt(time: "2026-11-18T08:00:00Z")
  corpusChristi: openAt(time: "2026-06-04T08:00:00Z")
  goodFriday: openAt(time: "2026-04-03T08:00:00Z")
  holidays: publicHolidays(year: 2026) { date }
} } }`;

type Hours = {
  location: {
    openingHours: {
      publicHolidayLand: string | null;
      bussUndBettag: boolean;
      corpusChristi: boolean;
      goodFriday: boolean;
      holidays: unknown[];
    };
  };
};

describe("public holidays of the site's Land", () => {
  it.each([
    // Buß- und Bettag only in Saxony, Fronleichnam in North Rhine-Westphalia but not in Saxony.
    [
      'a site in Dresden',
      'test-site-dresden',
      { publicHolidayLand: 'DE-SN', bussUndBettag: false, corpusChristi: true, goodFriday: false },
      11,
    ],
    [
      "a Münster branch office (city district: the city's key)",
      'loc-jcms-nebenstelle-ost',
      { publicHolidayLand: 'DE-NW', bussUndBettag: true, corpusChristi: false, goodFriday: false },
      11,
    ],
    // No key anywhere above: only the nine holidays of every Land.
    [
      'a site without a key',
      'test-site-nowhere',
      { publicHolidayLand: null, bussUndBettag: true, corpusChristi: true, goodFriday: false },
      9,
    ],
  ])('%s', async (_label, id, expected, holidays) => {
    const { data, errors } = await execute<Hours>(subgraph.parts, HOURS, { id });
    expect(errors).toBeUndefined();
    const { holidays: list, ...hours } = data!.location.openingHours;
    expect(hours).toEqual(expected);
    expect(list).toHaveLength(holidays);
  });

  it('finds a site open or closed on a holiday by its own Land in locationsNear(openAt)', async () => {
    const near = await execute<{ locationsNear: { nodes: { location: { id: string } }[] } }>(
      subgraph.parts,
      `{ locationsNear(latitude: 51.05, longitude: 13.74, radiusKm: 1, openAt: "2026-11-18T08:00:00Z") { nodes { location { id } } } }`,
    );
    // Buß- und Bettag: the Dresden site is closed, the one without a key (same place) open.
    expect(near.data!.locationsNear.nodes.map((node) => node.location.id)).toEqual(['test-site-nowhere']);
  });

  it('reads the Land of every site within the radius with the sites, in one statement (locationsNear)', async () => {
    const near = await execute<{
      locationsNear: { nodes: { location: { id: string; openingHours: { publicHolidayLand: string | null } } }[] };
    }>(
      subgraph.parts,
      `{ locationsNear(latitude: 51.05, longitude: 13.74, radiusKm: 1, openAt: "2026-11-19T08:00:00Z") {
          nodes { location { id openingHours { publicHolidayLand } } } } }`,
    );
    expect(near.errors).toBeUndefined();
    expect(near.data!.locationsNear.nodes.map(({ location }) => [location.id, location.openingHours.publicHolidayLand])).toEqual([
      ['test-site-dresden', 'DE-SN'],
      ['test-site-nowhere', null],
    ]);
    expect(near.statements).toBe(1);
    // A city district's site: its city's Land, through the loader that walks up the districts (one statement).
    const branch = await execute<Hours>(
      subgraph.parts,
      `{ location(id: "loc-jcms-nebenstelle-ost") { openingHours { publicHolidayLand } } }`,
    );
    expect(branch.data!.location.openingHours.publicHolidayLand).toBe('DE-NW');
    expect(branch.statements).toBe(2);
  });

  it("gives a city's city districts its Land without a statement of their own (the district dashboard)", async () => {
    type Sites = { locations: { nodes: { openingHours: { publicHolidayLand: string | null } | null }[] } };
    const city = await execute<{ district: Sites & { children: { nodes: Sites[] } } }>(
      subgraph.parts,
      `{ district(id: "muenster") {
          locations { nodes { openingHours { publicHolidayLand } } }
          children { nodes { locations { nodes { openingHours { publicHolidayLand } } } } } } }`,
    );
    expect(city.errors).toBeUndefined();
    const lands = [city.data!.district, ...city.data!.district.children.nodes].flatMap((district) =>
      district.locations.nodes.map((node) => node.openingHours?.publicHolidayLand),
    );
    expect(lands.length).toBeGreaterThan(1);
    expect(new Set(lands)).toEqual(new Set(['DE-NW']));
    // The city; its children and its sites; its children's sites: no statement for the holiday regions.
    expect(city.statements).toBe(4);
  });

  it('takes annual exceptions from a publisher and refuses a day that is not a month and day', async () => {
    const editor = asUser('jobcenter-muenster', 'editor');
    const UPDATE = `mutation ($input: UpdateLocationInput!) { updateLocation(input: $input) { version openingHours { openingHours annualExceptions { monthDay closed note } } } }`;
    const read = await execute<{ location: { version: number } }>(
      subgraph.parts,
      `{ location(id: "loc-jcms-nebenstelle-west") { version } }`,
    );
    const version = read.data!.location.version;
    const hours = (annualExceptions: unknown[]) => ({
      weekly: [{ day: 'MO', opens: '08:00', closes: '12:00' }],
      annualExceptions,
    });
    const refused = await execute(
      subgraph.parts,
      UPDATE,
      { input: { id: 'loc-jcms-nebenstelle-west', version, openingHours: hours([{ monthDay: '02-30', closed: true }]) } },
      editor,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain('monthDay');
    const written = await execute<{ updateLocation: { openingHours: { openingHours: string; annualExceptions: unknown[] } } }>(
      subgraph.parts,
      UPDATE,
      {
        input: {
          id: 'loc-jcms-nebenstelle-west',
          version,
          openingHours: hours([
            { monthDay: '12-24', closed: true, note: 'Heiligabend' },
            { monthDay: '11-11', closed: false, hours: [{ opens: '08:00', closes: '11:11' }] },
          ]),
        },
      },
      editor,
    );
    expect(written.errors).toBeUndefined();
    expect(written.data!.updateLocation.openingHours.openingHours).toBe('Mo 08:00-12:00; PH off; Nov 11 08:00-11:11; Dec 24 off');
    expect(written.data!.updateLocation.openingHours.annualExceptions).toEqual([
      { monthDay: '12-24', closed: true, note: 'Heiligabend' },
      { monthDay: '11-11', closed: false, note: null },
    ]);
  });
});
