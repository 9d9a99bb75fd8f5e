import { demo } from '@jobcenter-hub/demo';
import { Participation } from '../src/modules/participation/participation.entity';
import { demoIntakes, firstMondayOfMonth } from '../src/seeders/demo.seeder';
import {
  ACADEMIES,
  type Connection,
  addDays,
  ENTITIES,
  JOBCENTER,
  REHAPRO_HOUSE,
  representations,
  TODAY,
  useProgrammesSubgraph,
  VIEWER,
} from './fixture';

const hub = useProgrammesSubgraph();

interface IntakeNode {
  id: string;
  startsOn: string;
  places: number;
  placesTaken: number;
  freePlaces: number;
  venue: { id: string };
  programme: { id: string };
  source: { kind: string };
}

const INTAKE = 'id startsOn places placesTaken freePlaces venue { id } programme { id } source { kind }';
const ids = (connection: Connection<{ id: string }>) => connection.nodes.map((node) => node.id);

/** The demo intakes as the API should show them: by start date, then id. */
const demoIntakeNodes = () =>
  demoIntakes(TODAY)
    .map((intake) => ({
      id: intake.id,
      startsOn: intake.startsOn,
      places: intake.places,
      placesTaken: intake.placesTaken,
      freePlaces: intake.places - intake.placesTaken,
      venue: { id: intake.venueId },
      programme: { id: intake.programmeId },
      source: { kind: 'ILLUSTRATIVE' },
    }))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id));

describe('demo intakes', () => {
  it('start on first Mondays of the coming months, so they are upcoming whenever the demo data is fresh', () => {
    expect(firstMondayOfMonth('2026-11-25', 1)).toBe('2026-12-07');
    expect(firstMondayOfMonth('2026-11-25', 2)).toBe('2027-01-04');
    expect(firstMondayOfMonth('2027-01-31', 1)).toBe('2027-02-01'); // already a Monday
    for (const intake of demoIntakes(TODAY)) {
      expect(intake.startsOn > TODAY).toBe(true);
      expect(new Date(`${intake.startsOn}T12:00:00Z`).getUTCDay()).toBe(1);
    }
  });
});

