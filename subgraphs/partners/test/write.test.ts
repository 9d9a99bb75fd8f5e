import { AuditEvent } from '@jobcenter-hub/subgraph';
import { demo } from '@jobcenter-hub/demo';
import { asUser, execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { matrixCallers, refusalCode } from '../../../test/support/write-matrix';
import { createPartnersOrmConfig } from '../src/mikro-orm.config';
import { Liaison } from '../src/modules/liaison/liaison.entity';
import { Partner } from '../src/modules/partner/partner.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

/** Wednesday 2 December 2026, 10:00 in Münster. */
const NOW = new Date('2026-12-02T09:00:00Z');

const subgraph = useTestSubgraph({
  database: 'partners_write',
  createConfig: createPartnersOrmConfig,
  seed: (em) => seedIfEmpty(em),
  createServer: (orm, options) => createServer(orm, { ...options, now: () => NOW }),
  // Units, districts and the grants of references are asked of the real peers.
  peers: ['organisations', 'locations'],
});

const OWNER = demo.demoIds.jobcenterMuenster;
const OTHER = demo.demoIds.jobcenterRecklinghausen;
const UNIT = demo.demoIds.msTeam('kinderhaus', 'vermittlung');
const SEEDED_PARTNER = 'partner-nachbarschaftstreff-nord';
const editor = asUser(OWNER, 'editor');

const PARTNER = {
  create: `mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { id name ownerId version source { kind } } }`,
  update: `mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { id name version } }`,
  archive: `mutation ($id: ID!, $version: Int!) { archivePartner(id: $id, version: $version) { id version } }`,
};
const LIAISON = {
  create: `mutation ($input: CreateLiaisonInput!) { createLiaison(input: $input) { id activity ownerId version unit { id } partner { id } } }`,
  update: `mutation ($input: UpdateLiaisonInput!) { updateLiaison(input: $input) { id activity version } }`,
  archive: `mutation ($id: ID!, $version: Int!) { archiveLiaison(id: $id, version: $version) { id version } }`,
};

/** Each entity type: its operations, a valid new record, and the field the matrix changes. */
const TYPES = [
  {
    type: 'Partner',
    ...PARTNER,
    entity: Partner,
    field: 'name',
    newInput: (): Record<string, unknown> => ({ name: 'Familienzentrum Test', category: 'KITA', districtIds: ['muenster-nord'] }),
  },
  {
    type: 'Liaison',
    ...LIAISON,
    entity: Liaison,
    field: 'activity',
    newInput: (): Record<string, unknown> => ({ unitId: UNIT, partnerId: SEEDED_PARTNER, activity: 'visits the open meeting' }),
  },
] as const;
type TypeSpec = (typeof TYPES)[number];

const mutationName = (spec: TypeSpec, verb: 'create' | 'update' | 'archive') => `${verb}${spec.type}`;

/** A fresh record owned by OWNER, so each case starts from a known version. */
async function freshRecord(spec: TypeSpec): Promise<{ id: string; version: number }> {
  const { data, errors } = await execute<Record<string, { id: string; version: number }>>(
    subgraph.parts,
    spec.create,
    { input: spec.newInput() },
    editor,
  );
  expect(errors).toBeUndefined();
  return data![mutationName(spec, 'create')]!;
}

async function state(spec: TypeSpec, id: string) {
  const em = subgraph.orm.em.fork();
  const record = (await em.findOne(spec.entity, id)) as (Partner & Liaison) | null;
  return {
    exists: Boolean(record),
    value: record?.[spec.field],
    version: record?.version,
    archived: Boolean(record?.archivedAt),
    audits: await em.count(AuditEvent, { entityId: id }),
  };
}

describe.each(TYPES)('writing $type: who may', (spec) => {
  describe.each(matrixCallers(OWNER, OTHER))('%s', (who, caller, allowed) => {
    it(allowed ? 'may create, update and archive' : 'is refused everything, and nothing changes', async () => {
      const newId = `matrix-${spec.type.toLowerCase()}-${who.replace(/\W+/g, '-')}`;
      const created = await execute<Record<string, { ownerId: string }>>(
        subgraph.parts,
        spec.create,
        { input: { ...spec.newInput(), id: newId, ownerId: OWNER } },
        caller,
      );
      const record = await freshRecord(spec);
      const before = await state(spec, record.id);
      const updated = await execute(
        subgraph.parts,
        spec.update,
        { input: { id: record.id, version: record.version, [spec.field]: 'Changed' } },
        caller,
      );
      const afterUpdate = await state(spec, record.id);
      const archived = await execute(subgraph.parts, spec.archive, { id: record.id, version: afterUpdate.version }, caller);
      const after = await state(spec, record.id);
      if (allowed) {
        expect(created.errors).toBeUndefined();
        expect(created.data![mutationName(spec, 'create')]!.ownerId).toBe(OWNER);
        expect(updated.errors).toBeUndefined();
        expect(archived.errors).toBeUndefined();
        expect(after).toEqual({ exists: true, value: 'Changed', version: record.version + 2, archived: true, audits: 3 });
      } else {
        for (const result of [created, updated, archived]) expect(result.errors?.[0]?.extensions?.code).toBe(refusalCode(caller));
        expect(created.data?.[mutationName(spec, 'create')] ?? null).toBeNull();
        expect(await state(spec, newId)).toMatchObject({ exists: false, audits: 0 });
        expect(after).toEqual(before);
      }
    });
  });
});

describe.each(TYPES)('writing $type: what', (spec) => {
  it('refuses an old version with CONFLICT and changes nothing', async () => {
    const record = await freshRecord(spec);
    await execute(subgraph.parts, spec.update, { input: { id: record.id, version: record.version, [spec.field]: 'Erste' } }, editor);
    const stale = await execute(
      subgraph.parts,
      spec.update,
      { input: { id: record.id, version: record.version, [spec.field]: 'Zweite' } },
      editor,
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const staleArchive = await execute(subgraph.parts, spec.archive, { id: record.id, version: record.version }, editor);
    expect(staleArchive.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await state(spec, record.id)).toMatchObject({ value: 'Erste', version: record.version + 1, archived: false, audits: 2 });
  });

  it('answers NOT_FOUND for unknown ids, to update and to archive', async () => {
    const updated = await execute(subgraph.parts, spec.update, { input: { id: 'no-such-record', version: 1, [spec.field]: 'x' } }, editor);
    const archived = await execute(subgraph.parts, spec.archive, { id: 'no-such-record', version: 1 }, editor);
    expect([updated, archived].map((result) => result.errors?.[0]?.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('refuses a second record with the same id with CONFLICT', async () => {
    const input = { ...spec.newInput(), id: `duplicate-${spec.type.toLowerCase()}` };
    expect((await execute(subgraph.parts, spec.create, { input }, editor)).errors).toBeUndefined();
    expect((await execute(subgraph.parts, spec.create, { input }, editor)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await state(spec, input.id)).toMatchObject({ exists: true, version: 1, audits: 1 });
  });

  it('records who changed what, and shows it to admins only', async () => {
    const record = await freshRecord(spec);
    await execute(subgraph.parts, spec.update, { input: { id: record.id, version: record.version, [spec.field]: 'Neu' } }, editor);
    const TRAIL = `query ($id: ID!) { partnersAuditTrail(entityId: $id) { nodes { entityType action version actorOrganisationId changes } } }`;
    const trail = await execute<{
      partnersAuditTrail: {
        nodes: { entityType: string; action: string; actorOrganisationId: string; changes: Record<string, unknown> }[];
      };
    }>(subgraph.parts, TRAIL, { id: record.id }, asUser(OTHER, 'admin'));
    const events = trail.data!.partnersAuditTrail.nodes;
    expect(events.map((event) => [event.entityType, event.action, event.actorOrganisationId])).toEqual([
      [spec.type, 'CREATE', OWNER],
      [spec.type, 'UPDATE', OWNER],
    ]);
    expect(events[1]!.changes).toEqual({ [spec.field]: [spec.newInput()[spec.field], 'Neu'] });
    for (const caller of [editor, undefined]) {
      expect((await execute(subgraph.parts, TRAIL, { id: record.id }, caller)).errors?.[0]?.extensions?.code).toBe(refusalCode(caller));
    }
  });
});

describe('writing partners: concurrency', () => {
  it('lets exactly one of two concurrent updates from the same version win', async () => {
    const record = await freshRecord(TYPES[0]);
    const results = await Promise.all(
      ['Links', 'Rechts'].map((name) =>
        execute(subgraph.parts, PARTNER.update, { input: { id: record.id, version: record.version, name } }, editor),
      ),
    );
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const winner = results.find((result) => !result.errors)!.data as { updatePartner: { name: string } };
    expect(await state(TYPES[0], record.id)).toMatchObject({ value: winner.updatePartner.name, version: record.version + 1, audits: 2 });
  });
});

describe('writing partners: meetings and contact', () => {
  const READ = `query ($id: ID!) { partner(id: $id) { name website email phone description districts { id }
    meetings { title kind place source { kind citation } schedule { openingHours openAt(time: "2026-12-02T09:30:00Z") } } } }`;
  const cafe = {
    title: 'Offenes Café',
    kind: 'CAFE_HOURS',
    schedule: {
      weekly: [
        { day: 'WE', opens: '09:00', closes: '12:00' },
        { day: 'FR', opens: '14:00', closes: '16:30' },
      ],
      exceptions: [{ date: '2026-12-24', closed: true }],
    },
  };

  it('stores meetings with their schedules, which openNow and openAt then find', async () => {
    const created = await execute<{ createPartner: { id: string; version: number; source: { kind: string } } }>(
      subgraph.parts,
      PARTNER.create,
      {
        input: {
          id: 'cafe-mit-schedule',
          name: 'Café mit Sprechzeiten',
          category: 'COUNSELLING_CAFE',
          website: 'https://cafe.example.org',
          email: 'kontakt@cafe.example.org',
          phone: '+49 251 000 999',
          districtIds: ['muenster-nord', 'muenster-ost'],
          meetings: [
            cafe,
            {
              title: 'Sprechstunde',
              kind: 'CONSULTATION',
              place: 'Raum 2',
              schedule: { weekly: [{ day: 'MO', opens: '10:00', closes: '11:00' }] },
            },
          ],
        },
      },
      editor,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createPartner.source.kind).toBe('PUBLISHER');
    const { data } = await execute<{ partner: Record<string, unknown> }>(subgraph.parts, READ, { id: 'cafe-mit-schedule' });
    expect(data!.partner).toEqual({
      name: 'Café mit Sprechzeiten',
      website: 'https://cafe.example.org',
      email: 'kontakt@cafe.example.org',
      phone: '+49 251 000 999',
      description: null,
      districts: [{ id: 'muenster-nord' }, { id: 'muenster-ost' }],
      meetings: [
        {
          title: 'Offenes Café',
          kind: 'CAFE_HOURS',
          place: null,
          source: { kind: 'PUBLISHER', citation: `Published by ${OWNER}` },
          schedule: { openingHours: 'We 09:00-12:00; Fr 14:00-16:30; PH off; 2026 Dec 24 off', openAt: true },
        },
        {
          title: 'Sprechstunde',
          kind: 'CONSULTATION',
          place: 'Raum 2',
          source: { kind: 'PUBLISHER', citation: `Published by ${OWNER}` },
          schedule: { openingHours: 'Mo 10:00-11:00; PH off', openAt: false },
        },
      ],
    });
    const open = await execute<{ partners: { nodes: { id: string }[] } }>(
      subgraph.parts,
      `query { partners(openNow: true, districtId: "muenster-nord") { nodes { id } } }`,
    );
    expect(open.data!.partners.nodes.map((partner) => partner.id)).toContain('cafe-mit-schedule');

    // An update replaces the meetings, clears what is sent as null and keeps what is left out.
    const updated = await execute(
      subgraph.parts,
      PARTNER.update,
      {
        input: {
          id: 'cafe-mit-schedule',
          version: created.data!.createPartner.version,
          meetings: [],
          website: null,
          description: 'Jetzt ohne Café.',
        },
      },
      editor,
    );
    expect(updated.errors).toBeUndefined();
    const after = await execute<{ partner: Record<string, unknown> }>(subgraph.parts, READ, { id: 'cafe-mit-schedule' });
    expect(after.data!.partner).toMatchObject({
      name: 'Café mit Sprechzeiten',
      website: null,
      email: 'kontakt@cafe.example.org',
      description: 'Jetzt ohne Café.',
      meetings: [],
    });
    const closed = await execute<{ partners: { nodes: { id: string }[] } }>(
      subgraph.parts,
      `query { partners(openNow: true, districtId: "muenster-nord") { nodes { id } } }`,
    );
    expect(closed.data!.partners.nodes.map((partner) => partner.id)).not.toContain('cafe-mit-schedule');
  });

  it('takes an archived partner out of the lists, and refuses new liaisons to it', async () => {
    const record = await freshRecord(TYPES[0]);
    expect((await execute(subgraph.parts, PARTNER.archive, { id: record.id, version: record.version }, editor)).errors).toBeUndefined();
    const { data } = await execute<{ partners: { nodes: { id: string }[] } }>(
      subgraph.parts,
      `query { partners(first: 100, districtId: "muenster-nord") { nodes { id } } }`,
    );
    expect(data!.partners.nodes.map((partner) => partner.id)).not.toContain(record.id);
    const liaison = await execute(subgraph.parts, LIAISON.create, { input: { unitId: UNIT, partnerId: record.id } }, editor);
    expect(liaison.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.partnerId' });
    const again = await execute(subgraph.parts, PARTNER.archive, { id: record.id, version: record.version + 1 }, editor);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('shows a new liaison on the partner and the unit, to viewers', async () => {
    const created = await execute<{ createLiaison: { id: string } }>(
      subgraph.parts,
      LIAISON.create,
      {
        input: {
          id: 'liaison-new-unit',
          unitId: 'jcms-nebenstelle-mitte-leistung',
          partnerId: SEEDED_PARTNER,
          since: '2024-02-29',
          meetingFrequency: 'QUARTERLY',
        },
      },
      editor,
    );
    expect(created.errors).toBeUndefined();
    const { data, errors } = await execute<{ _entities: { liaisons: { nodes: unknown[] }; partners: { nodes: { id: string }[] } }[] }>(
      subgraph.parts,
      `query { _entities(representations: [{ __typename: "OrganisationUnit", id: "jcms-nebenstelle-mitte-leistung" }]) {
        ... on OrganisationUnit { liaisons { nodes { id since meetingFrequency activity unit { id } partner { id } } } partners { nodes { id } } } } }`,
      {},
      asUser(OTHER, 'viewer'),
    );
    expect(errors).toBeUndefined();
    expect(data!._entities[0]).toEqual({
      liaisons: {
        nodes: [
          {
            id: 'liaison-new-unit',
            since: '2024-02-29',
            meetingFrequency: 'QUARTERLY',
            activity: null,
            unit: { id: 'jcms-nebenstelle-mitte-leistung' },
            partner: { id: SEEDED_PARTNER },
          },
        ],
      },
      partners: { nodes: [{ id: SEEDED_PARTNER }] },
    });
  });
});

describe('writing partners: the districts they serve', () => {
  const DISTRICTS = `query ($id: ID!) { _entities(representations: [{ __typename: "District", id: $id }]) { ... on District { partners { nodes { id } } } } }`;
  const shownIn = async (district: string) =>
    (
      await execute<{ _entities: { partners: { nodes: { id: string }[] } }[] }>(subgraph.parts, DISTRICTS, { id: district })
    ).data!._entities[0]!.partners.nodes.map((node) => node.id);

  it('refuses a district of another publisher without its grant, and takes one of the public reference layer (owner destatis) without', async () => {
    // Waltrop as the reference layer's Gemeinde (as `npm run data:import` writes Germany's), in the locations peer.
    const locations = subgraph.peers.locations!.orm;
    await locations.em.getConnection().execute(`update district set owner_id = 'destatis' where id = 'waltrop'`);
    const before = await subgraph.orm.em.fork().count(Partner, {});
    const refused = await execute(
      subgraph.parts,
      PARTNER.create,
      { input: { name: 'Kita Fremd', category: 'KITA', districtIds: ['datteln'] } },
      editor,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'input.districtIds', ownerId: 'stadt-datteln' });
    expect(await subgraph.orm.em.fork().count(Partner, {})).toBe(before);
    const layer = await execute<{ createPartner: { id: string } }>(
      subgraph.parts,
      PARTNER.create,
      { input: { id: 'kita-in-waltrop', name: 'Kita Waltrop', category: 'KITA', districtIds: ['waltrop'] } },
      editor,
    );
    expect(layer.errors).toBeUndefined();
    expect(await shownIn('waltrop')).toEqual(['kita-in-waltrop']);
  });
});

describe('writing partners: bad input is refused with BAD_USER_INPUT naming the field, writing nothing', () => {
  const valid = { name: 'Ok', category: 'KITA' };
  const meeting = (schedule: Record<string, unknown>) => ({ ...valid, meetings: [{ title: 'Treffen', kind: 'MEETING', schedule }] });
  const count = async () => ({
    partners: await subgraph.orm.em.fork().count(Partner, {}),
    liaisons: await subgraph.orm.em.fork().count(Liaison, {}),
    audits: await subgraph.orm.em.fork().count(AuditEvent, {}),
  });

  const specOf = (type: string) => TYPES.find((spec) => spec.type === type)!;
  const link = { unitId: UNIT, partnerId: SEEDED_PARTNER };
  it.each<[string, Record<string, unknown>, string]>([
    ['Partner', { ...valid, name: '' }, 'input.name'],
    ['Partner', { ...valid, name: 'x'.repeat(201) }, 'input.name'],
    ['Partner', { ...valid, id: 'Not A Slug' }, 'input.id'],
    ['Partner', { ...valid, description: 'x'.repeat(2001) }, 'input.description'],
    ['Partner', { ...valid, website: 'javascript:alert(1)' }, 'input.website'],
    ['Partner', { ...valid, website: 'cafe.example.org' }, 'input.website'],
    ['Partner', { ...valid, email: 'kontakt at cafe' }, 'input.email'],
    ['Partner', { ...valid, phone: 'call me' }, 'input.phone'],
    ['Partner', { ...valid, districtIds: ['Münster Nord'] }, 'input.districtIds'],
    ['Partner', { ...valid, districtIds: ['muenster-nord', 'muenster-nord'] }, 'input.districtIds'],
    ['Partner', meeting({ weekly: [{ day: 'MO', opens: '12:00', closes: '10:00' }] }), 'input.meetings.0.schedule.weekly.0.closes'],
    ['Partner', meeting({ weekly: [{ day: 'MO', opens: '9:00', closes: '10:00' }] }), 'input.meetings.0.schedule.weekly.0.opens'],
    ['Partner', meeting({ weekly: [{ day: 'MO', opens: '09:00', closes: '25:00' }] }), 'input.meetings.0.schedule.weekly.0.closes'],
    [
      'Partner',
      meeting({ monthly: [{ week: 5, day: 'TU', opens: '18:00', closes: '20:00' }] }),
      'input.meetings.0.schedule.monthly.0.week',
    ],
    [
      'Partner',
      meeting({ monthly: [{ week: -1, day: 'TU', opens: '20:00', closes: '18:00' }] }),
      'input.meetings.0.schedule.monthly.0.closes',
    ],
    ['Partner', meeting({ exceptions: [{ date: '2026-02-30', closed: true }] }), 'input.meetings.0.schedule.exceptions.0.date'],
    ['Partner', meeting({ exceptions: [{ date: '24.12.2026', closed: true }] }), 'input.meetings.0.schedule.exceptions.0.date'],
    ['Partner', meeting({ exceptions: [{ date: '2026-12-24', closed: false }] }), 'input.meetings.0.schedule.exceptions.0.hours'],
    [
      'Partner',
      meeting({ exceptions: [{ date: '2026-12-24', closed: true, hours: [{ opens: '10:00', closes: '12:00' }] }] }),
      'input.meetings.0.schedule.exceptions.0.hours',
    ],
    [
      'Partner',
      meeting({ exceptions: [{ date: '2026-12-24', closed: false, hours: [{ opens: '12:00', closes: '12:00' }] }] }),
      'input.meetings.0.schedule.exceptions.0.hours.0.closes',
    ],
    [
      'Partner',
      meeting({
        exceptions: [
          { date: '2026-12-24', closed: true },
          { date: '2026-12-24', closed: true },
        ],
      }),
      'input.meetings.0.schedule.exceptions',
    ],
    ['Partner', { ...valid, meetings: [{ title: '', kind: 'MEETING', schedule: {} }] }, 'input.meetings.0.title'],
    [
      'Partner',
      { ...valid, meetings: [{ title: 'T', kind: 'MEETING', schedule: {}, source: { kind: 'PUBLISHER', citation: '' } }] },
      'input.meetings.0.source.citation',
    ],
    ['Liaison', { ...link, partnerId: 'no-such-partner' }, 'input.partnerId'],
    ['Liaison', { ...link, partnerId: 'Not A Slug' }, 'input.partnerId'],
    ['Liaison', { ...link, unitId: 'Team Kinderhaus' }, 'input.unitId'],
    ['Liaison', { ...link, since: '2024-13-01' }, 'input.since'],
    ['Liaison', { ...link, since: '2023-02-29' }, 'input.since'],
    ['Liaison', { ...link, activity: 'x'.repeat(501) }, 'input.activity'],
    ['Liaison', { ...link, activity: '' }, 'input.activity'],
  ])('create%s %j names %s', async (type, input, field) => {
    const before = await count();
    const result = await execute(subgraph.parts, specOf(type).create, { input }, editor);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(`${field}:`);
    expect(await count()).toEqual(before);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['Partner', { name: null }, 'input.name'],
    ['Partner', { category: null }, 'input.category'],
    ['Partner', { districtIds: null }, 'input.districtIds'],
    ['Partner', { meetings: null }, 'input.meetings'],
    ['Partner', { email: 'nope' }, 'input.email'],
    ['Liaison', { partnerId: 'no-such-partner' }, 'input.partnerId'],
    ['Liaison', { partnerId: null }, 'input.partnerId'],
    ['Liaison', { unitId: null }, 'input.unitId'],
    ['Liaison', { since: 'yesterday' }, 'input.since'],
  ])('update%s %j names %s', async (type, changes, field) => {
    const spec = specOf(type);
    const record = await freshRecord(spec);
    const before = await state(spec, record.id);
    const result = await execute(subgraph.parts, spec.update, { input: { id: record.id, version: record.version, ...changes } }, editor);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(`${field}:`);
    expect(await state(spec, record.id)).toEqual(before);
  });
});
