import { Programme } from '../src/modules/programme/programme.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { ACADEMIES, type Connection, ENTITIES, JOBCENTER, REHAPRO_HOUSE, representations, useProgrammesSubgraph } from './fixture';

const hub = useProgrammesSubgraph();

const ids = (connection: Connection<{ id: string }>) => connection.nodes.map((node) => node.id);

describe('programmes subgraph', () => {
  it('seeds once: a second run writes nothing', async () => {
    expect(await seedIfEmpty(hub.orm.em.fork())).toBe(false);
    expect(await hub.orm.em.fork().count(Programme, { operatorId: JOBCENTER })).toBe(4);
  });

  it("answers the article's facts about the job academies, and leaves unknown numbers null", async () => {
    type Facts = {
      programme: {
        kind: string;
        participantsPerYear: number;
        daysPerWeekMax: number;
        capacityPerYear: number | null;
        eligibility: string | null;
        operator: { id: string };
        venues: { id: string }[];
        source: { kind: string };
      };
    };
    const { data, errors } = await hub.run<Facts>(
      `query { programme(id: "jcre-programm-jobakademie") {
        kind participantsPerYear daysPerWeekMax capacityPerYear eligibility operator { id } venues { id } source { kind } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.programme).toEqual({
      kind: 'JOB_ACADEMY',
      participantsPerYear: 3500,
      daysPerWeekMax: 3,
      // The article gives participants, not places, and no conditions for joining.
      capacityPerYear: null,
      eligibility: null,
      operator: { id: JOBCENTER },
      venues: ACADEMIES.map((id) => ({ id })),
      source: { kind: 'ARTICLE' },
    });
  });

  it('lists the four programmes of Jobcenter Kreis Recklinghausen by name, and filters by kind and venue', async () => {
    type Lists = {
      all: Connection<{ name: string; participantsPerYear: number | null; capacityPerYear: number | null; eligibility: string | null }>;
      rehapro: Connection<{ venues: { id: string }[] }>;
      atAcademy: Connection<{ name: string }>;
    };
    const { data, errors, statements } = await hub.run<Lists>(
      `query { all: programmes(operatorId: "${JOBCENTER}") { totalCount pageInfo { hasNextPage } nodes { name participantsPerYear capacityPerYear eligibility } }
               rehapro: programmes(kind: REHAPRO) { totalCount nodes { venues { id } } }
               atAcademy: programmes(venueId: "${ACADEMIES[1]}") { totalCount nodes { name } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.all.nodes.map((programme) => programme.name)).toEqual([
      'Einzelcoaching in der Jobakademie',
      'Jobakademie',
      'Rehapro',
      'Sofortmaßnahmen',
    ]);
    expect(data!.all.totalCount).toBe(4);
    expect(data!.all.pageInfo.hasNextPage).toBe(false);
    // Only the job academy's figure is in the article; nothing else may carry an invented number.
    expect(data!.all.nodes.filter((programme) => programme.participantsPerYear !== null || programme.capacityPerYear !== null)).toEqual([
      expect.objectContaining({ name: 'Jobakademie', participantsPerYear: 3500, capacityPerYear: null }),
    ]);
    // Eligibility only where the article states who may come.
    expect(data!.all.nodes.filter((programme) => programme.eligibility).map((programme) => programme.name)).toEqual([
      'Einzelcoaching in der Jobakademie',
      'Sofortmaßnahmen',
    ]);
    expect(data!.rehapro).toEqual({ totalCount: 1, nodes: [{ venues: [{ id: REHAPRO_HOUSE }] }] });
    expect(data!.atAcademy).toEqual({ totalCount: 2, nodes: [{ name: 'Einzelcoaching in der Jobakademie' }, { name: 'Jobakademie' }] });
    // Three root lists: a keyset page and a count each.
    expect(statements).toBe(6);
  });

  it('returns null for an unknown id, without an error', async () => {
    const { data, errors } = await hub.run(`query { programme(id: "no-such-id") { id } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ programme: null });
  });

  it('rejects an unknown kind with a coded error', async () => {
    const { errors } = await hub.run(`query { programmes(kind: BAKERY) { totalCount } }`);
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  describe('search', () => {
    beforeAll(async () => {
      await hub.createProgrammes([
        { id: 'search-muenster', name: 'Qualifizierung Münster-Süd, Hafenstraße', operatorId: 'search-operator' },
        { id: 'search-percent', name: '100% Praxis', operatorId: 'search-operator' },
        { id: 'search-archived', name: 'Sofortmaßnahmen (alt)', operatorId: 'search-operator', archivedAt: new Date() },
      ]);
    });

    const search = async (text: string, extra = '') => {
      const { data, errors } = await hub.run<{ programmes: Connection<{ name: string }> }>(
        `query ($text: String) { programmes(search: $text${extra}) { totalCount nodes { name } } }`,
        { text },
      );
      expect(errors).toBeUndefined();
      return data!.programmes.nodes.map((programme) => programme.name);
    };

    it.each([
      ['Sofortmassnahmen', 'Sofortmaßnahmen'],
      ['sofortmaßnahmen', 'Sofortmaßnahmen'],
      ['SOFORTMASSNAHMEN', 'Sofortmaßnahmen'],
      ['Einzelcoaching', 'Einzelcoaching in der Jobakademie'],
      ['einzelcoaching', 'Einzelcoaching in der Jobakademie'],
      ['EINZELCOACHING', 'Einzelcoaching in der Jobakademie'],
      ['muenster-sud', 'Qualifizierung Münster-Süd, Hafenstraße'],
      ['Munster-Sued', 'Qualifizierung Münster-Süd, Hafenstraße'],
      ['hafenstrasse', 'Qualifizierung Münster-Süd, Hafenstraße'],
    ])('finds %s: %s, ignoring case, umlauts and ß spelling', async (text, name) => {
      expect(await search(text)).toEqual([name]);
    });

    it('matches parts of names, combines with other filters, and leaves archived programmes out', async () => {
      expect(await search('akademie')).toEqual(['Einzelcoaching in der Jobakademie', 'Jobakademie']);
      expect(await search('akademie', ', kind: JOB_ACADEMY')).toEqual(['Jobakademie']);
      expect(await search('  rehapro  ')).toEqual(['Rehapro']);
      expect(await search('Bäckerei')).toEqual([]);
    });

    it('treats % and _ as themselves, not as wildcards', async () => {
      expect(await search('%')).toEqual(['100% Praxis']);
      expect(await search('_')).toEqual([]);
    });
  });

  describe('pagination', () => {
    // 25 programmes of one operator; pairs share a name, so the id must break ties.
    const rows = Array.from({ length: 25 }, (_, i) => ({
      id: `page-${String(i).padStart(2, '0')}`,
      name: `Kurs ${String.fromCharCode(65 + Math.floor(i / 2))}`,
      operatorId: 'page-operator',
      venueIds: ['page-location'],
      partnerIds: ['page-partner'],
    }));
    const expected = [...rows].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)).map((row) => row.id);

    beforeAll(async () => {
      await hub.createProgrammes(rows);
    });

    /** Follows endCursor until hasNextPage is false; returns every page. */
    async function walk(fetch: (after: string | null) => Promise<Connection<{ id: string }>>) {
      const pages: Connection<{ id: string }>[] = [];
      let after: string | null = null;
      do {
        const page = await fetch(after);
        pages.push(page);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after && pages.length < 10);
      return pages;
    }

    it('walks the root list in pages that join up without gaps or repeats', async () => {
      const pages = await walk(async (after) => {
        const { data, errors, statements } = await hub.run<{ programmes: Connection<{ id: string }> }>(
          `query ($after: String) { programmes(operatorId: "page-operator", first: 7, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`,
          { after },
        );
        expect(errors).toBeUndefined();
        expect(statements).toBe(2); // keyset page + count, whichever page
        return data!.programmes;
      });
      expect(pages.map((page) => page.nodes.length)).toEqual([7, 7, 7, 4]);
      expect(pages.flatMap(ids)).toEqual(expected);
      expect(pages.every((page) => page.totalCount === 25)).toBe(true);
      expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
    });

    it('defaults to 20 items and allows 100', async () => {
      const { data } = await hub.run<{ small: Connection<{ id: string }>; large: Connection<{ id: string }> }>(
        `query { small: programmes(operatorId: "page-operator") { totalCount pageInfo { hasNextPage } nodes { id } }
                 large: programmes(operatorId: "page-operator", first: 100) { pageInfo { hasNextPage endCursor } nodes { id } } }`,
      );
      expect(ids(data!.small)).toEqual(expected.slice(0, 20));
      expect(data!.small.pageInfo.hasNextPage).toBe(true);
      expect(ids(data!.large)).toEqual(expected);
      expect(data!.large.pageInfo.hasNextPage).toBe(false);
    });

    it.each([
      ['Location', 'page-location'],
      ['Organisation', 'page-operator'],
      ['Partner', 'page-partner'],
    ])('walks %s.programmes in pages that join up', async (typename, id) => {
      const pages = await walk(async (after) => {
        const { data, errors } = await hub.run<{ _entities: { programmes: Connection<{ id: string }> }[] }>(
          `query ($representations: [_Any!]!, $after: String) { _entities(representations: $representations) {
            ... on ${typename} { programmes(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }`,
          { ...representations(typename, [id]), after },
        );
        expect(errors).toBeUndefined();
        return data!._entities[0]!.programmes;
      });
      expect(pages.map((page) => page.nodes.length)).toEqual([10, 10, 5]);
      expect(pages.flatMap(ids)).toEqual(expected);
      expect(pages.every((page) => page.totalCount === 25)).toBe(true);
    });

    // Last in this block: it adds a 26th programme to the operator.
    it('keeps later pages stable when an item is added before the cursor', async () => {
      const first = await hub.run<{ programmes: Connection<{ id: string }> }>(
        `query { programmes(operatorId: "page-operator", first: 5) { pageInfo { endCursor } nodes { id } } }`,
      );
      await hub.createProgrammes([{ id: 'page-00a', name: 'Kurs A', operatorId: 'page-operator' }]);
      const next = await hub.run<{ programmes: Connection<{ id: string }> }>(
        `query ($after: String) { programmes(operatorId: "page-operator", first: 5, after: $after) { nodes { id } } }`,
        { after: first.data!.programmes.pageInfo.endCursor },
      );
      expect(ids(next.data!.programmes)).toEqual(expected.slice(5, 10));
    });
  });

  describe('bad input: a coded error naming the argument, before any SQL', () => {
    const CURSOR_OF_ANOTHER_LIST = Buffer.from(JSON.stringify(['a', 'b', 'c'])).toString('base64url');

    it.each([
      ['first', 'programmes(first: 0)'],
      ['first', 'programmes(first: 101)'],
      ['first', 'programmes(first: -1)'],
      ['after', 'programmes(after: "not a cursor")'],
      ['after', `programmes(after: "${CURSOR_OF_ANOTHER_LIST}")`],
      ['search', 'programmes(search: "   ")'],
      ['search', `programmes(search: "${'x'.repeat(101)}")`],
    ])('%s: %s', async (argument, field) => {
      const { data, errors, statements } = await hub.run(`query { ${field} { totalCount } }`);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(errors?.[0]?.message).toMatch(new RegExp(`^${argument}: `));
      expect(data).toBeUndefined(); // a non-null root field failed
      expect(statements).toBe(0);
    });

    it.each([
      ['first', 'Location', 'programmes(first: 101) { totalCount }'],
      ['after', 'Location', 'programmes(after: "garbage") { totalCount }'],
      ['first', 'Organisation', 'programmes(first: 0) { totalCount }'],
      ['after', 'Partner', 'programmes(after: "garbage") { totalCount }'],
    ])('%s on %s.%s', async (argument, typename, field) => {
      const { errors, statements } = await hub.run(ENTITIES(`... on ${typename} { ${field} }`), representations(typename, ['anything']));
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(statements).toBe(0);
    });
  });

  describe('_entities', () => {
    const programmesOf = (selection: string) => `programmes { nodes { id } ${selection} }`;
    const entities = (references: { __typename: string; id: string }[]) =>
      hub.run<{ _entities: ({ id: string; name?: string; programmes?: { nodes: { id: string }[] } } | null)[] }>(
        ENTITIES(`... on Programme { id name }
          ... on Location { id ${programmesOf('')} }
          ... on Organisation { id ${programmesOf('')} }
          ... on Partner { id ${programmesOf('')} }`),
        { representations: references },
      );
    const nodes = (list: string[]) => ({ nodes: list.map((id) => ({ id })) });

    it('resolves Programme references, and null for unknown ids', async () => {
      const { data, errors } = await entities([
        { __typename: 'Programme', id: 'jcre-programm-rehapro' },
        { __typename: 'Programme', id: 'unknown' },
      ]);
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([{ id: 'jcre-programm-rehapro', name: 'Rehapro' }, null]);
    });

    it('gives each Location the programmes offered there', async () => {
      const { data, errors } = await entities([
        { __typename: 'Location', id: 'loc-jcre-jobakademie-2' },
        { __typename: 'Location', id: REHAPRO_HOUSE },
        { __typename: 'Location', id: 'loc-jcre-bezirksstelle-dorsten' },
        { __typename: 'Location', id: 'loc-nowhere' },
      ]);
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([
        { id: 'loc-jcre-jobakademie-2', programmes: nodes(['jcre-programm-einzelcoaching', 'jcre-programm-jobakademie']) },
        { id: REHAPRO_HOUSE, programmes: nodes(['jcre-programm-rehapro']) },
        { id: 'loc-jcre-bezirksstelle-dorsten', programmes: nodes(['jcre-programm-sofortmassnahmen']) },
        { id: 'loc-nowhere', programmes: nodes([]) },
      ]);
    });

    it('filters Location.programmes and Organisation.programmes by kind, counting only what matches', async () => {
      const { data, errors } = await hub.run<{ _entities: { programmes: Connection<{ name: string }> }[] }>(
        ENTITIES(`... on Location { programmes(kind: JOB_ACADEMY) { totalCount nodes { name } } }
                  ... on Organisation { programmes(kind: REHAPRO) { totalCount nodes { name } } }`),
        {
          representations: [
            { __typename: 'Location', id: ACADEMIES[0] },
            { __typename: 'Organisation', id: JOBCENTER },
          ],
        },
      );
      expect(errors).toBeUndefined();
      expect(data!._entities.map((entity) => entity.programmes)).toEqual([
        { totalCount: 1, nodes: [{ name: 'Jobakademie' }] },
        { totalCount: 1, nodes: [{ name: 'Rehapro' }] },
      ]);
    });

    it('gives each Organisation the programmes it operates', async () => {
      const { data, errors } = await entities([
        { __typename: 'Organisation', id: JOBCENTER },
        { __typename: 'Organisation', id: 'jobcenter-muenster' },
      ]);
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([
        {
          id: JOBCENTER,
          programmes: nodes([
            'jcre-programm-einzelcoaching',
            'jcre-programm-jobakademie',
            'jcre-programm-rehapro',
            'jcre-programm-sofortmassnahmen',
          ]),
        },
        { id: 'jobcenter-muenster', programmes: nodes([]) },
      ]);
    });

    it('gives each Partner its programmes, and leaves archived programmes out everywhere', async () => {
      await hub.createProgrammes([
        { id: 'partner-test-b', partnerIds: ['partner-x', 'partner-y'], venueIds: ['loc-partner-test'] },
        { id: 'partner-test-a', partnerIds: ['partner-y'], venueIds: ['loc-partner-test'] },
        { id: 'partner-test-archived', partnerIds: ['partner-x', 'partner-y'], venueIds: ['loc-partner-test'], archivedAt: new Date() },
      ]);
      const { data, errors } = await entities([
        { __typename: 'Partner', id: 'partner-x' },
        { __typename: 'Partner', id: 'partner-y' },
        { __typename: 'Location', id: 'loc-partner-test' },
        { __typename: 'Organisation', id: 'test-operator' },
      ]);
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([
        { id: 'partner-x', programmes: nodes(['partner-test-b']) },
        { id: 'partner-y', programmes: nodes(['partner-test-a', 'partner-test-b']) },
        { id: 'loc-partner-test', programmes: nodes(['partner-test-a', 'partner-test-b']) },
        { id: 'test-operator', programmes: nodes(['partner-test-a', 'partner-test-b']) },
      ]);
      const listed = await hub.run<{ programmes: Connection<{ id: string }> }>(
        `query { programmes(operatorId: "test-operator") { nodes { id } } }`,
      );
      expect(ids(listed.data!.programmes)).toEqual(['partner-test-a', 'partner-test-b']);
    });

    describe('sends the same number of SQL statements for 1 and for 50 references (no N+1)', () => {
      beforeAll(async () => {
        await hub.createProgrammes(
          Array.from({ length: 50 }, (_, i) => ({
            id: `bulk-programme-${i}`,
            operatorId: `bulk-operator-${i}`,
            venueIds: [`bulk-location-${i}`],
            partnerIds: [`bulk-partner-${i}`],
          })),
        );
      });

      const query = ENTITIES(`... on Programme { id operator { id } venues { id } partners { id } }
        ... on Location { programmes { nodes { id venues { id } } } }
        ... on Organisation { programmes { nodes { id } } }
        ... on Partner { programmes { nodes { id } } }`);

      it.each([
        ['Programme', 'bulk-programme'],
        ['Location', 'bulk-location'],
        ['Organisation', 'bulk-operator'],
        ['Partner', 'bulk-partner'],
      ])('for %s', async (typename, prefix) => {
        const run = (n: number) =>
          hub.run<{ _entities: ({ id?: string; programmes?: { nodes: { id: string }[] } } | null)[] }>(
            query,
            representations(
              typename,
              Array.from({ length: n }, (_, i) => `${prefix}-${i}`),
            ),
          );
        const one = await run(1);
        const fifty = await run(50);
        expect(fifty.errors).toBeUndefined();
        // Each reference finds its own programme: the batch is grouped back correctly, not just fast.
        expect(fifty.data!._entities.map((entity) => entity?.id ?? entity?.programmes?.nodes.map((p) => p.id).join())).toEqual(
          Array.from({ length: 50 }, (_, i) => `bulk-programme-${i}`),
        );
        expect(one.statements).toBeGreaterThan(0);
        expect(fifty.statements).toBe(one.statements);
      });
    });
  });

  describe('references between publishers at read time', () => {
    const RE_SITE = ACADEMIES[1]!;
    const MS = 'jobcenter-muenster';

    it("shows another publisher's programme at a site, its operator's list and its partner's list only while the grant lasts", async () => {
      // Written directly, as a granted write would store it: a programme of Münster at a Recklinghausen site,
      // run by Recklinghausen for Münster (an admin's choice), with a partner of Recklinghausen's.
      await hub.createProgrammes([{ id: 'foreign-programme', operatorId: MS, venueIds: [RE_SITE], partnerIds: ['re-partner'] }]);
      await hub.orm.em.fork().nativeUpdate(
        Programme,
        { id: 'foreign-programme' },
        {
          operatorId: JOBCENTER,
          operatorOwnerId: JOBCENTER,
          venueOwnerIds: [JOBCENTER],
          partnerOwnerIds: [JOBCENTER],
        },
      );
      const QUERY = `query { programmes(venueId: "${RE_SITE}") { nodes { id } }
        operated: programmes(operatorId: "${JOBCENTER}") { nodes { id } }
        programme(id: "foreign-programme") { operator { id } venues { id } }
        _entities(representations: [{ __typename: "Location", id: "${RE_SITE}" }, { __typename: "Organisation", id: "${JOBCENTER}" },
          { __typename: "Partner", id: "re-partner" }]) {
          ... on Location { programmes { nodes { id } } } ... on Organisation { programmes { nodes { id } } }
          ... on Partner { programmes { nodes { id } } } } }`;
      type Answer = {
        programmes: Connection<{ id: string }>;
        operated: Connection<{ id: string }>;
        programme: { operator: { id: string } | null; venues: { id: string }[] };
        _entities: { programmes: Connection<{ id: string }> }[];
      };
      const shown = async () => {
        const { data, errors } = await hub.run<Answer>(QUERY);
        expect(errors).toBeUndefined();
        const lists = [data!.programmes, data!.operated, ...data!._entities.map((entity) => entity.programmes)];
        const inLists = lists.map((list) => ids(list).includes('foreign-programme'));
        // Every list agrees, and the programme's forward fields with them.
        expect(new Set(inLists).size).toBe(1);
        expect(data!.programme.operator).toEqual(inLists[0] ? { id: JOBCENTER } : null);
        expect(data!.programme.venues).toEqual(inLists[0] ? [{ id: RE_SITE }] : []);
        return inLists[0];
      };
      expect(await shown()).toBe(false);
      const revoke = await hub.grant(JOBCENTER, MS);
      // The partner "re-partner" does not exist: the lists by partner id still show the programme (stored owner), the
      // forward field does not (Programme.partners leaves out unknown partners).
      expect(await shown()).toBe(true);
      const partners = await hub.run<{ programme: { partners: { id: string }[] } }>(
        `query { programme(id: "foreign-programme") { partners { id } } }`,
      );
      expect(partners.data!.programme.partners).toEqual([]);
      await revoke();
      expect(await shown()).toBe(false);
    });

    it('answers SERVICE_UNAVAILABLE for a list that cannot get the grants, and the rest of the answer still comes', async () => {
      const organisations = hub.references.urls.organisations;
      hub.references.urls.organisations = 'http://127.0.0.1:9/graphql';
      try {
        const { data, errors } = await hub.run<{ programme: { name: string }; _entities: ({ programmes: unknown } | null)[] }>(
          `query { programme(id: "jcre-programm-rehapro") { name }
            _entities(representations: [{ __typename: "Location", id: "${REHAPRO_HOUSE}" }]) { ... on Location { programmes { totalCount } } } }`,
        );
        expect(errors?.map((error) => [error.path?.join('.'), error.extensions?.code])).toEqual([
          ['_entities.0.programmes', 'SERVICE_UNAVAILABLE'],
        ]);
        expect(data!.programme.name).toBe('Rehapro');
        expect(data!._entities).toEqual([{ programmes: null }]);
      } finally {
        hub.references.urls.organisations = organisations;
      }
    });
  });
});
