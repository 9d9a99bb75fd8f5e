import type { Caller } from '@jobcenter-hub/service';
import { AuditEvent } from '@jobcenter-hub/subgraph';
import type { EntityClass } from '@mikro-orm/core';
import { asUser } from '../../../test/support/execute';
import { matrixCallers, refusalCode } from '../../../test/support/write-matrix';
import { Intake } from '../src/modules/intake/intake.entity';
import { Participation } from '../src/modules/participation/participation.entity';
import { Programme } from '../src/modules/programme/programme.entity';
import { ACADEMIES, addDays, JOBCENTER, TODAY, useProgrammesSubgraph } from './fixture';

const hub = useProgrammesSubgraph();

const OWNER = JOBCENTER;
const OTHER = 'jobcenter-muenster';
const editor = asUser(OWNER, 'editor');
const admin = asUser(OTHER, 'admin');

/** The programme this file's intakes and figures belong to, created through the API. */
const BASE = 'write-base';
/** Sites of the owner (Jobcenter Kreis Recklinghausen): references to them need no grant. */
const OWN_SITE = ACADEMIES[0]!;
const OWN_SITES = [
  ...ACADEMIES,
  'loc-jcre-zentrale',
  'loc-jcre-rehapro-haus',
  ...[
    'castrop-rauxel',
    'datteln',
    'dorsten',
    'gladbeck',
    'haltern-am-see',
    'herten',
    'marl',
    'oer-erkenschwick',
    'recklinghausen',
    'waltrop',
  ].map((city) => `loc-jcre-bezirksstelle-${city}`),
];
/** A site of the other organisation (Jobcenter Münster). */
const OTHER_SITE = 'loc-jcms-nebenstelle-mitte';

beforeAll(async () => {
  const { errors } = await hub.run(
    CREATE_PROGRAMME,
    { input: { id: BASE, kind: 'JOB_ACADEMY', name: 'Basis', operatorId: OWNER } },
    editor,
  );
  expect(errors).toBeUndefined();
});

const CREATE_PROGRAMME = `mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id name ownerId operator { id } version source { kind } } }`;
const UPDATE_PROGRAMME = `mutation ($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { id name ownerId version } }`;
const ARCHIVE_PROGRAMME = `mutation ($id: ID!, $version: Int!) { archiveProgramme(id: $id, version: $version) { id version } }`;

/** One entity type of this subgraph as the write tests see it. */
interface WrittenType {
  type: string;
  entity: EntityClass<Programme | Intake | Participation>;
  create: string;
  update: string;
  archive: string;
  /** A valid create input owned by OWNER; `n` keeps inputs apart where a combination must be unique. */
  createInput: (id: string | undefined, n: number) => Record<string, unknown>;
  /** A change, and how to see it in the database. */
  change: Record<string, unknown>;
  valueOf: (record: Programme & Intake & Participation) => unknown;
}

let counter = 0;
const TYPES: WrittenType[] = [
  {
    type: 'Programme',
    entity: Programme,
    create: CREATE_PROGRAMME,
    update: UPDATE_PROGRAMME,
    archive: ARCHIVE_PROGRAMME,
    createInput: (id) => ({ id, kind: 'REHAPRO', name: 'Testprogramm', operatorId: OWNER, venueIds: [OWN_SITE], daysPerWeekMax: 2 }),
    change: { name: 'Umbenannt' },
    valueOf: (record) => record.name,
  },
  {
    type: 'Intake',
    entity: Intake,
    create: `mutation ($input: CreateIntakeInput!) { createIntake(input: $input) { id ownerId version places placesTaken freePlaces programme { id name } venue { id } } }`,
    update: `mutation ($input: UpdateIntakeInput!) { updateIntake(input: $input) { id places version } }`,
    archive: `mutation ($id: ID!, $version: Int!) { archiveIntake(id: $id, version: $version) { id version } }`,
    createInput: (id) => ({ id, programmeId: BASE, venueId: OWN_SITE, startsOn: addDays(TODAY, 30), places: 10, placesTaken: 4 }),
    change: { places: 12 },
    valueOf: (record) => record.places,
  },
  {
    type: 'ParticipationFigure',
    entity: Participation,
    create: `mutation ($input: CreateParticipationFigureInput!) {
      createParticipationFigure(input: $input) { id ownerId version year participants venue { id } programme { id } } }`,
    update: `mutation ($input: UpdateParticipationFigureInput!) { updateParticipationFigure(input: $input) { id participants version } }`,
    archive: `mutation ($id: ID!, $version: Int!) { archiveParticipationFigure(id: $id, version: $version) { id version } }`,
    // One figure per programme, year and venue: every figure of this file gets its own venue and year
    // (the owner's sites, years from 1900 on; 2015 to 2019 are left to the tests below).
    createInput: (id, n) => ({
      id,
      programmeId: BASE,
      year: 1900 + (Math.floor(n / OWN_SITES.length) % 100),
      venueId: OWN_SITES[n % OWN_SITES.length],
      participants: 30,
    }),
    change: { participants: 42 },
    valueOf: (record) => record.participants,
  },
];
const byType = (type: string) => TYPES.find((written) => written.type === type)!;

