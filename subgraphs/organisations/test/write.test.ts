import type { MikroORM } from '@mikro-orm/postgresql';
import { AuditEvent, createLogger, type SubgraphParts } from '@jobcenter-hub/kit';
import { asUser, execute } from '../../../test/support/execute';
import { createTestOrm } from '../../../test/support/subgraph-db';
import { matrixCallers, refusalCode } from '../../../test/support/write-matrix';
import type { OrganisationsContext } from '../src/context';
import { createOrganisationsOrmConfig } from '../src/mikro-orm.config';
import { Organisation } from '../src/modules/organisation/organisation.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

let orm: MikroORM;
let drop: () => Promise<void>;
let parts: SubgraphParts<OrganisationsContext>;

beforeAll(async () => {
  ({ orm, drop } = await createTestOrm('organisations_write', (url) => createOrganisationsOrmConfig(url)));
  await seedIfEmpty(orm.em.fork());
  parts = await createServer(orm, { production: false, logger: createLogger('test', 'silent') });
  await parts.apollo.start();
});

afterAll(async () => {
  await parts?.apollo.stop();
  await drop?.();
});

const OWNER = 'jobcenter-muenster';
const OTHER = 'jobcenter-kreis-recklinghausen';
const CREATE = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name ownerId version source { kind } } }`;
const UPDATE = `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id name version } }`;
const ARCHIVE = `mutation ($id: ID!, $version: Int!) { archiveOrganisation(id: $id, version: $version) { id version } }`;

/** A fresh organisation owned by OWNER, so each case starts from a known version. */
async function freshRecord(): Promise<{ id: string; version: number }> {
  const { data } = await execute<{ createOrganisation: { id: string; version: number } }>(
    parts,
    CREATE,
    { input: { name: 'Stadtteilbüro Test', kind: 'CITY_DEPARTMENT' } },
    asUser(OWNER, 'editor'),
  );
  return data!.createOrganisation;
}

async function state(id: string) {
  const em = orm.em.fork();
  const record = await em.findOne(Organisation, id);
  return { exists: Boolean(record), name: record?.name, version: record?.version, archived: Boolean(record?.archivedAt), audits: await em.count(AuditEvent, { entityId: id }) };
}

describe('writing organisations: who may', () => {
  describe.each(matrixCallers(OWNER, OTHER))('%s', (_who, caller, allowed) => {
    it(allowed ? 'may create, update and archive' : 'is refused everything, and nothing changes', async () => {
      const created = await execute<{ createOrganisation: { id: string; ownerId: string } }>(
        parts,
        CREATE,
        { input: { id: `matrix-${_who.replace(/\W+/g, '-')}`, name: 'Matrix', kind: 'CITY_DEPARTMENT', ownerId: OWNER } },
        caller,
      );
      const record = await freshRecord();
      const before = await state(record.id);
      const updated = await execute(parts, UPDATE, { input: { id: record.id, version: record.version, name: 'Renamed' } }, caller);
      const afterUpdate = await state(record.id);
      const archived = await execute(parts, ARCHIVE, { id: record.id, version: afterUpdate.version }, caller);
      const after = await state(record.id);
      if (allowed) {
        expect(created.errors).toBeUndefined();
        expect(created.data!.createOrganisation.ownerId).toBe(OWNER);
        expect(updated.errors).toBeUndefined();
        expect(archived.errors).toBeUndefined();
        expect(after).toEqual({ exists: true, name: 'Renamed', version: record.version + 2, archived: true, audits: 3 });
      } else {
        for (const result of [created, updated, archived]) expect(result.errors?.[0]?.extensions?.code).toBe(refusalCode(caller));
        expect(created.data?.createOrganisation ?? null).toBeNull();
        expect(await state(`matrix-${_who.replace(/\W+/g, '-')}`)).toMatchObject({ exists: false, audits: 0 });
        expect(after).toEqual(before);
      }
    });
  });
});

describe('writing organisations: what', () => {
  const editor = asUser(OWNER, 'editor');

  it('records who changed what, and shows it to admins only', async () => {
    const record = await freshRecord();
    await execute(parts, UPDATE, { input: { id: record.id, version: record.version, name: 'Neu' } }, editor);
    const TRAIL = `query ($id: ID!) { organisationsAuditTrail(entityId: $id) { totalCount nodes { action version actorOrganisationId changes } } }`;
    const trail = await execute<{ organisationsAuditTrail: { nodes: { action: string; changes: Record<string, unknown> }[] } }>(parts, TRAIL, { id: record.id }, asUser(OTHER, 'admin'));
    expect(trail.data!.organisationsAuditTrail.nodes.map((event) => event.action)).toEqual(['CREATE', 'UPDATE']);
    expect(trail.data!.organisationsAuditTrail.nodes[1]!.changes).toEqual({ name: ['Stadtteilbüro Test', 'Neu'] });
    expect((await execute(parts, TRAIL, { id: record.id }, editor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses an old version with CONFLICT and changes nothing', async () => {
    const record = await freshRecord();
    await execute(parts, UPDATE, { input: { id: record.id, version: record.version, name: 'Erste' } }, editor);
    const stale = await execute(parts, UPDATE, { input: { id: record.id, version: record.version, name: 'Zweite' } }, editor);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await state(record.id)).toMatchObject({ name: 'Erste', version: record.version + 1 });
  });

  it('lets exactly one of two concurrent updates from the same version win', async () => {
    const record = await freshRecord();
    const results = await Promise.all(
      ['Links', 'Rechts'].map((name) => execute(parts, UPDATE, { input: { id: record.id, version: record.version, name } }, editor)),
    );
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const winner = results.find((result) => !result.errors)!.data as { updateOrganisation: { name: string } };
    expect(await state(record.id)).toMatchObject({ name: winner.updateOrganisation.name, version: record.version + 1, audits: 2 });
  });

  it('answers NOT_FOUND for unknown ids', async () => {
    const result = await execute(parts, UPDATE, { input: { id: 'no-such-organisation', version: 1, name: 'x' } }, editor);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it.each([
    [{ name: '', kind: 'CITY_DEPARTMENT' }, 'input.name'],
    [{ name: 'x'.repeat(201), kind: 'CITY_DEPARTMENT' }, 'input.name'],
    [{ name: 'Ok', kind: 'CITY_DEPARTMENT', municipalityKeys: ['0551500'] }, 'input.municipalityKeys'],
    [{ name: 'Ok', kind: 'CITY_DEPARTMENT', id: 'Not A Slug' }, 'input.id'],
    [{ name: 'Ok', kind: 'CITY_DEPARTMENT', parentId: 'no-such-parent' }, 'input.parentId'],
  ])('refuses %j with BAD_USER_INPUT naming %s, writing nothing', async (input, field) => {
    const before = await orm.em.fork().count(Organisation, {});
    const result = await execute(parts, CREATE, { input }, editor);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(field);
    expect(await orm.em.fork().count(Organisation, {})).toBe(before);
  });

  it('refuses a second record with the same id with CONFLICT', async () => {
    const input = { id: 'duplicate-test', name: 'Doppelt', kind: 'CITY_DEPARTMENT' };
    expect((await execute(parts, CREATE, { input }, editor)).errors).toBeUndefined();
    expect((await execute(parts, CREATE, { input }, editor)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('writing organisations: sources', () => {
  it('refuses an empty source citation, naming the nested field', async () => {
    const result = await execute(parts, CREATE, { input: { name: 'Quelle', kind: 'CITY_DEPARTMENT', source: { kind: 'ARTICLE', citation: '' } } }, asUser(OWNER, 'editor'));
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('input.source.citation');
  });
});
