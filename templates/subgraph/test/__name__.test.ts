import type { Caller } from '@jobcenter-hub/service';
import { AuditEvent } from '@jobcenter-hub/subgraph';
import { demo } from '@jobcenter-hub/demo';
import { asUser, execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { matrixCallers, refusalCode } from '../../../test/support/write-matrix';
import { create__Name__OrmConfig } from '../src/mikro-orm.config';
import { __Entity__ } from '../src/modules/__entityFile__/__entityFile__.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

/** The request's "now" of every operation here (the context's clock, fixed). */
const NOW = new Date('2026-12-02T09:00:00.000Z');

const subgraph = useTestSubgraph({
  database: '__database__',
  createConfig: create__Name__OrmConfig,
  seed: seedIfEmpty,
  createServer: (orm, options) => createServer(orm, { ...options, now: () => NOW }),
});

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

const OWNER = demo.demoIds.stadtMuenster;
const OTHER = demo.demoIds.jobcenterMuenster;
const editor = asUser(OWNER, 'editor');
/** The district of the records written here, so the lists read above keep their counts. */
const DISTRICT = 'district-of-the-write-tests';

const WRITE = {
  create: `mutation ($input: Create__Entity__Input!) { create__Entity__(input: $input) {
    id name ownerId version district { id } partner { id } source { kind } } }`,
  update: `mutation ($input: Update__Entity__Input!) { update__Entity__(input: $input) { id name version partner { id } } }`,
  archive: `mutation ($id: ID!, $version: Int!) { archive__Entity__(id: $id, version: $version) { id version } }`,
};
interface Written {
  id: string;
  name: string;
  ownerId: string;
  version: number;
  district: { id: string };
  partner: { id: string } | null;
  source: { kind: string };
}

let made = 0;
/** A fresh record owned by OWNER, written by its editor, so each case starts from a known version. */
async function freshRecord(changes: Record<string, unknown> = {}): Promise<Written> {
  made += 1;
  const input = { id: `__name__-write-${made}`, name: `Written ${made}`, districtId: DISTRICT, ...changes };
  const { data, errors } = await execute<{ create__Entity__: Written }>(subgraph.parts, WRITE.create, { input }, editor);
  expect(errors).toBeUndefined();
  return data!.create__Entity__;
}

/** A record as stored, with its audit events: a refused write changes none of it. */
async function state(id: string) {
  const em = subgraph.orm.em.fork();
  const record = await em.findOne(__Entity__, id);
  return {
    exists: Boolean(record),
    name: record?.name,
    version: record?.version,
    archivedAt: record?.archivedAt ?? null,
    audits: await em.count(AuditEvent, { entityId: id }),
  };
}

/** The ids `__entities__(districtId:)` lists. */
async function listed(districtId: string): Promise<string[]> {
  const query = `query ($districtId: ID) { __entities__(districtId: $districtId, first: 100) { nodes { id } } }`;
  const { data } = await execute<{ __entities__: Page }>(subgraph.parts, query, { districtId });
  return data!.__entities__.nodes.map((node) => node.id);
}

describe.each(matrixCallers(OWNER, OTHER))('writing __entitiesWords__: %s', (who, caller, allowed) => {
  it(allowed ? 'may create, update and archive' : 'is refused everything, and nothing changes', async () => {
    const newId = `__name__-matrix-${who.replace(/\W+/g, '-')}`;
    const created = await execute<{ create__Entity__: Written }>(
      subgraph.parts,
      WRITE.create,
      { input: { id: newId, name: 'Matrix', districtId: DISTRICT, ownerId: OWNER } },
      caller,
    );
    const record = await freshRecord();
    const before = await state(record.id);
    const updated = await execute(
      subgraph.parts,
      WRITE.update,
      { input: { id: record.id, version: record.version, name: 'Renamed' } },
      caller,
    );
    const afterUpdate = await state(record.id);
    const archived = await execute(subgraph.parts, WRITE.archive, { id: record.id, version: afterUpdate.version }, caller);
    const after = await state(record.id);
    if (allowed) {
      expect(created.errors).toBeUndefined();
      expect(created.data!.create__Entity__).toMatchObject({ id: newId, ownerId: OWNER, version: 1, district: { id: DISTRICT } });
      expect(updated.errors).toBeUndefined();
      expect(archived.errors).toBeUndefined();
      expect(after).toEqual({ exists: true, name: 'Renamed', version: record.version + 2, archivedAt: NOW, audits: 3 });
    } else {
      for (const result of [created, updated, archived]) expect(result.errors?.[0]?.extensions?.code).toBe(refusalCode(caller));
      expect(created.data?.create__Entity__ ?? null).toBeNull();
      expect(await state(newId)).toMatchObject({ exists: false, audits: 0 });
      expect(after).toEqual(before);
    }
  });
});

describe('writing __entitiesWords__', () => {
  it("creates a record for the editor's own organisation, published by it, and lists it in its district and partner", async () => {
    const record = await freshRecord({ partnerId: 'partner-of-the-write-tests' });
    expect(record).toMatchObject({
      ownerId: OWNER,
      version: 1,
      partner: { id: 'partner-of-the-write-tests' },
      source: { kind: 'PUBLISHER' },
    });
    expect(await listed(DISTRICT)).toContain(record.id);
    const { data } = await execute<{ _entities: { __entities__: { nodes: { id: string }[] } }[] }>(
      subgraph.parts,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Partner { __entities__ { nodes { id } } } } }`,
      { representations: [{ __typename: 'Partner', id: 'partner-of-the-write-tests' }] },
    );
    expect(data!._entities[0]!.__entities__.nodes.map((node) => node.id)).toEqual([record.id]);
  });

  it('changes only the fields sent; null clears the partner', async () => {
    const record = await freshRecord({ partnerId: 'partner-of-the-write-tests' });
    const { data, errors } = await execute<{ update__Entity__: Written }>(
      subgraph.parts,
      WRITE.update,
      { input: { id: record.id, version: record.version, partnerId: null } },
      editor,
    );
    expect(errors).toBeUndefined();
    expect(data!.update__Entity__).toMatchObject({ name: record.name, version: record.version + 1, partner: null });
  });

  it("archives a record: it leaves the lists, stays readable by id, archived at the request's now", async () => {
    const record = await freshRecord();
    expect((await execute(subgraph.parts, WRITE.archive, { id: record.id, version: record.version }, editor)).errors).toBeUndefined();
    expect(await listed(DISTRICT)).not.toContain(record.id);
    const byId = `query ($id: ID!) { __entity__(id: $id) { id } }`;
    const { data } = await execute<{ __entity__: { id: string } | null }>(subgraph.parts, byId, { id: record.id });
    expect(data!.__entity__).toEqual({ id: record.id });
    expect(await state(record.id)).toMatchObject({ archivedAt: NOW, version: record.version + 1 });
    const again = await execute(subgraph.parts, WRITE.archive, { id: record.id, version: record.version + 1 }, editor);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses an old version with CONFLICT, an unknown id with NOT_FOUND, and changes nothing', async () => {
    const record = await freshRecord();
    await execute(subgraph.parts, WRITE.update, { input: { id: record.id, version: record.version, name: 'First' } }, editor);
    const stale = await execute(
      subgraph.parts,
      WRITE.update,
      { input: { id: record.id, version: record.version, name: 'Second' } },
      editor,
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const unknown = await execute(subgraph.parts, WRITE.archive, { id: 'no-such-record', version: 1 }, editor);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await state(record.id)).toMatchObject({ name: 'First', version: record.version + 1, audits: 2 });
  });

  it('refuses input that is not valid with BAD_USER_INPUT, before anything is written', async () => {
    const before = await subgraph.orm.em.fork().count(__Entity__, {});
    const { errors } = await execute(subgraph.parts, WRITE.create, { input: { name: '', districtId: 'Not An Id' } }, editor);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await subgraph.orm.em.fork().count(__Entity__, {})).toBe(before);
  });

  it('records who changed what, and shows it to admins only', async () => {
    const record = await freshRecord();
    await execute(subgraph.parts, WRITE.update, { input: { id: record.id, version: record.version, name: 'Audited' } }, editor);
    const TRAIL = `query ($id: ID!) { __nameCamel__AuditTrail(entityId: $id) { nodes { entityType action actorOrganisationId changes } } }`;
    const trail = await execute<{
      __nameCamel__AuditTrail: {
        nodes: { entityType: string; action: string; actorOrganisationId: string; changes: Record<string, unknown> }[];
      };
    }>(subgraph.parts, TRAIL, { id: record.id }, asUser(OTHER, 'admin'));
    const events = trail.data!.__nameCamel__AuditTrail.nodes;
    expect(events.map((event) => [event.entityType, event.action, event.actorOrganisationId])).toEqual([
      ['__Entity__', 'CREATE', OWNER],
      ['__Entity__', 'UPDATE', OWNER],
    ]);
    expect(events[1]!.changes).toEqual({ name: [record.name, 'Audited'] });
    for (const caller of [editor, undefined] as (Caller | undefined)[]) {
      expect((await execute(subgraph.parts, TRAIL, { id: record.id }, caller)).errors?.[0]?.extensions?.code).toBe(refusalCode(caller));
    }
  });
});
