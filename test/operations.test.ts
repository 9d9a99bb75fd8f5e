import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { post, ROOT, startTestHub, type TestHub } from './support/hub';
import { savedOperations, staffHeaders } from './support/saved-operations';

/** The saved operations of operations/, by name: what dashboards and staff tools send. */
const operations = savedOperations();
const operation = (name: string) => operations.get(name)!;

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

async function run<T>(name: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> {
  const { status, body } = await post<T>(hub.gatewayUrl, operation(name), variables, headers);
  expect({ name, status, errors: body.errors }).toEqual({ name, status: 200, errors: undefined });
  return body.data!;
}

type Figures = {
  id: string;
  name: string;
  latestIndicator: { year: number; benefitRate: number; source: { kind: string } } | null;
  locations: {
    totalCount: number;
    nodes: { kind: string; programmeAvailability: string | null; openingHours: { openingHours: string } | null }[];
  };
  partnerCounts: { category: string; count: number }[];
};

describe('saved operations through the gateway', () => {
  it('has every operation of operations/ covered here', () => {
    const names = readdirSync(join(ROOT, 'operations'))
      .map((file) => file.replace(/\.graphql$/, ''))
      .sort();
    expect(names).toEqual([
      // The dashboard's operations (dashboard/): test/dashboard-browser.test.ts runs them through the dashboard.
      'DashboardDistrict',
      'DashboardJobcenter',
      'DashboardResponsible',
      'DashboardSearch',
      'DistrictDashboard',
      'HubWalk',
      'JobcenterDashboard',
      'NearestOpenSite',
      'PartnersInDistrict',
      // The reference layer's lookups (issue 14): test/germany.test.ts runs them on the imported layer.
      'PlaceSearch',
      'ResponsiblePlace',
      'ResponsibleSite',
    ]);
  });

  it("DistrictDashboard: Münster's city districts with sites, partners by category and benefit rates", async () => {
    const { district } = await run<{ district: Figures & { children: { nodes: Figures[] } } }>('DistrictDashboard', {
      districtId: 'muenster',
    });
    const children = new Map(district.children.nodes.map((child) => [child.id, child]));
    expect(children.size).toBe(6);
    expect(children.get('muenster-nord')!.locations.totalCount).toBe(2);
    expect(children.get('muenster-nord')!.latestIndicator!.benefitRate).toBeGreaterThan(
      children.get('muenster-hiltrup')!.latestIndicator!.benefitRate,
    );
    for (const child of children.values()) {
      // Every category, zeros included, so dashboards can draw the same columns for every district.
      expect(child.partnerCounts.map((count) => count.category).sort()).toEqual([
        'COUNSELLING_CAFE',
        'KITA',
        'NEIGHBOURHOOD_INITIATIVE',
        'OTHER_SOCIAL_SERVICE',
        'STREET_WORK',
        'VOLUNTEER_INITIATIVE',
      ]);
      expect(child.latestIndicator!.source.kind).toBe('ILLUSTRATIVE');
    }
    const kitasInNord = children.get('muenster-nord')!.partnerCounts.find((count) => count.category === 'KITA')!.count;
    expect(kitasInNord).toBeGreaterThanOrEqual(1);
  });

  it('DistrictDashboard: open programme places (in bands) at the sites of a Recklinghausen city', async () => {
    const { district } = await run<{ district: Figures }>('DistrictDashboard', { districtId: 'recklinghausen' });
    const academy = district.locations.nodes.find((site) => site.kind === 'JOB_ACADEMY')!;
    // Anonymous dashboards see open places in bands (exact numbers are for signed-in callers).
    expect(['AVAILABLE', 'FEW']).toContain(academy.programmeAvailability);
    expect(district.locations.nodes.find((site) => site.kind === 'DISTRICT_OFFICE')!.openingHours!.openingHours).toContain('PH off');
  });

  it("JobcenterDashboard: Kreis Recklinghausen's units, sites, programmes and the article's 3,500 participants", async () => {
    const { organisation } = await run<{
      organisation: {
        units: { totalCount: number };
        locations: { totalCount: number; nodes: { district: { id: string } }[] };
        programmes: { totalCount: number; nodes: { kind: string; upcomingIntakes: { totalCount: number } }[] };
        participants: number | null;
      };
    }>('JobcenterDashboard', { organisationId: 'jobcenter-kreis-recklinghausen', year: 2021 });
    expect(organisation.units.totalCount).toBe(15);
    expect(organisation.locations.totalCount).toBe(15);
    expect(new Set(organisation.locations.nodes.map((site) => site.district.id)).size).toBe(10);
    expect(organisation.programmes.nodes.map((programme) => programme.kind).sort()).toEqual([
      'IMMEDIATE_ACTIVATION',
      'INDIVIDUAL_COACHING',
      'JOB_ACADEMY',
      'REHAPRO',
    ]);
    expect(organisation.programmes.nodes.find((programme) => programme.kind === 'JOB_ACADEMY')!.upcomingIntakes.totalCount).toBeGreaterThan(
      0,
    );
    expect(organisation.participants).toBe(3500);
  });

  it('ResponsibleSite: the responsible site for a postcode in each Jobcenter', async () => {
    type Who = {
      responsibleLocations: { nodes: { location: { name: string; unit: { name: string; organisation: { name: string } } } }[] };
    };
    const marl = await run<Who>('ResponsibleSite', { postcode: '45768' });
    expect(marl.responsibleLocations.nodes.map((node) => [node.location.unit.name, node.location.unit.organisation.name])).toEqual([
      ['Bezirksstelle Marl', 'Jobcenter Kreis Recklinghausen'],
    ]);
    const kinderhaus = await run<Who>('ResponsibleSite', { postcode: '48159' });
    expect(kinderhaus.responsibleLocations.nodes.map((node) => node.location.unit.organisation.name)).toEqual(['Jobcenter Münster']);
  });

  it('NearestOpenSite: the nearest site open on a Thursday morning, with its stops', async () => {
    const { locationsNear } = await run<{
      locationsNear: { nodes: { distanceKm: number; location: { city: string; transportStops: { mode: string }[] } }[] };
    }>('NearestOpenSite', { latitude: 51.6141, longitude: 7.1978, at: '2026-11-26T09:00:00Z' });
    expect(locationsNear.nodes[0]!.location.city).toBe('Recklinghausen');
    expect(locationsNear.nodes[0]!.location.transportStops.map((stop) => stop.mode)).toEqual(expect.arrayContaining(['BUS', 'TRAIN']));
    const sunday = await run<{ locationsNear: { totalCount: number } }>('NearestOpenSite', {
      latitude: 51.6141,
      longitude: 7.1978,
      at: '2026-11-29T09:00:00Z',
    });
    expect(sunday.locationsNear.totalCount).toBe(0);
  });

  it('PartnersInDistrict: Kitas in Münster-Nord, and search that ignores umlauts and ß spelling', async () => {
    const kitas = await run<{ district: { partners: { totalCount: number; nodes: { category: string }[] } } }>(
      'PartnersInDistrict',
      { districtId: 'muenster-nord', category: 'KITA' },
      await staffHeaders(),
    );
    expect(kitas.district.partners.totalCount).toBeGreaterThanOrEqual(1);
    expect(kitas.district.partners.nodes.every((partner) => partner.category === 'KITA')).toBe(true);
    const spelled = async (search: string) =>
      (
        await run<{ district: { partners: { nodes: { name: string }[] } } }>(
          'PartnersInDistrict',
          { districtId: 'muenster-ost', category: 'COUNSELLING_CAFE', search },
          await staffHeaders(),
        )
      ).district.partners.nodes.map((partner) => partner.name);
    expect(await spelled('Wolbecker Straße')).toEqual(['Stadtteilcafé Wolbecker Straße']);
    expect(await spelled('wolbecker strasse')).toEqual(['Stadtteilcafé Wolbecker Straße']);
  });

  it('PartnersInDistrict: anonymous callers get the public partner facts, and UNAUTHENTICATED for the internal liaisons', async () => {
    const { body } = await post<{ district: { partners: { nodes: { name: string; liaisons: unknown }[] } } }>(
      hub.gatewayUrl,
      operation('PartnersInDistrict'),
      { districtId: 'muenster-nord', category: 'KITA' },
    );
    expect(body.data!.district.partners.nodes.length).toBeGreaterThan(0);
    expect(body.data!.district.partners.nodes.every((partner) => partner.liaisons === null)).toBe(true);
    expect(new Set(body.errors?.map((error) => error.extensions?.code))).toEqual(new Set(['UNAUTHENTICATED']));
  });

  it('refuses bad arguments with a coded error naming them, and no data', async () => {
    const { status, body } = await post(hub.gatewayUrl, operation('ResponsibleSite'), { postcode: '4816' });
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('postcode');
    const near = await post(hub.gatewayUrl, operation('NearestOpenSite'), {
      latitude: 51.6,
      longitude: 7.2,
      at: '2026-11-26T09:00:00Z',
      radiusKm: 0,
    });
    expect(near.body.errors?.[0]?.message).toContain('radiusKm');
    const unknownEnum = await post(hub.gatewayUrl, operation('PartnersInDistrict'), { districtId: 'muenster-nord', category: 'BAKERY' });
    expect(unknownEnum.status).toBe(400);
    expect(unknownEnum.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('automatic persisted queries (dashboards send a hash instead of the document)', () => {
  const send = async (body: Record<string, unknown>) => {
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
  };

  it('asks for the document once, then answers the hash alone, also by GET', async () => {
    const query = operation('DistrictDashboard');
    const variables = { districtId: 'muenster' };
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };

    const unknown = await send({ variables, extensions: { persistedQuery } });
    expect(unknown.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);

    const registered = await send({ query, variables, extensions: { persistedQuery } });
    expect(registered.status).toBe(200);
    expect(registered.body.errors).toBeUndefined();

    const byHash = await send({ variables, extensions: { persistedQuery } });
    expect(byHash.body).toEqual(registered.body);

    const url = new URL(hub.gatewayUrl);
    url.searchParams.set('variables', JSON.stringify(variables));
    url.searchParams.set('extensions', JSON.stringify({ persistedQuery }));
    const get = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual(registered.body);
  });

  it('refuses a document whose hash does not match, and stores nothing under that hash', async () => {
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update('something else').digest('hex') };
    const mismatch = await send({ query: operation('HubWalk'), extensions: { persistedQuery } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    const after = await send({ extensions: { persistedQuery } });
    expect(after.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});
