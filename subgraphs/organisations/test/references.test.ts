import { createLogger } from '@jobcenter-hub/service';
import { AuditEvent, internalUrl } from '@jobcenter-hub/subgraph';
import { demo } from '@jobcenter-hub/demo';
import { asUser, type Executed, execute } from '../../../test/support/execute';
import { grantReferencesIn, type Grant, revokeReferencesIn } from '../../../test/support/grants';
import { newTestSecret, peerSpec, startPeer } from '../../../test/support/peers';
import { createTestOrm, useTestSubgraph } from '../../../test/support/subgraph-db';
import { createOrganisationsOrmConfig } from '../src/mikro-orm.config';
import { Organisation } from '../src/modules/organisation/organisation.entity';
import { OrganisationLink, OrganisationRelation } from '../src/modules/organisation-link/organisation-link.entity';
import { OrganisationUnit } from '../src/modules/organisation-unit/organisation-unit.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

/**
 * References between publishers in the organisations subgraph (issue 12, docs/security.md): each
 * argument that names another record — a unit's organisation, parent and employer, an organisation's
 * parent, a link's two organisations — for an own target, a foreign one without and with a grant, an
 * archived and an unknown one, and after the grant is revoked; what the other organisation's answers
 * show afterwards. Then: a writer's organisation must be in the hub (item 3), municipality keys are the
 * administrators', and the internal endpoints.
 */
const subgraph = useTestSubgraph({
  database: 'organisations_refs',
  createConfig: createOrganisationsOrmConfig,
  seed: seedIfEmpty,
  createServer,
});

const MS = demo.demoIds.jobcenterMuenster;
const RE = demo.demoIds.jobcenterRecklinghausen;
const KREIS = demo.demoIds.kreisRecklinghausen;
const editor = asUser(MS, 'editor');
const admin = asUser(RE, 'admin');

const run = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, caller = editor) =>
  execute<T>(subgraph.parts, query, variables, caller);

