import { demo } from '@jobcenter-hub/demo';
import { asUser, type Executed, execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { createPartnersOrmConfig } from '../src/mikro-orm.config';
import { Liaison, MeetingFrequency } from '../src/modules/liaison/liaison.entity';
import { Partner, PartnerCategory } from '../src/modules/partner/partner.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

const KINDERHAUS_PLACEMENT = demo.demoIds.msTeam('kinderhaus', 'vermittlung');
const invented = demo.illustrative('test data');
/** Liaisons (and so a unit's partners) are internal: a signed-in viewer may read them. */
const VIEWER = asUser(demo.demoIds.jobcenterMuenster, 'viewer');

/** What `openNow` takes as now: Wednesday 2 December 2026, 10:00 in Münster: the Südost café is open, nothing else meets. */
const NOW = new Date('2026-12-02T09:00:00Z');

const subgraph = useTestSubgraph({
  database: 'partners',
  createConfig: createPartnersOrmConfig,
  seed: (em) => seedIfEmpty(em),
  createServer: (orm, options) => createServer(orm, { ...options, now: () => NOW }),
  // Districts (Partner.districts) and the grants of references are asked of the real peers.
  peers: ['organisations', 'locations'],
});

/**
 * Writes `count` partners, each in its own invented district, each with a liaison to its own invented
 * unit; Jobcenter Münster owns them all, and the districts and units count as its own (stored owners).
 */
async function createBulk(prefix: string, count: number, archived: (i: number) => boolean = () => false) {
  const em = subgraph.orm.em.fork();
  for (let i = 0; i < count; i += 1) {
    const partner = em.create(Partner, {
      id: `${prefix}-partner-${i}`,
      name: `${prefix} partner ${String(i).padStart(2, '0')}`,
      category: PartnerCategory.KITA,
      districtIds: [`${prefix}-district-${i}`],
      districtOwnerIds: [demo.demoIds.jobcenterMuenster],
      archivedAt: archived(i) ? new Date() : undefined,
      ownerId: demo.demoIds.jobcenterMuenster,
      source: invented,
    });
    em.create(Liaison, {
      id: `${prefix}-liaison-${i}`,
      unitId: `${prefix}-unit-${i}`,
      unitOwnerId: demo.demoIds.jobcenterMuenster,
      partner,
      since: '2019-03-01',
      meetingFrequency: MeetingFrequency.MONTHLY,
      ownerId: demo.demoIds.jobcenterMuenster,
      source: invented,
    });
  }
  await em.flush();
}

const representations = (typename: string, ids: string[]) => ({ representations: ids.map((id) => ({ __typename: typename, id })) });

interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every partner name of the seed, in the list's order. */
async function allPartnerNames(): Promise<string[]> {
  const { data, errors } = await execute<{ partners: Connection<{ name: string }> }>(
    subgraph.parts,
    `query { partners(first: 100) { nodes { name } } }`,
  );
  expect(errors).toBeUndefined();
  return data!.partners.nodes.map((partner) => partner.name);
}

describe('partners subgraph', () => {
  it('seeds once: a second run writes nothing', async () => {
    expect(await seedIfEmpty(subgraph.orm.em.fork())).toBe(false);
    expect(await subgraph.orm.em.fork().count(Partner, {})).toBe(16);
  });

  it('seeds invented partners of every category in every Münster district, marked as illustrative', async () => {
    const { data, errors } = await execute<{
      partners: Connection<{ category: string; email: string | null; districts: { id: string }[]; source: { kind: string } }>;
    }>(subgraph.parts, `query { partners(first: 100) { totalCount nodes { category email districts { id } source { kind } } } }`);
    expect(errors).toBeUndefined();
    const partners = data!.partners.nodes;
    expect(data!.partners.totalCount).toBe(16);
    expect(new Set(partners.map((partner) => partner.category))).toEqual(new Set(Object.values(PartnerCategory)));
    const served = new Set(partners.flatMap((partner) => partner.districts.map((district) => district.id)));
    expect([...served].sort()).toEqual(demo.MUENSTER_DISTRICTS.map((district) => district.slug).sort());
    expect(partners.every((partner) => partner.source.kind === 'ILLUSTRATIVE' && partner.email?.endsWith('.example.org'))).toBe(true);
  });

  it('lists the Kitas of Münster-Nord by name', async () => {
    const { data, errors } = await execute<{ partners: Connection<{ name: string }> }>(
      subgraph.parts,
      `query { partners(category: KITA, districtId: "muenster-nord") { totalCount nodes { name } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.partners.nodes.map((partner) => partner.name)).toEqual(['Kita Pusteblume', 'Kita Sonnenblume']);
    expect(data!.partners.totalCount).toBe(2);
  });

  it("gives a Münster city district's partners of one category (District.partners)", async () => {
    const { data, errors } = await execute<{ _entities: { cafes: Connection<{ name: string; category: string }> }[] }>(
      subgraph.parts,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on District { cafes: partners(category: COUNSELLING_CAFE) { totalCount nodes { name category } } } } }`,
      representations('District', ['muenster-mitte']),
    );
    expect(errors).toBeUndefined();
    const [mitte] = data!._entities;
    expect(mitte.cafes.nodes).toEqual([
      { name: 'Beratungscafé Rat & Tat', category: 'COUNSELLING_CAFE' },
      { name: 'Stadtteilcafé Wolbecker Straße', category: 'COUNSELLING_CAFE' },
    ]);
    expect(mitte.cafes.totalCount).toBe(2);
  });

  it('returns null for an unknown id, without an error', async () => {
    const { data, errors } = await execute(subgraph.parts, `query { partner(id: "no-such-id") { id } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ partner: null });
  });

  it('rejects an unknown enum value with a coded error', async () => {
    const { errors } = await execute(subgraph.parts, `query { partners(category: BAKERY) { totalCount } }`);
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  describe('pagination', () => {
    it('walks the partners in pages that join up without gaps or repeats', async () => {
      const all = await allPartnerNames();
      const walked: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages += 1) {
        const result: Executed<{ partners: Connection<{ name: string }> }> = await execute(
          subgraph.parts,
          `query ($after: String) { partners(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } }`,
          { after },
        );
        expect(result.errors).toBeUndefined();
        const page = result.data!.partners;
        expect(page.totalCount).toBe(16);
        walked.push(...page.nodes.map((partner) => partner.name));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(walked).toEqual(all);
      expect(new Set(walked).size).toBe(16);
      expect(walked).toEqual([...walked].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it("walks a district's partners (a batched nested list) in pages that join up", async () => {
      const query = `query ($representations: [_Any!]!, $after: String) { _entities(representations: $representations) {
        ... on District { partners(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } } } }`;
      const walked: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let pages = 0; pages < 10; pages += 1) {
        const result: Executed<{ _entities: { partners: Connection<{ name: string }> }[] }> = await execute(subgraph.parts, query, {
          ...representations('District', ['muenster-nord']),
          after,
        });
        expect(result.errors).toBeUndefined();
        const page: Connection<{ name: string }> = result.data!._entities[0]!.partners;
        total = page.totalCount;
        walked.push(...page.nodes.map((partner) => partner.name));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(total).toBe(5);
      expect(walked).toEqual([
        'Ehrenamtliche Lernpaten Nord',
        'Kita Pusteblume',
        'Kita Sonnenblume',
        'Mobile Jugendarbeit Nord-Ost',
        'Nachbarschaftstreff Nord',
      ]);
    });

    it('gives an empty last page and no cursor after the end', async () => {
      const { data } = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query { partners(first: 100) { pageInfo { endCursor } } }`,
      );
      const { data: rest, errors } = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query ($after: String) { partners(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } }`,
        { after: data!.partners.pageInfo.endCursor },
      );
      expect(errors).toBeUndefined();
      expect(rest!.partners).toEqual({ totalCount: 16, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
    });
  });

  describe('bad input: a coded error naming the argument, before any SQL', () => {
    const longSearch = 'x'.repeat(101);
    const liaisonCursor = Buffer.from(JSON.stringify(['liaison-x'])).toString('base64url');
    it.each([
      ['first', 'partners(first: 0)'],
      ['first', 'partners(first: 101)'],
      ['first', 'partners(first: -1)'],
      ['after', 'partners(after: "garbage")'],
      ['after', `partners(after: "${liaisonCursor}")`],
      ['search', 'partners(search: "  ")'],
      ['search', `partners(search: "${longSearch}")`],
      ['districtId', 'partners(districtId: "not an id")'],
      ['openAt', 'partners(openNow: true, openAt: "2026-12-01T10:00:00Z")'],
    ])('%s: %s', async (argument, field) => {
      const { data, errors, statements } = await execute(subgraph.parts, `query { ${field} { totalCount } }`);
      expect(data).toBeUndefined();
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(errors?.[0]?.message).toMatch(new RegExp(`^${argument}: `));
      expect(statements).toBe(0);
    });

    it.each([
      ['District', 'partners(first: 0)', 'first'],
      ['District', 'partners(after: "garbage")', 'after'],
      ['District', 'partners(search: "")', 'search'],
      ['OrganisationUnit', 'partners(first: 101)', 'first'],
      ['OrganisationUnit', 'liaisons(after: "garbage")', 'after'],
    ])('nested on %s: %s', async (typename, field, argument) => {
      const { errors, statements } = await execute(
        subgraph.parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${field} { totalCount } } } }`,
        representations(typename, ['muenster-nord']),
        VIEWER,
      );
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(statements).toBe(0);
    });

    it('rejects a malformed openAt in GraphQL validation', async () => {
      const { errors, statements } = await execute(subgraph.parts, `query { partners(openAt: "next tuesday") { totalCount } }`);
      expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(statements).toBe(0);
    });
  });

  describe('search ignores case, umlauts and ß spelling', () => {
    beforeAll(async () => {
      const em = subgraph.orm.em.fork();
      em.create(Partner, {
        id: 'search-tafel',
        name: 'Münstersche Tafel',
        category: PartnerCategory.OTHER_SOCIAL_SERVICE,
        districtIds: ['search-district'],
        ownerId: 'search-tafel',
        source: invented,
      });
      await em.flush();
    });

    it.each(['Münster', 'Munster', 'Muenster', 'MÜNSTERSCHE', 'münstersche taf'])('%s finds the Münstersche Tafel', async (search) => {
      const { data, errors } = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query ($search: String) { partners(search: $search) { totalCount nodes { name } } }`,
        { search },
      );
      expect(errors).toBeUndefined();
      expect(data!.partners.nodes.map((partner) => partner.name)).toEqual(['Münstersche Tafel']);
      expect(data!.partners.totalCount).toBe(1);
    });

    it.each(['Straße', 'Strasse', 'strasse', 'Wolbecker Strasse'])('%s finds the Stadtteilcafé Wolbecker Straße', async (search) => {
      const { data } = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query ($search: String) { partners(search: $search) { nodes { name } } }`,
        {
          search,
        },
      );
      expect(data!.partners.nodes.map((partner) => partner.name)).toEqual(['Stadtteilcafé Wolbecker Straße']);
    });

    it('finds Südost as Suedost and Sudost, combined with a category and across pages', async () => {
      for (const search of ['Südost', 'Suedost', 'sudost']) {
        const { data } = await execute<{ partners: Connection<{ name: string }> }>(
          subgraph.parts,
          `query ($search: String) { partners(search: $search) { totalCount nodes { name } } }`,
          { search },
        );
        expect(data!.partners.nodes.map((partner) => partner.name)).toEqual([
          'Beratungscafé Treffpunkt Südost',
          'Nachbarschaftshilfe Hiltrup-Südost',
          'Stadtteilforum Südost',
        ]);
      }
      const first = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query { partners(search: "suedost", category: NEIGHBOURHOOD_INITIATIVE) { totalCount nodes { name } } }`,
      );
      expect(first.data!.partners).toEqual({ totalCount: 1, nodes: [{ name: 'Stadtteilforum Südost' }] });
      const paged = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query { partners(search: "suedost", first: 2) { totalCount pageInfo { endCursor } nodes { name } } }`,
      );
      const next = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query ($after: String) { partners(search: "suedost", first: 2, after: $after) { totalCount pageInfo { hasNextPage } nodes { name } } }`,
        { after: paged.data!.partners.pageInfo.endCursor },
      );
      expect(next.errors).toBeUndefined();
      expect(next.data!.partners).toEqual({ totalCount: 3, pageInfo: { hasNextPage: false }, nodes: [{ name: 'Stadtteilforum Südost' }] });
    });

    it('treats % and _ as themselves', async () => {
      const { data, errors } = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query { partners(search: "%") { totalCount } }`,
      );
      expect(errors).toBeUndefined();
      expect(data!.partners.totalCount).toBe(0);
    });

    it('searches the nested lists of districts and units too', async () => {
      const { data, errors } = await execute<{
        _entities: { partners: Connection<{ name: string }> }[];
      }>(
        subgraph.parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on District { partners(search: "strasse") { totalCount nodes { name } } }
          ... on OrganisationUnit { partners(search: "NACHBARSCHAFTSTREFF") { totalCount nodes { name } } } } }`,
        {
          representations: [
            { __typename: 'District', id: 'muenster-ost' },
            { __typename: 'OrganisationUnit', id: KINDERHAUS_PLACEMENT },
          ],
        },
        VIEWER,
      );
      expect(errors).toBeUndefined();
      expect(data!._entities.map((parent) => parent.partners.nodes.map((partner) => partner.name))).toEqual([
        ['Stadtteilcafé Wolbecker Straße'],
        ['Nachbarschaftstreff Nord'],
      ]);
    });
  });

  describe('meetings and café hours', () => {
    const meetingsOf = (id: string, times: string[]) =>
      execute<{
        partner: {
          meetings: {
            title: string;
            kind: string;
            place: string | null;
            source: { kind: string; citation: string };
            schedule: { openingHours: string; weekly: unknown[]; monthly: unknown[]; exceptions: { date: string }[] } & Record<
              string,
              boolean | unknown
            >;
          }[];
        };
      }>(
        subgraph.parts,
        `query ($id: ID!) { partner(id: $id) { meetings { title kind place source { kind citation }
          schedule { openingHours weekly { day } monthly { week day opens closes } exceptions { date } ${times.map((time, i) => `t${i}: openAt(time: "${time}")`).join(' ')} } } } }`,
        { id },
      );

    it("gives the counselling café's weekly café hours, closed on public holidays", async () => {
      const { data, errors } = await meetingsOf('partner-cafe-rat-und-tat', [
        '2026-05-19T08:30:00Z', // Tuesday 10:30 in Münster (CEST)
        '2026-05-19T10:00:00Z', // Tuesday 12:00: just closed
        '2026-05-21T13:30:00Z', // Thursday 15:30
        '2026-05-14T13:30:00Z', // Thursday 15:30, but Ascension Day (Christi Himmelfahrt)
        '2026-12-01T09:30:00Z', // Tuesday 10:30 in winter (CET)
      ]);
      expect(errors).toBeUndefined();
      const [cafe] = data!.partner.meetings;
      expect(cafe).toMatchObject({ title: 'Offenes Beratungscafé', kind: 'CAFE_HOURS', place: null, source: { kind: 'ILLUSTRATIVE' } });
      expect(cafe.source.citation).toMatch(/invented/);
      expect(cafe.schedule.openingHours).toBe('Tu 10:00-12:00; Th 15:00-17:00; PH off');
      expect([0, 1, 2, 3, 4].map((i) => cafe.schedule[`t${i}`])).toEqual([true, false, true, false, true]);
    });

    it("gives a neighbourhood initiative's monthly meeting as a rule: the first Tuesday of every month", async () => {
      const { data, errors } = await meetingsOf('partner-nachbarschaftstreff-nord', [
        '2026-12-01T17:30:00Z', // first Tuesday of December, 18:30 in Münster
        '2026-12-08T17:30:00Z', // second Tuesday: no meeting
        '2027-01-05T19:30:00Z', // first Tuesday of January, 20:30: just over
        '2027-01-05T18:59:00Z', // 19:59: still on
        '2031-07-01T16:30:00Z', // first Tuesday of July 2031, 18:30 (CEST): years ahead, still on
      ]);
      expect(errors).toBeUndefined();
      const [meeting] = data!.partner.meetings;
      expect(meeting).toMatchObject({
        title: 'Offenes Treffen',
        kind: 'MEETING',
        place: 'Stadtteilbüro Nord',
        source: { kind: 'ILLUSTRATIVE' },
      });
      expect(meeting.schedule.weekly).toEqual([]);
      expect(meeting.schedule.exceptions).toEqual([]);
      expect(meeting.schedule.monthly).toEqual([{ week: 1, day: 'TU', opens: '18:00', closes: '20:00' }]);
      expect(meeting.schedule.openingHours).toBe('Tu[1] 18:00-20:00');
      expect([0, 1, 2, 3, 4].map((i) => meeting.schedule[`t${i}`])).toEqual([true, false, false, true, true]);
    });

    it('gives partners without meetings an empty list', async () => {
      const { data } = await meetingsOf('partner-kita-sonnenblume', []);
      expect(data!.partner.meetings).toEqual([]);
    });
  });

  describe('openAt / openNow', () => {
    const names = (data: { partners: Connection<{ name: string }> } | undefined) => data!.partners.nodes.map((partner) => partner.name);

    it('lists the partners meeting at an instant, in a few statements', async () => {
      const evening = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query { partners(openAt: "2026-12-01T17:30:00Z") { totalCount nodes { name } } }`,
      );
      expect(evening.errors).toBeUndefined();
      expect(names(evening.data)).toEqual(['Nachbarschaftstreff Nord']);
      expect(evening.statements).toBe(3); // candidates meeting that day, the page, the count
      const morning = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query { partners(openAt: "2026-12-01T09:30:00Z") { nodes { name } } }`,
      );
      expect(names(morning.data)).toEqual(['Beratungscafé Rat & Tat']);
      const holiday = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query { partners(openAt: "2026-05-14T13:30:00Z") { totalCount } }`,
      );
      expect(holiday.data!.partners.totalCount).toBe(0);
    });

    it('takes openNow from the clock (fixed here: Wednesday 10:00), with other filters', async () => {
      const open = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query { partners(openNow: true) { totalCount nodes { name } } }`,
      );
      expect(open.errors).toBeUndefined();
      expect(names(open.data)).toEqual(['Beratungscafé Treffpunkt Südost']);
      const closed = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query { partners(openNow: false, category: COUNSELLING_CAFE) { totalCount nodes { name } } }`,
      );
      expect(names(closed.data)).toEqual(['Beratungscafé Rat & Tat', 'Stadtteilcafé Wolbecker Straße']);
      const elsewhere = await execute<{ partners: Connection<{ name: string }> }>(
        subgraph.parts,
        `query { partners(openNow: true, districtId: "muenster-nord") { totalCount } }`,
      );
      expect(elsewhere.data!.partners.totalCount).toBe(0);
    });
  });

  describe('partner counts per category', () => {
    it('counts every category in a district, zeros included, in one statement', async () => {
      const { data, errors, statements } = await execute<{
        _entities: { id: string; partnerCounts: { category: string; count: number }[]; partners: { totalCount: number } }[];
      }>(
        subgraph.parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on District { id partnerCounts { category count } } } }`,
        representations('District', ['muenster-ost', 'muenster-nord', 'unknown-district']),
      );
      expect(errors).toBeUndefined();
      expect(statements).toBe(1);
      const [ost, nord, unknown] = data!._entities;
      expect(ost.partnerCounts).toEqual([
        { category: 'KITA', count: 0 },
        { category: 'VOLUNTEER_INITIATIVE', count: 0 },
        { category: 'COUNSELLING_CAFE', count: 1 },
        { category: 'NEIGHBOURHOOD_INITIATIVE', count: 1 },
        { category: 'STREET_WORK', count: 1 },
        { category: 'OTHER_SOCIAL_SERVICE', count: 1 },
      ]);
      expect(nord.partnerCounts.find((count) => count.category === 'KITA')?.count).toBe(2);
      expect(nord.partnerCounts.reduce((sum, count) => sum + count.count, 0)).toBe(5);
      expect(unknown.partnerCounts.every((count) => count.count === 0)).toBe(true);
    });
  });

  describe('liaisons', () => {
    it('gives a partner its liaisons as a connection', async () => {
      const { data, errors } = await execute<{ partner: { liaisons: Connection<{ unit: { id: string } }> } }>(
        subgraph.parts,
        `query { partner(id: "partner-mobile-jugendarbeit-nord-ost") { liaisons(first: 2) { totalCount nodes { unit { id } } } } }`,
        {},
        VIEWER,
      );
      expect(errors).toBeUndefined();
      // Street work in Nord and Ost: the placement teams of Kinderhaus, Coerde and Ost.
      expect(data!.partner.liaisons.totalCount).toBe(3);
      expect(data!.partner.liaisons.nodes).toHaveLength(2);
    });

    it('are internal: anonymous callers get the public fields, and null with UNAUTHENTICATED for liaisons and a unit’s partners', async () => {
      const { data, errors } = await execute<{
        partner: { name: string; liaisons: unknown };
        _entities: { id: string; liaisons: unknown; partners: unknown }[];
      }>(
        subgraph.parts,
        `query ($representations: [_Any!]!) {
          partner(id: "partner-mobile-jugendarbeit-nord-ost") { name liaisons { totalCount } }
          _entities(representations: $representations) { ... on OrganisationUnit { id liaisons { totalCount } partners { totalCount } } } }`,
        representations('OrganisationUnit', [KINDERHAUS_PLACEMENT]),
      );
      expect(data).toEqual({
        partner: { name: 'Mobile Jugendarbeit Nord-Ost', liaisons: null },
        _entities: [{ id: KINDERHAUS_PLACEMENT, liaisons: null, partners: null }],
      });
      expect(errors?.map((error) => [error.path?.join('.'), error.extensions?.code]).sort()).toEqual([
        ['_entities.0.liaisons', 'UNAUTHENTICATED'],
        ['_entities.0.partners', 'UNAUTHENTICATED'],
        ['partner.liaisons', 'UNAUTHENTICATED'],
      ]);
    });
  });

  describe('_entities', () => {
    it('resolves Partner references, and null for unknown ids', async () => {
      const { data, errors } = await execute<{ _entities: ({ id: string; name: string; category: string } | null)[] }>(
        subgraph.parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on Partner { id name category } } }`,
        representations('Partner', ['partner-nachbarschaftstreff-nord', 'unknown']),
      );
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([
        { id: 'partner-nachbarschaftstreff-nord', name: 'Nachbarschaftstreff Nord', category: 'NEIGHBOURHOOD_INITIATIVE' },
        null,
      ]);
    });

    it('gives District references their partners, also those serving two districts', async () => {
      const { data, errors } = await execute<{
        _entities: { id: string; initiatives: Connection<{ name: string }>; partners: Connection<{ name: string }> }[];
      }>(
        subgraph.parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on District { id initiatives: partners(category: NEIGHBOURHOOD_INITIATIVE) { nodes { name } } partners { totalCount nodes { name } } } } }`,
        representations('District', ['muenster-nord', 'muenster-ost', 'unknown-district']),
      );
      expect(errors).toBeUndefined();
      const [nord, ost, unknown] = data!._entities;
      expect(nord.initiatives.nodes.map((partner) => partner.name)).toEqual(['Nachbarschaftstreff Nord']);
      expect(nord.partners.nodes.map((partner) => partner.name)).toContain('Kita Sonnenblume');
      for (const district of [nord, ost])
        expect(district.partners.nodes.map((partner) => partner.name)).toContain('Mobile Jugendarbeit Nord-Ost');
      expect(unknown).toEqual({ id: 'unknown-district', initiatives: { nodes: [] }, partners: { totalCount: 0, nodes: [] } });
    });

    it("gives a branch office's placement team the initiatives and street work of its district", async () => {
      const { data, errors } = await execute<{
        _entities: {
          partners: Connection<{ name: string }>;
          streetWork: Connection<{ name: string }>;
          liaisons: Connection<{ activity: string; source: { kind: string }; unit: { id: string }; partner: { name: string } }>;
        }[];
      }>(
        subgraph.parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on OrganisationUnit { partners { nodes { name } } streetWork: partners(category: STREET_WORK) { nodes { name } }
            liaisons { totalCount nodes { activity source { kind } unit { id } partner { name } } } } } }`,
        representations('OrganisationUnit', [KINDERHAUS_PLACEMENT]),
        VIEWER,
      );
      expect(errors).toBeUndefined();
      const [team] = data!._entities;
      expect(team.partners.nodes.map((partner) => partner.name)).toEqual(['Mobile Jugendarbeit Nord-Ost', 'Nachbarschaftstreff Nord']);
      expect(team.streetWork.nodes.map((partner) => partner.name)).toEqual(['Mobile Jugendarbeit Nord-Ost']);
      expect(team.liaisons.totalCount).toBe(2);
      expect(team.liaisons.nodes.every((liaison) => liaison.source.kind === 'ARTICLE' && liaison.unit.id === KINDERHAUS_PLACEMENT)).toBe(
        true,
      );
      expect(team.liaisons.nodes.find((liaison) => liaison.partner.name === 'Nachbarschaftstreff Nord')?.activity).toBe(
        "attends the neighbourhood initiative's meetings",
      );
    });

    describe('with 50 more partners, districts and units', () => {
      beforeAll(() => createBulk('bulk', 50));

      /** Runs `query` for the first 1 and the first 50 bulk references and expects the same statement count. */
      async function expectBounded<T>(typename: string, idOf: (i: number) => string, query: string, check: (fifty: T) => void) {
        const run = (n: number) =>
          execute<T>(
            subgraph.parts,
            query,
            representations(
              typename,
              Array.from({ length: n }, (_, i) => idOf(i)),
            ),
            VIEWER,
          );
        const one = await run(1);
        const fifty = await run(50);
        expect(one.errors).toBeUndefined();
        expect(fifty.errors).toBeUndefined();
        check(fifty.data!);
        expect(one.statements).toBeGreaterThan(0);
        expect(fifty.statements).toBe(one.statements);
        return one.statements;
      }

      it('sends the same number of SQL statements for 1 and for 50 District references (no N+1)', async () => {
        await expectBounded<{ _entities: { partners: Connection<{ liaisons: Connection<unknown> }> }[] }>(
          'District',
          (i) => `bulk-district-${i}`,
          `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on District { id partners { totalCount nodes { id name districts { id } meetings { title } liaisons { nodes { id unit { id } } } } } } } }`,
          (fifty) =>
            expect(
              fifty._entities.every(
                (district) => district.partners.totalCount === 1 && district.partners.nodes[0]!.liaisons.nodes.length === 1,
              ),
            ).toBe(true),
        );
      });

      it('sends one statement per filter for District.partners(category, search) and partnerCounts, for 1 and for 50', async () => {
        const statements = await expectBounded<{
          _entities: { kitas: Connection<unknown>; searched: Connection<unknown>; partnerCounts: { count: number }[] }[];
        }>(
          'District',
          (i) => `bulk-district-${i}`,
          `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on District { kitas: partners(category: KITA) { totalCount } searched: partners(search: "BULK partner") { totalCount } partnerCounts { count } } } }`,
          (fifty) =>
            expect(
              fifty._entities.every(
                (district) =>
                  district.kitas.totalCount === 1 && district.searched.totalCount === 1 && district.partnerCounts[0]!.count === 1,
              ),
            ).toBe(true),
        );
        expect(statements).toBe(3);
      });

      it('sends the same number of SQL statements for 1 and for 50 OrganisationUnit references (no N+1)', async () => {
        const statements = await expectBounded<{
          _entities: {
            partners: Connection<{ name: string }>;
            kitas: Connection<unknown>;
            liaisons: Connection<{ since: string; meetingFrequency: string }>;
          }[];
        }>(
          'OrganisationUnit',
          (i) => `bulk-unit-${i}`,
          `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on OrganisationUnit { id partners { nodes { id name } } kitas: partners(category: KITA, search: "bulk") { totalCount }
              liaisons { nodes { since meetingFrequency partner { name } } } } } }`,
          (fifty) => {
            expect(fifty._entities.every((unit) => unit.partners.nodes.length === 1 && unit.kitas.totalCount === 1)).toBe(true);
            expect(fifty._entities[0]!.liaisons.nodes).toEqual([
              { since: '2019-03-01', meetingFrequency: 'MONTHLY', partner: { name: 'bulk partner 00' } },
            ]);
          },
        );
        // liaisons; partners by id (shared by `partners` and `Liaison.partner`); partners by id matching the filter.
        expect(statements).toBe(3);
      });

      it('sends the same number of SQL statements for 1 and for 50 Partner references (no N+1)', async () => {
        await expectBounded<{ _entities: { liaisons: Connection<{ partner: { id: string } }> }[] }>(
          'Partner',
          (i) => `bulk-partner-${i}`,
          `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on Partner { id name meetings { title } districts { id } liaisons { totalCount nodes { unit { id } partner { id } } } } } }`,
          (fifty) => expect(fifty._entities.every((partner) => partner.liaisons.nodes.length === 1)).toBe(true),
        );
      });
    });
  });

  it('leaves archived partners out of every list and count', async () => {
    await createBulk('archive', 2, (i) => i === 1);
    const { data, errors } = await execute<{
      _entities: { partners?: Connection<{ id: string }>; partnerCounts?: { count: number }[] }[];
      partners: Connection<{ id: string }>;
    }>(
      subgraph.parts,
      `query ($representations: [_Any!]!) {
        partners(districtId: "archive-district-1") { totalCount nodes { id } }
        _entities(representations: $representations) {
          ... on District { partners { nodes { id } } partnerCounts { count } }
          ... on OrganisationUnit { partners { nodes { id } } } } }`,
      {
        representations: [
          { __typename: 'District', id: 'archive-district-0' },
          { __typename: 'District', id: 'archive-district-1' },
          { __typename: 'OrganisationUnit', id: 'archive-unit-1' },
        ],
      },
      VIEWER,
    );
    expect(errors).toBeUndefined();
    expect(data!.partners).toEqual({ totalCount: 0, nodes: [] });
    const [zero, one, unit] = data!._entities;
    expect(zero.partners!.nodes).toEqual([{ id: 'archive-partner-0' }]);
    expect(zero.partnerCounts!.reduce((sum, count) => sum + count.count, 0)).toBe(1);
    expect(one.partners!.nodes).toEqual([]);
    expect(one.partnerCounts!.every((count) => count.count === 0)).toBe(true);
    expect(unit.partners!.nodes).toEqual([]);
  });

  describe('references between publishers at read time', () => {
    const RE = demo.demoIds.jobcenterRecklinghausen;
    const MS = demo.demoIds.jobcenterMuenster;
    const RE_UNIT = 'jcre-bezirksstelle-datteln';

    /** A GRANTS_REFERENCES link from `granter` to `grantee` in the organisations peer; returns how to revoke it. */
    async function grant(granter: string, grantee: string): Promise<() => Promise<void>> {
      const organisations = subgraph.peers.organisations!.parts;
      const created = await execute<{ createOrganisationLink: { id: string; version: number } }>(
        organisations,
        `mutation ($input: CreateOrganisationLinkInput!) { createOrganisationLink(input: $input) { id version } }`,
        { input: { organisationId: granter, linkedId: grantee, relation: 'GRANTS_REFERENCES' } },
        asUser(granter, 'editor'),
      );
      expect(created.errors).toBeUndefined();
      return async () => {
        const archived = await execute(
          organisations,
          `mutation ($id: ID!, $version: Int!) { archiveOrganisationLink(id: $id, version: $version) { id } }`,
          created.data!.createOrganisationLink,
          asUser(granter, 'editor'),
        );
        expect(archived.errors).toBeUndefined();
      };
    }

    it("shows Münster's liaison with a Recklinghausen unit, and Datteln's partner in Münster-Nord, only while granted", async () => {
      // Written directly, as granted writes would store them.
      const em = subgraph.orm.em.fork();
      em.create(Liaison, {
        id: 'liaison-foreign-unit',
        unitId: RE_UNIT,
        unitOwnerId: RE,
        partner: em.getReference(Partner, 'partner-kita-sonnenblume'),
        ownerId: MS,
        source: invented,
      });
      em.create(Partner, {
        id: 'partner-datteln-in-nord',
        name: 'Kita Datteln',
        category: PartnerCategory.KITA,
        districtIds: ['muenster-nord'],
        districtOwnerIds: ['stadt-muenster'],
        ownerId: 'stadt-datteln',
        source: invented,
      });
      await em.flush();
      type Answer = {
        partners: Connection<{ id: string }>;
        _entities: { liaisons?: Connection<{ id: string }>; partners?: Connection<{ id: string }>; districts?: { id: string }[] }[];
      };
      const shown = async () => {
        const { data, errors } = await execute<Answer>(
          subgraph.parts,
          `query { partners(districtId: "muenster-nord", first: 100) { nodes { id } }
            _entities(representations: [{ __typename: "OrganisationUnit", id: "${RE_UNIT}" }, { __typename: "District", id: "muenster-nord" },
              { __typename: "Partner", id: "partner-datteln-in-nord" }]) {
              ... on OrganisationUnit { liaisons { nodes { id } } }
              ... on District { partners(first: 100) { nodes { id } } }
              ... on Partner { districts { id } } } }`,
          {},
          VIEWER,
        );
        expect(errors).toBeUndefined();
        const [unit, district, partner] = data!._entities;
        const datteln = data!.partners.nodes.some((node) => node.id === 'partner-datteln-in-nord');
        expect(district!.partners!.nodes.some((node) => node.id === 'partner-datteln-in-nord')).toBe(datteln);
        expect(partner!.districts).toEqual(datteln ? [{ id: 'muenster-nord' }] : []);
        return { liaison: unit!.liaisons!.nodes.some((node) => node.id === 'liaison-foreign-unit'), datteln };
      };
      expect(await shown()).toEqual({ liaison: false, datteln: false });
      const revokeUnit = await grant(RE, MS);
      const revokeDistrict = await grant('stadt-muenster', 'stadt-datteln');
      expect(await shown()).toEqual({ liaison: true, datteln: true });
      await revokeUnit();
      expect(await shown()).toEqual({ liaison: false, datteln: true });
      await revokeDistrict();
      expect(await shown()).toEqual({ liaison: false, datteln: false });
    });

    it('answers SERVICE_UNAVAILABLE for a list that cannot get the grants, and the rest of the answer still comes', async () => {
      const organisations = subgraph.references.urls.organisations;
      subgraph.references.urls.organisations = 'http://127.0.0.1:9/graphql';
      try {
        const { data, errors } = await execute<{ partner: { name: string }; _entities: ({ partners: unknown } | null)[] }>(
          subgraph.parts,
          `query { partner(id: "partner-kita-sonnenblume") { name }
            _entities(representations: [{ __typename: "District", id: "muenster-nord" }]) { ... on District { partners { totalCount } } } }`,
        );
        expect(errors?.map((error) => [error.path?.join('.'), error.extensions?.code])).toEqual([
          ['_entities.0.partners', 'SERVICE_UNAVAILABLE'],
        ]);
        expect(data!.partner.name).toBe('Kita Sonnenblume');
        expect(data!._entities).toEqual([{ partners: null }]);
      } finally {
        subgraph.references.urls.organisations = organisations;
      }
    });
  });
});
