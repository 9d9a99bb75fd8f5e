import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, type SubgraphParts } from '@jobcenter-hub/kit';
import { execute } from '../../../test/support/execute';
import { createTestOrm } from '../../../test/support/subgraph-db';
import type { LocationsContext } from '../src/context';
import { createLocationsOrmConfig } from '../src/mikro-orm.config';
import { District } from '../src/modules/district/district.entity';
import { Location } from '../src/modules/location/location.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

let orm: MikroORM;
let drop: () => Promise<void>;
let parts: SubgraphParts<LocationsContext>;

beforeAll(async () => {
  ({ orm, drop } = await createTestOrm('locations', (url) => createLocationsOrmConfig(url)));
  await seedIfEmpty(orm.em.fork());
  parts = await createServer(orm, { production: false, logger: createLogger('test', 'silent') });
  await parts.apollo.start();
});

afterAll(async () => {
  await parts?.apollo.stop();
  await drop?.();
});

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Location { id name district { id } }
  ... on District { id name locations { id } }
  ... on Organisation { id locations { id } }
  ... on OrganisationUnit { id locations { id city } } } }`;

describe('locations subgraph', () => {
  it('has a site in each of the ten cities of Kreis Recklinghausen, marked as illustrative', async () => {
    const { data, errors } = await execute<{ locations: { city: string; district: { officialKey: string }; source: { kind: string } }[] }>(
      parts,
      `query { locations(organisationId: "jobcenter-kreis-recklinghausen") { city district { officialKey } source { kind } } }`,
    );
    expect(errors).toBeUndefined();
    const sites = data!.locations;
    expect(sites).toHaveLength(15);
    expect(new Set(sites.map((site) => site.city)).size).toBe(10);
    expect(sites.every((site) => site.district.officialKey.startsWith('05562'))).toBe(true);
    expect(sites.every((site) => site.source.kind === 'ILLUSTRATIVE')).toBe(true);
  });

  it("puts Münster's seven branch offices in its six city districts", async () => {
    const { data } = await execute<{ district: { kind: string; children: { kind: string; locations: { id: string }[] }[] } }>(
      parts,
      `query { district(id: "muenster") { kind children { kind locations { id } } } }`,
    );
    const children = data!.district.children;
    expect(children).toHaveLength(6);
    expect(children.every((child) => child.kind === 'CITY_DISTRICT')).toBe(true);
    expect(children.flatMap((child) => child.locations)).toHaveLength(7);
  });

  it('returns null for unknown ids', async () => {
    const { data, errors } = await execute(parts, `query { location(id: "nowhere") { id } district(id: "nowhere") { id } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ location: null, district: null });
  });

  it('resolves _entities for every @key (owned and extended), null for unknown ids', async () => {
    const { data, errors } = await execute<{ _entities: unknown[] }>(parts, ENTITIES, {
      representations: [
        { __typename: 'Location', id: 'loc-jcre-zentrale' },
        { __typename: 'Location', id: 'unknown' },
        { __typename: 'District', id: 'muenster-nord' },
        { __typename: 'Organisation', id: 'jobcenter-muenster' },
        { __typename: 'OrganisationUnit', id: 'jcre-bezirksstelle-marl' },
      ],
    });
    expect(errors).toBeUndefined();
    const [location, unknown, district, organisation, unit] = data!._entities as [
      { district: { id: string } },
      null,
      { locations: { id: string }[] },
      { locations: unknown[] },
      { locations: { city: string }[] },
    ];
    expect(location.district.id).toBe('recklinghausen');
    expect(unknown).toBeNull();
    expect(district.locations.map((site) => site.id).sort()).toEqual([
      'loc-jcms-nebenstelle-coerde',
      'loc-jcms-nebenstelle-kinderhaus',
    ]);
    expect(organisation.locations).toHaveLength(7);
    expect(unit.locations).toEqual([{ id: 'loc-jcre-bezirksstelle-marl', city: 'Marl' }]);
  });

  it('sends the same number of SQL statements for 1 and for 50 references of each type (no N+1)', async () => {
    const em = orm.em.fork();
    for (let i = 0; i < 50; i += 1) {
      const district = em.create(District, {
        id: `bulk-district-${i}`,
        name: `Bulk district ${i}`,
        kind: 'CITY_DISTRICT' as District['kind'],
        ownerId: 'stadt-muenster',
        source: { kind: 'ILLUSTRATIVE', citation: 'test' } as District['source'],
      });
      em.create(Location, {
        id: `bulk-location-${i}`,
        name: `Bulk site ${i}`,
        street: 'Teststraße',
        houseNumber: String(i),
        postcode: '48143',
        city: 'Münster',
        latitude: 51.96,
        longitude: 7.62,
        district,
        unitId: `bulk-unit-${i}`,
        organisationId: `bulk-organisation-${i}`,
        ownerId: 'jobcenter-muenster',
        source: { kind: 'ILLUSTRATIVE', citation: 'test' } as Location['source'],
      });
    }
    await em.flush();
    for (const [typename, prefix] of [
      ['Location', 'bulk-location'],
      ['District', 'bulk-district'],
      ['Organisation', 'bulk-organisation'],
      ['OrganisationUnit', 'bulk-unit'],
    ] as const) {
      const run = (n: number) =>
        execute<{ _entities: unknown[] }>(parts, ENTITIES, {
          representations: Array.from({ length: n }, (_, i) => ({ __typename: typename, id: `${prefix}-${i}` })),
        });
      const one = await run(1);
      const fifty = await run(50);
      expect(fifty.errors).toBeUndefined();
      expect(fifty.data!._entities.filter(Boolean)).toHaveLength(50);
      expect({ typename, statements: fifty.statements }).toEqual({ typename, statements: one.statements });
    }
  });
});
