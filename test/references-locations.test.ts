import { Client } from 'pg';
import { authorization, grantRevocable, rowCounts } from './support/grants';
import { post, startTestHub, type TestHub } from './support/hub';

/**
 * Issue 12, item 1, in the locations subgraph, through the real gateway and the real subgraphs: every
 * argument of a locations mutation that names another record (a site's unit, organisation and district,
 * a service area's site and district, a city district's city) against an own record, a foreign one
 * without a grant, with a grant, after the grant is revoked, an archived one and an unknown id; each
 * asserting what the OTHER organisation's public answers show afterwards, and that a refusal wrote
 * nothing in the locations database (rows and audit events).
 */

const MS = 'jobcenter-muenster';
const RE = 'jobcenter-kreis-recklinghausen';
const STADT_MS = 'stadt-muenster';
const DATTELN = 'stadt-datteln';
const MS_SITE = 'loc-jcms-nebenstelle-mitte';
const RE_SITE = 'loc-jcre-bezirksstelle-datteln';
const RE_UNIT = 'jcre-bezirksstelle-datteln';

type Role = 'viewer' | 'editor' | 'admin';
type Answer = Awaited<ReturnType<typeof post>>['body'];

let hub: TestHub;
let db: Client;

beforeAll(async () => {
  // Grants are read from a cache of REFERENCE_CACHE_MS; 0 makes a revocation show on the next read.
  hub = await startTestHub({ env: { REFERENCE_CACHE_MS: '0' } });
  db = new Client({ connectionString: hub.databaseUrls.locations });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await hub?.stop();
});

async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, as?: [string, Role]) {
  return (await post<T>(hub.gatewayUrl, query, variables, as ? await authorization(...as) : {})).body;
}

const code = (answer: Answer) => answer.errors?.[0]?.extensions?.code ?? 'OK';

/** Every row the locations subgraph stores, and its audit events: a refused write changes none. */
const counts = () => rowCounts(db, ['location', 'service_area', 'district', 'audit_event']);

let serial = 0;
const nextId = (prefix: string) => `${prefix}-${++serial}`;

/** A GRANTS_REFERENCES link from `granter` to `grantee`, published by an editor of the granter; returns how to revoke it. */
const grant = (granter: string, grantee: string) => grantRevocable(hub.gatewayUrl, granter, grantee);

const SITE = {
  name: 'Teststandort',
  kind: 'BRANCH_OFFICE',
  street: 'Teststraße',
  houseNumber: '1',
  postcode: '48143',
  city: 'Münster',
  latitude: 51.96,
  longitude: 7.63,
  // Münster itself (AGS 05515000) lies in the area of Jobcenter Münster: a district it may name.
  districtId: 'muenster',
};

const CREATE_LOCATION = `mutation ($input: CreateLocationInput!) { createLocation(input: $input) { id version } }`;
const CREATE_AREA = `mutation ($input: CreateServiceAreaInput!) { createServiceArea(input: $input) { id version } }`;
const CREATE_DISTRICT = `mutation ($input: CreateDistrictInput!) { createDistrict(input: $input) { id version } }`;

/** A record created and archived at once (by `as`), to be named afterwards. */
async function archived(create: string, archive: string, input: Record<string, unknown>, as: [string, Role]): Promise<string> {
  const created = await gql<Record<string, { id: string; version: number }>>(create, { input }, as);
  expect(created.errors).toBeUndefined();
  const record = Object.values(created.data!)[0]!;
  const done = await gql(`mutation ($id: ID!, $version: Int!) { ${archive}(id: $id, version: $version) { id } }`, record, as);
  expect(done.errors).toBeUndefined();
  return record.id;
}

/** One argument that names another record, and how to see its effect in the other organisation's answers. */
interface Row {
  argument: string;
  /** Who writes, and the owner of the record written (an admin may name another owner). */
  as: [string, Role];
  /** Writes a new record naming `target`, with id `id`. */
  write: (target: string, id: string) => Promise<Answer>;
  own: string;
  foreign: string;
  /** The owner of `foreign`, who must grant; the record's owner, who is granted. */
  granter: string;
  grantee: string;
  label: string;
  archivedTarget: () => Promise<string>;
  /** Whether the foreign target's owner's public answer shows record `id` (asked anonymously). */
  shows: (id: string) => Promise<boolean>;
}