describe('Programme.upcomingIntakes', () => {
  it('lists the upcoming intakes of the job academy by start date, with free places, all marked illustrative', async () => {
    const { data, errors } = await hub.run<{ programme: { upcomingIntakes: Connection<IntakeNode> } }>(
      `query { programme(id: "jcre-programm-jobakademie") { upcomingIntakes { totalCount nodes { ${INTAKE} } } } }`,
      {},
      VIEWER,
    );
    expect(errors).toBeUndefined();
    const expected = demoIntakeNodes().filter((intake) => intake.programme.id === 'jcre-programm-jobakademie');
    expect(expected).toHaveLength(6);
    expect(data!.programme.upcomingIntakes).toEqual({ totalCount: 6, nodes: expected });
  });

  it('keeps only intakes with free places, and only those at one venue', async () => {
    const { data, errors } = await hub.run<{ programme: Record<string, Connection<{ id: string; freePlaces: number }>> }>(
      `query { programme(id: "jcre-programm-jobakademie") {
        open: upcomingIntakes(onlyWithFreePlaces: true) { totalCount nodes { id freePlaces } }
        first: upcomingIntakes(venueId: "${ACADEMIES[0]}") { totalCount nodes { id freePlaces } }
        firstOpen: upcomingIntakes(venueId: "${ACADEMIES[0]}", onlyWithFreePlaces: true) { totalCount nodes { id freePlaces } } } }`,
      {},
      VIEWER,
    );
    expect(errors).toBeUndefined();
    const { open, first, firstOpen } = data!.programme;
    // The first start at the first academy is full (25 of 25 taken).
    expect(open!.totalCount).toBe(5);
    expect(open!.nodes.every((intake) => intake.freePlaces > 0)).toBe(true);
    expect(first).toEqual({
      totalCount: 2,
      nodes: [
        { id: 'jcre-programm-jobakademie-start-1-1', freePlaces: 0 },
        { id: 'jcre-programm-jobakademie-start-1-2', freePlaces: 13 },
      ],
    });
    expect(firstOpen).toEqual({ totalCount: 1, nodes: [{ id: 'jcre-programm-jobakademie-start-1-2', freePlaces: 13 }] });
  });

  it('starts from today in Europe/Berlin: past and archived intakes are left out, overbooked ones have 0 free places', async () => {
    await hub.createProgrammes([{ id: 'intake-test', venueIds: ['intake-venue'] }]);
    await hub.createIntakes([
      { id: 'intake-test-yesterday', programme: 'intake-test', venueId: 'intake-venue', startsOn: addDays(TODAY, -1), places: 10 },
      { id: 'intake-test-today', programme: 'intake-test', venueId: 'intake-venue', startsOn: TODAY, places: 10, placesTaken: 3 },
      {
        id: 'intake-test-archived',
        programme: 'intake-test',
        venueId: 'intake-venue',
        startsOn: addDays(TODAY, 7),
        places: 10,
        archivedAt: new Date(),
      },
      {
        id: 'intake-test-overbooked',
        programme: 'intake-test',
        venueId: 'intake-venue',
        startsOn: addDays(TODAY, 14),
        places: 10,
        placesTaken: 12,
      },
      {
        id: 'intake-test-later',
        programme: 'intake-test',
        venueId: 'intake-venue',
        startsOn: addDays(TODAY, 400),
        places: 8,
        placesTaken: 0,
      },
    ]);
    const { data, errors } = await hub.run<{ programme: { all: Connection<IntakeNode>; open: Connection<{ id: string }> } }>(
      `query { programme(id: "intake-test") {
        all: upcomingIntakes { totalCount nodes { id startsOn freePlaces } }
        open: upcomingIntakes(onlyWithFreePlaces: true) { nodes { id } } } }`,
      {},
      VIEWER,
    );
    expect(errors).toBeUndefined();
    expect(data!.programme.all).toEqual({
      totalCount: 3,
      nodes: [
        { id: 'intake-test-today', startsOn: TODAY, freePlaces: 7 },
        { id: 'intake-test-overbooked', startsOn: addDays(TODAY, 14), freePlaces: 0 },
        { id: 'intake-test-later', startsOn: addDays(TODAY, 400), freePlaces: 8 },
      ],
    });
    expect(ids(data!.programme.open)).toEqual(['intake-test-today', 'intake-test-later']);
  });

  it('walks the intakes in pages that join up, ordered by start date and id', async () => {
    await hub.createProgrammes([{ id: 'intake-pages', venueIds: ['intake-pages-venue'] }]);
    // Three intakes share each start date: the id breaks the tie.
    const rows = Array.from({ length: 12 }, (_, i) => ({
      id: `intake-pages-${String(11 - i).padStart(2, '0')}`,
      programme: 'intake-pages',
      venueId: 'intake-pages-venue',
      startsOn: addDays(TODAY, 10 + Math.floor(i / 3)),
      places: 5,
    }));
    await hub.createIntakes(rows);
    const expected = [...rows].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id)).map((row) => row.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let n = 0; n < 5; n += 1) {
      const result = await hub.run<{ programme: { upcomingIntakes: Connection<{ id: string }> } }>(
        `query ($after: String) { programme(id: "intake-pages") { upcomingIntakes(first: 5, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const page: Connection<{ id: string }> = result.data!.programme.upcomingIntakes;
      expect(page.totalCount).toBe(12);
      seen.push(...ids(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });
  it('gives every intake its whole programme, also when several start for one programme (the statement carries it once)', async () => {
    const FIELDS = 'id name kind capacityPerYear daysPerWeekMax createdAt updatedAt version source { kind citation }';
    const sites = [...ACADEMIES, REHAPRO_HOUSE];
    const { data, errors } = await hub.run<{
      programme: Record<string, unknown> & { upcomingIntakes: Connection<{ programme: Record<string, unknown> }> };
      _entities: { intakes: Connection<{ programme: Record<string, unknown> & { id: string } }> }[];
    }>(
      `query ($representations: [_Any!]!) {
        programme(id: "jcre-programm-jobakademie") { ${FIELDS} upcomingIntakes { nodes { programme { ${FIELDS} } } } }
        _entities(representations: $representations) { ... on Location { intakes { nodes { programme { ${FIELDS} } } } } } }`,
      representations('Location', sites),
    );
    expect(errors).toBeUndefined();
    const { upcomingIntakes, ...programme } = data!.programme;
    expect(upcomingIntakes.nodes).toHaveLength(6);
    expect(upcomingIntakes.nodes.every((intake) => JSON.stringify(intake.programme) === JSON.stringify(programme))).toBe(true);
    const atSites = data!._entities.flatMap((site) => site.intakes.nodes.map((intake) => intake.programme));
    expect(atSites.filter((each) => each.id === 'jcre-programm-jobakademie')).toEqual(Array(6).fill(programme));
    expect(new Set(atSites.map((each) => each.id)).size).toBeGreaterThan(1);
  });
});

describe('Location.intakes and Location.programmePlaces', () => {
  it('give each site its upcoming intakes and the free places of all of them (0 where none start)', async () => {
    const sites = [...ACADEMIES, REHAPRO_HOUSE, 'loc-jcre-bezirksstelle-marl', 'loc-nowhere'];
    const { data, errors } = await hub.run<{ _entities: { programmePlaces: number; intakes: Connection<IntakeNode> }[] }>(
      ENTITIES(`... on Location { programmePlaces intakes { totalCount nodes { ${INTAKE} } } }`),
      representations('Location', sites),
      VIEWER,
    );
    expect(errors).toBeUndefined();
    // Illustrative numbers from the seed: 0+13, 5+20, 7+15 at the academies; 0+8 at the Rehapro house.
    expect(data!._entities.map((site) => site.programmePlaces)).toEqual([13, 25, 22, 8, 0, 0]);
    const all = demoIntakeNodes();
    expect(data!._entities.map((site) => site.intakes)).toEqual(
      sites.map((site) => {
        const nodes = all.filter((intake) => intake.venue.id === site);
        return { totalCount: nodes.length, nodes };
      }),
    );
  });

  it('filters by programme kind and by free places', async () => {
    await hub.createProgrammes([{ id: 'shared-venue-coaching', venueIds: ['shared-venue'], operatorId: 'shared-venue-operator' }]);
    await hub.createIntakes([
      {
        id: 'shared-venue-coaching-1',
        programme: 'shared-venue-coaching',
        venueId: 'shared-venue',
        startsOn: addDays(TODAY, 3),
        places: 4,
        placesTaken: 1,
      },
      {
        id: 'shared-venue-rehapro-1',
        programme: 'jcre-programm-rehapro',
        venueId: 'shared-venue',
        startsOn: addDays(TODAY, 5),
        places: 6,
        placesTaken: 6,
      },
    ]);
    const { data, errors } = await hub.run<{ _entities: Record<string, Connection<{ id: string }> | number>[] }>(
      ENTITIES(`... on Location {
        programmePlaces
        all: intakes { totalCount nodes { id } }
        rehapro: intakes(kind: REHAPRO) { totalCount nodes { id } }
        coaching: intakes(kind: INDIVIDUAL_COACHING) { totalCount nodes { id } }
        open: intakes(onlyWithFreePlaces: true) { totalCount nodes { id } } }`),
      representations('Location', ['shared-venue']),
      VIEWER,
    );
    expect(errors).toBeUndefined();
    expect(data!._entities[0]).toEqual({
      programmePlaces: 3,
      all: { totalCount: 2, nodes: [{ id: 'shared-venue-coaching-1' }, { id: 'shared-venue-rehapro-1' }] },
      rehapro: { totalCount: 1, nodes: [{ id: 'shared-venue-rehapro-1' }] },
      coaching: { totalCount: 1, nodes: [{ id: 'shared-venue-coaching-1' }] },
      open: { totalCount: 1, nodes: [{ id: 'shared-venue-coaching-1' }] },
    });
  });

  it('leaves out the intakes of archived programmes', async () => {
    await hub.createProgrammes([{ id: 'archived-with-intake', archivedAt: new Date() }]);
    await hub.createIntakes([
      {
        id: 'archived-with-intake-1',
        programme: 'archived-with-intake',
        venueId: 'archived-venue',
        startsOn: addDays(TODAY, 3),
        places: 9,
      },
    ]);
    const { data } = await hub.run<{ _entities: { programmePlaces: number; intakes: { totalCount: number } }[] }>(
      ENTITIES('... on Location { programmePlaces intakes { totalCount } }'),
      representations('Location', ['archived-venue']),
      VIEWER,
    );
    expect(data!._entities).toEqual([{ programmePlaces: 0, intakes: { totalCount: 0 } }]);
  });
});

describe('programmes(hasFreePlaces:)', () => {
  const names = async (args: string) => {
    const { data, errors, statements } = await hub.run<{ programmes: Connection<{ name: string }> }>(
      `query { programmes(${args}) { totalCount nodes { name } } }`,
    );
    expect(errors).toBeUndefined();
    expect(statements).toBe(2);
    return data!.programmes.nodes.map((programme) => programme.name);
  };

  it('keeps programmes with an upcoming intake that has a free place, or those without', async () => {
    expect(await names(`operatorId: "${JOBCENTER}", hasFreePlaces: true`)).toEqual(['Jobakademie', 'Rehapro']);
    expect(await names(`operatorId: "${JOBCENTER}", hasFreePlaces: false`)).toEqual([
      'Einzelcoaching in der Jobakademie',
      'Sofortmaßnahmen',
    ]);
  });

  it('counts only free places at the venue asked about', async () => {
    await hub.createProgrammes([{ id: 'full-here', name: 'Voll hier', operatorId: 'free-operator', venueIds: ['free-a', 'free-b'] }]);
    await hub.createIntakes([
      { id: 'full-here-a', programme: 'full-here', venueId: 'free-a', startsOn: addDays(TODAY, 3), places: 5, placesTaken: 5 },
      { id: 'full-here-b', programme: 'full-here', venueId: 'free-b', startsOn: addDays(TODAY, 3), places: 5, placesTaken: 1 },
      { id: 'full-here-past', programme: 'full-here', venueId: 'free-a', startsOn: addDays(TODAY, -30), places: 5, placesTaken: 0 },
    ]);
    expect(await names('operatorId: "free-operator", hasFreePlaces: true')).toEqual(['Voll hier']);
    expect(await names('operatorId: "free-operator", venueId: "free-b", hasFreePlaces: true')).toEqual(['Voll hier']);
    expect(await names('operatorId: "free-operator", venueId: "free-a", hasFreePlaces: true')).toEqual([]);
    expect(await names('operatorId: "free-operator", venueId: "free-a", hasFreePlaces: false')).toEqual(['Voll hier']);
  });

  it('combines with search, in two statements', async () => {
    expect(await names('search: "rehapro", hasFreePlaces: true')).toEqual(['Rehapro']);
    expect(await names('search: "rehapro", hasFreePlaces: false')).toEqual([]);
  });
});

describe('Programme.participation', () => {
  it("gives the article's figure: 3,500 participants across the three job academies, for 2021", async () => {
    const { data, errors } = await hub.run<{ programme: { participation: unknown[]; none: unknown[] } }>(
      `query { programme(id: "jcre-programm-jobakademie") {
        participation { year participants venue { id } source { kind citation } }
        none: participation(year: 2022) { year } } }`,
      {},
      VIEWER,
    );
    expect(errors).toBeUndefined();
    expect(data!.programme.participation).toEqual([
      { year: 2021, participants: 3500, venue: null, source: { kind: 'ARTICLE', citation: expect.stringContaining('3.500') } },
    ]);
    expect(data!.programme.none).toEqual([]);
  });

  it('orders figures by year, the all-venues figure first, and filters by year and venue', async () => {
    await hub.createProgrammes([{ id: 'figures', operatorId: 'figures-operator', venueIds: ['figures-a', 'figures-b'] }]);
    await hub.createFigures([
      { id: 'figures-2024-b', programme: 'figures', year: 2024, venueId: 'figures-b', participants: 60 },
      { id: 'figures-2024-a', programme: 'figures', year: 2024, venueId: 'figures-a', participants: 40 },
      { id: 'figures-2024', programme: 'figures', year: 2024, participants: 100 },
      { id: 'figures-2023-a', programme: 'figures', year: 2023, venueId: 'figures-a', participants: 30 },
      { id: 'figures-2022-old', programme: 'figures', year: 2022, participants: 1, archivedAt: new Date() },
    ]);
    type Figure = { year: number; participants: number; venue: { id: string } | null };
    const { data, errors } = await hub.run<{ programme: Record<string, Figure[]> }>(
      `query { programme(id: "figures") {
        all: participation { year participants venue { id } }
        y2024: participation(year: 2024) { year participants venue { id } }
        atA: participation(venueId: "figures-a") { year participants venue { id } } } }`,
      {},
      VIEWER,
    );
    expect(errors).toBeUndefined();
    const figure = (year: number, participants: number, venue: string | null): Figure => ({
      year,
      participants,
      venue: venue ? { id: venue } : null,
    });
    expect(data!.programme).toEqual({
      all: [figure(2023, 30, 'figures-a'), figure(2024, 100, null), figure(2024, 40, 'figures-a'), figure(2024, 60, 'figures-b')],
      y2024: [figure(2024, 100, null), figure(2024, 40, 'figures-a'), figure(2024, 60, 'figures-b')],
      atA: [figure(2023, 30, 'figures-a'), figure(2024, 40, 'figures-a')],
    });
  });

  it('keeps one figure per programme, year and venue, "all venues" included', async () => {
    await hub.createProgrammes([{ id: 'unique-figures' }]);
    await hub.createFigures([{ id: 'unique-figures-2024', programme: 'unique-figures', year: 2024, participants: 5 }]);
    const duplicate = hub.orm.em.fork();
    duplicate.create(Participation, {
      id: 'unique-figures-2024-again',
      programme: 'unique-figures',
      year: 2024,
      venueId: null,
      participants: 6,
      ownerId: 'test-operator',
      source: demo.illustrative('test data'),
    });
    await expect(duplicate.flush()).rejects.toThrow(/participation_programme_year_venue_unique/);
  });
});

describe('Organisation.participants', () => {
  beforeAll(async () => {
    await hub.createProgrammes([
      { id: 'sum-total-and-venues', operatorId: 'sum-operator' },
      { id: 'sum-venues-only', operatorId: 'sum-operator' },
      { id: 'sum-archived', operatorId: 'sum-operator', archivedAt: new Date() },
    ]);
    await hub.createFigures([
      // A total and its breakdown: counted once, as the total.
      { id: 'sum-1', programme: 'sum-total-and-venues', year: 2024, participants: 100 },
      { id: 'sum-1a', programme: 'sum-total-and-venues', year: 2024, venueId: 'v1', participants: 40 },
      { id: 'sum-1b', programme: 'sum-total-and-venues', year: 2024, venueId: 'v2', participants: 60 },
      // Only per venue: summed.
      { id: 'sum-2a', programme: 'sum-venues-only', year: 2024, venueId: 'v1', participants: 10 },
      { id: 'sum-2b', programme: 'sum-venues-only', year: 2024, venueId: 'v3', participants: 15 },
      { id: 'sum-2-2023', programme: 'sum-venues-only', year: 2023, venueId: 'v1', participants: 7 },
      { id: 'sum-3', programme: 'sum-archived', year: 2024, participants: 1000 },
    ]);
  });

  it('sums the figures of the programmes it operates for a year; null when there is none', async () => {
    const { data, errors } = await hub.run<{ _entities: Record<string, number | null>[] }>(
      ENTITIES(
        '... on Organisation { y2021: participants(year: 2021) y2022: participants(year: 2022) y2023: participants(year: 2023) y2024: participants(year: 2024) }',
      ),
      representations('Organisation', [JOBCENTER, 'jobcenter-muenster', 'sum-operator']),
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([
      { y2021: 3500, y2022: null, y2023: null, y2024: null },
      { y2021: null, y2022: null, y2023: null, y2024: null },
      { y2021: null, y2022: null, y2023: 7, y2024: 125 },
    ]);
  });
});

describe('internal fields: figures per record need a signed-in viewer, aggregates stay public', () => {
  it.each([
    ['Programme.participation', 'programme(id: "jcre-programm-jobakademie") { participation { participants } }'],
    ['Intake.placesTaken', 'programme(id: "jcre-programm-jobakademie") { upcomingIntakes { nodes { placesTaken } } }'],
  ])('%s: UNAUTHENTICATED for anonymous callers, without the figure', async (_field, selection) => {
    const anonymous = await hub.run(`query { ${selection} }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data).toEqual({ programme: null });
    const viewer = await hub.run(`query { ${selection} }`, {}, VIEWER);
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data!.programme).not.toBeNull();
  });

  it.each([
    ['Intake.freePlaces', 'programme(id: "jcre-programm-jobakademie") { upcomingIntakes { nodes { id freePlaces } } }'],
    [
      'Location.programmePlaces',
      `_entities(representations: [{ __typename: "Location", id: "${ACADEMIES[1]}" }]) { ... on Location { programmePlaces } }`,
    ],
  ])(
    '%s: null and UNAUTHENTICATED for anonymous callers (with places public, it would give away places taken)',
    async (field, selection) => {
      const anonymous = await hub.run<Record<string, unknown>>(`query { ${selection} }`);
      expect(anonymous.errors?.map((error) => error.extensions?.code)).toEqual(expect.arrayContaining(['UNAUTHENTICATED']));
      expect(JSON.stringify(anonymous.data)).not.toMatch(/"(freePlaces|programmePlaces)":\d/);
      const viewer = await hub.run<Record<string, unknown>>(`query { ${selection} }`, {}, VIEWER);
      expect(viewer.errors).toBeUndefined();
      expect(JSON.stringify(viewer.data)).toMatch(new RegExp(`"${field.split('.')[1]!}":\\d`));
    },
  );

  it('gives anonymous callers availability in bands, and participants per organisation', async () => {
    const { data, errors } = await hub.run<{
      programme: { upcomingIntakes: { nodes: { id: string; places: number; availability: string }[] } };
      _entities: unknown[];
    }>(
      `query { programme(id: "jcre-programm-jobakademie") { upcomingIntakes { nodes { id places availability } } }
        _entities(representations: [
          { __typename: "Location", id: "${ACADEMIES[0]}" }, { __typename: "Location", id: "${ACADEMIES[1]}" },
          { __typename: "Location", id: "loc-jcre-bezirksstelle-marl" }, { __typename: "Organisation", id: "${JOBCENTER}" }]) {
          ... on Location { programmeAvailability } ... on Organisation { participants(year: 2021) } } }`,
    );
    expect(errors).toBeUndefined();
    // The seed: academy 1 starts 25/25 taken, then 12/25; academy 2 15/20, then 0/20; academy 3 11/18, then 3/18.
    expect(Object.fromEntries(data!.programme.upcomingIntakes.nodes.map((intake) => [intake.id, intake.availability]))).toEqual({
      'jcre-programm-jobakademie-start-1-1': 'FULL',
      'jcre-programm-jobakademie-start-1-2': 'AVAILABLE',
      'jcre-programm-jobakademie-start-2-1': 'AVAILABLE',
      'jcre-programm-jobakademie-start-2-2': 'AVAILABLE',
      'jcre-programm-jobakademie-start-3-1': 'AVAILABLE',
      'jcre-programm-jobakademie-start-3-2': 'AVAILABLE',
    });
    // Per site, over all its upcoming intakes; null where none is upcoming.
    expect(data!._entities).toEqual([
      { programmeAvailability: 'AVAILABLE' },
      { programmeAvailability: 'AVAILABLE' },
      { programmeAvailability: null },
      { participants: 3500 },
    ]);
  });

  it('bands: FULL at 0 open, FEW from 1 up to the larger of 2 and a tenth of the places, AVAILABLE above', async () => {
    await hub.createProgrammes([{ id: 'bands', venueIds: ['bands-venue'] }]);
    const band = (places: number, placesTaken: number) => ({
      id: `bands-${places}-${placesTaken}`,
      programme: 'bands',
      venueId: 'bands-venue',
      startsOn: addDays(TODAY, 10),
      places,
      placesTaken,
    });
    const cases: [number, number, string][] = [
      [10, 10, 'FULL'],
      [10, 12, 'FULL'],
      [10, 9, 'FEW'],
      [10, 8, 'FEW'],
      [10, 7, 'AVAILABLE'],
      [50, 45, 'FEW'],
      [50, 44, 'AVAILABLE'],
      [2, 0, 'FEW'],
    ];
    await hub.createIntakes(cases.map(([places, taken]) => band(places, taken)));
    const { data, errors } = await hub.run<{ programme: { upcomingIntakes: { nodes: { id: string; availability: string }[] } } }>(
      `query { programme(id: "bands") { upcomingIntakes(first: 20) { nodes { id availability } } } }`,
    );
    expect(errors).toBeUndefined();
    const got = Object.fromEntries(data!.programme.upcomingIntakes.nodes.map((intake) => [intake.id, intake.availability]));
    expect(got).toEqual(Object.fromEntries(cases.map(([places, taken, expected]) => [band(places, taken).id, expected])));
  });
});

