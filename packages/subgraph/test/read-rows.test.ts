import { Embedded, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig } from '../src/orm';
import { Provenance, SourceKind } from '../src/provenance';
import { PublishedEntity } from '../src/published';
import { createPlainByIdLoader, createPlainGroupLoader, createRowMapper, type Row } from '../src/read-rows';

@Entity({ tableName: 'thing' })
class Thing extends PublishedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @ManyToOne(() => Thing, { nullable: true })
  parent?: Thing;

  @Embedded(() => Provenance, { prefix: 'figure_source_', nullable: true })
  figureSource?: Provenance | null;

  @Property({ type: 'double precision', nullable: true })
  area?: number;

  @Property({ type: 'jsonb' })
  data: unknown[] = [];
}

/** A `thing` row as the connection gives it. */
const row = (id: string, fields: Partial<Row> = {}): Row => ({
  id,
  owner_id: 'org-1',
  source_kind: 'ILLUSTRATIVE',
  source_citation: 'Invented',
  version: 1,
  created_at: new Date('2026-01-02T03:04:05Z'),
  updated_at: new Date('2026-01-02T03:04:05Z'),
  archived_at: null,
  name: `Thing ${id}`,
  parent_id: null,
  figure_source_kind: null,
  figure_source_citation: null,
  area: 12.5,
  data: [{ a: 1 }],
  ...fields,
});

describe('read-rows', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    // Metadata only: the statements below are answered by a stub of `em.execute`.
    orm = await MikroORM.init({
      ...createOrmConfig({ clientUrl: 'postgresql://nobody@127.0.0.1:1/none', entities: [Thing], migrations: [] }),
      connect: false,
    });
  });

  afterAll(() => orm.close());

  it('maps a row to a plain object of the entity: embeddables as their class, references as { id }', () => {
    const map = createRowMapper(orm.em.fork(), Thing);
    const thing = map(row('t1', { parent_id: 't0' }));
    expect(thing).toBeInstanceOf(Thing);
    expect(thing).toMatchObject({ id: 't1', name: 'Thing t1', ownerId: 'org-1', version: 1, area: 12.5, data: [{ a: 1 }] });
    expect(thing.parent).toEqual({ id: 't0' });
    expect(thing.source).toBeInstanceOf(Provenance);
    expect({ ...thing.source }).toEqual({ kind: SourceKind.ILLUSTRATIVE, citation: 'Invented' });
    expect(thing.createdAt).toEqual(new Date('2026-01-02T03:04:05Z'));
    expect(thing.archivedAt ?? null).toBeNull();
    expect(map(row('t2')).parent).toBeNull();
    // Columns the entity does not have are left out.
    expect(Object.keys(map(row('t4', { distance_m: 5 })))).not.toContain('distance_m');
  });

  it('maps a nullable embeddable whose columns are all null to null, as MikroORM hydrates it', () => {
    const map = createRowMapper(orm.em.fork(), Thing);
    expect(map(row('t1')).figureSource).toBeNull();
    const cited = map(row('t2', { figure_source_kind: 'PUBLIC_RECORD', figure_source_citation: 'Register' }));
    expect(cited.figureSource).toBeInstanceOf(Provenance);
    expect({ ...cited.figureSource }).toEqual({ kind: SourceKind.PUBLIC_RECORD, citation: 'Register' });
    // A non-nullable one stays an object even when empty.
    expect({ ...map(row('t3', { source_kind: null, source_citation: null })).source }).toEqual({ kind: null, citation: null });
  });

  it('builds one mapper per entity of an ORM, shared by every request', () => {
    expect(createRowMapper(orm.em.fork(), Thing)).toBe(createRowMapper(orm.em.fork(), Thing));
  });

  it('loads groups by a key column in one ordered statement, live records only unless told', async () => {
    const em = orm.em.fork();
    const execute = jest
      .spyOn(em, 'execute')
      .mockResolvedValue([row('a', { parent_id: 'p2' }), row('b', { parent_id: 'p1' }), row('c', { parent_id: 'p2' })] as never);
    const loader = createPlainGroupLoader(em, Thing, { keyColumn: 'parent_id', orderBy: 'name, id' });
    const [p1, p2, p3] = await Promise.all([loader.load('p1'), loader.load('p2'), loader.load('p3')]);
    expect(execute).toHaveBeenCalledTimes(1);
    expect(execute).toHaveBeenCalledWith(
      'select * from "thing" where "parent_id" = any(?::text[]) and archived_at is null order by name, id',
      ['{"p1","p2","p3"}'],
    );
    expect(p1.map((thing) => thing.id)).toEqual(['b']);
    expect(p2.map((thing) => thing.id)).toEqual(['a', 'c']);
    expect(p3).toEqual([]);
    expect(p2[0]).toBeInstanceOf(Thing);

    execute.mockClear();
    await createPlainGroupLoader(em, Thing, { keyColumn: 'parent_id', orderBy: 'id', live: false }).load('p1');
    expect(execute.mock.calls[0][0]).toBe('select * from "thing" where "parent_id" = any(?::text[]) order by id');
  });

  it('loads by id with a row callback in place of the default mapper', async () => {
    const em = orm.em.fork();
    jest.spyOn(em, 'execute').mockResolvedValue([row('b'), row('a')] as never);
    const seen: string[] = [];
    const map = createRowMapper(em, Thing);
    const loader = createPlainByIdLoader(em, Thing, {
      map: (r) => {
        const thing = map(r);
        seen.push(thing.id);
        return thing;
      },
    });
    const things = await loader.loadMany(['a', 'missing', 'b']);
    expect(things.map((thing) => (thing as Thing | null)?.id ?? null)).toEqual(['a', null, 'b']);
    expect(seen.sort()).toEqual(['a', 'b']);
  });
});