const nodesOf = (answer: Answer, pick: (data: never) => { nodes: { id: string }[] } | null | undefined) =>
  (pick(answer.data as never)?.nodes ?? []).map((node) => node.id);

const ROWS: Row[] = [
  {
    argument: 'input.unitId',
    as: [MS, 'editor'],
    write: (unitId, id) => gql(CREATE_LOCATION, { input: { ...SITE, id, unitId } }, [MS, 'editor']),
    own: 'jcms-nebenstelle-mitte',
    foreign: RE_UNIT,
    granter: RE,
    grantee: MS,
    label: 'unit',
    archivedTarget: () =>
      archived(
        `mutation ($input: CreateOrganisationUnitInput!) { createOrganisationUnit(input: $input) { id version } }`,
        'archiveOrganisationUnit',
        { organisationId: MS, name: 'Alte Nebenstelle', kind: 'BRANCH_OFFICE' },
        [MS, 'editor'],
      ),
    // Recklinghausen's unit page: the sites where the unit works.
    shows: async (id) =>
      nodesOf(
        await gql(`{ organisationUnit(id: "${RE_UNIT}") { locations(first: 100) { nodes { id } } } }`),
        (data: { organisationUnit: { locations: { nodes: { id: string }[] } } }) => data.organisationUnit.locations,
      ).includes(id),
  },
  {
    argument: 'input.organisationId',
    // Only admins may name another organisation than the owner as the one running the site.
    as: [STADT_MS, 'admin'],
    write: (organisationId, id) => gql(CREATE_LOCATION, { input: { ...SITE, id, ownerId: MS, organisationId } }, [STADT_MS, 'admin']),
    own: MS,
    foreign: RE,
    granter: RE,
    grantee: MS,
    label: 'organisation',
    archivedTarget: () =>
      archived(
        `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id version } }`,
        'archiveOrganisation',
        { id: nextId('aufgeloest'), name: 'Aufgelöster Träger', kind: 'CITY_DEPARTMENT', ownerId: MS },
        [STADT_MS, 'admin'],
      ),
    shows: async (id) => {
      const answer = await gql(
        `{ organisation(id: "${RE}") { locations(first: 100) { nodes { id } } } locations(organisationId: "${RE}", first: 100) { nodes { id } } }`,
      );
      const runBy = nodesOf(answer, (data: { organisation: { locations: { nodes: { id: string }[] } } }) => data.organisation.locations);
      const filtered = nodesOf(answer, (data: { locations: { nodes: { id: string }[] } }) => data.locations);
      expect(filtered.includes(id)).toBe(runBy.includes(id));
      return runBy.includes(id);
    },
  },
  {
    argument: 'input.districtId',
    as: [MS, 'editor'],
    write: (districtId, id) => gql(CREATE_LOCATION, { input: { ...SITE, id, districtId } }, [MS, 'editor']),
    own: 'muenster',
    // Datteln (05562012) is outside Münster's area, and its city has not granted anything.
    foreign: 'datteln',
    granter: DATTELN,
    grantee: MS,
    label: 'district',
    archivedTarget: () =>
      archived(CREATE_DISTRICT, 'archiveDistrict', { name: 'Alter Stadtteil', kind: 'CITY_DISTRICT', parentId: 'muenster' }, [
        STADT_MS,
        'editor',
      ]),
    shows: async (id) => {
      const answer = await gql(
        `{ district(id: "datteln") { locations(first: 100) { nodes { id } } } locations(districtId: "datteln", first: 100) { nodes { id } } }`,
      );
      const inDistrict = nodesOf(answer, (data: { district: { locations: { nodes: { id: string }[] } } }) => data.district.locations);
      const filtered = nodesOf(answer, (data: { locations: { nodes: { id: string }[] } }) => data.locations);
      expect(inDistrict.includes(id)).toBe(filtered.includes(id));
      return inDistrict.includes(id);
    },
  },
  {
    argument: 'input.districtId',
    as: [MS, 'editor'],
    // The attack: a Münster site made responsible for Datteln's postcode 45711.
    // (Its own Münster gets a Münster postcode: a service area's postcodes must lie in its district.)
    write: (districtId, id) =>
      gql(CREATE_AREA, { input: { id, locationId: MS_SITE, districtId, postcodes: [districtId === 'muenster' ? '48143' : '45711'] } }, [
        MS,
        'editor',
      ]),
    own: 'muenster',
    foreign: 'datteln',
    granter: DATTELN,
    grantee: MS,
    label: 'district',
    archivedTarget: () =>
      archived(CREATE_DISTRICT, 'archiveDistrict', { name: 'Noch ein alter Stadtteil', kind: 'CITY_DISTRICT', parentId: 'muenster' }, [
        STADT_MS,
        'editor',
      ]),
    shows: async () => {
      const answer = await gql<{ responsibleLocations: { nodes: { location: { id: string } }[] } }>(
        `{ responsibleLocations(postcode: "45711") { nodes { location { id } } } }`,
      );
      expect(answer.errors).toBeUndefined();
      const sites = answer.data!.responsibleLocations.nodes.map((node) => node.location.id);
      // Datteln's own district office always answers.
      expect(sites).toContain(RE_SITE);
      return sites.includes(MS_SITE);
    },
  },
  {
    argument: 'input.locationId',
    // An admin may give an area another owner than its site's; the site's owner must still grant it.
    as: [STADT_MS, 'admin'],
    write: (locationId, id) =>
      gql(CREATE_AREA, { input: { id, ownerId: MS, locationId, districtId: 'muenster', postcodes: ['48149'] } }, [STADT_MS, 'admin']),
    own: MS_SITE,
    foreign: RE_SITE,
    granter: RE,
    grantee: MS,
    label: 'site',
    archivedTarget: () => archived(CREATE_LOCATION, 'archiveLocation', { ...SITE, id: nextId('alter-standort') }, [MS, 'editor']),
    shows: async () => {
      const answer = await gql<{ location: { serviceAreas: { postcodes: string[] }[] } }>(
        `{ location(id: "${RE_SITE}") { serviceAreas { postcodes } } }`,
      );
      expect(answer.errors).toBeUndefined();
      return answer.data!.location.serviceAreas.some((area) => area.postcodes.includes('48149'));
    },
  },
  {
    argument: 'input.parentId',
    // A city district of Münster published by Datteln (by an admin: editors follow the city's owner).
    as: [STADT_MS, 'admin'],
    write: (parentId, id) =>
      gql(CREATE_DISTRICT, { input: { id, name: 'Fremder Stadtteil', kind: 'CITY_DISTRICT', parentId, ownerId: DATTELN } }, [
        STADT_MS,
        'admin',
      ]),
    own: 'datteln',
    foreign: 'muenster',
    granter: STADT_MS,
    grantee: DATTELN,
    label: 'district',
    archivedTarget: () =>
      archived(CREATE_DISTRICT, 'archiveDistrict', { name: 'Alte Stadt', kind: 'MUNICIPALITY', ownerId: DATTELN }, [STADT_MS, 'admin']),
    shows: async (id) =>
      nodesOf(
        await gql(`{ district(id: "muenster") { children(first: 100) { nodes { id } } } }`),
        (data: { district: { children: { nodes: { id: string }[] } } }) => data.district.children,
      ).includes(id),
  },
];

