import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, demo, type SubgraphParts } from '@jobcenter-hub/kit';
import { execute } from '../../../test/support/execute';
import { createTestOrm } from '../../../test/support/subgraph-db';
import type { PartnersContext } from '../src/context';
import { createPartnersOrmConfig } from '../src/mikro-orm.config';
import { Liaison, MeetingFrequency } from '../src/modules/liaison/liaison.entity';
import { Partner, PartnerCategory } from '../src/modules/partner/partner.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

let orm: MikroORM;
let drop: () => Promise<void>;
let parts: SubgraphParts<PartnersContext>;

const KINDERHAUS_PLACEMENT = demo.demoIds.msTeam('kinderhaus', 'vermittlung');
const invented = demo.illustrative('test data');

beforeAll(async () => {
  ({ orm, drop } = await createTestOrm('partners', (url) => createPartnersOrmConfig(url)));
  await seedIfEmpty(orm.em.fork());
  parts = await createServer(orm, { production: false, logger: createLogger('test', 'silent') });
  await parts.apollo.start();
});

afterAll(async () => {
  await parts?.apollo.stop();
  await drop?.();
});

/** Writes `count` partners, each in its own invented district, each with a liaison to its own invented unit. */
async function createBulk(prefix: string, count: number, archived: (i: number) => boolean = () => false) {
  const em = orm.em.fork();
  for (let i = 0; i < count; i += 1) {
    const partner = em.create(Partner, {
      id: `${prefix}-partner-${i}`,
      name: `${prefix} partner ${String(i).padStart(2, '0')}`,
      category: PartnerCategory.KITA,
      districtIds: [`${prefix}-district-${i}`],
      archivedAt: archived(i) ? new Date() : undefined,
      ownerId: `${prefix}-partner-${i}`,
      source: invented,
    });
    em.create(Liaison, {
      id: `${prefix}-liaison-${i}`,
      unitId: `${prefix}-unit-${i}`,
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

describe('partners subgraph', () => {
  it('seeds once: a second run writes nothing', async () => {
    expect(await seedIfEmpty(orm.em.fork())).toBe(false);
    expect(await orm.em.fork().count(Partner, {})).toBe(15);
  });

  it('seeds invented partners of every category in every Münster district, marked as illustrative', async () => {
    const { data, errors } = await execute<{
      partners: { category: string; email: string | null; districts: { id: string }[]; source: { kind: string } }[];
    }>(parts, `query { partners { category email districts { id } source { kind } } }`);
    expect(errors).toBeUndefined();
    const partners = data!.partners;
    expect(new Set(partners.map((partner) => partner.category))).toEqual(new Set(Object.values(PartnerCategory)));
    const served = new Set(partners.flatMap((partner) => partner.districts.map((district) => district.id)));
    expect([...served].sort()).toEqual(demo.MUENSTER_DISTRICTS.map((district) => district.slug).sort());
    expect(partners.every((partner) => partner.source.kind === 'ILLUSTRATIVE' && partner.email?.endsWith('.example.org'))).toBe(true);
  });

  it('lists the Kitas of Münster-Nord by name', async () => {
    const { data, errors } = await execute<{ partners: { name: string }[] }>(
      parts,
      `query { partners(category: KITA, districtId: "muenster-nord") { name } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.partners.map((partner) => partner.name)).toEqual(['Kita Pusteblume', 'Kita Sonnenblume']);
  });

  it('returns null for an unknown id, without an error', async () => {
    const { data, errors } = await execute(parts, `query { partner(id: "no-such-id") { id } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ partner: null });
  });

  it('rejects an unknown enum value with a coded error', async () => {
    const { errors } = await execute(parts, `query { partners(category: BAKERY) { id } }`);
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  describe('_entities', () => {
    it('resolves Partner references, and null for unknown ids', async () => {
      const { data, errors } = await execute<{ _entities: ({ id: string; name: string; category: string } | null)[] }>(
        parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on Partner { id name category } } }`,
        representations('Partner', ['partner-nachbarschaftstreff-nord', 'unknown']),
      );
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([{ id: 'partner-nachbarschaftstreff-nord', name: 'Nachbarschaftstreff Nord', category: 'NEIGHBOURHOOD_INITIATIVE' }, null]);
    });

    it('gives District references their partners, also those serving two districts', async () => {
      const { data, errors } = await execute<{
        _entities: { id: string; initiatives: { name: string }[]; partners: { name: string }[] }[];
      }>(
        parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on District { id initiatives: partners(category: NEIGHBOURHOOD_INITIATIVE) { name } partners { name } } } }`,
        representations('District', ['muenster-nord', 'muenster-ost', 'unknown-district']),
      );
      expect(errors).toBeUndefined();
      const [nord, ost, unknown] = data!._entities;
      expect(nord.initiatives.map((partner) => partner.name)).toEqual(['Nachbarschaftstreff Nord']);
      expect(nord.partners.map((partner) => partner.name)).toContain('Kita Sonnenblume');
      for (const district of [nord, ost]) expect(district.partners.map((partner) => partner.name)).toContain('Mobile Jugendarbeit Nord-Ost');
      expect(unknown).toEqual({ id: 'unknown-district', initiatives: [], partners: [] });
    });

    it("gives a branch office's placement team the initiatives and street work of its district", async () => {
      const { data, errors } = await execute<{
        _entities: {
          partners: { name: string }[];
          liaisons: { activity: string; source: { kind: string }; unit: { id: string }; partner: { name: string } }[];
        }[];
      }>(
        parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on OrganisationUnit { partners { name } liaisons { activity source { kind } unit { id } partner { name } } } } }`,
        representations('OrganisationUnit', [KINDERHAUS_PLACEMENT]),
      );
      expect(errors).toBeUndefined();
      const [team] = data!._entities;
      expect(team.partners.map((partner) => partner.name)).toEqual(['Mobile Jugendarbeit Nord-Ost', 'Nachbarschaftstreff Nord']);
      expect(team.liaisons).toHaveLength(2);
      expect(team.liaisons.every((liaison) => liaison.source.kind === 'ARTICLE' && liaison.unit.id === KINDERHAUS_PLACEMENT)).toBe(true);
      expect(team.liaisons.find((liaison) => liaison.partner.name === 'Nachbarschaftstreff Nord')?.activity).toBe(
        "attends the neighbourhood initiative's meetings",
      );
    });

    describe('with 50 more partners, districts and units', () => {
      beforeAll(() => createBulk('bulk', 50));

      it('sends the same number of SQL statements for 1 and for 50 District references (no N+1)', async () => {
        const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on District { id partners { id name districts { id } liaisons { id unit { id } } } } } }`;
        const run = (n: number) =>
          execute<{ _entities: { partners: { liaisons: unknown[] }[] }[] }>(
            parts,
            query,
            representations('District', Array.from({ length: n }, (_, i) => `bulk-district-${i}`)),
          );
        const one = await run(1);
        const fifty = await run(50);
        expect(fifty.errors).toBeUndefined();
        expect(fifty.data!._entities.every((district) => district.partners.length === 1 && district.partners[0].liaisons.length === 1)).toBe(true);
        expect(one.statements).toBeGreaterThan(0);
        expect(fifty.statements).toBe(one.statements);
      });

      it('sends the same number of SQL statements for 1 and for 50 OrganisationUnit references (no N+1)', async () => {
        const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on OrganisationUnit { id partners { id name } liaisons { since meetingFrequency partner { name } } } } }`;
        const run = (n: number) =>
          execute<{ _entities: { partners: { name: string }[]; liaisons: { since: string; meetingFrequency: string }[] }[] }>(
            parts,
            query,
            representations('OrganisationUnit', Array.from({ length: n }, (_, i) => `bulk-unit-${i}`)),
          );
        const one = await run(1);
        const fifty = await run(50);
        expect(fifty.errors).toBeUndefined();
        expect(fifty.data!._entities.every((unit) => unit.partners.length === 1)).toBe(true);
        expect(one.data!._entities[0].liaisons).toEqual([{ since: '2019-03-01', meetingFrequency: 'MONTHLY', partner: { name: 'bulk partner 00' } }]);
        expect(one.statements).toBeGreaterThan(0);
        expect(fifty.statements).toBe(one.statements);
      });
    });
  });

  it('leaves archived partners out of every list', async () => {
    await createBulk('archive', 2, (i) => i === 1);
    const { data, errors } = await execute<{
      _entities: { partners: { id: string }[] }[];
      partners: { id: string }[];
    }>(
      parts,
      `query ($representations: [_Any!]!) {
        partners(districtId: "archive-district-1") { id }
        _entities(representations: $representations) { ... on District { partners { id } } ... on OrganisationUnit { partners { id } } } }`,
      {
        representations: [
          { __typename: 'District', id: 'archive-district-0' },
          { __typename: 'District', id: 'archive-district-1' },
          { __typename: 'OrganisationUnit', id: 'archive-unit-1' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data!.partners).toEqual([]);
    expect(data!._entities).toEqual([{ partners: [{ id: 'archive-partner-0' }] }, { partners: [] }, { partners: [] }]);
  });
});
