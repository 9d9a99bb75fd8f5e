import type { Caller } from '@jobcenter-hub/service';
import { AuditEvent } from '@jobcenter-hub/subgraph';
import { demo } from '@jobcenter-hub/demo';
import { asUser, execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { matrixCallers, refusalCode } from '../../../test/support/write-matrix';
import { createOrganisationsOrmConfig } from '../src/mikro-orm.config';
import { Organisation } from '../src/modules/organisation/organisation.entity';
import { OrganisationLink } from '../src/modules/organisation-link/organisation-link.entity';
import { OrganisationUnit } from '../src/modules/organisation-unit/organisation-unit.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

const subgraph = useTestSubgraph({
  database: 'organisations_write',
  createConfig: createOrganisationsOrmConfig,
  seed: seedIfEmpty,
  createServer,
});

const OWNER = demo.demoIds.jobcenterMuenster;
const OTHER = demo.demoIds.jobcenterRecklinghausen;
const editor = asUser(OWNER, 'editor');

const ORGANISATION = {
  create: `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name ownerId version source { kind } } }`,
  update: `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id name version } }`,
  archive: `mutation ($id: ID!, $version: Int!) { archiveOrganisation(id: $id, version: $version) { id version } }`,
};
const UNIT = {
  create: `mutation ($input: CreateOrganisationUnitInput!) { createOrganisationUnit(input: $input) {
    id name ownerId version organisation { id } parent { id } employer { id } } }`,
  update: `mutation ($input: UpdateOrganisationUnitInput!) { updateOrganisationUnit(input: $input) { id name version parent { id } } }`,
  archive: `mutation ($id: ID!, $version: Int!) { archiveOrganisationUnit(id: $id, version: $version) { id version } }`,
};
const LINK = {
  create: `mutation ($input: CreateOrganisationLinkInput!) { createOrganisationLink(input: $input) { id ownerId version relation since organisation { id name } } }`,
  update: `mutation ($input: UpdateOrganisationLinkInput!) { updateOrganisationLink(input: $input) { id version relation since organisation { id name } } }`,
  archive: `mutation ($id: ID!, $version: Int!) { archiveOrganisationLink(id: $id, version: $version) { id version } }`,
};

let organisationsMade = 0;
/** A new organisation owned by OWNER (e.g. the far end of a link, which must be new for each link). */
async function newOrganisation(): Promise<string> {
  organisationsMade += 1;
  const input = { id: `org-under-test-${organisationsMade}`, name: `Amt ${organisationsMade}`, kind: 'CITY_DEPARTMENT' };
  const { errors } = await execute(subgraph.parts, ORGANISATION.create, { input }, editor);
  expect(errors).toBeUndefined();
  return input.id;
}

/** Each entity type: its operations, a valid new record, and a field with distinct valid values to change. */
const TYPES = [
  {
    type: 'Organisation',
    ...ORGANISATION,
    entity: Organisation,
    field: 'name',
    value: (n: number) => `Name ${n}`,
    newInput: async (): Promise<Record<string, unknown>> => ({ name: 'Stadtteilbüro Test', kind: 'CITY_DEPARTMENT' }),
  },
  {
    type: 'OrganisationUnit',
    ...UNIT,
    entity: OrganisationUnit,
    field: 'name',
    value: (n: number) => `Team ${n}`,
    newInput: async (): Promise<Record<string, unknown>> => ({ organisationId: OWNER, name: 'Nebenstelle Test', kind: 'BRANCH_OFFICE' }),
  },
  {
    type: 'OrganisationLink',
    ...LINK,
    entity: OrganisationLink,
    field: 'since',
    value: (n: number) => `20${10 + n}-01-01`,
    newInput: async (): Promise<Record<string, unknown>> => ({
      organisationId: OWNER,
      linkedId: await newOrganisation(),
      relation: 'COOPERATES_WITH',
      since: '2017-01-01',
    }),
  },
] as const;
type TypeSpec = (typeof TYPES)[number];
const specOf = (type: string) => TYPES.find((spec) => spec.type === type)!;

const created = <T>(spec: TypeSpec, data: Record<string, T> | undefined) => data?.[`create${spec.type}`];

/** A fresh record owned by OWNER, so each case starts from a known version. */
async function freshRecord(spec: TypeSpec, changes: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const { data, errors } = await execute<Record<string, { id: string; version: number }>>(
    subgraph.parts,
    spec.create,
    { input: { ...(await spec.newInput()), ...changes } },
    editor,
  );
  expect(errors).toBeUndefined();
  return created(spec, data)!;
}

async function state(spec: TypeSpec, id: string) {
  const em = subgraph.orm.em.fork();
  const record = (await em.findOne(spec.entity, id)) as (Record<string, unknown> & { version: number; archivedAt?: Date }) | null;
  return {
    exists: Boolean(record),
    value: record?.[spec.field],
    version: record?.version,
    archived: Boolean(record?.archivedAt),
    audits: await em.count(AuditEvent, { entityId: id }),
  };
}

/** How many records and audit events there are: a refused write changes none of these. */
const counts = async () => {
  const em = subgraph.orm.em.fork();
  return Promise.all([
    em.count(Organisation, {}),
    em.count(OrganisationUnit, {}),
    em.count(OrganisationLink, {}),
    em.count(AuditEvent, {}),
  ]);
};

describe.each(TYPES)('writing $type: who may', (spec) => {
  describe.each(matrixCallers(OWNER, OTHER))('%s', (who, caller, allowed) => {
    it(allowed ? 'may create, update and archive' : 'is refused everything, and nothing changes', async () => {
      const newId = `matrix-${spec.type.toLowerCase()}-${who.replace(/\W+/g, '-')}`;
      const input = { ...(await spec.newInput()), id: newId, ownerId: OWNER };
      const made = await execute<Record<string, { ownerId: string }>>(subgraph.parts, spec.create, { input }, caller);
      const record = await freshRecord(spec);
      const before = await state(spec, record.id);
      const updated = await execute(
        subgraph.parts,
        spec.update,
        { input: { id: record.id, version: record.version, [spec.field]: spec.value(9) } },
        caller,
      );
      const afterUpdate = await state(spec, record.id);
      const archived = await execute(subgraph.parts, spec.archive, { id: record.id, version: afterUpdate.version }, caller);
      const after = await state(spec, record.id);
      if (allowed) {
        expect(made.errors).toBeUndefined();
        expect(created(spec, made.data)!.ownerId).toBe(OWNER);
        expect(updated.errors).toBeUndefined();
        expect(archived.errors).toBeUndefined();
        expect(after).toEqual({ exists: true, value: spec.value(9), version: record.version + 2, archived: true, audits: 3 });
      } else {
        for (const result of [made, updated, archived]) expect(result.errors?.[0]?.extensions?.code).toBe(refusalCode(caller));
        expect(created(spec, made.data) ?? null).toBeNull();
        expect(await state(spec, newId)).toMatchObject({ exists: false, audits: 0 });
        expect(after).toEqual(before);
      }
    });
  });
});

describe.each(TYPES)('writing $type: what', (spec) => {
  it('refuses an old version with CONFLICT and changes nothing', async () => {
    const record = await freshRecord(spec);
    await execute(subgraph.parts, spec.update, { input: { id: record.id, version: record.version, [spec.field]: spec.value(1) } }, editor);
    const stale = await execute(
      subgraph.parts,
      spec.update,
      { input: { id: record.id, version: record.version, [spec.field]: spec.value(2) } },
      editor,
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const staleArchive = await execute(subgraph.parts, spec.archive, { id: record.id, version: record.version }, editor);
    expect(staleArchive.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await state(spec, record.id)).toMatchObject({ value: spec.value(1), version: record.version + 1, archived: false, audits: 2 });
  });

  it('answers NOT_FOUND for unknown ids, to update and to archive', async () => {
    const updated = await execute(
      subgraph.parts,
      spec.update,
      { input: { id: 'no-such-record', version: 1, [spec.field]: spec.value(1) } },
      editor,
    );
    const archived = await execute(subgraph.parts, spec.archive, { id: 'no-such-record', version: 1 }, editor);
    expect([updated, archived].map((result) => result.errors?.[0]?.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('refuses a second record with the same id with CONFLICT', async () => {
    const id = `duplicate-${spec.type.toLowerCase()}`;
    expect((await execute(subgraph.parts, spec.create, { input: { ...(await spec.newInput()), id } }, editor)).errors).toBeUndefined();
    const before = await counts();
    const again = await execute(subgraph.parts, spec.create, { input: { ...(await spec.newInput()), id } }, editor);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // The second call's new far end (links) is the only thing written.
    expect(await state(spec, id)).toMatchObject({ exists: true, version: 1, audits: 1 });
    expect((await counts()).slice(1, 3)).toEqual(before.slice(1, 3));
  });

  it('records who changed what, and shows it to admins only', async () => {
    const record = await freshRecord(spec);
    const original = (await state(spec, record.id)).value;
    await execute(subgraph.parts, spec.update, { input: { id: record.id, version: record.version, [spec.field]: spec.value(3) } }, editor);
    const TRAIL = `query ($id: ID!) { organisationsAuditTrail(entityId: $id) { totalCount nodes { entityType action version actorOrganisationId changes } } }`;
    const trail = await execute<{
      organisationsAuditTrail: {
        nodes: { entityType: string; action: string; actorOrganisationId: string; changes: Record<string, unknown> }[];
      };
    }>(subgraph.parts, TRAIL, { id: record.id }, asUser(OTHER, 'admin'));
    const events = trail.data!.organisationsAuditTrail.nodes;
    expect(events.map((event) => [event.entityType, event.action, event.actorOrganisationId])).toEqual([
      [spec.type, 'CREATE', OWNER],
      [spec.type, 'UPDATE', OWNER],
    ]);
    expect(events[1]!.changes).toEqual({ [spec.field]: [original, spec.value(3)] });
    for (const caller of [editor, undefined] as (Caller | undefined)[]) {
      expect((await execute(subgraph.parts, TRAIL, { id: record.id }, caller)).errors?.[0]?.extensions?.code).toBe(refusalCode(caller));
    }
  });
});

describe('writing organisations: concurrency', () => {
  it('lets exactly one of two concurrent updates from the same version win', async () => {
    const record = await freshRecord(TYPES[0]);
    const results = await Promise.all(
      ['Links', 'Rechts'].map((name) =>
        execute(subgraph.parts, ORGANISATION.update, { input: { id: record.id, version: record.version, name } }, editor),
      ),
    );
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const winner = results.find((result) => !result.errors)!.data as { updateOrganisation: { name: string } };
    expect(await state(TYPES[0], record.id)).toMatchObject({
      value: winner.updateOrganisation.name,
      version: record.version + 1,
      audits: 2,
    });
  });
});

describe('writing units', () => {
  const LIST = `query ($id: ID!) { organisation(id: $id) { units(first: 100) { nodes { id } } } }`;
  const unitIds = async (organisationId: string) =>
    (
      await execute<{ organisation: { units: { nodes: { id: string }[] } } }>(subgraph.parts, LIST, { id: organisationId })
    ).data!.organisation.units.nodes.map((unit) => unit.id);

  it('adds a team below a branch office, with an employer, and shows it in the lists', async () => {
    const office = await freshRecord(specOf('OrganisationUnit'));
    const team = await execute<{ createOrganisationUnit: Record<string, unknown> }>(
      subgraph.parts,
      UNIT.create,
      {
        input: {
          id: 'team-under-test',
          organisationId: OWNER,
          parentId: office.id,
          name: 'Team Vermittlung',
          kind: 'TEAM',
          teamFunction: 'PLACEMENT',
          employerId: 'stadt-muenster',
        },
      },
      editor,
    );
    expect(team.errors).toBeUndefined();
    expect(team.data!.createOrganisationUnit).toMatchObject({
      organisation: { id: OWNER },
      parent: { id: office.id },
      employer: { id: 'stadt-muenster' },
    });
    expect(await unitIds(OWNER)).toEqual(expect.arrayContaining([office.id, 'team-under-test']));
    const { data } = await execute<{ organisationUnit: { children: { nodes: { id: string; teamFunction: string }[] } } }>(
      subgraph.parts,
      `query ($id: ID!) { organisationUnit(id: $id) { children { nodes { id teamFunction } } } }`,
      { id: office.id },
    );
    expect(data!.organisationUnit.children.nodes).toEqual([{ id: 'team-under-test', teamFunction: 'PLACEMENT' }]);
  });

  it('archives a unit only when nothing below it is in use, and then leaves it out of the lists', async () => {
    const office = await freshRecord(specOf('OrganisationUnit'));
    const team = await freshRecord(specOf('OrganisationUnit'), { parentId: office.id, kind: 'TEAM' });
    const before = await counts();
    const refused = await execute(subgraph.parts, UNIT.archive, { id: office.id, version: office.version }, editor);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await state(specOf('OrganisationUnit'), office.id)).toMatchObject({ archived: false, version: office.version });
    expect(await counts()).toEqual(before);
    for (const unit of [team, office])
      expect((await execute(subgraph.parts, UNIT.archive, { id: unit.id, version: unit.version }, editor)).errors).toBeUndefined();
    const listed = await unitIds(OWNER);
    expect(listed).not.toContain(office.id);
    expect(listed).not.toContain(team.id);
  });

  it("refuses units in another publisher's organisation, even under the caller's own ownership", async () => {
    const before = await counts();
    const result = await execute(
      subgraph.parts,
      UNIT.create,
      { input: { organisationId: OWNER, name: 'Fremd', kind: 'BRANCH_OFFICE' } },
      asUser(OTHER, 'editor'),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('keeps the hierarchy a tree: no unit becomes its own parent, or the parent of its parent', async () => {
    const office = await freshRecord(specOf('OrganisationUnit'));
    const team = await freshRecord(specOf('OrganisationUnit'), { parentId: office.id });
    for (const [id, version, parentId] of [
      [office.id, office.version, office.id],
      [office.id, office.version, team.id],
    ] as const) {
      const result = await execute(subgraph.parts, UNIT.update, { input: { id, version, parentId } }, editor);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.parentId' });
    }
    expect(await state(specOf('OrganisationUnit'), office.id)).toMatchObject({ version: office.version, audits: 1 });
    const moved = await execute<{ updateOrganisationUnit: { parent: null } }>(
      subgraph.parts,
      UNIT.update,
      { input: { id: team.id, version: team.version, parentId: null } },
      editor,
    );
    expect(moved.data!.updateOrganisationUnit.parent).toBeNull();
  });
});

describe('writing organisation links', () => {
  const LINKED = `query ($id: ID!) { organisation(id: $id) { linkedOrganisations(first: 100) { nodes { id relation organisation { id } } } } }`;
  const links = async () =>
    (
      await execute<{ organisation: { linkedOrganisations: { nodes: { id: string; relation: string; organisation: { id: string } }[] } } }>(
        subgraph.parts,
        LINKED,
        { id: OWNER },
      )
    ).data!.organisation.linkedOrganisations.nodes;

  it('links two organisations once per relation; an archived link makes room for a new one', async () => {
    const linkedId = await newOrganisation();
    const input = { organisationId: OWNER, linkedId, relation: 'COOPERATES_WITH' };
    const first = await execute<{ createOrganisationLink: { id: string; version: number; organisation: { id: string; name: string } } }>(
      subgraph.parts,
      LINK.create,
      { input },
      editor,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.createOrganisationLink.organisation).toEqual({ id: linkedId, name: expect.stringMatching(/^Amt /) });
    expect(await links()).toContainEqual({
      id: first.data!.createOrganisationLink.id,
      relation: 'COOPERATES_WITH',
      organisation: { id: linkedId },
    });

    const before = await counts();
    const twice = await execute(subgraph.parts, LINK.create, { input }, editor);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', existingId: first.data!.createOrganisationLink.id });
    expect(await counts()).toEqual(before);

    // A second relation between the same two is another link; changing it into the first one is refused.
    const employer = await execute<{ createOrganisationLink: { id: string; version: number } }>(
      subgraph.parts,
      LINK.create,
      { input: { ...input, relation: 'STAFF_EMPLOYER' } },
      editor,
    );
    expect(employer.errors).toBeUndefined();
    const same = await execute(
      subgraph.parts,
      LINK.update,
      { input: { id: employer.data!.createOrganisationLink.id, version: 1, relation: 'COOPERATES_WITH' } },
      editor,
    );
    expect(same.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const { id, version } = first.data!.createOrganisationLink;
    expect((await execute(subgraph.parts, LINK.archive, { id, version }, editor)).errors).toBeUndefined();
    expect((await links()).map((link) => link.id)).not.toContain(id);
    const again = await execute<{ createOrganisationLink: { id: string } }>(subgraph.parts, LINK.create, { input }, editor);
    expect(again.errors).toBeUndefined();
    expect(await state(specOf('OrganisationLink'), id)).toMatchObject({ exists: true, archived: true });
  });

  it('answers an update with the linked organisation', async () => {
    const link = await freshRecord(specOf('OrganisationLink'));
    const { data, errors } = await execute<{ updateOrganisationLink: { since: string | null; organisation: { name: string } } }>(
      subgraph.parts,
      LINK.update,
      { input: { id: link.id, version: link.version, since: null } },
      editor,
    );
    expect(errors).toBeUndefined();
    expect(data!.updateOrganisationLink).toMatchObject({ since: null, organisation: { name: expect.stringMatching(/^Amt /) } });
  });

  it("refuses links from another publisher's organisation, even under the caller's own ownership", async () => {
    const before = await counts();
    const result = await execute(
      subgraph.parts,
      LINK.create,
      { input: { organisationId: OWNER, linkedId: 'stadt-muenster', relation: 'COOPERATES_WITH' } },
      asUser(OTHER, 'editor'),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });
});

describe('writing organisations: bad input is refused with BAD_USER_INPUT naming the field, writing nothing', () => {
  let archivedOrganisation: string;
  beforeAll(async () => {
    const record = await freshRecord(TYPES[0]);
    expect(
      (await execute(subgraph.parts, ORGANISATION.archive, { id: record.id, version: record.version }, editor)).errors,
    ).toBeUndefined();
    archivedOrganisation = record.id;
  });
  const organisation = { name: 'Ok', kind: 'CITY_DEPARTMENT' };
  const unit = { organisationId: OWNER, name: 'Ok', kind: 'BRANCH_OFFICE' };
  const link = { organisationId: OWNER, linkedId: 'stadt-muenster', relation: 'COOPERATES_WITH' };
  const ARCHIVED = '(archived)';

  it.each<[string, Record<string, unknown>, string]>([
    ['Organisation', { ...organisation, name: '' }, 'input.name'],
    ['Organisation', { ...organisation, name: 'x'.repeat(201) }, 'input.name'],
    ['Organisation', { ...organisation, municipalityKeys: ['0551500'] }, 'input.municipalityKeys'],
    ['Organisation', { ...organisation, id: 'Not A Slug' }, 'input.id'],
    ['Organisation', { ...organisation, parentId: 'no-such-parent' }, 'input.parentId'],
    ['Organisation', { ...organisation, parentId: ARCHIVED }, 'input.parentId'],
    ['OrganisationUnit', { ...unit, name: '' }, 'input.name'],
    ['OrganisationUnit', { ...unit, organisationId: 'no-such-organisation' }, 'input.organisationId'],
    ['OrganisationUnit', { ...unit, organisationId: ARCHIVED }, 'input.organisationId'],
    ['OrganisationUnit', { ...unit, organisationId: 'Not An Id' }, 'input.organisationId'],
    ['OrganisationUnit', { ...unit, parentId: 'no-such-unit' }, 'input.parentId'],
    ['OrganisationUnit', { ...unit, parentId: demo.demoIds.reHeadquarters }, 'input.parentId'],
    ['OrganisationUnit', { ...unit, id: 'self-parent', parentId: 'self-parent' }, 'input.parentId'],
    ['OrganisationUnit', { ...unit, employerId: 'no-such-employer' }, 'input.employerId'],
    ['OrganisationUnit', { ...unit, teamFunction: 'PLACEMENT' }, 'input.teamFunction'],
    ['OrganisationLink', { ...link, linkedId: OWNER }, 'input.linkedId'],
    ['OrganisationLink', { ...link, linkedId: 'no-such-organisation' }, 'input.linkedId'],
    ['OrganisationLink', { ...link, linkedId: ARCHIVED }, 'input.linkedId'],
    ['OrganisationLink', { ...link, organisationId: 'no-such-organisation' }, 'input.organisationId'],
    ['OrganisationLink', { ...link, since: '2021-02-29' }, 'input.since'],
    ['OrganisationLink', { ...link, since: '1.1.2021' }, 'input.since'],
  ])('create%s %j names %s', async (type, input, field) => {
    const resolved = Object.fromEntries(
      Object.entries(input).map(([key, value]) => [key, value === ARCHIVED ? archivedOrganisation : value]),
    );
    const before = await counts();
    const result = await execute(subgraph.parts, specOf(type).create, { input: resolved }, editor);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(`${field}:`);
    expect(await counts()).toEqual(before);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['Organisation', { municipalityKeys: ['x'] }, 'input.municipalityKeys'],
    ['OrganisationUnit', { name: null }, 'input.name'],
    ['OrganisationUnit', { kind: null }, 'input.kind'],
    ['OrganisationUnit', { teamFunction: 'BENEFITS' }, 'input.teamFunction'],
    ['OrganisationUnit', { employerId: 'no-such-employer' }, 'input.employerId'],
    ['OrganisationLink', { relation: null }, 'input.relation'],
    ['OrganisationLink', { since: 'yesterday' }, 'input.since'],
  ])('update%s %j names %s', async (type, changes, field) => {
    const spec = specOf(type);
    const record = await freshRecord(spec);
    const before = await state(spec, record.id);
    const result = await execute(subgraph.parts, spec.update, { input: { id: record.id, version: record.version, ...changes } }, editor);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(`${field}:`);
    expect(await state(spec, record.id)).toEqual(before);
  });

  it('refuses to turn a team into an office while it keeps its team function, naming input.kind', async () => {
    const team = await freshRecord(specOf('OrganisationUnit'), { kind: 'TEAM', teamFunction: 'RECEPTION' });
    const result = await execute(
      subgraph.parts,
      UNIT.update,
      { input: { id: team.id, version: team.version, kind: 'BRANCH_OFFICE' } },
      editor,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.kind' });
    const cleared = await execute(
      subgraph.parts,
      UNIT.update,
      { input: { id: team.id, version: team.version, kind: 'BRANCH_OFFICE', teamFunction: null } },
      editor,
    );
    expect(cleared.errors).toBeUndefined();
  });

  it('refuses an organisation as the parent of its own parent', async () => {
    const parent = await freshRecord(TYPES[0]);
    const child = await freshRecord(TYPES[0], { parentId: parent.id });
    const result = await execute(
      subgraph.parts,
      ORGANISATION.update,
      { input: { id: parent.id, version: parent.version, parentId: child.id } },
      editor,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.parentId' });
    expect(await state(TYPES[0], parent.id)).toMatchObject({ version: parent.version, audits: 1 });
  });
});