const rootField = (operation: string) => /\{\s*(\w+)\(/.exec(operation)![1]!;
const dataOf = (result: { data?: Record<string, unknown> }, operation: string) =>
  result.data?.[rootField(operation)] as { id: string; version: number; ownerId?: string } | null | undefined;

/** A fresh record owned by OWNER, so each case starts from a known version. */
async function fresh(written: WrittenType, id?: string): Promise<{ id: string; version: number }> {
  const result = await hub.run(written.create, { input: written.createInput(id, (counter += 1)) }, editor);
  expect(result.errors).toBeUndefined();
  return dataOf(result, written.create)!;
}

async function state(written: WrittenType, id: string) {
  const em = hub.orm.em.fork();
  const record = (await em.findOne(written.entity, { id })) as (Programme & Intake & Participation) | null;
  return {
    exists: Boolean(record),
    value: record ? written.valueOf(record) : undefined,
    version: record?.version,
    archived: Boolean(record?.archivedAt),
    audits: await em.count(AuditEvent, { entityId: id }),
  };
}

const slug = (text: string) => text.replace(/\W+/g, '-').toLowerCase();
const codeOf = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code ?? 'OK';

describe.each(TYPES.map((written) => [written.type, written] as const))('writing %s: who may', (type, written) => {
  it.each(matrixCallers(OWNER, OTHER))('%s', async (who, caller: Caller | undefined, allowed) => {
    const newId = `matrix-${slug(type)}-${slug(who)}`;
    const created = await hub.run(written.create, { input: written.createInput(newId, (counter += 1)) }, caller);
    const record = await fresh(written);
    const before = await state(written, record.id);
    const updated = await hub.run(written.update, { input: { id: record.id, version: record.version, ...written.change } }, caller);
    const afterUpdate = await state(written, record.id);
    const archived = await hub.run(written.archive, { id: record.id, version: afterUpdate.version }, caller);
    const after = await state(written, record.id);
    if (allowed) {
      expect([created, updated, archived].map(codeOf)).toEqual(['OK', 'OK', 'OK']);
      expect(dataOf(created, written.create)!.ownerId).toBe(OWNER);
      expect(after).toEqual({
        exists: true,
        value: Object.values(written.change)[0],
        version: record.version + 2,
        archived: true,
        audits: 3,
      });
    } else {
      expect([created, updated, archived].map(codeOf)).toEqual(Array(3).fill(refusalCode(caller)));
      expect(dataOf(created, written.create) ?? null).toBeNull();
      expect(await state(written, newId)).toMatchObject({ exists: false, audits: 0 });
      expect(after).toEqual(before);
    }
  });
});

describe('writing: versions, conflicts and unknown ids', () => {
  it.each(TYPES.map((written) => [written.type, written] as const))(
    '%s: an old version is refused with CONFLICT, by update and archive alike, and changes nothing',
    async (_type, written) => {
      const record = await fresh(written);
      const first = await hub.run(written.update, { input: { id: record.id, version: record.version, ...written.change } }, editor);
      expect(first.errors).toBeUndefined();
      const current = await state(written, record.id);
      const stale = await hub.run(written.update, { input: { id: record.id, version: record.version, ...written.change } }, editor);
      const staleArchive = await hub.run(written.archive, { id: record.id, version: record.version }, editor);
      expect([codeOf(stale), codeOf(staleArchive)]).toEqual(['CONFLICT', 'CONFLICT']);
      expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(record.version + 1);
      expect(await state(written, record.id)).toEqual(current);
    },
  );

  it('lets exactly one of two concurrent updates of a programme from the same version win', async () => {
    const written = byType('Programme');
    const record = await fresh(written);
    const results = await Promise.all(
      ['Links', 'Rechts'].map((name) => hub.run(UPDATE_PROGRAMME, { input: { id: record.id, version: record.version, name } }, editor)),
    );
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'OK']);
    const winner = results.find((result) => !result.errors)!.data as { updateProgramme: { name: string } };
    expect(await state(written, record.id)).toMatchObject({ value: winner.updateProgramme.name, version: record.version + 1, audits: 2 });
  });

  it.each(TYPES.map((written) => [written.type, written] as const))(
    '%s: unknown ids are NOT_FOUND for update and archive',
    async (_type, written) => {
      const update = await hub.run(written.update, { input: { id: 'no-such-record', version: 1, ...written.change } }, editor);
      const archive = await hub.run(written.archive, { id: 'no-such-record', version: 1 }, editor);
      expect([codeOf(update), codeOf(archive)]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
      expect(await hub.orm.em.fork().count(AuditEvent, { entityId: 'no-such-record' })).toBe(0);
    },
  );

  it.each(TYPES.map((written) => [written.type, written] as const))(
    '%s: a second record with the same id is a CONFLICT',
    async (_type, written) => {
      const id = `duplicate-${slug(written.type)}`;
      await fresh(written, id);
      const again = await hub.run(written.create, { input: written.createInput(id, (counter += 1)) }, editor);
      expect(codeOf(again)).toBe('CONFLICT');
      expect(await state(written, id)).toMatchObject({ version: 1, audits: 1 });
    },
  );
});

describe('writing: bad input is refused with BAD_USER_INPUT naming the field, and writes nothing', () => {
  const long = (n: number) => 'x'.repeat(n);
  it.each([
    ['Programme', { name: '' }, 'input.name'],
    ['Programme', { name: long(201) }, 'input.name'],
    ['Programme', { description: long(5001) }, 'input.description'],
    ['Programme', { capacityPerYear: -1 }, 'input.capacityPerYear'],
    ['Programme', { participantsPerYear: -5 }, 'input.participantsPerYear'],
    ['Programme', { daysPerWeekMax: 0 }, 'input.daysPerWeekMax'],
    ['Programme', { daysPerWeekMax: 8 }, 'input.daysPerWeekMax'],
    ['Programme', { operatorId: 'Jobcenter Münster' }, 'input.operatorId'],
    ['Programme', { venueIds: ['loc-ok', 'Not A Slug'] }, 'input.venueIds'],
    ['Programme', { venueIds: ['loc-twice', 'loc-twice'] }, 'input.venueIds'],
    ['Programme', { partnerIds: ['partner-ok', ''] }, 'input.partnerIds'],
    ['Programme', { id: 'Not A Slug' }, 'input.id'],
    ['Programme', { ownerId: 'Not A Slug' }, 'input.ownerId'],
    ['Intake', { programmeId: 'no-such-programme' }, 'input.programmeId'],
    ['Intake', { venueId: 'Not A Slug' }, 'input.venueId'],
    ['Intake', { startsOn: '2026-02-30' }, 'input.startsOn'],
    ['Intake', { startsOn: '1.12.2026' }, 'input.startsOn'],
    ['Intake', { startsOn: '2026-12-01T09:00:00Z' }, 'input.startsOn'],
    ['Intake', { places: 0 }, 'input.places'],
    ['Intake', { placesTaken: -1 }, 'input.placesTaken'],
    ['Intake', { places: 10, placesTaken: 11 }, 'input.placesTaken'],
    ['Intake', { ownerId: 'Not A Slug' }, 'input.ownerId'],
    ['ParticipationFigure', { programmeId: 'no-such-programme' }, 'input.programmeId'],
    ['ParticipationFigure', { year: 1899 }, 'input.year'],
    ['ParticipationFigure', { year: 2101 }, 'input.year'],
    ['ParticipationFigure', { participants: -1 }, 'input.participants'],
    ['ParticipationFigure', { venueId: 'Not A Slug' }, 'input.venueId'],
  ])('create %s with %j: %s', async (type, fields, field) => {
    const written = byType(type);
    const before = await hub.orm.em.fork().count(written.entity, {});
    const result = await hub.run(written.create, { input: { ...written.createInput(undefined, (counter += 1)), ...fields } }, editor);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(field);
    expect(await hub.orm.em.fork().count(written.entity, {})).toBe(before);
  });

  it.each([
    ['Programme', { name: null }, 'input.name'],
    ['Programme', { kind: null }, 'input.kind'],
    ['Programme', { venueIds: null }, 'input.venueIds'],
    ['Programme', { daysPerWeekMax: 8 }, 'input.daysPerWeekMax'],
    ['Intake', { startsOn: null }, 'input.startsOn'],
    ['Intake', { places: 3 }, 'input.places'], // fewer than the 4 taken
    ['Intake', { placesTaken: 11 }, 'input.placesTaken'], // more than the 10 offered
    ['Intake', { places: 5, placesTaken: 6 }, 'input.placesTaken'],
    ['ParticipationFigure', { year: 1800 }, 'input.year'],
    ['ParticipationFigure', { participants: null }, 'input.participants'],
  ])('update %s with %j: %s', async (type, fields, field) => {
    const written = byType(type);
    const record = await fresh(written);
    const before = await state(written, record.id);
    const result = await hub.run(written.update, { input: { id: record.id, version: record.version, ...fields } }, editor);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(field);
    expect(await state(written, record.id)).toEqual(before);
  });

  it.each(['Intake', 'ParticipationFigure'])('%s: an archived programme takes no new records', async (type) => {
    const programme = await fresh(byType('Programme'));
    await hub.run(ARCHIVE_PROGRAMME, { id: programme.id, version: programme.version }, editor);
    const written = byType(type);
    const result = await hub.run(
      written.create,
      { input: { ...written.createInput(undefined, (counter += 1)), programmeId: programme.id } },
      editor,
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('input.programmeId');
  });
});

describe('writing: who owns what', () => {
  const OWNED = `query ($id: ID!) { programme(id: $id) { ownerId operator { id } } }`;

  it("makes the operator the programme's owner, and its programme's owner the owner of an intake or figure", async () => {
    const result = await hub.run<{ createProgramme: { id: string; ownerId: string; operator: { id: string } } }>(
      CREATE_PROGRAMME,
      { input: { kind: 'REHAPRO', name: 'Fremdbetrieben', operatorId: 'stadt-marl' } },
      admin,
    );
    expect(result.data!.createProgramme).toMatchObject({ ownerId: 'stadt-marl', operator: { id: 'stadt-marl' } });
    // The intake's venue is a site of Jobcenter Kreis Recklinghausen: the intake's owner (the city) needs its grant.
    const revoke = await hub.grant(OWNER, 'stadt-marl');
    const intake = await hub.run<{ createIntake: { ownerId: string } }>(
      byType('Intake').create,
      { input: { ...byType('Intake').createInput(undefined, 0), programmeId: result.data!.createProgramme.id } },
      admin,
    );
    await revoke();
    expect(intake.errors).toBeUndefined();
    expect(intake.data!.createIntake.ownerId).toBe('stadt-marl');
  });

  it.each([
    ['another operator', { operatorId: OTHER }],
    ['itself as owner of a programme another organisation operates', { operatorId: OTHER, ownerId: OWNER }],
    ['another owner for its own programme', { operatorId: OWNER, ownerId: OTHER }],
  ])('refuses an editor naming %s (FORBIDDEN), writing nothing', async (_what, fields) => {
    const before = await hub.orm.em.fork().count(Programme, {});
    const result = await hub.run(CREATE_PROGRAMME, { input: { kind: 'REHAPRO', name: 'Fremd', ...fields } }, editor);
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(await hub.orm.em.fork().count(Programme, {})).toBe(before);
  });

  it('refuses an editor naming another owner for an intake of its own programme', async () => {
    const written = byType('Intake');
    const result = await hub.run(written.create, { input: { ...written.createInput(undefined, 0), ownerId: OTHER } }, editor);
    expect(codeOf(result)).toBe('FORBIDDEN');
  });

  it('lets an admin name another owner than the operator, once the operator grants that owner references', async () => {
    const input = { kind: 'REHAPRO', name: 'Im Auftrag', operatorId: 'stadt-recklinghausen-sozialamt', ownerId: OWNER };
    const before = await hub.orm.em.fork().count(Programme, {});
    const refused = await hub.run(CREATE_PROGRAMME, { input }, admin);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      argument: 'input.operatorId',
      ownerId: 'stadt-recklinghausen-sozialamt',
    });
    expect(await hub.orm.em.fork().count(Programme, {})).toBe(before);
    const revoke = await hub.grant('stadt-recklinghausen-sozialamt', OWNER);
    const result = await hub.run<{ createProgramme: { ownerId: string } }>(CREATE_PROGRAMME, { input }, admin);
    await revoke();
    expect(result.errors).toBeUndefined();
    expect(result.data!.createProgramme.ownerId).toBe(OWNER);
  });

  it('moves the ownership with a new operator: editors cannot hand a programme away, admins can', async () => {
    const record = await fresh(byType('Programme'));
    const handedAway = await hub.run(UPDATE_PROGRAMME, { input: { id: record.id, version: record.version, operatorId: OTHER } }, editor);
    expect(codeOf(handedAway)).toBe('FORBIDDEN');
    expect(await state(byType('Programme'), record.id)).toMatchObject({ version: record.version, audits: 1 });
    // The new owner must be allowed the references the programme keeps: its venue is a site of the old owner.
    const ungranted = await hub.run(UPDATE_PROGRAMME, { input: { id: record.id, version: record.version, operatorId: OTHER } }, admin);
    expect(ungranted.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'input.venueIds', ownerId: OWNER });
    expect(await state(byType('Programme'), record.id)).toMatchObject({ version: record.version, audits: 1 });
    const revoke = await hub.grant(OWNER, OTHER);
    const moved = await hub.run(UPDATE_PROGRAMME, { input: { id: record.id, version: record.version, operatorId: OTHER } }, admin);
    await revoke();
    expect(codeOf(moved)).toBe('OK');
    expect((await hub.run(OWNED, { id: record.id })).data).toEqual({ programme: { ownerId: OTHER, operator: { id: OTHER } } });
    const byOldOwner = await hub.run(UPDATE_PROGRAMME, { input: { id: record.id, version: record.version + 1, name: 'Zurück' } }, editor);
    expect(codeOf(byOldOwner)).toBe('FORBIDDEN');
    const byNewOwner = await hub.run(
      UPDATE_PROGRAMME,
      { input: { id: record.id, version: record.version + 1, name: 'Neu' } },
      asUser(OTHER, 'editor'),
    );
    expect(codeOf(byNewOwner)).toBe('OK');
  });
});

