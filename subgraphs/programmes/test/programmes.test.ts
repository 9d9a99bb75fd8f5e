import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, demo, type SubgraphParts } from '@jobcenter-hub/kit';
import { execute } from '../../../test/support/execute';
import { createTestOrm } from '../../../test/support/subgraph-db';
import type { ProgrammesContext } from '../src/context';
import { createProgrammesOrmConfig } from '../src/mikro-orm.config';
import { Programme, ProgrammeKind } from '../src/modules/programme/programme.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

let orm: MikroORM;
let drop: () => Promise<void>;
let parts: SubgraphParts<ProgrammesContext>;

const JOBCENTER = 'jobcenter-kreis-recklinghausen';
const ACADEMIES = ['loc-jcre-jobakademie-1', 'loc-jcre-jobakademie-2', 'loc-jcre-jobakademie-3'];

/** Writes extra programmes for one test; ids and keys are invented so they never meet the demo data. */
async function createProgrammes(
  rows: { id: string; name?: string; kind?: ProgrammeKind; operatorId?: string; venueIds?: string[]; partnerIds?: string[]; archivedAt?: Date }[],
) {
  const em = orm.em.fork();
  for (const row of rows) {
    em.create(Programme, {
      name: row.id,
      kind: ProgrammeKind.INDIVIDUAL_COACHING,
      operatorId: 'test-operator',
      venueIds: [],
      partnerIds: [],
      ownerId: row.operatorId ?? 'test-operator',
      source: demo.illustrative('test data'),
      ...row,
    });
  }
  await em.flush();
}

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Programme { id name }
  ... on Location { id programmes { id } }
  ... on Organisation { id programmes { id } }
  ... on Partner { id programmes { id } } } }`;

const entities = (representations: { __typename: string; id: string }[]) =>
  execute<{ _entities: ({ id: string; name?: string; programmes?: { id: string }[] } | null)[] }>(parts, ENTITIES, { representations });

beforeAll(async () => {
  ({ orm, drop } = await createTestOrm('programmes', (url) => createProgrammesOrmConfig(url)));
  await seedIfEmpty(orm.em.fork());
  parts = await createServer(orm, { production: false, logger: createLogger('test', 'silent') });
  await parts.apollo.start();
});

afterAll(async () => {
  await parts?.apollo.stop();
  await drop?.();
});

describe('programmes subgraph', () => {
  it('seeds once: a second run writes nothing', async () => {
    expect(await seedIfEmpty(orm.em.fork())).toBe(false);
    expect(await orm.em.fork().count(Programme, { operatorId: JOBCENTER })).toBe(4);
  });

  it("answers the article's facts about the job academies", async () => {
    type Facts = {
      programme: { kind: string; participantsPerYear: number; daysPerWeekMax: number; operator: { id: string }; venues: { id: string }[]; source: { kind: string } };
    };
    const { data, errors } = await execute<Facts>(
      parts,
      `query { programme(id: "jcre-programm-jobakademie") {
        kind participantsPerYear daysPerWeekMax operator { id } venues { id } source { kind } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.programme).toEqual({
      kind: 'JOB_ACADEMY',
      participantsPerYear: 3500,
      daysPerWeekMax: 3,
      operator: { id: JOBCENTER },
      venues: ACADEMIES.map((id) => ({ id })),
      source: { kind: 'ARTICLE' },
    });
  });

  it('lists the four programmes of Jobcenter Kreis Recklinghausen by name, and filters by kind', async () => {
    type Lists = { all: { name: string; participantsPerYear: number | null }[]; rehapro: { venues: { id: string }[] }[] };
    const { data, errors } = await execute<Lists>(
      parts,
      `query { all: programmes(operatorId: "${JOBCENTER}") { name participantsPerYear }
               rehapro: programmes(kind: REHAPRO) { venues { id } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.all.map((programme) => programme.name)).toEqual(['Einzelcoaching in der Jobakademie', 'Jobakademie', 'Rehapro', 'Sofortmaßnahmen']);
    // Only the job academy's figure is in the article; nothing else may carry an invented number.
    expect(data!.all.filter((programme) => programme.participantsPerYear !== null)).toEqual([{ name: 'Jobakademie', participantsPerYear: 3500 }]);
    expect(data!.rehapro).toEqual([{ venues: [{ id: 'loc-jcre-rehapro-haus' }] }]);
  });

  it('returns null for an unknown id, without an error', async () => {
    const { data, errors } = await execute(parts, `query { programme(id: "no-such-id") { id } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ programme: null });
  });

  it('rejects an unknown kind with a coded error', async () => {
    const { errors } = await execute(parts, `query { programmes(kind: BAKERY) { id } }`);
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  describe('_entities', () => {
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
        { __typename: 'Location', id: 'loc-jcre-rehapro-haus' },
        { __typename: 'Location', id: 'loc-jcre-bezirksstelle-dorsten' },
        { __typename: 'Location', id: 'loc-nowhere' },
      ]);
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([
        { id: 'loc-jcre-jobakademie-2', programmes: [{ id: 'jcre-programm-einzelcoaching' }, { id: 'jcre-programm-jobakademie' }] },
        { id: 'loc-jcre-rehapro-haus', programmes: [{ id: 'jcre-programm-rehapro' }] },
        { id: 'loc-jcre-bezirksstelle-dorsten', programmes: [{ id: 'jcre-programm-sofortmassnahmen' }] },
        { id: 'loc-nowhere', programmes: [] },
      ]);
    });

    it('filters Location.programmes by kind', async () => {
      const { data, errors } = await execute<{ _entities: { programmes: { name: string }[] }[] }>(
        parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on Location { programmes(kind: JOB_ACADEMY) { name } } } }`,
        { representations: [{ __typename: 'Location', id: 'loc-jcre-jobakademie-1' }] },
      );
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([{ programmes: [{ name: 'Jobakademie' }] }]);
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
          programmes: ['jcre-programm-einzelcoaching', 'jcre-programm-jobakademie', 'jcre-programm-rehapro', 'jcre-programm-sofortmassnahmen'].map((id) => ({ id })),
        },
        { id: 'jobcenter-muenster', programmes: [] },
      ]);
    });

    it('gives each Partner its programmes, and leaves archived programmes out everywhere', async () => {
      await createProgrammes([
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
        { id: 'partner-x', programmes: [{ id: 'partner-test-b' }] },
        { id: 'partner-y', programmes: [{ id: 'partner-test-a' }, { id: 'partner-test-b' }] },
        { id: 'loc-partner-test', programmes: [{ id: 'partner-test-a' }, { id: 'partner-test-b' }] },
        { id: 'test-operator', programmes: [{ id: 'partner-test-a' }, { id: 'partner-test-b' }] },
      ]);
      const listed = await execute<{ programmes: { id: string }[] }>(parts, `query { programmes(operatorId: "test-operator") { id } }`);
      expect(listed.data!.programmes).toEqual([{ id: 'partner-test-a' }, { id: 'partner-test-b' }]);
    });

    describe('sends the same number of SQL statements for 1 and for 50 references (no N+1)', () => {
      beforeAll(async () => {
        await createProgrammes(
          Array.from({ length: 50 }, (_, i) => ({
            id: `bulk-programme-${i}`,
            operatorId: `bulk-operator-${i}`,
            venueIds: [`bulk-location-${i}`],
            partnerIds: [`bulk-partner-${i}`],
          })),
        );
      });

      const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Programme { id operator { id } venues { id } partners { id } }
        ... on Location { programmes { id venues { id } } }
        ... on Organisation { programmes { id } }
        ... on Partner { programmes { id } } } }`;

      it.each([
        ['Programme', 'bulk-programme'],
        ['Location', 'bulk-location'],
        ['Organisation', 'bulk-operator'],
        ['Partner', 'bulk-partner'],
      ])('for %s', async (typename, prefix) => {
        const run = (n: number) =>
          execute<{ _entities: ({ id?: string; programmes?: { id: string }[] } | null)[] }>(parts, query, {
            representations: Array.from({ length: n }, (_, i) => ({ __typename: typename, id: `${prefix}-${i}` })),
          });
        const one = await run(1);
        const fifty = await run(50);
        expect(fifty.errors).toBeUndefined();
        // Each reference finds its own programme: the batch is grouped back correctly, not just fast.
        expect(fifty.data!._entities.map((entity) => entity?.id ?? entity?.programmes?.map((p) => p.id).join())).toEqual(
          Array.from({ length: 50 }, (_, i) => `bulk-programme-${i}`),
        );
        expect(one.statements).toBeGreaterThan(0);
        expect(fifty.statements).toBe(one.statements);
      });
    });
  });
});
