import type { EntityClass } from '@mikro-orm/postgresql';
import { AuditEvent } from '@jobcenter-hub/subgraph';
import { asUser, execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { matrixCallers, refusalCode } from '../../../test/support/write-matrix';
import { createLocationsOrmConfig } from '../src/mikro-orm.config';
import { District } from '../src/modules/district/district.entity';
import { DistrictIndicator } from '../src/modules/district-indicator/district-indicator.entity';
import { Location } from '../src/modules/location/location.entity';
import { ServiceArea } from '../src/modules/service-area/service-area.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

const subgraph = useTestSubgraph({ database: 'locations_write', createConfig: createLocationsOrmConfig, seed: seedIfEmpty, createServer });

const JOBCENTER_MS = 'jobcenter-muenster';
const JOBCENTER_RE = 'jobcenter-kreis-recklinghausen';
const STADT_MS = 'stadt-muenster';
const STADT_RE = 'stadt-recklinghausen';
const MS_MITTE_SITE = 'loc-jcms-nebenstelle-mitte';

/** Years for new figures of muenster-mitte: (district, year) must be free for each new record. */
let nextYear = 1900;

const SITE = {
  name: 'Teststandort',
  kind: 'BRANCH_OFFICE',
  street: 'Teststraße',
  houseNumber: '7a',
  postcode: '48143',
  city: 'Münster',
  latitude: 51.9607,
  longitude: 7.6261,
  districtId: 'muenster-mitte',
};

/** What differs between the four entity types for the cases every mutation gets. */
interface Spec {
  type: string;
  entity: EntityClass<{ id: string; version: number; archivedAt?: Date }>;
  owner: string;
  other: string;
  create: string;
  update: string;
  archive: string;
  createInput: () => Record<string, unknown>;
  change: Record<string, unknown>;
  /** The changed field as stored, to see whether an update took effect. */
  changed: (record: never) => unknown;
}

const mutations = (type: string, fields: string) => ({
  create: `mutation ($input: Create${type}Input!) { create${type}(input: $input) { id ownerId version source { kind } ${fields} } }`,
  update: `mutation ($input: Update${type}Input!) { update${type}(input: $input) { id version ${fields} } }`,
  archive: `mutation ($id: ID!, $version: Int!) { archive${type}(id: $id, version: $version) { id version } }`,
});

const SPECS: Spec[] = [
  {
    type: 'Location',
    entity: Location,
    owner: JOBCENTER_MS,
    other: JOBCENTER_RE,
    ...mutations('Location', 'name'),
    createInput: () => ({ ...SITE }),
    change: { name: 'Umbenannt' },
    changed: (record: Location) => record.name,
  },
  {
    type: 'District',
    entity: District,
    owner: STADT_MS,
    other: STADT_RE,
    ...mutations('District', 'name'),
    createInput: () => ({ name: 'Teststadtteil', kind: 'CITY_DISTRICT', parentId: 'muenster', latitude: 51.95, longitude: 7.61 }),
    change: { name: 'Umbenannt' },
    changed: (record: District) => record.name,
  },
  {
    type: 'ServiceArea',
    entity: ServiceArea,
    owner: JOBCENTER_MS,
    other: JOBCENTER_RE,
    ...mutations('ServiceArea', 'postcodes'),
    createInput: () => ({ locationId: MS_MITTE_SITE, districtId: 'muenster-mitte', postcodes: ['48143'] }),
    change: { postcodes: ['48145', '48147'] },
    changed: (record: ServiceArea) => record.postcodes,
  },
  {
    type: 'DistrictIndicator',
    entity: DistrictIndicator,
    owner: STADT_MS,
    other: STADT_RE,
    ...mutations('DistrictIndicator', 'population benefitRate'),
    createInput: () => ({ districtId: 'muenster-mitte', year: nextYear++, population: 1000, benefitRecipients: 100 }),
    change: { population: 2000 },
    changed: (record: DistrictIndicator) => record.population,
  },
];

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** A fresh record owned by the spec's owner, so each case starts from a known version. */
async function freshRecord(spec: Spec, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const { data, errors } = await execute<Record<string, { id: string; version: number }>>(
    subgraph.parts,
    spec.create,
    { input: { ...spec.createInput(), ...extra } },
    asUser(spec.owner, 'editor'),
  );
  expect(errors).toBeUndefined();
  return data![`create${spec.type}`]!;
}

async function state(spec: Spec, id: string) {
  const em = subgraph.orm.em.fork();
  const record = await em.findOne(spec.entity, { id });
  return {
    exists: Boolean(record),
    changed: record ? spec.changed(record as never) : undefined,
    version: record?.version,
    archived: Boolean(record?.archivedAt),
    audits: await em.count(AuditEvent, { entityId: id }),
  };
}

/** Everything this subgraph stores, to show that a refused call wrote nothing. */
async function counts() {
  const em = subgraph.orm.em.fork();
  return Promise.all(
    [Location, District, ServiceArea, DistrictIndicator, AuditEvent].map((entity) => em.count(entity as EntityClass<object>, {})),
  );
}

const code = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code ?? 'OK';

describe.each(SPECS)('writing $type: who may', (spec) => {
  describe.each(matrixCallers(spec.owner, spec.other))('%s', (who, caller, allowed) => {
    it(allowed ? 'may create, update and archive' : 'is refused everything, and nothing changes', async () => {
      const id = `matrix-${slug(spec.type)}-${slug(who)}`;
      const before = await counts();
      const created = await execute<Record<string, { ownerId: string }>>(
        subgraph.parts,
        spec.create,
        { input: { ...spec.createInput(), id, ownerId: spec.owner } },
        caller,
      );
      const record = await freshRecord(spec);
      const fresh = await state(spec, record.id);
      const updated = await execute(
        subgraph.parts,
        spec.update,
        { input: { id: record.id, version: record.version, ...spec.change } },
        caller,
      );
      const afterUpdate = await state(spec, record.id);
      const archived = await execute(subgraph.parts, spec.archive, { id: record.id, version: afterUpdate.version }, caller);
      const after = await state(spec, record.id);
      if (allowed) {
        expect([created, updated, archived].map(code)).toEqual(['OK', 'OK', 'OK']);
        expect(created.data![`create${spec.type}`]!.ownerId).toBe(spec.owner);
        expect(await state(spec, id)).toMatchObject({ exists: true, version: 1, audits: 1 });
        expect(after).toEqual({
          exists: true,
          changed: spec.changed(spec.change as never),
          version: record.version + 2,
          archived: true,
          audits: 3,
        });
      } else {
        expect([created, updated, archived].map(code)).toEqual(Array(3).fill(refusalCode(caller)));
        expect(created.data?.[`create${spec.type}`] ?? null).toBeNull();
        expect(await state(spec, id)).toMatchObject({ exists: false, audits: 0 });
        expect(after).toEqual(fresh);
        // Only the owner's own fresh record and its audit event were written.
        const now = await counts();
        expect(now.reduce((a, b) => a + b, 0) - before.reduce((a, b) => a + b, 0)).toBe(2);
      }
    });
  });
});

describe.each(SPECS)('writing $type: versions and ids', (spec) => {
  const editor = () => asUser(spec.owner, 'editor');

  it('refuses an update or an archive naming an old version with CONFLICT, and changes nothing', async () => {
    const record = await freshRecord(spec);
    expect(
      code(await execute(subgraph.parts, spec.update, { input: { id: record.id, version: record.version, ...spec.change } }, editor())),
    ).toBe('OK');
    const stored = await state(spec, record.id);
    const staleUpdate = await execute(
      subgraph.parts,
      spec.update,
      { input: { id: record.id, version: record.version, ...spec.change } },
      editor(),
    );
    const staleArchive = await execute(subgraph.parts, spec.archive, { id: record.id, version: record.version }, editor());
    expect([code(staleUpdate), code(staleArchive)]).toEqual(['CONFLICT', 'CONFLICT']);
    expect(staleUpdate.errors![0]!.extensions!.currentVersion).toBe(record.version + 1);
    expect(await state(spec, record.id)).toEqual(stored);
  });

  it('answers NOT_FOUND for an update or an archive of an unknown id', async () => {
    const update = await execute(subgraph.parts, spec.update, { input: { id: 'no-such-record', version: 1, ...spec.change } }, editor());
    const archive = await execute(subgraph.parts, spec.archive, { id: 'no-such-record', version: 1 }, editor());
    expect([code(update), code(archive)]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('refuses a second record with the same id with CONFLICT', async () => {
    const id = `duplicate-${slug(spec.type)}`;
    expect(code(await execute(subgraph.parts, spec.create, { input: { ...spec.createInput(), id } }, editor()))).toBe('OK');
    expect(code(await execute(subgraph.parts, spec.create, { input: { ...spec.createInput(), id } }, editor()))).toBe('CONFLICT');
  });
});

describe('writing locations: the audit trail and concurrent writers', () => {
  const editor = asUser(JOBCENTER_MS, 'editor');
  const [LOCATION] = SPECS;

  it('records who changed what, and shows it to admins only', async () => {
    const record = await freshRecord(LOCATION!);
    await execute(
      subgraph.parts,
      LOCATION!.update,
      { input: { id: record.id, version: record.version, name: 'Neu', postcode: '48145' } },
      editor,
    );
    const TRAIL = `query ($id: ID!) { locationsAuditTrail(entityId: $id) { totalCount nodes { entityType action version actorSubject actorOrganisationId changes } } }`;
    const trail = await execute<{
      locationsAuditTrail: {
        nodes: { entityType: string; action: string; actorOrganisationId: string; changes: Record<string, unknown> }[];
      };
    }>(subgraph.parts, TRAIL, { id: record.id }, asUser(JOBCENTER_RE, 'admin'));
    const events = trail.data!.locationsAuditTrail.nodes;
    expect(events.map((event) => [event.entityType, event.action, event.actorOrganisationId])).toEqual([
      ['Location', 'CREATE', JOBCENTER_MS],
      ['Location', 'UPDATE', JOBCENTER_MS],
    ]);
    expect(events[1]!.changes).toEqual({ name: ['Teststandort', 'Neu'], postcode: ['48143', '48145'] });
    // References are recorded as ids, structured values (opening hours) as they were and became.
    const hours = { weekly: [{ day: 'MO', opens: '08:00', closes: '12:30' }] };
    const moving = await execute(
      subgraph.parts,
      LOCATION!.update,
      { input: { id: record.id, version: record.version + 1, districtId: 'muenster-nord', openingHours: hours } },
      editor,
    );
    expect(moving.errors).toBeUndefined();
    const after = await execute<{ locationsAuditTrail: { nodes: { changes: Record<string, [unknown, unknown]> }[] } }>(
      subgraph.parts,
      TRAIL,
      { id: record.id },
      asUser(JOBCENTER_RE, 'admin'),
    );
    const moved = after.data!.locationsAuditTrail.nodes[2]!.changes;
    expect(Object.keys(moved).sort()).toEqual(['district', 'openingHoursData']);
    expect(moved.district).toEqual(['muenster-mitte', 'muenster-nord']);
    expect(moved.openingHoursData![1]).toMatchObject({ weekly: [{ day: 'MO', opens: '08:00', closes: '12:30' }] });
    expect(code(await execute(subgraph.parts, TRAIL, { id: record.id }, editor))).toBe('FORBIDDEN');
    expect(code(await execute(subgraph.parts, TRAIL, { id: record.id }))).toBe('UNAUTHENTICATED');
  });

  it('lets exactly one of two concurrent updates from the same version win', async () => {
    const record = await freshRecord(LOCATION!);
    const results = await Promise.all(
      ['Links', 'Rechts'].map((name) =>
        execute<{ updateLocation: { name: string } }>(
          subgraph.parts,
          LOCATION!.update,
          { input: { id: record.id, version: record.version, name } },
          editor,
        ),
      ),
    );
    expect(results.map(code).sort()).toEqual(['CONFLICT', 'OK']);
    const winner = results.find((result) => !result.errors)!.data!.updateLocation.name;
    expect(await state(LOCATION!, record.id)).toMatchObject({ changed: winner, version: record.version + 1, audits: 2 });
  });
});

describe('writing locations: what a site holds', () => {
  const editor = asUser(JOBCENTER_MS, 'editor');
  const DETAILS = `id organisation { id } unit { id } district { id }
    openingHours { weekly { day opens closes } exceptions { date closed hours { opens closes } note } closedOnPublicHolidays openingHours }
    entrances { name description stepFree receptionDesk } transportStops { name mode lines walkingMinutes }
    accessibility { stepFree lift accessibleToilet hearingLoop }`;

  it('stores opening hours, entrances, stops and accessibility, and reads them back as published', async () => {
    const { data, errors } = await execute<{ createLocation: Record<string, unknown> }>(
      subgraph.parts,
      `mutation ($input: CreateLocationInput!) { createLocation(input: $input) { ${DETAILS} } }`,
      {
        input: {
          ...SITE,
          unitId: 'jcms-nebenstelle-mitte',
          openingHours: {
            weekly: [
              { day: 'MO', opens: '08:00', closes: '12:30' },
              { day: 'TH', opens: '14:00', closes: '17:30' },
            ],
            exceptions: [
              { date: '2026-12-24', closed: true, note: 'Heiligabend' },
              { date: '2026-12-28', closed: false, hours: [{ opens: '09:00', closes: '11:00' }] },
            ],
          },
          entrances: [{ name: 'Haupteingang', stepFree: true, receptionDesk: true }, { name: 'Hof' }],
          transportStops: [{ name: 'Hauptbahnhof', mode: 'TRAIN', lines: ['RE 2'], walkingMinutes: 0 }],
          accessibility: { stepFree: true, lift: false },
        },
      },
      editor,
    );
    expect(errors).toBeUndefined();
    expect(data!.createLocation).toMatchObject({
      organisation: { id: JOBCENTER_MS },
      unit: { id: 'jcms-nebenstelle-mitte' },
      district: { id: 'muenster-mitte' },
      openingHours: {
        weekly: [
          { day: 'MO', opens: '08:00', closes: '12:30' },
          { day: 'TH', opens: '14:00', closes: '17:30' },
        ],
        exceptions: [
          { date: '2026-12-24', closed: true, hours: [], note: 'Heiligabend' },
          { date: '2026-12-28', closed: false, hours: [{ opens: '09:00', closes: '11:00' }], note: null },
        ],
        closedOnPublicHolidays: true,
        openingHours: 'Mo 08:00-12:30; Th 14:00-17:30; PH off; 2026 Dec 24 off; 2026 Dec 28 09:00-11:00',
      },
      entrances: [
        { name: 'Haupteingang', description: null, stepFree: true, receptionDesk: true },
        { name: 'Hof', description: null, stepFree: null, receptionDesk: false },
      ],
      transportStops: [{ name: 'Hauptbahnhof', mode: 'TRAIN', lines: ['RE 2'], walkingMinutes: 0 }],
      accessibility: { stepFree: true, lift: false, accessibleToilet: null, hearingLoop: null },
    });
  });

  it('changes only what an update sends: null clears opening hours, left-out flags stay', async () => {
    const record = await freshRecord(SPECS[0]!, {
      openingHours: { weekly: [{ day: 'FR', opens: '08:00', closes: '12:00' }] },
      accessibility: { stepFree: true, lift: true },
    });
    const { data, errors } = await execute<{ updateLocation: { openingHours: unknown; accessibility: unknown; postcode: string } }>(
      subgraph.parts,
      `mutation ($input: UpdateLocationInput!) { updateLocation(input: $input) { postcode openingHours { weekly { day } } accessibility { stepFree lift hearingLoop } } }`,
      { input: { id: record.id, version: record.version, openingHours: null, accessibility: { lift: null, hearingLoop: true } } },
      editor,
    );
    expect(errors).toBeUndefined();
    expect(data!.updateLocation).toEqual({
      postcode: '48143',
      openingHours: null,
      accessibility: { stepFree: true, lift: null, hearingLoop: true },
    });
  });

  it('lists a new site with its organisation and district, and drops it from lists and answers once archived', async () => {
    const record = await freshRecord(SPECS[0]!, { id: 'archive-me' });
    await freshRecord(SPECS[2]!, { locationId: record.id, postcodes: ['48151'] });
    const LISTS = `query ($organisation: [_Any!]!) {
      organisation: _entities(representations: $organisation) { ... on Organisation { locations(first: 100) { nodes { id } } } }
      district(id: "muenster-mitte") { locations(first: 100) { nodes { id } } }
      responsibleLocations(postcode: "48151") { nodes { location { id } } } }`;
    const VARIABLES = { organisation: [{ __typename: 'Organisation', id: JOBCENTER_MS }] };
    type Lists = {
      organisation: [{ locations: { nodes: { id: string }[] } }];
      district: { locations: { nodes: { id: string }[] } };
      responsibleLocations: { nodes: { location: { id: string } }[] };
    };
    const ids = (lists: Lists) => [
      lists.organisation[0].locations.nodes.some((site) => site.id === record.id),
      lists.district.locations.nodes.some((site) => site.id === record.id),
      lists.responsibleLocations.nodes.some((answer) => answer.location.id === record.id),
    ];
    expect(ids((await execute<Lists>(subgraph.parts, LISTS, VARIABLES)).data!)).toEqual([true, true, true]);
    expect(code(await execute(subgraph.parts, SPECS[0]!.archive, { id: record.id, version: record.version }, editor))).toBe('OK');
    expect(ids((await execute<Lists>(subgraph.parts, LISTS, VARIABLES)).data!)).toEqual([false, false, false]);
    // Still readable by id; no new service area may name it.
    expect(
      (await execute<{ location: { id: string } }>(subgraph.parts, `query { location(id: "${record.id}") { id } }`)).data!.location,
    ).toEqual({ id: record.id });
    const another = await execute(
      subgraph.parts,
      SPECS[2]!.create,
      { input: { locationId: record.id, districtId: 'muenster-mitte' } },
      editor,
    );
    expect(code(another)).toBe('BAD_USER_INPUT');
    expect(another.errors![0]!.message).toContain('input.locationId');
  });

  it('lets only admins publish a site for an organisation other than its owner', async () => {
    const forOther = { ...SITE, organisationId: JOBCENTER_RE, ownerId: JOBCENTER_MS };
    const refused = await execute(subgraph.parts, SPECS[0]!.create, { input: forOther }, editor);
    expect(code(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toContain('input.organisationId');
    const record = await freshRecord(SPECS[0]!);
    const moved = await execute(
      subgraph.parts,
      SPECS[0]!.update,
      { input: { id: record.id, version: record.version, organisationId: JOBCENTER_RE } },
      editor,
    );
    expect(code(moved)).toBe('FORBIDDEN');
    // An admin may name another organisation, but a site of Münster's run by Recklinghausen would show in
    // Recklinghausen's `locations`: only with Recklinghausen's grant (references between publishers).
    const before = await counts();
    const ungranted = await execute(subgraph.parts, SPECS[0]!.create, { input: forOther }, asUser(STADT_RE, 'admin'));
    expect(code(ungranted)).toBe('FORBIDDEN');
    expect(ungranted.errors![0]!.extensions).toMatchObject({ argument: 'input.organisationId', ownerId: JOBCENTER_RE });
    expect(await counts()).toEqual(before);
    const link = await execute<{ createOrganisationLink: { id: string; version: number } }>(
      subgraph.peers.organisations!.parts,
      `mutation ($input: CreateOrganisationLinkInput!) { createOrganisationLink(input: $input) { id version } }`,
      { input: { organisationId: JOBCENTER_RE, linkedId: JOBCENTER_MS, relation: 'GRANTS_REFERENCES' } },
      asUser(JOBCENTER_RE, 'editor'),
    );
    expect(link.errors).toBeUndefined();
    const admin = await execute<{ createLocation: { ownerId: string } }>(
      subgraph.parts,
      SPECS[0]!.create,
      { input: forOther },
      asUser(STADT_RE, 'admin'),
    );
    expect(code(admin)).toBe('OK');
    expect(admin.data!.createLocation.ownerId).toBe(JOBCENTER_MS);
    const revoked = await execute(
      subgraph.peers.organisations!.parts,
      `mutation ($id: ID!, $version: Int!) { archiveOrganisationLink(id: $id, version: $version) { id } }`,
      link.data!.createOrganisationLink,
      asUser(JOBCENTER_RE, 'editor'),
    );
    expect(revoked.errors).toBeUndefined();
  });
});

describe('writing districts, figures and service areas: what they may refer to', () => {
  it('gives a city district its city’s owner, and refuses other organisations’ cities', async () => {
    const created = await execute<{ createDistrict: { ownerId: string } }>(
      subgraph.parts,
      SPECS[1]!.create,
      { input: { name: 'Neuer Stadtteil', kind: 'CITY_DISTRICT', parentId: 'muenster' } },
      asUser(JOBCENTER_RE, 'admin'),
    );
    expect(created.data!.createDistrict.ownerId).toBe(STADT_MS);
    const foreign = await execute(
      subgraph.parts,
      SPECS[1]!.create,
      { input: { name: 'Fremd', kind: 'CITY_DISTRICT', parentId: 'muenster', ownerId: STADT_RE } },
      asUser(STADT_RE, 'editor'),
    );
    expect(code(foreign)).toBe('FORBIDDEN');
    expect(foreign.errors![0]!.message).toContain('input.parentId');
  });

  it('refuses a second district with the same official key with CONFLICT, and a district within itself', async () => {
    const taken = await execute(
      subgraph.parts,
      SPECS[1]!.create,
      { input: { name: 'Noch einmal Münster', kind: 'MUNICIPALITY', officialKey: '05515000' } },
      asUser(STADT_MS, 'editor'),
    );
    expect(code(taken)).toBe('CONFLICT');
    expect(taken.errors![0]!.message).toContain('input.officialKey');
    const child = await freshRecord(SPECS[1]!);
    const muenster = await state(SPECS[1]!, 'muenster');
    const cycle = await execute(
      subgraph.parts,
      SPECS[1]!.update,
      { input: { id: 'muenster', version: muenster.version, parentId: child.id } },
      asUser(STADT_MS, 'editor'),
    );
    expect(code(cycle)).toBe('BAD_USER_INPUT');
    expect(cycle.errors![0]!.message).toContain('input.parentId');
    expect(await state(SPECS[1]!, 'muenster')).toEqual(muenster);
  });

  it('keeps one set of live figures per district and year: a duplicate is a CONFLICT, an archived one can be replaced', async () => {
    const editor = asUser(STADT_MS, 'editor');
    const input = { districtId: 'muenster-ost', year: 2022, population: 1, benefitRecipients: 0 };
    const duplicate = await execute(subgraph.parts, SPECS[3]!.create, { input }, editor);
    expect(code(duplicate)).toBe('CONFLICT');
    expect(duplicate.errors![0]!.message).toContain('input.year');
    const seeded = await state(SPECS[3]!, 'indicator-muenster-ost-2022');
    expect(
      code(await execute(subgraph.parts, SPECS[3]!.archive, { id: 'indicator-muenster-ost-2022', version: seeded.version }, editor)),
    ).toBe('OK');
    const replacement = await execute<{ createDistrictIndicator: { benefitRate: number } }>(
      subgraph.parts,
      SPECS[3]!.create,
      { input: { ...input, population: 46_000, benefitRecipients: 3_680 } },
      editor,
    );
    expect(code(replacement)).toBe('OK');
    const latest = await execute<{ district: { latestIndicator: { population: number } } }>(
      subgraph.parts,
      `query { district(id: "muenster-ost") { latestIndicator { population } } }`,
    );
    expect(latest.data!.district.latestIndicator.population).toBe(46_000);
  });

  it('checks benefit recipients against the population as the record will hold them', async () => {
    const editor = asUser(STADT_MS, 'editor');
    const record = await freshRecord(SPECS[3]!); // population 1000, recipients 100
    const tooMany = await execute(
      subgraph.parts,
      SPECS[3]!.update,
      { input: { id: record.id, version: record.version, benefitRecipients: 1001 } },
      editor,
    );
    const tooFew = await execute(
      subgraph.parts,
      SPECS[3]!.update,
      { input: { id: record.id, version: record.version, population: 99 } },
      editor,
    );
    expect([code(tooMany), code(tooFew)]).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(tooMany.errors![0]!.message).toContain('input.benefitRecipients');
    expect(tooFew.errors![0]!.message).toContain('input.population');
    expect(await state(SPECS[3]!, record.id)).toMatchObject({ changed: 1000, version: record.version, audits: 1 });
    const both = await execute(
      subgraph.parts,
      SPECS[3]!.update,
      { input: { id: record.id, version: record.version, population: 2000, benefitRecipients: 1500 } },
      editor,
    );
    expect(code(both)).toBe('OK');
  });

  it("keeps a population's own source while the population stays, and drops it with a new population", async () => {
    const editor = asUser(STADT_MS, 'editor');
    const UPDATE = `mutation ($input: UpdateDistrictIndicatorInput!) { updateDistrictIndicator(input: $input) { version population populationSource { kind citation } } }`;
    type Figures = { updateDistrictIndicator: { version: number; population: number; populationSource: { kind: string } | null } };
    const register = { kind: 'PUBLIC_RECORD', citation: 'Municipality register, 31 Dec 2019' };
    const record = await freshRecord(SPECS[3]!, { populationSource: register });
    const recipients = await execute<Figures>(
      subgraph.parts,
      UPDATE,
      { input: { id: record.id, version: record.version, benefitRecipients: 50 } },
      editor,
    );
    expect(recipients.data!.updateDistrictIndicator.populationSource).toEqual(register);
    const population = await execute<Figures>(
      subgraph.parts,
      UPDATE,
      { input: { id: record.id, version: recipients.data!.updateDistrictIndicator.version, population: 1200 } },
      editor,
    );
    expect(population.data!.updateDistrictIndicator).toMatchObject({ population: 1200, populationSource: null });
  });

  it("refuses figures for another organisation's district and service areas for its sites", async () => {
    const before = await counts();
    const figures = { districtId: 'muenster-mitte', year: 2099, population: 1, benefitRecipients: 0 };
    const area = { locationId: MS_MITTE_SITE, districtId: 'recklinghausen' };
    // Left out, the owner is the district's (the site's), which these editors may not write for …
    expect(code(await execute(subgraph.parts, SPECS[3]!.create, { input: figures }, asUser(STADT_RE, 'editor')))).toBe('FORBIDDEN');
    expect(code(await execute(subgraph.parts, SPECS[2]!.create, { input: area }, asUser(JOBCENTER_RE, 'editor')))).toBe('FORBIDDEN');
    // … and naming their own organisation as the owner does not help.
    const ownFigures = await execute(
      subgraph.parts,
      SPECS[3]!.create,
      { input: { ...figures, ownerId: STADT_RE } },
      asUser(STADT_RE, 'editor'),
    );
    const ownArea = await execute(
      subgraph.parts,
      SPECS[2]!.create,
      { input: { ...area, ownerId: JOBCENTER_RE } },
      asUser(JOBCENTER_RE, 'editor'),
    );
    expect([code(ownFigures), code(ownArea)]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(ownFigures.errors![0]!.message).toContain('input.districtId');
    expect(ownArea.errors![0]!.message).toContain('input.locationId');
    expect(await counts()).toEqual(before);
  });
});

describe('bad input', () => {
  const CREATE = Object.fromEntries(SPECS.map((spec) => [spec.type, spec]));
  const HOURS = (weekly: unknown[], exceptions: unknown[] = []) => ({ openingHours: { weekly, exceptions } });
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['Location', 'an empty name', { name: '' }, 'input.name'],
    ['Location', 'a four-digit postcode', { postcode: '4814' }, 'input.postcode'],
    ['Location', 'a latitude beyond 90', { latitude: 90.5 }, 'input.latitude'],
    ['Location', 'a longitude beyond -180', { longitude: -181 }, 'input.longitude'],
    ['Location', 'an unknown district', { districtId: 'no-such-district' }, 'input.districtId'],
    ['Location', 'a unit id that is no id', { unitId: 'Not An Id' }, 'input.unitId'],
    ['Location', 'an id that is no slug', { id: 'Not A Slug' }, 'input.id'],
    [
      'Location',
      'hours closing before they open',
      HOURS([{ day: 'MO', opens: '12:00', closes: '08:00' }]),
      'input.openingHours.weekly.0.closes',
    ],
    ['Location', 'a time that is no time', HOURS([{ day: 'MO', opens: '8 Uhr', closes: '12:00' }]), 'input.openingHours.weekly.0.opens'],
    ['Location', 'a date that does not exist', HOURS([], [{ date: '2026-02-30', closed: true }]), 'input.openingHours.exceptions.0.date'],
    [
      'Location',
      'a closed day with hours',
      HOURS([], [{ date: '2026-12-24', closed: true, hours: [{ opens: '08:00', closes: '09:00' }] }]),
      'input.openingHours.exceptions.0.hours',
    ],
    [
      'Location',
      'two exceptions on one date',
      HOURS(
        [],
        [
          { date: '2026-12-24', closed: true },
          { date: '2026-12-24', closed: true },
        ],
      ),
      'input.openingHours.exceptions',
    ],
    [
      'Location',
      'a stop two hours and more away',
      { transportStops: [{ name: 'Fern', mode: 'BUS', lines: [], walkingMinutes: 121 }] },
      'input.transportStops.0.walkingMinutes',
    ],
    [
      'Location',
      'a negative walk',
      { transportStops: [{ name: 'Nah', mode: 'BUS', lines: [], walkingMinutes: -1 }] },
      'input.transportStops.0.walkingMinutes',
    ],
    ['Location', 'an entrance without a name', { entrances: [{ name: '' }] }, 'input.entrances.0.name'],
    ['District', 'an official key of seven digits', { officialKey: '0551500' }, 'input.officialKey'],
    ['District', 'an unknown parent', { parentId: 'no-such-city' }, 'input.parentId'],
    ['District', 'a centre beyond the pole', { latitude: 100 }, 'input.latitude'],
    ['ServiceArea', 'a postcode with a letter', { postcodes: ['4814x'] }, 'input.postcodes'],
    ['ServiceArea', 'a postcode twice', { postcodes: ['48143', '48143'] }, 'input.postcodes'],
    ['ServiceArea', 'an unknown site', { locationId: 'no-such-site' }, 'input.locationId'],
    ['ServiceArea', 'an unknown district', { districtId: 'no-such-district' }, 'input.districtId'],
    ['ServiceArea', 'a source without a citation', { source: { kind: 'PUBLISHER', citation: '' } }, 'input.source.citation'],
    ['DistrictIndicator', 'a year before 1900', { year: 1899 }, 'input.year'],
    ['DistrictIndicator', 'a year after 2100', { year: 2101 }, 'input.year'],
    ['DistrictIndicator', 'a negative population', { population: -1, benefitRecipients: 0 }, 'input.population'],
    ['DistrictIndicator', 'more recipients than inhabitants', { population: 10, benefitRecipients: 11 }, 'input.benefitRecipients'],
    ['DistrictIndicator', 'an unknown district', { districtId: 'no-such-district' }, 'input.districtId'],
  ];

  it.each(cases)('create%s refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (type, _what, change, field) => {
    const spec = CREATE[type]!;
    const before = await counts();
    const result = await execute(
      subgraph.parts,
      spec.create,
      { input: { ...spec.createInput(), ...change } },
      asUser(spec.owner, 'editor'),
    );
    expect(code(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain(`${field}:`);
    expect(await counts()).toEqual(before);
  });

  const updates: [string, string, Record<string, unknown>, string][] = [
    ['Location', 'a name sent as null', { name: null }, 'input.name'],
    ['Location', 'a postcode of letters', { postcode: 'abcde' }, 'input.postcode'],
    ['Location', 'an unknown district', { districtId: 'no-such-district' }, 'input.districtId'],
    ['District', 'a kind sent as null', { kind: null }, 'input.kind'],
    ['ServiceArea', 'postcodes sent as null', { postcodes: null }, 'input.postcodes'],
    ['DistrictIndicator', 'a population sent as null', { population: null }, 'input.population'],
  ];

  it.each(updates)('update%s refuses %s with BAD_USER_INPUT naming the field, changing nothing', async (type, _what, change, field) => {
    const spec = CREATE[type]!;
    const record = await freshRecord(spec);
    const before = await state(spec, record.id);
    const result = await execute(
      subgraph.parts,
      spec.update,
      { input: { id: record.id, version: record.version, ...change } },
      asUser(spec.owner, 'editor'),
    );
    expect(code(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain(`${field}:`);
    expect(await state(spec, record.id)).toEqual(before);
  });
});
