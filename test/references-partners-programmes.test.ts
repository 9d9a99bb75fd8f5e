import { Client } from 'pg';
import { authorization, grantRevocable, rowCounts } from './support/grants';
import { post, startTestHub, type TestHub } from './support/hub';

/**
 * Issue 12, items 1 and 6, in the partners and programmes subgraphs, through the real gateway and the
 * real subgraphs: every argument of a partners or programmes mutation that names another record (a
 * liaison's unit and partner, a partner's districts, a programme's operator, venues and partners, an
 * intake's and a figure's venue) against an own record, a foreign one without a grant, with a grant,
 * after the grant is revoked, an archived one and an unknown id; each asserting what the OTHER
 * organisation's answers show afterwards, and that a refusal wrote nothing (rows and audit events).
 * Then the case of a programme naming a site that does not exist, and what anonymous callers
 * see of free places (bands only).
 */

const MS = 'jobcenter-muenster';
const RE = 'jobcenter-kreis-recklinghausen';
const STADT_MS = 'stadt-muenster';
const DATTELN = 'stadt-datteln';
const MS_SITE = 'loc-jcms-nebenstelle-mitte';
const MS_UNIT = 'jcms-nebenstelle-mitte-vermittlung';
/** A partner of Jobcenter Münster (the demo partners are its own). */
const MS_PARTNER = 'partner-kita-sonnenblume';
const RE_UNIT = 'jcre-bezirksstelle-datteln';
/** The Recklinghausen sites the programme rows and the intake rows aim at (one each, so the figures below stay apart). */
const RE_PROGRAMME_SITE = 'loc-jcre-jobakademie-2';
const RE_INTAKE_SITE = 'loc-jcre-jobakademie-3';
/** Created in beforeAll: a partner of Jobcenter Kreis Recklinghausen, and a programme of Jobcenter Münster. */
const RE_PARTNER = 'partner-re-schuldnerberatung';
const MS_PROGRAMME = 'jcms-testprogramm';

type Role = 'viewer' | 'editor' | 'admin';
type Answer = Awaited<ReturnType<typeof post>>['body'];

let hub: TestHub;
let partnersDb: Client;
let programmesDb: Client;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, as?: [string, Role]) {
  return (await post<T>(hub.gatewayUrl, query, variables, as ? await authorization(...as) : {})).body;
}