describe('writing participation figures: one per programme, year and venue', () => {
  const written = byType('ParticipationFigure');
  const figure = (fields: Record<string, unknown>) => ({ programmeId: BASE, year: 2019, participants: 5, ...fields });

  it('refuses a second figure for the same programme, year and venue (or all venues) with CONFLICT, naming the first', async () => {
    for (const venueId of ['loc-jcre-zentrale', undefined]) {
      const first = await hub.run(written.create, { input: figure({ venueId }) }, editor);
      expect(codeOf(first)).toBe('OK');
      const before = await hub.orm.em.fork().count(Participation, {});
      const second = await hub.run(written.create, { input: figure({ venueId, participants: 6 }) }, admin);
      expect(codeOf(second)).toBe('CONFLICT');
      expect(second.errors?.[0]?.extensions?.existingId).toBe(dataOf(first, written.create)!.id);
      expect(await hub.orm.em.fork().count(Participation, {})).toBe(before);
    }
    expect(codeOf(await hub.run(written.create, { input: figure({ venueId: 'loc-jcre-zentrale', year: 2018 }) }, editor))).toBe('OK');
  });

  it('refuses an update onto the year and venue of another figure, and allows one after that figure is archived', async () => {
    const taken = dataOf(
      await hub.run(written.create, { input: figure({ year: 2017, venueId: 'loc-jcre-rehapro-haus' }) }, editor),
      written.create,
    )!;
    const moving = dataOf(
      await hub.run(written.create, { input: figure({ year: 2016, venueId: 'loc-jcre-rehapro-haus' }) }, editor),
      written.create,
    )!;
    const clash = await hub.run(written.update, { input: { id: moving.id, version: moving.version, year: 2017 } }, editor);
    expect(codeOf(clash)).toBe('CONFLICT');
    expect(await state(written, moving.id)).toMatchObject({ version: moving.version, audits: 1 });
    await hub.run(written.archive, { id: taken.id, version: taken.version }, editor);
    expect(codeOf(await hub.run(written.update, { input: { id: moving.id, version: moving.version, year: 2017 } }, editor))).toBe('OK');
  });

  it('lets two concurrent creates of the same figure end with exactly one', async () => {
    const results = await Promise.all(
      [1, 2].map((participants) => hub.run(written.create, { input: figure({ year: 2015, participants }) }, editor)),
    );
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'OK']);
    expect(await hub.orm.em.fork().count(Participation, { programme: BASE, year: 2015, archivedAt: null })).toBe(1);
  });
});