describe.each(ROWS)('a locations write naming another record: $argument (as $as)', (row) => {
  it('takes own records, refuses unknown, archived and ungranted ones writing nothing, and shows granted ones only until revoked', async () => {
    const expectRefused = async (target: string, expected: string, message: string) => {
      const before = await counts();
      const id = nextId('refused');
      const answer = await row.write(target, id);
      expect({ code: code(answer), message: answer.errors?.[0]?.message }).toEqual({
        code: expected,
        message: expect.stringContaining(message),
      });
      expect(await counts()).toEqual(before);
      expect(await row.shows(id)).toBe(false);
      return answer;
    };

    await expectRefused('no-such-record', 'BAD_USER_INPUT', `${row.argument}: no ${row.label} "no-such-record"`);
    const gone = await row.archivedTarget();
    await expectRefused(gone, 'BAD_USER_INPUT', `${row.label} "${gone}" is archived`);
    const forbidden = await expectRefused(
      row.foreign,
      'FORBIDDEN',
      `${row.argument}: ${row.label} "${row.foreign}" belongs to ${row.granter}`,
    );
    expect(forbidden.errors![0]!.extensions).toMatchObject({ argument: row.argument, ownerId: row.granter });

    const own = await row.write(row.own, nextId('own'));
    expect(own.errors).toBeUndefined();

    const revoke = await grant(row.granter, row.grantee);
    const grantedId = nextId('granted');
    const granted = await row.write(row.foreign, grantedId);
    expect(granted.errors).toBeUndefined();
    expect(await row.shows(grantedId)).toBe(true);

    await revoke();
    // Revoked: the record leaves the granter's answers at once (REFERENCE_CACHE_MS=0 here), and no new one is taken.
    expect(await row.shows(grantedId)).toBe(false);
    await expectRefused(row.foreign, 'FORBIDDEN', `${row.argument}: ${row.label} "${row.foreign}" belongs to ${row.granter}`);
  });
});