describe('bad input in these fields: a coded error naming the argument, before their SQL', () => {
  it.each([
    ['first', 'Location', 'intakes(first: 0) { totalCount }'],
    ['first', 'Location', 'intakes(first: 101) { totalCount }'],
    ['after', 'Location', 'intakes(after: "garbage") { totalCount }'],
    ['year', 'Organisation', 'participants(year: -1)'],
    ['year', 'Organisation', 'participants(year: 0)'],
    ['year', 'Organisation', 'participants(year: 99999)'],
  ])('%s on %s.%s: no SQL at all', async (argument, typename, field) => {
    const { errors, statements } = await hub.run(ENTITIES(`... on ${typename} { ${field} }`), representations(typename, ['anything']));
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(statements).toBe(0);
  });

  it.each([
    ['first', 'upcomingIntakes(first: 0) { totalCount }'],
    ['first', 'upcomingIntakes(first: 101) { totalCount }'],
    ['after', 'upcomingIntakes(after: "garbage") { totalCount }'],
    ['year', 'participation(year: -2021) { year }'],
  ])('%s on Programme.%s: only the programme is read', async (argument, field) => {
    const { errors, statements } = await hub.run(`query { programme(id: "jcre-programm-jobakademie") { id ${field} } }`, {}, VIEWER);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(statements).toBe(1);
  });
});

