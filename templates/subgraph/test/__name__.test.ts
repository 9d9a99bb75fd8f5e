import type { Caller } from '@jobcenter-hub/service';
import { AuditEvent } from '@jobcenter-hub/subgraph';
import { demo } from '@jobcenter-hub/demo';
import { asUser, execute } from '../../../test/support/execute';
import { grantReferencesIn } from '../../../test/support/grants';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { matrixCallers, refusalCode } from '../../../test/support/write-matrix';
import { create__Name__OrmConfig } from '../src/mikro-orm.config';
import { __Entity__ } from '../src/modules/__entityFile__/__entityFile__.entity';
import { describeReport, import__Entities__, readRows, type Send } from '../src/import';
import { demo__Entities__, seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

/** The request's "now" of every operation here (the context's clock, fixed). */
const NOW = new Date('2026-12-02T09:00:00.000Z');

const subgraph = useTestSubgraph({
  database: '__database__',
  createConfig: create__Name__OrmConfig,
  seed: seedIfEmpty,
  createServer: (orm, options) => createServer(orm, { ...options, now: () => NOW }),
  // Writes check their districts and partners with the subgraphs that own them (and a writer's organisation, grants).
  peers: ['organisations', 'locations', 'partners'],
});

interface Page {
  nodes: { id: string; name: string; district: { id: string } }[];
  totalCount: number;
}

/**
 * Writes a record straight into the database, in a district (and partner) of the tests' own, so that
 * nothing here depends on the demo records: replace them with yours and these tests still hold.
 */
async function ownRecord(id: string, districtId: string, partnerId?: string): Promise<void> {
  const em = subgraph.orm.em.fork();
  em.create(__Entity__, {
    id,
    name: `Own ${id}`,
    districtId,
    partnerId,
    ownerId: demo.demoIds.stadtMuenster,
    source: demo.illustrative('test'),
  });
  await em.flush();
}

describe('__name__ subgraph', () => {
  it('seeds the demo records (demo__Entities__) once: a second run writes nothing', async () => {
    expect(await seedIfEmpty(subgraph.orm.em.fork())).toBe(false);
    expect(await subgraph.orm.em.fork().count(__Entity__, {})).toBe(demo__Entities__().length);
  });

  it('lists the records of a district and finds one by id', async () => {
    await ownRecord('__name__-listed-b', 'district-of-the-list-test');
    await ownRecord('__name__-listed-a', 'district-of-the-list-test');
    await ownRecord('__name__-elsewhere', 'district-of-another-test');
    const { data, errors } = await execute<{ __entities__: Page; __entity__: { name: string } | null }>(
      subgraph.parts,
      `query { __entities__(districtId: "district-of-the-list-test") { totalCount nodes { id name district { id } } }
        __entity__(id: "__name__-listed-a") { name } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.__entities__.totalCount).toBe(2);
    expect(data!.__entities__.nodes.map((node) => node.id)).toEqual(['__name__-listed-a', '__name__-listed-b']);
    expect(data!.__entities__.nodes[0]!.district).toEqual({ id: 'district-of-the-list-test' });
    expect(data!.__entity__!.name).toBe('Own __name__-listed-a');
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
      await ownRecord('__name__-referenced', 'district-of-the-reference-test');
      const { data, errors } = await execute<{ _entities: ({ id: string } | null)[] }>(
        subgraph.parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on __Entity__ { id } } }`,
        {
          representations: [
            { __typename: '__Entity__', id: '__name__-referenced' },
            { __typename: '__Entity__', id: 'unknown' },
          ],
        },
      );
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([{ id: '__name__-referenced' }, null]);
    });

    it('adds its records to District and Partner, the entities of other subgraphs', async () => {
      await ownRecord('__name__-without-partner', 'district-of-the-extension-test');
      await ownRecord('__name__-with-partner', 'district-of-the-extension-test', 'partner-of-the-test');
      const { data, errors } = await execute<{ _entities: { __entities__: { nodes: { name: string }[] } }[] }>(
        subgraph.parts,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on District { __entities__ { nodes { name } } } ... on Partner { __entities__ { nodes { name } } } } }`,
        {
          representations: [
            { __typename: 'District', id: 'district-of-the-extension-test' },
            { __typename: 'Partner', id: 'partner-of-the-test' },
          ],
        },
      );
      expect(errors).toBeUndefined();
      expect(data!._entities[0]!.__entities__.nodes.map((node) => node.name)).toEqual([
        'Own __name__-with-partner',
        'Own __name__-without-partner',
      ]);
      expect(data!._entities[1]!.__entities__.nodes.map((node) => node.name)).toEqual(['Own __name__-with-partner']);
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
/** The district of the records written here: one of Münster's, owned by OWNER (the locations subgraph's demo). */
const DISTRICT = 'muenster-hiltrup';
/** A partner of the partners subgraph's demo, owned by another publisher (Jobcenter Münster), which grants OWNER references in `beforeAll`. */
const PARTNER = 'partner-kita-sonnenblume';
/** The partner's publisher. */
const PARTNER_OWNER = demo.demoIds.jobcenterMuenster;

beforeAll(async () => {
  await grantReferencesIn(subgraph.peers.organisations!.parts, PARTNER_OWNER, OWNER);
});

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
    const record = await freshRecord({ partnerId: PARTNER });
    expect(record).toMatchObject({
      ownerId: OWNER,
      version: 1,
      partner: { id: PARTNER },
      source: { kind: 'PUBLISHER' },
    });
    expect(await listed(DISTRICT)).toContain(record.id);
    const { data } = await execute<{ _entities: { __entities__: { nodes: { id: string }[] } }[] }>(
      subgraph.parts,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Partner { __entities__ { nodes { id } } } } }`,
      { representations: [{ __typename: 'Partner', id: PARTNER }] },
    );
    expect(data!._entities[0]!.__entities__.nodes.map((node) => node.id)).toContain(record.id);
  });

  it('changes only the fields sent; null clears the partner', async () => {
    const record = await freshRecord({ partnerId: PARTNER });
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

  it('checks districts and partners with the subgraphs that own them, before anything is written', async () => {
    const before = await subgraph.orm.em.fork().count(__Entity__, {});
    const attempt = (input: Record<string, unknown>, caller = editor) =>
      execute(subgraph.parts, WRITE.create, { input: { name: 'Referencing', districtId: DISTRICT, ...input } }, caller);
    const unknownDistrict = await attempt({ districtId: 'no-such-district' });
    expect(unknownDistrict.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.districtId' });
    const unknownPartner = await attempt({ partnerId: 'no-such-partner' });
    expect(unknownPartner.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.partnerId' });
    // A record of a publisher that Stadt Münster (the district's) and Jobcenter Münster (the partner's) grant nothing.
    const stranger = demo.demoIds.jobcenterRecklinghausen;
    const foreignDistrict = await attempt({ ownerId: stranger }, asUser(stranger, 'admin'));
    expect(foreignDistrict.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'input.districtId', ownerId: OWNER });
    const foreignPartner = await attempt(
      { ownerId: stranger, districtId: 'recklinghausen', partnerId: PARTNER },
      asUser(stranger, 'admin'),
    );
    expect(foreignPartner.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      argument: 'input.partnerId',
      ownerId: PARTNER_OWNER,
    });
    expect(await subgraph.orm.em.fork().count(__Entity__, {})).toBe(before);
    // An update is checked the same way, for the record's owner.
    const record = await freshRecord();
    const moved = await execute(
      subgraph.parts,
      WRITE.update,
      { input: { id: record.id, version: record.version, districtId: 'no-such-district' } },
      editor,
    );
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.districtId' });
    expect(await state(record.id)).toMatchObject({ version: record.version, audits: 1 });
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

describe("importing the department's records (npm run import)", () => {
  /** The write API as the import reaches it, here without HTTP: this subgraph's schema, as `caller`. */
  const through =
    (caller: Caller): Send =>
    async (query, variables) => {
      const { data, errors } = await execute<Record<string, unknown>>(subgraph.parts, query, variables, caller);
      return { data, errors };
    };
  const CSV = [
    'id,name,districtId,partnerId',
    '__name__-import-1,"First, with a comma",muenster-hiltrup,',
    '__name__-import-2,Second,muenster-hiltrup,partner-kita-sonnenblume',
    'Not A Slug,Third,muenster-hiltrup,',
    '__name__-import-4,,muenster-hiltrup,',
    '',
  ].join('\n');

  it('reads CSV with a header row and JSON arrays, numbering rows as a spreadsheet or the array does', () => {
    const csv = readRows(CSV, 'csv');
    expect(csv.map((row) => row.row)).toEqual([2, 3, 4, 5]);
    expect(csv[0]!.values).toEqual({ id: '__name__-import-1', name: 'First, with a comma', districtId: 'muenster-hiltrup' });
    const json = readRows(JSON.stringify([{ id: '__name__-json', name: 'J', districtId: 'd-1', partnerId: null }]), 'json');
    expect(json).toEqual([{ row: 1, values: { id: '__name__-json', name: 'J', districtId: 'd-1' } }]);
  });

  it('a dry run writes nothing and names every bad row by its number', async () => {
    const before = await subgraph.orm.em.fork().count(AuditEvent, {});
    const report = await import__Entities__(readRows(CSV, 'csv'), through(editor), { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, created: 2, updated: 0, unchanged: 0, failed: 2 });
    expect(describeReport(report)).toEqual([
      'row 4 (Not A Slug): id: "Not A Slug" is not a lower-case slug of 2 to 100 characters (a-z, 0-9, -)',
      'row 5 (__name__-import-4): name: missing',
      'dry run, nothing written: 2 would be created, 0 would be updated, 0 unchanged, 2 failed',
    ]);
    expect(await state('__name__-import-1')).toMatchObject({ exists: false });
    expect(await subgraph.orm.em.fork().count(AuditEvent, {})).toBe(before);
  });

  it("creates the good rows as the editor's organisation, reports the refused ones, and a second run changes nothing", async () => {
    const first = await import__Entities__(readRows(CSV, 'csv'), through(editor));
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0, failed: 2 });
    const stored = await subgraph.orm.em.fork().findOneOrFail(__Entity__, '__name__-import-2');
    expect(stored).toMatchObject({
      name: 'Second',
      districtId: 'muenster-hiltrup',
      partnerId: 'partner-kita-sonnenblume',
      ownerId: OWNER,
    });
    expect(await listed('muenster-hiltrup')).toEqual(expect.arrayContaining(['__name__-import-1', '__name__-import-2']));

    const again = await import__Entities__(readRows(CSV, 'csv'), through(editor));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 2 });
    expect(await state('__name__-import-2')).toMatchObject({ version: 1, audits: 1 });

    // The department changes one record in its file: only that one is updated, through the write API (audited).
    const changed = CSV.replace('Second,muenster-hiltrup,partner-kita-sonnenblume', 'Second renamed,muenster-hiltrup,');
    const third = await import__Entities__(readRows(changed, 'csv'), through(editor));
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 1, failed: 2 });
    expect(await subgraph.orm.em.fork().findOneOrFail(__Entity__, '__name__-import-2')).toMatchObject({
      name: 'Second renamed',
      partnerId: null,
      version: 2,
    });
  });

  it('refuses a caller who may not write, row by row, and writes nothing', async () => {
    const rows = readRows('id,name,districtId\n__name__-import-refused,Refused,muenster-hiltrup\n', 'csv');
    const report = await import__Entities__(rows, through(asUser(OWNER, 'viewer')));
    expect(report).toMatchObject({ created: 0, failed: 1 });
    expect(report.rows[0]!.error).toMatch(/^FORBIDDEN: /);
    expect(await state('__name__-import-refused')).toMatchObject({ exists: false });
  });
});
