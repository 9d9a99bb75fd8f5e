import type { EntityClass } from '@mikro-orm/postgresql';
import { AuditEvent, Provenance, SourceKind } from '@jobcenter-hub/subgraph';
import { asUser, execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { createLocationsOrmConfig } from '../src/mikro-orm.config';
import { District } from '../src/modules/district/district.entity';
import { Location } from '../src/modules/location/location.entity';
import { ServiceArea } from '../src/modules/service-area/service-area.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

/**
 * References between publishers in the locations subgraph, against the real organisations subgraph (a
 * peer on its own database, over HTTP): the reference layer's rule for districts (an official key inside
 * the owner's area), forward fields after a revocation, and a failure to ask. The cross-organisation
 * matrix of every argument runs through the gateway in test/references-locations.test.ts.
 */
const subgraph = useTestSubgraph({ database: 'locations_refs', createConfig: createLocationsOrmConfig, seed: seedIfEmpty, createServer });

const MS = 'jobcenter-muenster';
const RE = 'jobcenter-kreis-recklinghausen';
const code = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code ?? 'OK';

const organisations = () => subgraph.peers.organisations!.parts;

async function counts() {
  const em = subgraph.orm.em.fork();
  return Promise.all([Location, District, ServiceArea, AuditEvent].map((entity) => em.count(entity as EntityClass<object>, {})));
}

/** A GRANTS_REFERENCES link from `granter` to `grantee` in the organisations peer; returns how to revoke it. */
async function grant(granter: string, grantee: string): Promise<() => Promise<void>> {
  const created = await execute<{ createOrganisationLink: { id: string; version: number } }>(
    organisations(),
    `mutation ($input: CreateOrganisationLinkInput!) { createOrganisationLink(input: $input) { id version } }`,
    { input: { organisationId: granter, linkedId: grantee, relation: 'GRANTS_REFERENCES' } },
    asUser(granter, 'editor'),
  );
  expect(created.errors).toBeUndefined();
  const link = created.data!.createOrganisationLink;
  return async () => {
    const archived = await execute(
      organisations(),
      `mutation ($id: ID!, $version: Int!) { archiveOrganisationLink(id: $id, version: $version) { id } }`,
      link,
      asUser(granter, 'editor'),
    );
    expect(archived.errors).toBeUndefined();
  };
}

const SITE = {
  name: 'Teststandort',
  kind: 'BRANCH_OFFICE',
  street: 'Teststraße',
  houseNumber: '1',
  postcode: '45768',
  city: 'Marl',
  latitude: 51.65,
  longitude: 7.09,
};
const CREATE_LOCATION = `mutation ($input: CreateLocationInput!) { createLocation(input: $input) { id } }`;
const CREATE_AREA = `mutation ($input: CreateServiceAreaInput!) { createServiceArea(input: $input) { id } }`;
type Who = { responsibleLocations: { nodes: { location: { id: string } }[] } };
const WHO = `query ($postcode: String) { responsibleLocations(postcode: $postcode) { nodes { location { id } } } }`;
const serving = async (postcode: string) => {
  const result = await execute<Who>(subgraph.parts, WHO, { postcode });
  expect(result.errors).toBeUndefined();
  return result.data!.responsibleLocations.nodes.map((node) => node.location.id);
};

describe('districts of the reference layer: an official key inside the owner’s area needs no grant', () => {
  const JC = 'jobcenter-kreis-test';
  const editor = asUser(JC, 'editor');

  beforeAll(async () => {
    // A Jobcenter whose area is Kreis Recklinghausen by its Kreis key (05562), as the hub's administrators
    // set it. The API takes Gemeinde keys (8 digits) only so far: the Kreis key is written as a seeder would.
    const created = await execute(
      organisations(),
      `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      { input: { id: JC, ownerId: JC, name: 'Jobcenter Test', kind: 'JOBCENTER' } },
      asUser('hub', 'admin'),
    );
    expect(created.errors).toBeUndefined();
    await subgraph.peers
      .organisations!.orm.em.getConnection()
      .execute(`update organisation set municipality_keys = '{05562}' where id = ?`, [JC]);
  });

  it('takes a site and a service area in Marl (05562024, inside 05562), and refuses Münster (05515000) writing nothing', async () => {
    const site = await execute(subgraph.parts, CREATE_LOCATION, { input: { ...SITE, id: 'kreis-test-marl', districtId: 'marl' } }, editor);
    expect(site.errors).toBeUndefined();
    const area = await execute(
      subgraph.parts,
      CREATE_AREA,
      { input: { id: 'kreis-test-marl-area', locationId: 'kreis-test-marl', districtId: 'marl', postcodes: ['45768'] } },
      editor,
    );
    expect(area.errors).toBeUndefined();
    expect((await serving('45768')).sort()).toEqual(['kreis-test-marl', 'loc-jcre-bezirksstelle-marl']);

    const before = await counts();
    const outside = await execute(
      subgraph.parts,
      CREATE_LOCATION,
      { input: { ...SITE, id: 'kreis-test-ms', districtId: 'muenster' } },
      editor,
    );
    expect(code(outside)).toBe('FORBIDDEN');
    expect(outside.errors![0]!.extensions).toMatchObject({ argument: 'input.districtId', ownerId: 'stadt-muenster' });
    const areaOutside = await execute(
      subgraph.parts,
      CREATE_AREA,
      { input: { locationId: 'kreis-test-marl', districtId: 'muenster', postcodes: ['48143'] } },
      editor,
    );
    expect(code(areaOutside)).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('drops the areas from the answers once the administrators move the Jobcenter’s area elsewhere', async () => {
    const organisation = await execute<{ organisation: { version: number } }>(organisations(), `{ organisation(id: "${JC}") { version } }`);
    const moved = await execute(
      organisations(),
      `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }`,
      { input: { id: JC, version: organisation.data!.organisation.version, municipalityKeys: ['05515000'] } },
      asUser('hub', 'admin'),
    );
    expect(moved.errors).toBeUndefined();
    expect(await serving('45768')).toEqual(['loc-jcre-bezirksstelle-marl']);
    const marl = await execute<{ district: { locations: { nodes: { id: string }[] } } }>(
      subgraph.parts,
      `{ district(id: "marl") { locations(first: 100) { nodes { id } } } }`,
    );
    expect(marl.data!.district.locations.nodes.map((node) => node.id)).not.toContain('kreis-test-marl');
  });
});

describe('the postcodes of a service area lie in its district', () => {
  beforeAll(async () => {
    // Two rows of the reference layer's postcode table, as `npm run data:import` writes them.
    await subgraph.orm.em
      .getConnection()
      .execute(
        `insert into postcode (postcode, district_id, place) values ('45711', 'datteln', 'Datteln'), ('48143', 'muenster', 'Münster')`,
      );
  });

  it('refuses a Münster site serving Datteln’s 45711 through Münster, and takes Münster’s own postcode in a city district', async () => {
    const before = await counts();
    const claimed = await execute(
      subgraph.parts,
      CREATE_AREA,
      { input: { locationId: 'loc-jcms-nebenstelle-mitte', districtId: 'muenster', postcodes: ['48143', '45711'] } },
      asUser(MS, 'editor'),
    );
    expect(code(claimed)).toBe('BAD_USER_INPUT');
    expect(claimed.errors![0]!.message).toBe('input.postcodes: 45711 does not lie in district "muenster"');
    expect(await counts()).toEqual(before);
    expect(await serving('45711')).toEqual(['loc-jcre-bezirksstelle-datteln']);
    // A city district takes its city's postcodes.
    const own = await execute(
      subgraph.parts,
      CREATE_AREA,
      { input: { locationId: 'loc-jcms-nebenstelle-mitte', districtId: 'muenster-mitte', postcodes: ['48143'] } },
      asUser(MS, 'editor'),
    );
    expect(own.errors).toBeUndefined();
  });

  it('leaves out an area written before the check whose postcode lies outside its district', async () => {
    const em = subgraph.orm.em.fork();
    em.create(ServiceArea, {
      id: 'old-claim',
      ownerId: MS,
      source: new Provenance(SourceKind.PUBLISHER, 'written before the check'),
      location: em.getReference(Location, 'loc-jcms-nebenstelle-mitte'),
      district: em.getReference(District, 'muenster'),
      postcodes: ['45711'],
    });
    await em.flush();
    expect(await serving('45711')).toEqual(['loc-jcre-bezirksstelle-datteln']);
  });
});

describe('fields that point into another organisation’s records', () => {
  it('show the unit of a site while its owner grants it, and null after the revocation', async () => {
    const revoke = await grant(RE, MS);
    const created = await execute(
      subgraph.parts,
      CREATE_LOCATION,
      {
        input: {
          ...SITE,
          postcode: '48143',
          city: 'Münster',
          id: 'ms-in-re-unit',
          districtId: 'muenster',
          unitId: 'jcre-bezirksstelle-marl',
        },
      },
      asUser(MS, 'editor'),
    );
    expect(created.errors).toBeUndefined();
    const READ = `{ location(id: "ms-in-re-unit") { unit { id } } }`;
    expect((await execute<{ location: { unit: unknown } }>(subgraph.parts, READ)).data!.location.unit).toEqual({
      id: 'jcre-bezirksstelle-marl',
    });
    await revoke();
    expect((await execute<{ location: { unit: unknown } }>(subgraph.parts, READ)).data!.location.unit).toBeNull();
  });
});

describe('when the organisations subgraph cannot be asked', () => {
  it('answers SERVICE_UNAVAILABLE for lists that need the grants and for writes, writes nothing, and serves own references', async () => {
    const url = subgraph.references.urls.organisations;
    subgraph.references.urls.organisations = 'http://127.0.0.1:9/graphql';
    try {
      // Datteln's area is a Jobcenter's on a city's district: showing it needs the grants (or the area).
      const answer = await execute<Who>(subgraph.parts, WHO, { postcode: '45711' });
      expect(code(answer)).toBe('SERVICE_UNAVAILABLE');
      expect(answer.data?.responsibleLocations ?? null).toBeNull();
      const before = await counts();
      const write = await execute(
        subgraph.parts,
        CREATE_AREA,
        { input: { locationId: 'loc-jcms-nebenstelle-mitte', districtId: 'muenster', postcodes: ['48143'] } },
        asUser(MS, 'admin'),
      );
      expect(code(write)).toBe('SERVICE_UNAVAILABLE');
      expect(await counts()).toEqual(before);
      // A unit's own sites need no grant: they still show.
      const own = await execute<{ _entities: { locations: { totalCount: number } }[] }>(
        subgraph.parts,
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on OrganisationUnit { locations { totalCount } } } }`,
        { r: [{ __typename: 'OrganisationUnit', id: 'jcre-bezirksstelle-datteln' }] },
      );
      expect(own.errors).toBeUndefined();
      expect(own.data!._entities[0]!.locations.totalCount).toBe(1);
    } finally {
      subgraph.references.urls.organisations = url;
    }
  });
});