describe('sends the same number of SQL statements for 1 and for 50 parents (no N+1)', () => {
  const N = 50;
  beforeAll(async () => {
    await hub.createProgrammes(
      Array.from({ length: N }, (_, i) => ({ id: `n1-programme-${i}`, operatorId: `n1-operator-${i}`, venueIds: [`n1-location-${i}`] })),
    );
    await hub.createIntakes(
      Array.from({ length: N }, (_, i) => ({
        id: `n1-intake-${i}`,
        programme: `n1-programme-${i}`,
        venueId: `n1-location-${i}`,
        startsOn: addDays(TODAY, 1 + (i % 20)),
        places: i + 1,
      })),
    );
    await hub.createFigures(
      Array.from({ length: N }, (_, i) => ({
        id: `n1-figure-${i}`,
        programme: `n1-programme-${i}`,
        year: 2025,
        venueId: `n1-location-${i}`,
        participants: i,
      })),
    );
  });

  const query = ENTITIES(`
    ... on Programme { id upcomingIntakes { nodes { id venue { id } programme { id } } } participation { participants venue { id } } }
    ... on Location { id programmePlaces intakes(kind: INDIVIDUAL_COACHING) { nodes { id programme { id } } } }
    ... on Organisation { id participants(year: 2025) }`);

  type Entity = {
    id: string;
    upcomingIntakes?: { nodes: { id: string; programme: { id: string } }[] };
    participation?: { participants: number }[];
    programmePlaces?: number;
    intakes?: { nodes: { id: string; programme: { id: string } }[] };
    participants?: number | null;
  };

  /** What each parent should show: its own intake and figure, not a neighbour's. */
  const summary = (entity: Entity) =>
    [
      (entity.upcomingIntakes ?? entity.intakes)?.nodes.map((intake) => `${intake.id}/${intake.programme.id}`).join(),
      entity.participation?.map((figure) => figure.participants).join(),
      entity.programmePlaces,
      entity.participants,
    ]
      .filter((part) => part !== undefined)
      .join(' ');

  it.each([
    ['Programme', 'n1-programme', (i: number) => `n1-intake-${i}/n1-programme-${i} ${i}`],
    ['Location', 'n1-location', (i: number) => `n1-intake-${i}/n1-programme-${i} ${i + 1}`],
    ['Organisation', 'n1-operator', (i: number) => `${i}`],
  ])('for %s', async (typename, prefix, expected) => {
    const run = (n: number) =>
      hub.run<{ _entities: Entity[] }>(
        query,
        representations(
          typename,
          Array.from({ length: n }, (_, i) => `${prefix}-${i}`),
        ),
        VIEWER,
      );
    const one = await run(1);
    const fifty = await run(N);
    expect(fifty.errors).toBeUndefined();
    expect(fifty.data!._entities.map(summary)).toEqual(Array.from({ length: N }, (_, i) => expected(i)));
    expect(one.statements).toBeGreaterThan(0);
    expect(fifty.statements).toBe(one.statements);
  });

  it("for a Jobcenter dashboard's programmes, intakes (with their programme) and participants: three statements", async () => {
    // The read lists are one hand-written statement each, mapped to plain objects (read-rows.ts); an
    // intake's programme comes with it, so asking for it sends nothing more.
    const run = (n: number) =>
      hub.run<{
        _entities: { programmes: { nodes: { id: string; upcomingIntakes: Entity['upcomingIntakes'] }[] }; participants: number }[];
      }>(
        ENTITIES(`... on Organisation {
          programmes(first: 100) { totalCount nodes { id name kind upcomingIntakes(first: 10) { totalCount nodes { id startsOn availability venue { id } programme { id name kind } } } } }
          participants(year: 2025) }`),
        representations(
          'Organisation',
          Array.from({ length: n }, (_, i) => `n1-operator-${i}`),
        ),
      );
    const one = await run(1);
    const fifty = await run(N);
    expect(fifty.errors).toBeUndefined();
    expect(fifty.data!._entities.map((entity) => [entity.programmes.nodes.map(summary).join(), entity.participants])).toEqual(
      Array.from({ length: N }, (_, i) => [`n1-intake-${i}/n1-programme-${i}`, i]),
    );
    expect(one.statements).toBe(3);
    expect(fifty.statements).toBe(3);
  });

  it('for the nested lists of a root page of programmes', async () => {
    const run = (first: number) =>
      hub.run<{ programmes: { nodes: Entity[] } }>(
        `query { programmes(search: "n1-programme", first: ${first}) { nodes { id upcomingIntakes { nodes { id programme { id } } } participation { participants } } } }`,
        {},
        VIEWER,
      );
    const one = await run(1);
    const fifty = await run(N);
    expect(fifty.errors).toBeUndefined();
    expect(fifty.data!.programmes.nodes).toHaveLength(N);
    // Page + count, then one statement for the intakes and one for the figures of every programme on the page.
    expect(one.statements).toBe(4);
    expect(fifty.statements).toBe(4);
  });
});