const CREATE_UNIT = `mutation ($input: CreateOrganisationUnitInput!) { createOrganisationUnit(input: $input) { id ownerId version } }`;
const CREATE_ORGANISATION = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id ownerId version } }`;
const ARCHIVE_UNIT = `mutation ($id: ID!, $version: Int!) { archiveOrganisationUnit(id: $id, version: $version) { id } }`;
const ARCHIVE_ORGANISATION = `mutation ($id: ID!, $version: Int!) { archiveOrganisation(id: $id, version: $version) { id } }`;

let made = 0;
const nextId = (prefix: string) => `${prefix}-${(made += 1)}`;

function created(result: Executed<Record<string, { id: string; version: number }>>): { id: string; version: number } {
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0]!;
}

/** A new organisation owned by `owner` (by an admin, who may write for anyone). */
async function newOrganisation(owner: string): Promise<{ id: string; version: number }> {
  const input = { id: nextId('refs-org'), ownerId: owner, name: `Amt ${made}`, kind: 'CITY_DEPARTMENT' };
  return created(await run(CREATE_ORGANISATION, { input }, admin));
}

async function archivedOrganisation(owner: string): Promise<string> {
  const organisation = await newOrganisation(owner);
  expect((await run(ARCHIVE_ORGANISATION, organisation, admin)).errors).toBeUndefined();
  return organisation.id;
}

/** What a refused write may not change. */
const counts = async () => {
  const em = subgraph.orm.em.fork();
  return Promise.all([
    em.count(Organisation, {}),
    em.count(OrganisationUnit, {}),
    em.count(OrganisationLink, {}),
    em.count(AuditEvent, {}),
  ]);
};

const grant = (granter: string, grantee: string) => grantReferencesIn(subgraph.parts, granter, grantee);
const revoke = (made: Grant) => revokeReferencesIn(subgraph.parts, made);

const codeOf = (result: Executed<unknown>) => result.errors?.map((error) => [error.extensions?.code, error.extensions?.argument]);

interface ReferenceCase {
  /** The input field that names the target. */
  argument: string;
  label: string;
  /** Targets owned by MS (own), by RE (foreign), archived, for the record MS's editor writes. */
  own: () => Promise<string>;
  foreign: () => Promise<string>;
  archived: () => Promise<string>;
  /** Writes a record owned by MS that names `target` (as MS's editor). */
  write: (target: string) => Promise<Executed<Record<string, { id: string; version: number }>>>;
  /** Whether the record shows through its reference to `target` (the target's lists, or the record's field). */
  shows: (record: string, target: string) => Promise<boolean>;
}

/** A unit's organisation: the organisation's `units` and `organisationUnits(organisationId:)` list it. */
const unitOrganisation: ReferenceCase = {
  argument: 'input.organisationId',
  label: 'organisation',
  own: async () => MS,
  foreign: async () => RE,
  archived: () => archivedOrganisation(MS),
  write: (target) =>
    run(CREATE_UNIT, { input: { id: nextId('refs-unit'), organisationId: target, name: `Außenstelle ${made}`, kind: 'BRANCH_OFFICE' } }),
  shows: async (record, target) => {
    const { data } = await run<{
      organisation: { units: { nodes: { id: string }[] } };
      organisationUnits: { totalCount: number; nodes: { id: string }[] };
    }>(
      `query ($id: ID!) { organisation(id: $id) { units(first: 100) { nodes { id } } }
        organisationUnits(organisationId: $id, first: 100) { totalCount nodes { id } } }`,
      { id: target },
    );
    const inUnits = data!.organisation.units.nodes.some((unit) => unit.id === record);
    const inList = data!.organisationUnits.nodes.some((unit) => unit.id === record);
    expect(data!.organisationUnits.totalCount).toBe(data!.organisationUnits.nodes.length);
    expect(inList).toBe(inUnits);
    return inUnits;
  },
};

/** A unit's employer: the unit's `employer`. */
const unitEmployer: ReferenceCase = {
  argument: 'input.employerId',
  label: 'organisation',
  own: async () => MS,
  foreign: async () => RE,
  archived: () => archivedOrganisation(MS),
  write: (target) =>
    run(CREATE_UNIT, {
      input: { id: nextId('refs-unit'), organisationId: MS, employerId: target, name: `Außenstelle ${made}`, kind: 'BRANCH_OFFICE' },
    }),
  shows: async (record) => {
    const { data } = await run<{ organisationUnit: { employer: { id: string } | null } }>(
      `query ($id: ID!) { organisationUnit(id: $id) { employer { id } } }`,
      { id: record },
    );
    return data!.organisationUnit.employer !== null;
  },
};

/** An organisation's parent: the organisation's `parent`. */
const organisationParent: ReferenceCase = {
  argument: 'input.parentId',
  label: 'organisation',
  own: async () => MS,
  foreign: async () => RE,
  archived: () => archivedOrganisation(MS),
  write: (target) =>
    run(CREATE_ORGANISATION, { input: { id: nextId('refs-org'), name: `Amt ${made}`, kind: 'CITY_DEPARTMENT', parentId: target } }),
  shows: async (record) => {
    const { data } = await run<{ organisation: { parent: { id: string } | null } }>(
      `query ($id: ID!) { organisation(id: $id) { parent { id } } }`,
      {
        id: record,
      },
    );
    return data!.organisation.parent !== null;
  },
};

/**
 * A unit's parent (a unit of the same organisation): the parent's `children` and the unit's `parent`.
 * The units live in an organisation of MS's that grants RE references, so that RE may have a unit there.
 */
let sharedOrganisation: string | undefined;
async function organisationWithForeignUnits(): Promise<string> {
  if (!sharedOrganisation) {
    sharedOrganisation = (await newOrganisation(MS)).id;
    await grant(MS, RE);
  }
  return sharedOrganisation;
}
const unitIn = async (owner: string) =>
  created(
    await run(
      CREATE_UNIT,
      {
        input: {
          id: nextId('refs-parent'),
          ownerId: owner,
          organisationId: await organisationWithForeignUnits(),
          name: `Team ${made}`,
          kind: 'TEAM',
        },
      },
      admin,
    ),
  );
const unitParent: ReferenceCase = {
  argument: 'input.parentId',
  label: 'unit',
  own: async () => (await unitIn(MS)).id,
  foreign: async () => (await unitIn(RE)).id,
  archived: async () => {
    const unit = await unitIn(MS);
    expect((await run(ARCHIVE_UNIT, unit, admin)).errors).toBeUndefined();
    return unit.id;
  },
  write: async (target) =>
    run(CREATE_UNIT, {
      input: {
        id: nextId('refs-unit'),
        organisationId: await organisationWithForeignUnits(),
        parentId: target,
        name: `Team ${made}`,
        kind: 'TEAM',
      },
    }),
  shows: async (record, target) => {
    const { data } = await run<{ parent: { children: { nodes: { id: string }[] } }; child: { parent: { id: string } | null } }>(
      `query ($parent: ID!, $child: ID!) { parent: organisationUnit(id: $parent) { children(first: 100) { nodes { id } } }
        child: organisationUnit(id: $child) { parent { id } } }`,
      { parent: target, child: record },
    );
    const listed = data!.parent.children.nodes.some((child) => child.id === record);
    expect(data!.child.parent !== null).toBe(listed);
    return listed;
  },
};

describe.each([
  ['OrganisationUnit.organisationId', unitOrganisation],
  ['OrganisationUnit.employerId', unitEmployer],
  ['OrganisationUnit.parentId', unitParent],
  ['Organisation.parentId', organisationParent],
] as const)('%s', (_name, spec) => {
  it('an own target is written and shows', async () => {
    const target = await spec.own();
    const record = created(await spec.write(target));
    expect(await spec.shows(record.id, target)).toBe(true);
  });

  it("another organisation's target is FORBIDDEN without its grant, naming the argument and its owner; nothing is written", async () => {
    const target = await spec.foreign();
    const before = await counts();
    const result = await spec.write(target);
    expect(codeOf(result)).toEqual([['FORBIDDEN', spec.argument]]);
    expect(result.errors![0]!.extensions!.ownerId).toBe(RE);
    expect(result.errors![0]!.message).toBe(
      `${spec.argument}: ${spec.label} "${target}" belongs to ${RE}, which has not granted references to ${MS}`,
    );
    expect(await counts()).toEqual(before);
  });

  it('an unknown or archived target is BAD_USER_INPUT naming the argument and the id; nothing is written', async () => {
    const archived = await spec.archived();
    const before = await counts();
    const unknown = await spec.write('no-such-record');
    expect(codeOf(unknown)).toEqual([['BAD_USER_INPUT', spec.argument]]);
    expect(unknown.errors![0]!.message).toBe(`${spec.argument}: no ${spec.label} "no-such-record"`);
    const gone = await spec.write(archived);
    expect(codeOf(gone)).toEqual([['BAD_USER_INPUT', spec.argument]]);
    expect(gone.errors![0]!.message).toBe(`${spec.argument}: ${spec.label} "${archived}" is archived`);
    expect(await counts()).toEqual(before);
  });

  it("a granted target is written and shows in the other organisation's answers; after revocation it shows no more, and new writes are FORBIDDEN", async () => {
    const target = await spec.foreign();
    const granted = await grant(RE, MS);
    let record: string;
    try {
      record = created(await spec.write(target)).id;
      expect(await spec.shows(record, target)).toBe(true);
    } finally {
      await revoke(granted);
    }
    expect(await spec.shows(record, target)).toBe(false);
    expect(codeOf(await spec.write(target))).toEqual([['FORBIDDEN', spec.argument]]);
  });
});

describe('updates check the references they send', () => {
  it("moving an own organisation under another organisation's one is FORBIDDEN without its grant, and changes nothing", async () => {
    const own = await newOrganisation(MS);
    const before = await counts();
    const result = await run(`mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }`, {
      input: { id: own.id, version: own.version, parentId: KREIS },
    });
    expect(codeOf(result)).toEqual([['FORBIDDEN', 'input.parentId']]);
    expect(await counts()).toEqual(before);
    const branch = (await subgraph.orm.em
      .fork()
      .findOneOrFail(OrganisationUnit, demo.demoIds.msBranch(demo.MUENSTER_BRANCHES[0]!.slug))) as {
      id: string;
      version: number;
    };
    const employer = await run(`mutation ($input: UpdateOrganisationUnitInput!) { updateOrganisationUnit(input: $input) { id } }`, {
      input: { id: branch.id, version: branch.version, employerId: KREIS },
    });
    expect(codeOf(employer)).toEqual([['FORBIDDEN', 'input.employerId']]);
  });
});

describe('organisation links', () => {
  const CREATE_LINK = `mutation ($input: CreateOrganisationLinkInput!) { createOrganisationLink(input: $input) { id ownerId } }`;

  it("belong to the organisation's owner: an editor cannot publish one for another organisation, nor own one for it", async () => {
    const before = await counts();
    const forOther = await run(CREATE_LINK, { input: { organisationId: RE, linkedId: KREIS, relation: 'COOPERATES_WITH' } });
    expect(codeOf(forOther)).toEqual([['FORBIDDEN', 'input.organisationId']]);
    expect(forOther.errors![0]!.extensions!.ownerId).toBe(RE);
    // Not even a grant of references: only the granting organisation's editors (or an admin) publish it.
    const grantForOther = await run(CREATE_LINK, { input: { organisationId: RE, linkedId: MS, relation: 'GRANTS_REFERENCES' } });
    expect(codeOf(grantForOther)).toEqual([['FORBIDDEN', 'input.organisationId']]);
    expect(await counts()).toEqual(before);
  });

  it('name a live linked organisation (unknown and archived are BAD_USER_INPUT), which need grant nothing', async () => {
    const archived = await archivedOrganisation(RE);
    const before = await counts();
    const unknown = await run(CREATE_LINK, { input: { organisationId: MS, linkedId: 'no-such-org', relation: 'COOPERATES_WITH' } });
    expect(unknown.errors![0]!.message).toBe('input.linkedId: no organisation "no-such-org"');
    const gone = await run(CREATE_LINK, { input: { organisationId: MS, linkedId: archived, relation: 'COOPERATES_WITH' } });
    expect(gone.errors![0]!.message).toBe(`input.linkedId: organisation "${archived}" is archived`);
    expect(await counts()).toEqual(before);
    // Kreis Recklinghausen grants Münster nothing; the link shows only in Münster's own list.
    const link = created(await run(CREATE_LINK, { input: { organisationId: MS, linkedId: KREIS, relation: 'COOPERATES_WITH' } }));
    const { data } = await run<{
      ms: { linkedOrganisations: { nodes: { id: string }[] } };
      kreis: { linkedOrganisations: { nodes: { id: string }[] } };
    }>(
      `{ ms: organisation(id: "${MS}") { linkedOrganisations(first: 100) { nodes { id } } }
         kreis: organisation(id: "${KREIS}") { linkedOrganisations(first: 100) { nodes { id } } } }`,
    );
    expect(data!.ms.linkedOrganisations.nodes.map((node) => node.id)).toContain(link.id);
    expect(data!.kreis.linkedOrganisations.nodes.map((node) => node.id)).not.toContain(link.id);
  });
});

describe('municipality keys (which Jobcenter serves which area) are set by administrators', () => {
  const UPDATE = `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id version municipalityKeys } }`;

  it('an editor may neither create an organisation with keys nor change its keys (FORBIDDEN naming the field); an admin may', async () => {
    const before = await counts();
    const create = await run(CREATE_ORGANISATION, { input: { name: 'Jobcenter Neu', kind: 'JOBCENTER', municipalityKeys: ['05562004'] } });
    expect(codeOf(create)).toEqual([['FORBIDDEN', 'input.municipalityKeys']]);
    const { version } = await subgraph.orm.em.fork().findOneOrFail(Organisation, MS);
    const update = await run(UPDATE, { input: { id: MS, version, municipalityKeys: ['05562004'] } });
    expect(codeOf(update)).toEqual([['FORBIDDEN', 'input.municipalityKeys']]);
    expect(await counts()).toEqual(before);
    // Sent unchanged (a form that sends every field) is no change.
    const unchanged = await run(UPDATE, {
      input: { id: MS, version, municipalityKeys: [demo.MUENSTER.ags], name: 'Jobcenter Münster' },
    });
    expect(unchanged.errors).toBeUndefined();
    const own = await newOrganisation(MS);
    const byAdmin = await run(UPDATE, { input: { id: own.id, version: own.version, municipalityKeys: ['05515000'] } }, asUser(MS, 'admin'));
    expect(byAdmin.errors).toBeUndefined();
    expect((byAdmin.data as { updateOrganisation: { municipalityKeys: string[] } }).updateOrganisation.municipalityKeys).toEqual([
      '05515000',
    ]);
  });
});

describe("a writer's organisation must be in the hub (item 3)", () => {
  it('a token whose organisation does not exist, or is archived, may write nothing (FORBIDDEN); an admin of any may', async () => {
    const archived = await archivedOrganisation(MS);
    const before = await counts();
    for (const organisationId of ['no-such-organisation', archived]) {
      const result = await run(
        CREATE_ORGANISATION,
        { input: { name: 'Schattenamt', kind: 'CITY_DEPARTMENT' } },
        asUser(organisationId, 'editor'),
      );
      expect(codeOf(result)).toEqual([['FORBIDDEN', undefined]]);
      expect(result.errors![0]!.message).toBe(`your organisation "${organisationId}" is not in the hub (or archived)`);
    }
    expect(await counts()).toEqual(before);
    const bootstrap = await run(
      CREATE_ORGANISATION,
      { input: { name: 'Neues Amt', kind: 'CITY_DEPARTMENT', ownerId: MS } },
      asUser('no-such-organisation', 'admin'),
    );
    expect(bootstrap.errors).toBeUndefined();
  });
});

describe('the demo', () => {
  it('shows what it showed: the cities employ the district offices, Münster is its Jobcenter’s parent, Kreis Recklinghausen its cities’', async () => {
    const { data } = await run<{
      re: { parent: { id: string }; units: { nodes: { employer: { id: string } | null; kind: string }[] } };
      ms: { parent: { id: string } };
      city: { parent: { id: string } };
    }>(
      `{ re: organisation(id: "${RE}") { parent { id } units(first: 100) { nodes { kind employer { id } } } }
         ms: organisation(id: "${MS}") { parent { id } }
         city: organisation(id: "${demo.demoIds.city('marl')}") { parent { id } } }`,
    );
    expect(data!.re.parent.id).toBe(KREIS);
    expect(data!.ms.parent.id).toBe(demo.demoIds.stadtMuenster);
    expect(data!.city.parent.id).toBe(KREIS);
    const offices = data!.re.units.nodes.filter((unit) => unit.kind === 'DISTRICT_OFFICE');
    expect(offices).toHaveLength(10);
    expect(offices.every((unit) => unit.employer !== null)).toBe(true);
  });

  it('a database seeded before references needed consent gets the demo grants from a migration', async () => {
    const { orm, drop } = await createTestOrm('organisations_refs_migration', createOrganisationsOrmConfig);
    try {
      await seedIfEmpty(orm.em.fork());
      const grants = () => orm.em.fork().count(OrganisationLink, { relation: OrganisationRelation.GRANTS_REFERENCES });
      expect(await grants()).toBe(25);
      const migrator = orm.getMigrator();
      await migrator.down();
      expect(await grants()).toBe(0);
      await migrator.up();
      expect(await grants()).toBe(25);
    } finally {
      await drop();
    }
  });
});

describe('checks inside a write use its transaction', () => {
  it('a write that asks for the grants inside its transaction needs no second connection (a pool of one suffices)', async () => {
    const { orm, drop } = await createTestOrm('organisations_refs_pool', (url) => createOrganisationsOrmConfig(url, 1));
    try {
      await seedIfEmpty(orm.em.fork());
      const parts = await createServer(orm, { production: false, logger: createLogger('test', 'silent') });
      await parts.apollo.start();
      try {
        const refused = await execute(
          parts,
          CREATE_ORGANISATION,
          { input: { name: 'Amt', kind: 'CITY_DEPARTMENT', parentId: RE } },
          editor,
        );
        expect(codeOf(refused)).toEqual([['FORBIDDEN', 'input.parentId']]);
        const granted = await grantReferencesIn(parts, RE, MS);
        const allowed = await execute(
          parts,
          CREATE_ORGANISATION,
          { input: { name: 'Amt', kind: 'CITY_DEPARTMENT', parentId: RE } },
          editor,
        );
        expect(allowed.errors).toBeUndefined();
        await revokeReferencesIn(parts, granted);
      } finally {
        await parts.apollo.stop();
      }
    } finally {
      await drop();
    }
  });
});

describe('the internal endpoints, over HTTP', () => {
  const settings = { urls: {}, secret: newTestSecret(), cacheMs: 0 };
  let peer: Awaited<ReturnType<typeof startPeer>>;
  beforeAll(async () => {
    peer = await startPeer('organisations', peerSpec('organisations'), 'organisations_refs_http', settings, createTestOrm);
  });
  afterAll(async () => {
    await peer?.stop();
  });

  const call = (path: string, body?: unknown, secret: string | null = settings.secret) =>
    fetch(internalUrl(peer.url, path), {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-gateway-secret': secret } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('refuse callers without the gateway secret', async () => {
    expect((await call('/internal/grants', undefined, null)).status).toBe(401);
    expect((await call('/internal/references', { type: 'Organisation', ids: [MS] }, null)).status).toBe(401);
  });

  it('answer organisations with their municipality keys and units, archived ones marked, unknown ones left out', async () => {
    const archived = await execute<{ createOrganisation: { id: string; version: number } }>(
      peer.parts,
      CREATE_ORGANISATION,
      { input: { id: 'refs-http-archived', ownerId: MS, name: 'Altamt', kind: 'CITY_DEPARTMENT' } },
      admin,
    );
    await execute(peer.parts, ARCHIVE_ORGANISATION, archived.data!.createOrganisation, admin);
    const organisations = (await (
      await call('/internal/references', { type: 'Organisation', ids: [MS, 'refs-http-archived', 'nope'] })
    ).json()) as {
      states: unknown[];
    };
    expect(organisations.states).toEqual(
      expect.arrayContaining([
        { id: MS, ownerId: MS, archived: false, municipalityKeys: [demo.MUENSTER.ags] },
        { id: 'refs-http-archived', ownerId: MS, archived: true, municipalityKeys: [] },
      ]),
    );
    expect(organisations.states).toHaveLength(2);
    const units = (await (await call('/internal/references', { type: 'OrganisationUnit', ids: [demo.demoIds.reHeadquarters] })).json()) as {
      states: unknown[];
    };
    expect(units.states).toEqual([{ id: demo.demoIds.reHeadquarters, ownerId: RE, archived: false }]);
  });

  it('list the live grants only: a revoked one leaves at once', async () => {
    const grants = async () =>
      ((await (await call('/internal/grants')).json()) as { grants: { granterId: string; granteeId: string }[] }).grants;
    expect(await grants()).toContainEqual({ granterId: demo.demoIds.stadtMuenster, granteeId: MS });
    expect(await grants()).toHaveLength(25);
    const made = await grantReferencesIn(peer.parts, KREIS, MS);
    expect(await grants()).toContainEqual({ granterId: KREIS, granteeId: MS });
    await revokeReferencesIn(peer.parts, made);
    expect(await grants()).not.toContainEqual({ granterId: KREIS, granteeId: MS });
    expect(await grants()).toHaveLength(25);
  });
});