/** As `gql`, and the answer must be free of errors. */
async function read<T>(query: string, as?: [string, Role]): Promise<T> {
  const answer = await gql<T>(query, {}, as);
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

const code = (answer: Answer) => answer.errors?.[0]?.extensions?.code ?? 'OK';
const ids = (connection: { nodes: { id: string }[] } | null | undefined) => (connection?.nodes ?? []).map((node) => node.id);

/** Every row the partners and programmes subgraphs store, and their audit events: a refused write changes none. */
async function counts(): Promise<Record<string, number>> {
  return {
    ...(await rowCounts(partnersDb, ['partner', 'liaison', 'audit_event'], 'partners.')),
    ...(await rowCounts(programmesDb, ['programme', 'intake', 'participation', 'audit_event'], 'programmes.')),
  };
}

let serial = 0;
const nextId = (prefix: string) => `${prefix}-${++serial}`;

/** A GRANTS_REFERENCES link from `granter` to `grantee`, published by an editor of the granter; returns how to revoke it. */
const grant = (granter: string, grantee: string) => grantRevocable(hub.gatewayUrl, granter, grantee);

const CREATE_LIAISON = `mutation ($input: CreateLiaisonInput!) { createLiaison(input: $input) { id } }`;
const CREATE_PARTNER = `mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { id version } }`;
const CREATE_PROGRAMME = `mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id version } }`;
const CREATE_INTAKE = `mutation ($input: CreateIntakeInput!) { createIntake(input: $input) { id } }`;
const CREATE_FIGURE = `mutation ($input: CreateParticipationFigureInput!) { createParticipationFigure(input: $input) { id } }`;
const CREATE_LOCATION = `mutation ($input: CreateLocationInput!) { createLocation(input: $input) { id version } }`;

/** A new Münster site (as in test/references-locations.test.ts). */
const SITE = {
  name: 'Teststandort',
  kind: 'BRANCH_OFFICE',
  street: 'Teststraße',
  houseNumber: '1',
  postcode: '48143',
  city: 'Münster',
  latitude: 51.96,
  longitude: 7.63,
  districtId: 'muenster',
};

/** A record created and archived at once (by `as`), to be named afterwards. */
async function archived(create: string, archive: string, input: Record<string, unknown>, as: [string, Role]): Promise<string> {
  const created = await gql<Record<string, { id: string; version: number }>>(create, { input }, as);
  expect(created.errors).toBeUndefined();
  const record = Object.values(created.data!)[0]!;
  const done = await gql(`mutation ($id: ID!, $version: Int!) { ${archive}(id: $id, version: $version) { id } }`, record, as);
  expect(done.errors).toBeUndefined();
  return record.id;
}

const archivedSite = () => archived(CREATE_LOCATION, 'archiveLocation', { ...SITE, id: nextId('alter-standort') }, [MS, 'editor']);
const archivedPartner = () =>
  archived(CREATE_PARTNER, 'archivePartner', { id: nextId('alter-partner'), name: 'Aufgelöster Partner', category: 'KITA' }, [
    MS,
    'editor',
  ]);

/** The free places a signed-in viewer sees at the intake rows' Recklinghausen site before any row wrote there. */
let intakeSiteFreePlaces = 0;

beforeAll(async () => {
  // Grants are read from a cache of REFERENCE_CACHE_MS; 0 makes a revocation show on the next read.
  hub = await startTestHub({ env: { REFERENCE_CACHE_MS: '0' } });
  partnersDb = new Client({ connectionString: hub.databaseUrls.partners });
  programmesDb = new Client({ connectionString: hub.databaseUrls.programmes });
  await partnersDb.connect();
  await programmesDb.connect();
  const partner = await gql(
    CREATE_PARTNER,
    { input: { id: RE_PARTNER, name: 'Schuldnerberatung Kreis RE', category: 'OTHER_SOCIAL_SERVICE' } },
    [RE, 'editor'],
  );
  expect(partner.errors).toBeUndefined();
  const programme = await gql(
    CREATE_PROGRAMME,
    { input: { id: MS_PROGRAMME, kind: 'INDIVIDUAL_COACHING', name: 'Testcoaching', operatorId: MS } },
    [MS, 'editor'],
  );
  expect(programme.errors).toBeUndefined();
  intakeSiteFreePlaces = (
    await read<{ location: { programmePlaces: number } }>(`{ location(id: "${RE_INTAKE_SITE}") { programmePlaces } }`, [RE, 'viewer'])
  ).location.programmePlaces;
});

afterAll(async () => {
  await partnersDb?.end();
  await programmesDb?.end();
  await hub?.stop();
});

/** One argument that names another record, and how to see its effect in the other organisation's answers. */
interface Row {
  argument: string;
  /** Who writes (an admin may name another owner than its own organisation). */
  as: [string, Role];
  /** Writes a new record naming `target`, with id `id`. */
  write: (target: string, id: string) => Promise<Answer>;
  own: string;
  foreign: string;
  /** The owner of `foreign`, who must grant; the owner of the record written, who is granted. */
  granter: string;
  grantee: string;
  label: string;
  archivedTarget: () => Promise<string>;
  /** Whether the answers of the foreign target's owner show record `id`. */
  shows: (id: string) => Promise<boolean>;
}

const ROWS: Row[] = [
  {
    argument: 'input.unitId',
    as: [MS, 'editor'],
    write: (unitId, id) => gql(CREATE_LIAISON, { input: { id, unitId, partnerId: MS_PARTNER } }, [MS, 'editor']),
    own: MS_UNIT,
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
    // Recklinghausen's staff (liaisons are internal) on their unit: its liaisons and partners.
    shows: async (id) => {
      const { organisationUnit } = await read<{
        organisationUnit: { liaisons: { nodes: { id: string }[] }; partners: { nodes: { id: string }[] } };
      }>(`{ organisationUnit(id: "${RE_UNIT}") { liaisons(first: 100) { nodes { id } } partners(first: 100) { nodes { id } } } }`, [
        RE,
        'viewer',
      ]);
      const shown = ids(organisationUnit.liaisons).includes(id);
      expect(ids(organisationUnit.partners).includes(MS_PARTNER)).toBe(shown);
      return shown;
    },
  },
  {
    argument: 'input.partnerId',
    as: [MS, 'editor'],
    write: (partnerId, id) => gql(CREATE_LIAISON, { input: { id, unitId: MS_UNIT, partnerId } }, [MS, 'editor']),
    own: MS_PARTNER,
    foreign: RE_PARTNER,
    granter: RE,
    grantee: MS,
    label: 'partner',
    archivedTarget: archivedPartner,
    shows: async (id) =>
      ids(
        (
          await read<{ partner: { liaisons: { nodes: { id: string }[] } } }>(
            `{ partner(id: "${RE_PARTNER}") { liaisons(first: 100) { nodes { id } } } }`,
            [RE, 'viewer'],
          )
        ).partner.liaisons,
      ).includes(id),
  },
  {
    argument: 'input.districtIds',
    // The city of Datteln publishes a Kita; the city of Münster's district must consent.
    as: [DATTELN, 'editor'],
    write: (districtId, id) =>
      gql(CREATE_PARTNER, { input: { id, name: 'Kita Datteln', category: 'KITA', districtIds: [districtId] } }, [DATTELN, 'editor']),
    own: 'datteln',
    foreign: 'muenster-nord',
    granter: STADT_MS,
    grantee: DATTELN,
    label: 'district',
    archivedTarget: () =>
      archived(
        `mutation ($input: CreateDistrictInput!) { createDistrict(input: $input) { id version } }`,
        'archiveDistrict',
        { name: 'Alter Stadtteil', kind: 'CITY_DISTRICT', parentId: 'datteln' },
        [DATTELN, 'editor'],
      ),
    // Anyone's view of Münster-Nord: its partners, the count of its Kitas (two in the demo), and the filtered root list.
    shows: async (id) => {
      const answer = await read<{
        district: { partners: { nodes: { id: string }[] }; partnerCounts: { category: string; count: number }[] };
        partners: { nodes: { id: string }[] };
      }>(
        `{ district(id: "muenster-nord") { partners(first: 100) { nodes { id } } partnerCounts { category count } }
           partners(districtId: "muenster-nord", first: 100) { nodes { id } } }`,
      );
      const shown = ids(answer.district.partners).includes(id);
      expect(ids(answer.partners).includes(id)).toBe(shown);
      expect(answer.district.partnerCounts.find((count) => count.category === 'KITA')!.count).toBe(shown ? 3 : 2);
      return shown;
    },
  },
  {
    argument: 'input.venueIds',
    as: [MS, 'editor'],
    write: (venueId, id) =>
      gql(CREATE_PROGRAMME, { input: { id, kind: 'REHAPRO', name: 'Rehapro Münster', operatorId: MS, venueIds: [venueId] } }, [
        MS,
        'editor',
      ]),
    own: MS_SITE,
    foreign: RE_PROGRAMME_SITE,
    granter: RE,
    grantee: MS,
    label: 'site',
    archivedTarget: archivedSite,
    // Anyone's view of the Recklinghausen academy: its programmes, and programmes held there.
    shows: async (id) => {
      const answer = await read<{ location: { programmes: { nodes: { id: string }[] } }; programmes: { nodes: { id: string }[] } }>(
        `{ location(id: "${RE_PROGRAMME_SITE}") { programmes(first: 100) { nodes { id venues { id name } } } }
           programmes(venueId: "${RE_PROGRAMME_SITE}", first: 100) { nodes { id } } }`,
      );
      const shown = ids(answer.location.programmes).includes(id);
      expect(ids(answer.programmes).includes(id)).toBe(shown);
      return shown;
    },
  },
  {
    argument: 'input.partnerIds',
    as: [MS, 'editor'],
    write: (partnerId, id) =>
      gql(
        CREATE_PROGRAMME,
        { input: { id, kind: 'INDIVIDUAL_COACHING', name: 'Coaching mit Partner', operatorId: MS, partnerIds: [partnerId] } },
        [MS, 'editor'],
      ),
    own: MS_PARTNER,
    foreign: RE_PARTNER,
    granter: RE,
    grantee: MS,
    label: 'partner',
    archivedTarget: archivedPartner,
    shows: async (id) =>
      ids(
        (
          await read<{ partner: { programmes: { nodes: { id: string }[] } } }>(
            `{ partner(id: "${RE_PARTNER}") { programmes(first: 100) { nodes { id } } } }`,
          )
        ).partner.programmes,
      ).includes(id),
  },
  {
    argument: 'input.operatorId',
    // Only admins may name an owner other than the operator: a programme of Jobcenter Münster run by another organisation.
    as: [STADT_MS, 'admin'],
    write: (operatorId, id) =>
      gql(CREATE_PROGRAMME, { input: { id, kind: 'JOB_ACADEMY', name: 'Im Auftrag', operatorId, ownerId: MS } }, [STADT_MS, 'admin']),
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
    shows: async (id) =>
      ids(
        (
          await read<{ organisation: { programmes: { nodes: { id: string }[] } } }>(
            `{ organisation(id: "${RE}") { programmes(first: 100) { nodes { id } } } }`,
          )
        ).organisation.programmes,
      ).includes(id),
  },
  {
    argument: 'input.venueId',
    as: [MS, 'editor'],
    write: (venueId, id) =>
      gql(CREATE_INTAKE, { input: { id, programmeId: MS_PROGRAMME, venueId, startsOn: inDays(30), places: 10, placesTaken: 3 } }, [
        MS,
        'editor',
      ]),
    own: MS_SITE,
    foreign: RE_INTAKE_SITE,
    granter: RE,
    grantee: MS,
    label: 'site',
    archivedTarget: archivedSite,
    // The Recklinghausen academy: its intakes and their bands for everyone, its free places (7 more) for signed-in staff.
    shows: async (id) => {
      const anonymous = await read<{ location: { intakes: { nodes: { id: string; availability: string }[] } } }>(
        `{ location(id: "${RE_INTAKE_SITE}") { intakes(first: 100) { nodes { id availability } } programmeAvailability } }`,
      );
      const shown = ids(anonymous.location.intakes).includes(id);
      const staff = await read<{ location: { programmePlaces: number; intakes: { nodes: { id: string; freePlaces: number }[] } } }>(
        `{ location(id: "${RE_INTAKE_SITE}") { programmePlaces intakes(first: 100) { nodes { id freePlaces } } } }`,
        [RE, 'viewer'],
      );
      expect(ids(staff.location.intakes).includes(id)).toBe(shown);
      expect(staff.location.programmePlaces).toBe(intakeSiteFreePlaces + (shown ? 7 : 0));
      return shown;
    },
  },
  {
    argument: 'input.venueId',
    as: [MS, 'editor'],
    // One figure per programme, year and venue: each write its own year.
    write: (venueId, id) =>
      gql(CREATE_FIGURE, { input: { id, programmeId: MS_PROGRAMME, year: 1950 + serial, venueId, participants: 5 } }, [MS, 'editor']),
    own: MS_SITE,
    foreign: RE_PROGRAMME_SITE,
    granter: RE,
    grantee: MS,
    label: 'site',
    archivedTarget: archivedSite,
    // Figures are internal and shown with their programme only (no site lists them): the programme's figures for staff.
    shows: async (id) =>
      (
        await read<{ programme: { participation: { id: string }[] } }>(`{ programme(id: "${MS_PROGRAMME}") { participation { id } } }`, [
          RE,
          'viewer',
        ])
      ).programme.participation
        .map((figure) => figure.id)
        .includes(id),
  },
];

describe.each(ROWS)('a partners or programmes write naming another record: $argument (as $as)', (row) => {
  it('takes own records, refuses unknown, archived and ungranted ones writing nothing, and shows granted ones only until revoked', async () => {
    const expectRefused = async (target: string, expected: string, message: string) => {
      const before = await counts();
      const id = nextId('refused');
      const answer = await row.write(target, id);
      expect({ code: code(answer), message: answer.errors?.[0]?.message }).toEqual({
        code: expected,
        message: expect.stringContaining(message),
      });
      expect(answer.errors![0]!.extensions).toMatchObject({ argument: row.argument });
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
      `${row.argument}: ${row.label} "${row.foreign}" belongs to ${row.granter}, which has not granted references to ${row.grantee}`,
    );
    expect(forbidden.errors![0]!.extensions).toMatchObject({ ownerId: row.granter });

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
  it('refuses moving a Münster programme, intake or liaison to Recklinghausen records, and changes nothing', async () => {
    const programme = await gql<{ createProgramme: { id: string; version: number } }>(
      CREATE_PROGRAMME,
      { input: { id: nextId('umzug'), kind: 'REHAPRO', name: 'Umzug', operatorId: MS, venueIds: [MS_SITE] } },
      [MS, 'editor'],
    );
    expect(programme.errors).toBeUndefined();
    const intake = await gql<{ createIntake: { id: string } }>(
      CREATE_INTAKE,
      { input: { id: nextId('umzug-start'), programmeId: MS_PROGRAMME, venueId: MS_SITE, startsOn: inDays(40), places: 5 } },
      [MS, 'editor'],
    );
    const liaison = await gql<{ createLiaison: { id: string } }>(
      CREATE_LIAISON,
      { input: { id: nextId('umzug-kontakt'), unitId: MS_UNIT, partnerId: MS_PARTNER } },
      [MS, 'editor'],
    );
    expect([intake.errors, liaison.errors]).toEqual([undefined, undefined]);
    const before = await counts();
    const moves: [string, Record<string, unknown>, string][] = [
      ['updateProgramme', { ...programme.data!.createProgramme, venueIds: [MS_SITE, RE_PROGRAMME_SITE] }, 'input.venueIds'],
      ['updateProgramme', { ...programme.data!.createProgramme, partnerIds: [RE_PARTNER] }, 'input.partnerIds'],
      ['updateIntake', { id: intake.data!.createIntake.id, version: 1, venueId: RE_INTAKE_SITE }, 'input.venueId'],
      ['updateLiaison', { id: liaison.data!.createLiaison.id, version: 1, unitId: RE_UNIT }, 'input.unitId'],
      ['updateLiaison', { id: liaison.data!.createLiaison.id, version: 1, partnerId: RE_PARTNER }, 'input.partnerId'],
    ];
    for (const [mutation, input, argument] of moves) {
      const type = mutation.replace('update', 'Update');
      const moved = await gql(`mutation ($input: ${type}Input!) { ${mutation}(input: $input) { id } }`, { input }, [MS, 'editor']);
      expect({ mutation, code: code(moved), argument: moved.errors?.[0]?.extensions?.argument }).toEqual({
        mutation,
        code: 'FORBIDDEN',
        argument,
      });
    }
    expect(await counts()).toEqual(before);
    const { programme: after } = await read<{ programme: { version: number; venues: { id: string }[]; partners: { id: string }[] } }>(
      `{ programme(id: "${programme.data!.createProgramme.id}") { version venues { id } partners { id } } }`,
    );
    expect(after).toEqual({ version: 1, venues: [{ id: MS_SITE }], partners: [] });
  });
});

describe('a programme naming a site that does not exist (the issue’s case)', () => {
  const VENUES = `query ($id: ID!) { location(id: $id) { programmes(first: 100) { nodes { id venues { id name } } } } }`;
  type Venues = { location: { programmes: { nodes: { id: string; venues: { id: string; name: string }[] | null }[] } | null } };

  async function venuesAt(site: string) {
    const callers: ([string, Role] | undefined)[] = [undefined, [RE, 'viewer'], [MS, 'editor']];
    for (const caller of callers) {
      const answer = await gql<Venues>(VENUES, { id: site }, caller);
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.location.programmes).not.toBeNull();
      for (const programme of answer.data!.location.programmes!.nodes) expect(programme.venues).not.toBeNull();
    }
    return (await gql<Venues>(VENUES, { id: site })).data!.location.programmes!.nodes;
  }

  it('is refused with BAD_USER_INPUT naming the site, writing nothing; the real site keeps its programmes with their venues for every caller', async () => {
    const before = await counts();
    const answer = await gql(
      CREATE_PROGRAMME,
      {
        input: {
          id: nextId('phantom'),
          kind: 'REHAPRO',
          name: 'Phantom',
          operatorId: RE,
          venueIds: ['loc-jcre-jobakademie-1', 'no-such-site'],
        },
      },
      [RE, 'editor'],
    );
    expect(answer.errors?.[0]).toMatchObject({
      message: expect.stringContaining('input.venueIds: no site "no-such-site"'),
      extensions: { code: 'BAD_USER_INPUT', argument: 'input.venueIds' },
    });
    expect(await counts()).toEqual(before);
    expect((await venuesAt('loc-jcre-jobakademie-1')).map((programme) => programme.id)).toEqual([
      'jcre-programm-einzelcoaching',
      'jcre-programm-jobakademie',
    ]);
  });

  it('leaves an unknown site written before these checks out of the venues, so the list never turns null', async () => {
    // A row as the reference-owners migration leaves one written before the checks: the unknown site's owner is unknown ('').
    await programmesDb.query(
      `insert into programme (id, owner_id, source_kind, source_citation, name, kind, operator_id, operator_owner_id, venue_ids, venue_owner_ids, partner_ids, partner_owner_ids)
       values ('altlast', $1, 'PUBLISHER', 'test', 'Altlast', 'REHAPRO', $1, $1, array['loc-jcre-jobakademie-1', 'no-such-site'], array[$1, ''], '{}', '{}')`,
      [RE],
    );
    const programmes = await venuesAt('loc-jcre-jobakademie-1');
    expect(programmes.find((programme) => programme.id === 'altlast')!.venues!.map((venue) => venue.id)).toEqual([
      'loc-jcre-jobakademie-1',
    ]);
  });

  it('leaves a site archived after the programme was written out of its venues, without turning the list null', async () => {
    const site = await gql<{ createLocation: { id: string; version: number } }>(
      CREATE_LOCATION,
      { input: { ...SITE, id: nextId('bald-zu') } },
      [MS, 'editor'],
    );
    const siteId = site.data!.createLocation.id;
    const id = nextId('zwei-orte');
    const programme = await gql(
      CREATE_PROGRAMME,
      { input: { id, kind: 'REHAPRO', name: 'Zwei Orte', operatorId: MS, venueIds: [MS_SITE, siteId] } },
      [MS, 'editor'],
    );
    expect(programme.errors).toBeUndefined();
    const archivedSite = await gql(
      `mutation ($id: ID!, $version: Int!) { archiveLocation(id: $id, version: $version) { id } }`,
      site.data!.createLocation,
      [MS, 'editor'],
    );
    expect(archivedSite.errors).toBeUndefined();
    const programmes = await venuesAt(MS_SITE);
    expect(programmes.find((node) => node.id === id)!.venues!.map((venue) => venue.id)).toEqual([MS_SITE]);
  });
});

describe('free places: bands for everyone, exact numbers for signed-in callers (issue 12, item 6)', () => {
  const EXACT = `{ location(id: "loc-jcre-jobakademie-1") { programmePlaces intakes { nodes { places freePlaces } } } }`;
  const BANDS = `{ location(id: "loc-jcre-jobakademie-1") { programmeAvailability intakes { nodes { id places availability } } }
    programme(id: "jcre-programm-jobakademie") { upcomingIntakes(first: 10) { nodes { id availability } } } }`;

  it('anonymous callers get bands, and no exact free places anywhere (null with UNAUTHENTICATED)', async () => {
    const exact = await post<{ location: { programmePlaces: number | null; intakes: { nodes: { freePlaces: number | null }[] } | null } }>(
      hub.gatewayUrl,
      EXACT,
    );
    expect(exact.body.errors?.length).toBeGreaterThan(0);
    expect(exact.body.errors!.every((error) => error.extensions?.code === 'UNAUTHENTICATED')).toBe(true);
    expect(exact.body.data?.location?.programmePlaces ?? null).toBeNull();
    expect(JSON.stringify(exact.body.data)).not.toMatch(/"freePlaces":\d/);
    expect(exact.headers.get('cache-control')).toBe('no-store');

    const bands = await post<{
      location: { programmeAvailability: string; intakes: { nodes: { id: string; places: number; availability: string }[] } };
      programme: { upcomingIntakes: { nodes: { id: string; availability: string }[] } };
    }>(hub.gatewayUrl, BANDS);
    expect(bands.body.errors).toBeUndefined();
    // The demo: the academy's first start is full (25 of 25), its second has 13 of 25 open.
    expect(bands.body.data!.location.programmeAvailability).toBe('AVAILABLE');
    expect(bands.body.data!.location.intakes.nodes.map((intake) => intake.availability)).toEqual(['FULL', 'AVAILABLE']);
    expect(bands.body.data!.programme.upcomingIntakes.nodes.map((intake) => intake.availability)).toContain('FULL');
    // Public and cacheable for as long as bookings allow.
    expect(bands.headers.get('cache-control')).toBe('max-age=30, public');
  });

  it('signed-in callers get the numbers, in a private answer', async () => {
    const exact = await post<{ location: { programmePlaces: number; intakes: { nodes: { places: number; freePlaces: number }[] } } }>(
      hub.gatewayUrl,
      EXACT,
      {},
      await authorization(MS, 'viewer'),
    );
    expect(exact.body.errors).toBeUndefined();
    expect(exact.body.data!.location).toEqual({
      programmePlaces: 13,
      intakes: {
        nodes: [
          { places: 25, freePlaces: 0 },
          { places: 25, freePlaces: 13 },
        ],
      },
    });
    expect(exact.headers.get('cache-control')).toBe('max-age=30, private');
  });
});
