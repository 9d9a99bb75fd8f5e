import { demo } from '@jobcenter-hub/demo';
import { execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { create__Name__OrmConfig } from '../src/mikro-orm.config';
import { __Entity__ } from '../src/modules/__entityFile__/__entityFile__.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

const subgraph = useTestSubgraph({ database: '__database__', createConfig: create__Name__OrmConfig, seed: seedIfEmpty, createServer });

interface Page {
  nodes: { id: string; name: string; district: { id: string } }[];
  totalCount: number;
}

describe('__name__ subgraph', () => {
  it('seeds once, one record per Münster city district: a second run writes nothing', async () => {
    expect(await seedIfEmpty(subgraph.orm.em.fork())).toBe(false);
    expect(await subgraph.orm.em.fork().count(__Entity__, {})).toBe(demo.MUENSTER_DISTRICTS.length);
  });

  it('lists the records of a district and finds one by id', async () => {
    const { data, errors } = await execute<{ __entities__: Page; __entity__: { name: string } | null }>(
      subgraph.parts,
      `query { __entities__(districtId: "muenster-nord") { totalCount nodes { id name district { id } } }
        __entity__(id: "__name__-muenster-nord") { name } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.__entities__.totalCount).toBe(1);
    expect(data!.__entities__.nodes[0]!.district).toEqual({ id: 'muenster-nord' });
    expect(data!.__entity__!.name).toBe('__EntityTitle__ Münster-Nord');
  });

  it('has migrations that create exactly the tables its entities describe', async () => {
    // Empty when every entity change has its migration (npm run migration:create, see the guide).
    expect(await subgraph.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
  });

  it('returns null for an unknown id, without an error', async () => {
    const { data, errors } = await execute(subgraph.parts, `query { __entity__(id: "no-such-id") { id } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ __entity__: null });
  });

  it('rejects a page size out of range with a coded error', async () => {
    const { errors } = await execute(subgraph.parts, `query { __entities__(first: 1000) { totalCount } }`);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  describe('_entities', () => {
    it('resolves __Entity__ references, and null for unknown ids', async () => {
      const { data, errors } = await execute<{ _entities: ({ id: string } | null)[] }>(
        subgraph.parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on __Entity__ { id } } }`,
        {
          representations: [
            { __typename: '__Entity__', id: '__name__-muenster-ost' },
            { __typename: '__Entity__', id: 'unknown' },
          ],
        },
      );
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([{ id: '__name__-muenster-ost' }, null]);
    });

    it('adds its records to District and Partner, the entities of other subgraphs', async () => {
      const em = subgraph.orm.em.fork();
      em.create(__Entity__, {
        id: '__name__-with-partner',
        name: 'With a partner',
        districtId: 'muenster-west',
        partnerId: 'partner-of-the-test',
        ownerId: demo.demoIds.stadtMuenster,
        source: demo.illustrative('test'),
      });
      await em.flush();
      const { data, errors } = await execute<{ _entities: { __entities__: { nodes: { name: string }[] } }[] }>(
        subgraph.parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on District { __entities__ { nodes { name } } } ... on Partner { __entities__ { nodes { name } } } } }`,
        {
          representations: [
            { __typename: 'District', id: 'muenster-west' },
            { __typename: 'Partner', id: 'partner-of-the-test' },
          ],
        },
      );
      expect(errors).toBeUndefined();
      expect(data!._entities[0]!.__entities__.nodes.map((node) => node.name)).toEqual(['__EntityTitle__ Münster-West', 'With a partner']);
      expect(data!._entities[1]!.__entities__.nodes.map((node) => node.name)).toEqual(['With a partner']);
    });

    it('sends the same number of SQL statements for 1 and for 50 district references (no N+1)', async () => {
      const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on District { __entities__ { totalCount } } } }`;
      const run = (n: number) =>
        execute<{ _entities: unknown[] }>(subgraph.parts, query, {
          representations: Array.from({ length: n }, (_, i) => ({ __typename: 'District', id: `district-${i}` })),
        });
      const one = await run(1);
      const fifty = await run(50);
      expect(fifty.data!._entities).toHaveLength(50);
      expect(one.statements).toBeGreaterThan(0);
      expect(fifty.statements).toBe(one.statements);
    });
  });
});