describe('writing: what readers see', () => {
  it('records who changed what, and shows it to admins only', async () => {
    const record = await fresh(byType('Intake'));
    await hub.run(byType('Intake').update, { input: { id: record.id, version: record.version, places: 15 } }, editor);
    const TRAIL = `query ($id: ID!) { programmesAuditTrail(entityType: "Intake", entityId: $id) {
      totalCount nodes { entityType action version actorSubject actorOrganisationId changes } } }`;
    const trail = await hub.run<{ programmesAuditTrail: { nodes: Record<string, unknown>[] } }>(TRAIL, { id: record.id }, admin);
    expect(trail.errors).toBeUndefined();
    expect(trail.data!.programmesAuditTrail.nodes).toEqual([
      expect.objectContaining({ entityType: 'Intake', action: 'CREATE', version: 1, actorOrganisationId: OWNER }),
      {
        entityType: 'Intake',
        action: 'UPDATE',
        version: 2,
        actorSubject: 'test-editor@' + OWNER,
        actorOrganisationId: OWNER,
        changes: { places: [10, 15] },
      },
    ]);
    expect(codeOf(await hub.run(TRAIL, { id: record.id }, editor))).toBe('FORBIDDEN');
    expect(codeOf(await hub.run(TRAIL, { id: record.id }))).toBe('UNAUTHENTICATED');
  });

  it('shows a new intake and figure with their programme, and takes archived records out of the lists and sums', async () => {
    // A city department runs a programme at a Münster branch office, which Jobcenter Münster grants it.
    const operator = 'stadt-muenster-sozialamt';
    const revoke = await hub.grant(OTHER, operator);
    const programme = await hub.run<{ createProgramme: { id: string; version: number } }>(
      CREATE_PROGRAMME,
      { input: { kind: 'JOB_ACADEMY', name: 'Sichtbar', operatorId: operator, venueIds: [OTHER_SITE] } },
      admin,
    );
    expect(programme.errors).toBeUndefined();
    const id = programme.data!.createProgramme.id;
    const intake = await hub.run<{ createIntake: Record<string, unknown> }>(
      byType('Intake').create,
      { input: { programmeId: id, venueId: OTHER_SITE, startsOn: addDays(TODAY, 7), places: 10, placesTaken: 4 } },
      admin,
    );
    expect(intake.data!.createIntake).toMatchObject({
      places: 10,
      placesTaken: 4,
      freePlaces: 6,
      programme: { id, name: 'Sichtbar' },
      venue: { id: OTHER_SITE },
    });
    const figure = await hub.run<{ createParticipationFigure: Record<string, unknown> }>(
      byType('ParticipationFigure').create,
      { input: { programmeId: id, year: 2025, participants: 77 } },
      admin,
    );
    expect(figure.data!.createParticipationFigure).toMatchObject({ year: 2025, participants: 77, venue: null, programme: { id } });

    const READ = `query { programmes(operatorId: "${operator}") { totalCount }
      _entities(representations: [{ __typename: "Location", id: "${OTHER_SITE}" }, { __typename: "Organisation", id: "${operator}" }]) {
        ... on Location { programmePlaces intakes { totalCount } } ... on Organisation { participants(year: 2025) } } }`;
    // Exact free places are for signed-in callers.
    const viewer = asUser(OTHER, 'viewer');
    expect((await hub.run(READ, {}, viewer)).data).toEqual({
      programmes: { totalCount: 1 },
      _entities: [{ programmePlaces: 6, intakes: { totalCount: 1 } }, { participants: 77 }],
    });

    const { id: intakeId, version: intakeVersion } = intake.data!.createIntake as { id: string; version: number };
    const { id: figureId, version: figureVersion } = figure.data!.createParticipationFigure as { id: string; version: number };
    await hub.run(byType('Intake').archive, { id: intakeId, version: intakeVersion }, admin);
    await hub.run(byType('ParticipationFigure').archive, { id: figureId, version: figureVersion }, admin);
    expect((await hub.run(READ, {}, viewer)).data).toEqual({
      programmes: { totalCount: 1 },
      _entities: [{ programmePlaces: 0, intakes: { totalCount: 0 } }, { participants: null }],
    });
    await hub.run(ARCHIVE_PROGRAMME, { id, version: 1 }, admin);
    expect((await hub.run(READ, {}, viewer)).data).toMatchObject({ programmes: { totalCount: 0 } });
    await revoke();
    // Archived, not deleted: still readable by id.
    expect((await hub.run(`query { programme(id: "${id}") { id version } }`)).data).toEqual({ programme: { id, version: 2 } });
  });
});
