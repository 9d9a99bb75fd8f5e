import { demo } from '@jobcenter-hub/demo';
import { type Executed, execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { createOrganisationsOrmConfig } from '../src/mikro-orm.config';
import { Organisation, OrganisationKind } from '../src/modules/organisation/organisation.entity';
import { OrganisationLink, OrganisationRelation } from '../src/modules/organisation-link/organisation-link.entity';
import { OrganisationUnit, UnitKind } from '../src/modules/organisation-unit/organisation-unit.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

const invented = demo.illustrative('test data');

const subgraph = useTestSubgraph({
  database: 'organisations',
  createConfig: createOrganisationsOrmConfig,
  seed: seedIfEmpty,
  createServer,
});

interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const representations = (typename: string, ids: string[]) => ({ representations: ids.map((id) => ({ __typename: typename, id })) });
const names = (connection: Connection<{ name: string }>) => connection.nodes.map((node) => node.name);

/** Walks a list page by page (`$after` in `query`), returning every node and the totalCount of each page. */
async function walk<T>(query: string, variables: Record<string, unknown>, pick: (data: never) => Connection<T>) {
  const nodes: T[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages += 1) {
    const result: Executed<never> = await execute<never>(subgraph.parts, query, { ...variables, after });
    expect(result.errors).toBeUndefined();
    const page: Connection<T> = pick(result.data!);
    nodes.push(...page.nodes);
    totals.push(page.totalCount);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { nodes, totals };
}

describe('organisations subgraph', () => {
  it('seeds once: a second run writes nothing', async () => {
    expect(await seedIfEmpty(subgraph.orm.em.fork())).toBe(false);
    expect(await subgraph.orm.em.fork().count(OrganisationUnit, { organisation: 'jobcenter-kreis-recklinghausen' })).toBe(15);
    // 13 links of the Jobcenters, and 25 grants of references (GRANTS_REFERENCES, `demoGrants` and Stadt Münster's among `demoLinks`).
    expect(await subgraph.orm.em.fork().count(OrganisationLink, {})).toBe(38);
    expect(await subgraph.orm.em.fork().count(OrganisationLink, { relation: OrganisationRelation.GRANTS_REFERENCES })).toBe(25);
  });

  it("answers the article's facts about Jobcenter Kreis Recklinghausen", async () => {
    const { data, errors } = await execute<{
      organisation: {
        managingDirector: string;
        jobcenterModel: string;
        units: Connection<{ kind: string; employer: { name: string } | null }>;
      };
    }>(
      subgraph.parts,
      `query { organisation(id: "jobcenter-kreis-recklinghausen") {
        managingDirector jobcenterModel units(first: 100) { totalCount nodes { kind employer { name } } } } }`,
    );
    expect(errors).toBeUndefined();
    const jc = data!.organisation;
    expect(jc.managingDirector).toBe('Dominik Schad');
    expect(jc.jobcenterModel).toBe('MUNICIPAL');
    expect(jc.units.totalCount).toBe(15);
    const count = (kind: string) => jc.units.nodes.filter((unit) => unit.kind === kind).length;
    expect([count('HEADQUARTERS'), count('DISTRICT_OFFICE'), count('REHAPRO_HOUSE'), count('JOB_ACADEMY')]).toEqual([1, 10, 1, 3]);
    // District offices are staffed by their city.
    expect(jc.units.nodes.filter((unit) => unit.kind === 'DISTRICT_OFFICE').every((unit) => unit.employer?.name.startsWith('Stadt '))).toBe(
      true,
    );
  });

  it('gives every Münster branch office placement, benefits and reception teams', async () => {
    const { data, errors } = await execute<{
      organisation: { units: Connection<{ teams: Connection<{ teamFunction: string }>; children: { totalCount: number } }> };
    }>(
      subgraph.parts,
      `query { organisation(id: "jobcenter-muenster") { units(kind: BRANCH_OFFICE) { totalCount nodes {
        teams: children(kind: TEAM) { nodes { teamFunction } } children { totalCount } } } } }`,
    );
    expect(errors).toBeUndefined();
    const branches = data!.organisation.units;
    expect(branches.totalCount).toBe(7);
    for (const branch of branches.nodes) {
      expect(branch.teams.nodes.map((team) => team.teamFunction).sort()).toEqual(['BENEFITS', 'PLACEMENT', 'RECEPTION']);
      expect(branch.children.totalCount).toBe(3);
    }
  });

  it('returns null for an unknown id, without an error', async () => {
    const { data, errors } = await execute(subgraph.parts, `query { organisation(id: "no-such-id") { id } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ organisation: null });
  });

  it('rejects an unknown enum value with a coded error', async () => {
    const { errors } = await execute(subgraph.parts, `query { organisations(kind: BAKERY) { totalCount } }`);
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  describe('lists and filters', () => {
    it('lists the Jobcenters with the municipalities they serve', async () => {
      const { data, errors } = await execute<{
        organisations: Connection<{ name: string; municipalityKeys: string[]; managingDirector: string }>;
      }>(subgraph.parts, `query { organisations(kind: JOBCENTER) { totalCount nodes { name municipalityKeys managingDirector } } }`);
      expect(errors).toBeUndefined();
      expect(data!.organisations.nodes).toEqual([
        {
          name: 'Jobcenter Kreis Recklinghausen',
          municipalityKeys: demo.RECKLINGHAUSEN_CITIES.map((city) => city.ags),
          managingDirector: 'Dominik Schad',
        },
        { name: 'Jobcenter Münster', municipalityKeys: ['05515000'], managingDirector: 'Ralf Bierstedt' },
      ]);
    });

    it('finds the organisations of one municipality (official key), of one kind', async () => {
      const { data, errors } = await execute<{
        all: Connection<{ name: string }>;
        departments: Connection<{ name: string; parent: { name: string } }>;
      }>(
        subgraph.parts,
        `query { all: organisations(municipalityKey: "05562032") { totalCount nodes { name } }
          departments: organisations(municipalityKey: "05515000", kind: CITY_DEPARTMENT) { nodes { name parent { name } } } }`,
      );
      expect(errors).toBeUndefined();
      expect(names(data!.all)).toEqual([
        'Jobcenter Kreis Recklinghausen',
        'Kreis Recklinghausen',
        'Sozialamt der Stadt Recklinghausen',
        'Stadt Recklinghausen',
      ]);
      expect(data!.departments.nodes).toEqual([
        { name: 'Jugendamt der Stadt Münster', parent: { name: 'Stadt Münster' } },
        { name: 'Sozialamt der Stadt Münster', parent: { name: 'Stadt Münster' } },
      ]);
    });

    it('lists units across organisations, of one organisation, of one kind', async () => {
      const { data, errors } = await execute<{
        academies: Connection<{ name: string; organisation: { id: string } }>;
        muenster: Connection<{ name: string }>;
      }>(
        subgraph.parts,
        `query { academies: organisationUnits(kind: JOB_ACADEMY) { totalCount nodes { name organisation { id } } }
          muenster: organisationUnits(organisationId: "jobcenter-muenster", kind: BRANCH_OFFICE, first: 3) { totalCount nodes { name } } }`,
      );
      expect(errors).toBeUndefined();
      expect(names(data!.academies)).toEqual(['Jobakademie 1', 'Jobakademie 2', 'Jobakademie 3']);
      expect(data!.academies.nodes.every((unit) => unit.organisation.id === 'jobcenter-kreis-recklinghausen')).toBe(true);
      expect(data!.muenster.totalCount).toBe(7);
      expect(names(data!.muenster)).toEqual(['Nebenstelle Coerde', 'Nebenstelle Hiltrup', 'Nebenstelle Kinderhaus']);
    });
  });

  describe('pagination', () => {
    it('walks the organisations in pages that join up without gaps or repeats', async () => {
      const { data } = await execute<{ organisations: Connection<{ id: string }> }>(
        subgraph.parts,
        `query { organisations(first: 100) { totalCount nodes { id } } }`,
      );
      const all = data!.organisations.nodes.map((node) => node.id);
      const { nodes, totals } = await walk<{ id: string }>(
        `query ($after: String) { organisations(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`,
        {},
        (d: { organisations: Connection<{ id: string }> }) => d.organisations,
      );
      expect(nodes.map((node) => node.id)).toEqual(all);
      expect(new Set(all).size).toBe(all.length);
      expect(totals.every((total) => total === all.length)).toBe(true);
      expect(all.length).toBe(17);
    });

    it("walks an organisation's units (a batched nested list) in pages that join up", async () => {
      const { nodes, totals } = await walk<{ id: string }>(
        `query ($after: String) { organisation(id: "jobcenter-muenster") {
          units(first: 6, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`,
        {},
        (d: { organisation: { units: Connection<{ id: string }> } }) => d.organisation.units,
      );
      expect(nodes).toHaveLength(28);
      expect(new Set(nodes.map((node) => node.id)).size).toBe(28);
      expect(totals).toEqual([28, 28, 28, 28, 28]);
    });

    it('walks the searched root list of units in pages that join up', async () => {
      const { nodes, totals } = await walk<{ name: string }>(
        `query ($after: String) { organisationUnits(search: "bezirksstelle", first: 3, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { name } } }`,
        {},
        (d: { organisationUnits: Connection<{ name: string }> }) => d.organisationUnits,
      );
      expect(nodes.map((node) => node.name)).toEqual(demo.RECKLINGHAUSEN_CITIES.map((city) => `Bezirksstelle ${city.name}`));
      expect(totals.every((total) => total === 10)).toBe(true);
    });
  });

  describe('bad input: a coded error naming the argument, before any SQL', () => {
    it.each([
      ['first', 'organisations(first: 0)'],
      ['first', 'organisations(first: 101)'],
      ['after', 'organisations(after: "garbage")'],
      ['search', 'organisations(search: "")'],
      ['search', `organisations(search: "${'ä'.repeat(101)}")`],
      ['municipalityKey', 'organisations(municipalityKey: "5515000")'],
      ['municipalityKey', 'organisations(municipalityKey: "Münster")'],
      ['first', 'organisationUnits(first: 0)'],
      ['after', 'organisationUnits(after: "bm90IGEgY3Vyc29y")'],
      ['organisationId', 'organisationUnits(organisationId: "")'],
      ['organisationId', 'organisationUnits(organisationId: "jobcenter muenster")'],
    ])('%s: %s', async (argument, field) => {
      const { data, errors, statements } = await execute(subgraph.parts, `query { ${field} { totalCount } }`);
      expect(data).toBeUndefined();
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(errors?.[0]?.message).toMatch(new RegExp(`^${argument}: `));
      expect(statements).toBe(0);
    });

    it.each([
      ['Organisation', 'units(first: 0)', 'first'],
      ['Organisation', 'units(search: " ")', 'search'],
      ['Organisation', 'linkedOrganisations(first: 101)', 'first'],
      ['Organisation', 'linkedOrganisations(after: "garbage")', 'after'],
      ['OrganisationUnit', 'children(first: 0)', 'first'],
    ])('nested on %s: %s, before the nested statement', async (typename, field, argument) => {
      const id = typename === 'Organisation' ? 'jobcenter-muenster' : 'jcms-nebenstelle-mitte';
      const { errors, statements } = await execute(
        subgraph.parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${field} { totalCount } } } }`,
        representations(typename, [id]),
      );
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(statements).toBe(1); // the reference itself, nothing for the list
    });
  });

  describe('search ignores case, umlauts and ß spelling', () => {
    beforeAll(async () => {
      const em = subgraph.orm.em.fork();
      const city = await em.findOneOrFail(Organisation, 'stadt-muenster');
      em.create(Organisation, {
        id: 'search-strassenverkehrsamt',
        name: 'Amt für Straßenverkehr',
        kind: OrganisationKind.CITY_DEPARTMENT,
        municipalityKeys: ['05515000'],
        parent: city,
        ownerId: 'stadt-muenster',
        source: invented,
      });
      await em.flush();
    });

    it.each(['Münster', 'Munster', 'Muenster', 'MÜNSTER', 'münster'])('%s finds the same organisations', async (search) => {
      const { data, errors } = await execute<{ organisations: Connection<{ name: string }> }>(
        subgraph.parts,
        `query ($search: String) { organisations(search: $search) { totalCount nodes { name } } }`,
        { search },
      );
      expect(errors).toBeUndefined();
      expect(names(data!.organisations)).toEqual([
        'Jobcenter Münster',
        'Jugendamt der Stadt Münster',
        'Sozialamt der Stadt Münster',
        'Stadt Münster',
      ]);
      expect(data!.organisations.totalCount).toBe(4);
    });

    it.each(['Straße', 'Strasse', 'STRASSENVERKEHR', 'amt fur strassen'])('%s finds the Amt für Straßenverkehr', async (search) => {
      const { data } = await execute<{ organisations: Connection<{ name: string }> }>(
        subgraph.parts,
        `query ($search: String) { organisations(search: $search) { nodes { name } } }`,
        { search },
      );
      expect(names(data!.organisations)).toEqual(['Amt für Straßenverkehr']);
    });

    it('searches units, nested and at the root, with kind and organisation', async () => {
      const { data, errors } = await execute<{
        organisation: { units: Connection<{ name: string }> };
        organisationUnits: Connection<{ name: string }>;
      }>(
        subgraph.parts,
        `query { organisation(id: "jobcenter-muenster") { units(search: "SUDOST", kind: TEAM) { totalCount nodes { name } } }
          organisationUnits(search: "suedost", organisationId: "jobcenter-muenster", kind: BRANCH_OFFICE) { totalCount nodes { name } } }`,
      );
      expect(errors).toBeUndefined();
      expect(names(data!.organisation.units)).toEqual([
        'Nebenstelle Südost – Eingangsbereich',
        'Nebenstelle Südost – Leistung',
        'Nebenstelle Südost – Vermittlung',
      ]);
      expect(names(data!.organisationUnits)).toEqual(['Nebenstelle Südost']);
    });
  });

  describe('linked organisations', () => {
    it('links the Münster Jobcenter to city departments, with invented sources', async () => {
      const { data, errors } = await execute<{
        organisation: {
          linkedOrganisations: Connection<{
            relation: string;
            since: string | null;
            source: { kind: string; citation: string };
            organisation: { name: string; kind: string; parent: { id: string } };
          }>;
        };
      }>(
        subgraph.parts,
        `query { organisation(id: "jobcenter-muenster") { linkedOrganisations(kind: CITY_DEPARTMENT) { totalCount nodes {
          relation since source { kind citation } organisation { name kind parent { id } } } } } }`,
      );
      expect(errors).toBeUndefined();
      const links = data!.organisation.linkedOrganisations;
      expect(links.totalCount).toBe(2);
      expect(links.nodes.map((link) => [link.organisation.name, link.relation])).toEqual([
        ['Jugendamt der Stadt Münster', 'COOPERATES_WITH'],
        ['Sozialamt der Stadt Münster', 'COOPERATES_WITH'],
      ]);
      for (const link of links.nodes) {
        expect(link.organisation).toMatchObject({ kind: 'CITY_DEPARTMENT', parent: { id: 'stadt-muenster' } });
        expect(link.source.kind).toBe('ILLUSTRATIVE');
        expect(link.source.citation).toMatch(/invented/);
        expect(link.since).toBeNull();
      }
    });

    it("links Recklinghausen's Jobcenter to the ten cities that employ its district-office staff (article) and to a city department", async () => {
      const { data, errors } = await execute<{
        organisation: {
          employers: Connection<{ source: { kind: string }; organisation: { name: string } }>;
          departments: Connection<{ organisation: { name: string } }>;
        };
      }>(
        subgraph.parts,
        `query { organisation(id: "jobcenter-kreis-recklinghausen") {
          employers: linkedOrganisations(relation: STAFF_EMPLOYER) { totalCount nodes { source { kind } organisation { name } } }
          departments: linkedOrganisations(kind: CITY_DEPARTMENT) { nodes { organisation { name } } } } }`,
      );
      expect(errors).toBeUndefined();
      const { employers, departments } = data!.organisation;
      expect(employers.totalCount).toBe(10);
      expect(employers.nodes.map((link) => link.organisation.name)).toEqual(demo.RECKLINGHAUSEN_CITIES.map((city) => `Stadt ${city.name}`));
      expect(employers.nodes.every((link) => link.source.kind === 'ARTICLE')).toBe(true);
      expect(departments.nodes.map((link) => link.organisation.name)).toEqual(['Sozialamt der Stadt Recklinghausen']);
    });

    it('pages through links, also when one organisation is linked in two ways', async () => {
      const em = subgraph.orm.em.fork();
      em.create(OrganisationLink, {
        id: 'test-link-marl-cooperates',
        organisation: em.getReference(Organisation, 'jobcenter-kreis-recklinghausen'),
        linked: em.getReference(Organisation, 'stadt-marl'),
        relation: OrganisationRelation.COOPERATES_WITH,
        since: '2020-01-01',
        ownerId: 'jobcenter-kreis-recklinghausen',
        source: invented,
      });
      await em.flush();
      const { nodes, totals } = await walk<{ relation: string; organisation: { name: string } }>(
        `query ($after: String) { organisation(id: "jobcenter-kreis-recklinghausen") { linkedOrganisations(first: 2, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { relation organisation { name } } } } }`,
        {},
        (d: { organisation: { linkedOrganisations: Connection<{ relation: string; organisation: { name: string } }> } }) =>
          d.organisation.linkedOrganisations,
      );
      expect(totals.every((total) => total === 12)).toBe(true);
      expect(nodes).toHaveLength(12);
      expect(nodes.filter((link) => link.organisation.name === 'Stadt Marl').map((link) => link.relation)).toEqual([
        'COOPERATES_WITH',
        'STAFF_EMPLOYER',
      ]);
      await subgraph.orm.em.fork().nativeDelete(OrganisationLink, { id: 'test-link-marl-cooperates' });
    });
  });

  describe('_entities', () => {
    it.each([
      ['Organisation', 'jobcenter-muenster', 'Jobcenter Münster'],
      ['OrganisationUnit', 'jcre-rehapro-haus', 'Rehapro-Haus'],
    ])('resolves %s references, and null for unknown ids', async (typename, id, name) => {
      const { data, errors } = await execute<{ _entities: ({ id: string; name: string } | null)[] }>(
        subgraph.parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on Organisation { id name } ... on OrganisationUnit { id name } } }`,
        {
          representations: [
            { __typename: typename, id },
            { __typename: typename, id: 'unknown' },
          ],
        },
      );
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([{ id, name }, null]);
    });

    describe('with 50 more organisations, each with a unit, a team and a linked city department', () => {
      beforeAll(async () => {
        const em = subgraph.orm.em.fork();
        for (let i = 0; i < 50; i += 1) {
          const organisation = em.create(Organisation, {
            id: `bulk-org-${i}`,
            name: `Bulk Jobcenter ${String(i).padStart(2, '0')}`,
            kind: OrganisationKind.JOBCENTER,
            municipalityKeys: [],
            ownerId: `bulk-org-${i}`,
            source: invented,
          });
          const department = em.create(Organisation, {
            id: `bulk-department-${i}`,
            name: `Bulk Sozialamt ${String(i).padStart(2, '0')}`,
            kind: OrganisationKind.CITY_DEPARTMENT,
            municipalityKeys: [],
            ownerId: `bulk-department-${i}`,
            source: invented,
          });
          const unit = em.create(OrganisationUnit, {
            id: `bulk-unit-${i}`,
            organisation,
            name: `Bulk unit ${i}`,
            kind: UnitKind.BRANCH_OFFICE,
            employer: department,
            ownerId: organisation.id,
            source: invented,
          });
          em.create(OrganisationUnit, {
            id: `bulk-team-${i}`,
            organisation,
            parent: unit,
            name: `Bulk team ${i}`,
            kind: UnitKind.TEAM,
            ownerId: organisation.id,
            source: invented,
          });
          em.create(OrganisationLink, {
            id: `bulk-link-${i}`,
            organisation,
            linked: department,
            relation: OrganisationRelation.COOPERATES_WITH,
            ownerId: organisation.id,
            source: invented,
          });
        }
        await em.flush();
      });

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

      it('sends the same number of SQL statements for 1 and for 50 OrganisationUnit references (no N+1)', async () => {
        await expectBounded<{ _entities: { children: Connection<{ parent: { id: string } }> }[] }>(
          'OrganisationUnit',
          (i) => `bulk-unit-${i}`,
          `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on OrganisationUnit { id name organisation { name } parent { id } employer { id }
              children(kind: TEAM) { totalCount nodes { name parent { id } } } } } }`,
          (fifty) => expect(fifty._entities.every((unit) => unit.children.totalCount === 1)).toBe(true),
        );
      });

      it('sends the same number of SQL statements for 1 and for 50 Organisation references (no N+1)', async () => {
        const statements = await expectBounded<{
          _entities: {
            units: Connection<{ children: Connection<unknown> }>;
            searched: Connection<unknown>;
            linkedOrganisations: Connection<{ organisation: { name: string } }>;
          }[];
        }>(
          'Organisation',
          (i) => `bulk-org-${i}`,
          `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on Organisation { id name parent { id }
              units { totalCount nodes { name employer { name } children { totalCount } } }
              searched: units(search: "bulk TEAM", kind: TEAM) { totalCount }
              linkedOrganisations(kind: CITY_DEPARTMENT) { totalCount nodes { relation organisation { name parent { id } } } } } } }`,
          (fifty) => {
            expect(
              fifty._entities.every((organisation) => organisation.units.totalCount === 2 && organisation.searched.totalCount === 1),
            ).toBe(true);
            expect(fifty._entities.map((organisation) => organisation.linkedOrganisations.nodes[0]?.organisation.name)).toEqual(
              Array.from({ length: 50 }, (_, i) => `Bulk Sozialamt ${String(i).padStart(2, '0')}`),
            );
          },
        );
        // references, units, searched units, children, links with their organisation, employers, and the
        // grants of references once (each employer is another publisher's: it shows only when granted)
        expect(statements).toBe(7);
      });
    });
  });

  it('leaves archived organisations, units and links out of every list', async () => {
    const em = subgraph.orm.em.fork();
    const owner = em.create(Organisation, {
      id: 'archive-org',
      name: 'Archive Jobcenter',
      kind: OrganisationKind.JOBCENTER,
      municipalityKeys: ['09999999'],
      ownerId: 'archive-org',
      source: invented,
    });
    const gone = em.create(Organisation, {
      id: 'archive-gone',
      name: 'Archive department',
      kind: OrganisationKind.CITY_DEPARTMENT,
      municipalityKeys: ['09999999'],
      archivedAt: new Date(),
      ownerId: 'archive-gone',
      source: invented,
    });
    em.create(OrganisationUnit, {
      id: 'archive-unit',
      organisation: owner,
      name: 'Archived unit',
      kind: UnitKind.TEAM,
      archivedAt: new Date(),
      ownerId: owner.id,
      source: invented,
    });
    em.create(OrganisationLink, {
      id: 'archive-link',
      organisation: owner,
      linked: gone,
      relation: OrganisationRelation.COOPERATES_WITH,
      ownerId: owner.id,
      source: invented,
    });
    await em.flush();
    const { data, errors } = await execute<{
      organisations: Connection<{ id: string; units: { totalCount: number }; linkedOrganisations: { totalCount: number } }>;
      organisationUnits: { totalCount: number };
    }>(
      subgraph.parts,
      `query { organisations(municipalityKey: "09999999") { totalCount nodes { id units { totalCount } linkedOrganisations { totalCount } } }
        organisationUnits(organisationId: "archive-org") { totalCount } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.organisations.nodes).toEqual([{ id: 'archive-org', units: { totalCount: 0 }, linkedOrganisations: { totalCount: 0 } }]);
    expect(data!.organisationUnits.totalCount).toBe(0);
  });
});