describe('moving an own record to another organisation’s record', () => {
  it('refuses moving a Münster site to a Recklinghausen unit or into Datteln, and changes nothing', async () => {
    const created = await gql<{ createLocation: { id: string; version: number } }>(
      CREATE_LOCATION,
      { input: { ...SITE, id: nextId('umzug'), unitId: 'jcms-nebenstelle-mitte' } },
      [MS, 'editor'],
    );
    expect(created.errors).toBeUndefined();
    const site = created.data!.createLocation;
    const UPDATE = `mutation ($input: UpdateLocationInput!) { updateLocation(input: $input) { id } }`;
    const before = await counts();
    for (const [change, argument] of [
      [{ unitId: RE_UNIT }, 'input.unitId'],
      [{ districtId: 'datteln' }, 'input.districtId'],
    ] as const) {
      const moved = await gql(UPDATE, { input: { ...site, ...change } }, [MS, 'editor']);
      expect({ code: code(moved), argument: moved.errors?.[0]?.extensions?.argument }).toEqual({ code: 'FORBIDDEN', argument });
    }
    expect(await counts()).toEqual(before);
    const after = await gql<{ location: { version: number; unit: { id: string }; district: { id: string } } }>(
      `{ location(id: "${site.id}") { version unit { id } district { id } } }`,
    );
    expect(after.data!.location).toEqual({ version: site.version, unit: { id: 'jcms-nebenstelle-mitte' }, district: { id: 'muenster' } });
  });

  it('refuses moving a Münster service area to Datteln', async () => {
    const area = await gql<{ createServiceArea: { id: string; version: number } }>(
      CREATE_AREA,
      { input: { id: nextId('bereich'), locationId: MS_SITE, districtId: 'muenster', postcodes: ['48153'] } },
      [MS, 'editor'],
    );
    expect(area.errors).toBeUndefined();
    const before = await counts();
    const moved = await gql(
      `mutation ($input: UpdateServiceAreaInput!) { updateServiceArea(input: $input) { id } }`,
      { input: { ...area.data!.createServiceArea, districtId: 'datteln', postcodes: ['45711'] } },
      [MS, 'editor'],
    );
    expect({ code: code(moved), argument: moved.errors?.[0]?.extensions?.argument }).toEqual({
      code: 'FORBIDDEN',
      argument: 'input.districtId',
    });
    expect(await counts()).toEqual(before);
  });
});

describe('the demo through the rule', () => {
  it('still answers which site serves Datteln and Münster, with the sites in their units and organisations', async () => {
    const answer = await gql<{
      datteln: { nodes: { location: { id: string } }[] };
      mitte: { nodes: { location: { id: string } }[] };
      unit: { locations: { nodes: { id: string }[] } };
      organisation: { locations: { totalCount: number } };
    }>(`{
      datteln: responsibleLocations(postcode: "45711") { nodes { location { id } } }
      mitte: responsibleLocations(postcode: "48143") { nodes { location { id } } }
      unit: organisationUnit(id: "${RE_UNIT}") { locations { nodes { id } } }
      organisation: organisation(id: "${RE}") { locations { totalCount } }
    }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.datteln.nodes.map((node) => node.location.id)).toEqual([RE_SITE]);
    expect(answer.data!.mitte.nodes.map((node) => node.location.id)).toContain(MS_SITE);
    expect(answer.data!.unit.locations.nodes.map((node) => node.id)).toEqual([RE_SITE]);
    expect(answer.data!.organisation.locations.totalCount).toBe(15);
  });
});
