import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, type SubgraphParts } from '@jobcenter-hub/kit';
import { execute } from '../../../test/support/execute';
import { createTestOrm } from '../../../test/support/subgraph-db';
import type { OrganisationsContext } from '../src/context';
import { createOrganisationsOrmConfig } from '../src/mikro-orm.config';
import { Organisation, OrganisationKind } from '../src/modules/organisation/organisation.entity';
import { OrganisationUnit, UnitKind } from '../src/modules/organisation-unit/organisation-unit.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

let orm: MikroORM;
let drop: () => Promise<void>;
let parts: SubgraphParts<OrganisationsContext>;

beforeAll(async () => {
  ({ orm, drop } = await createTestOrm('organisations', (url) => createOrganisationsOrmConfig(url)));
  await seedIfEmpty(orm.em.fork());
  parts = await createServer(orm, { production: false, logger: createLogger('test', 'silent') });
  await parts.apollo.start();
});

afterAll(async () => {
  await parts?.apollo.stop();
  await drop?.();
});

describe('organisations subgraph', () => {
  it('seeds once: a second run writes nothing', async () => {
    expect(await seedIfEmpty(orm.em.fork())).toBe(false);
    expect(await orm.em.fork().count(OrganisationUnit, { organisation: 'jobcenter-kreis-recklinghausen' })).toBe(15);
  });

  it("answers the article's facts about Jobcenter Kreis Recklinghausen", async () => {
    const { data, errors } = await execute<{ organisation: { managingDirector: string; jobcenterModel: string; units: { kind: string; employer: { name: string } | null }[] } }>(
      parts,
      `query { organisation(id: "jobcenter-kreis-recklinghausen") {
        managingDirector jobcenterModel units { kind employer { name } } } }`,
    );
    expect(errors).toBeUndefined();
    const jc = data!.organisation;
    expect(jc.managingDirector).toBe('Dominik Schad');
    expect(jc.jobcenterModel).toBe('MUNICIPAL');
    const count = (kind: string) => jc.units.filter((unit) => unit.kind === kind).length;
    expect([count('HEADQUARTERS'), count('DISTRICT_OFFICE'), count('REHAPRO_HOUSE'), count('JOB_ACADEMY')]).toEqual([1, 10, 1, 3]);
    // District offices are staffed by their city.
    expect(jc.units.filter((unit) => unit.kind === 'DISTRICT_OFFICE').every((unit) => unit.employer?.name.startsWith('Stadt '))).toBe(true);
  });

  it('gives every Münster branch office placement, benefits and reception teams', async () => {
    const { data } = await execute<{ organisation: { units: { children: { teamFunction: string }[] }[] } }>(
      parts,
      `query { organisation(id: "jobcenter-muenster") { units(kind: BRANCH_OFFICE) { children { teamFunction } } } }`,
    );
    const branches = data!.organisation.units;
    expect(branches).toHaveLength(7);
    for (const branch of branches) {
      expect(branch.children.map((team) => team.teamFunction).sort()).toEqual(['BENEFITS', 'PLACEMENT', 'RECEPTION']);
    }
  });

  it('returns null for an unknown id, without an error', async () => {
    const { data, errors } = await execute(parts, `query { organisation(id: "no-such-id") { id } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ organisation: null });
  });

  it('rejects an unknown enum value with a coded error', async () => {
    const { errors } = await execute(parts, `query { organisations(kind: BAKERY) { id } }`);
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  describe('_entities', () => {
    it.each([
      ['Organisation', 'jobcenter-muenster', 'Jobcenter Münster'],
      ['OrganisationUnit', 'jcre-rehapro-haus', 'Rehapro-Haus'],
    ])('resolves %s references, and null for unknown ids', async (typename, id, name) => {
      const { data, errors } = await execute<{ _entities: ({ id: string; name: string } | null)[] }>(
        parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on Organisation { id name } ... on OrganisationUnit { id name } } }`,
        { representations: [{ __typename: typename, id }, { __typename: typename, id: 'unknown' }] },
      );
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([{ id, name }, null]);
    });

    it('sends the same number of SQL statements for 1 and for 50 references (no N+1)', async () => {
      const em = orm.em.fork();
      const owner = await em.findOneOrFail(Organisation, { kind: OrganisationKind.JOBCENTER, id: 'jobcenter-muenster' });
      for (let i = 0; i < 50; i += 1) {
        em.create(OrganisationUnit, {
          id: `bulk-unit-${i}`,
          organisation: owner,
          name: `Bulk unit ${i}`,
          kind: UnitKind.TEAM,
          ownerId: owner.id,
          source: owner.source,
        });
      }
      await em.flush();
      const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on OrganisationUnit { id name organisation { name } parent { id } employer { id } } } }`;
      const run = (n: number) =>
        execute<{ _entities: unknown[] }>(parts, query, {
          representations: Array.from({ length: n }, (_, i) => ({ __typename: 'OrganisationUnit', id: `bulk-unit-${i}` })),
        });
      const one = await run(1);
      const fifty = await run(50);
      expect(fifty.data!._entities.filter(Boolean)).toHaveLength(50);
      expect(one.statements).toBeGreaterThan(0);
      expect(fifty.statements).toBe(one.statements);
    });
  });
});
