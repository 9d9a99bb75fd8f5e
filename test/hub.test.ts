import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { post, ROOT, startTestHub, type TestHub } from './support/hub';

const HUB_WALK = readFileSync(join(ROOT, 'operations', 'HubWalk.graphql'), 'utf8');

type Nodes<T> = { nodes: T[] };
interface Site {
  name: string;
  city: string;
  source: { kind: string };
  district: { name: string; officialKey: string | null; partners: Nodes<{ name: string; category: string }> };
  programmes: Nodes<{ id: string; name: string; kind: string }>;
}
interface Unit {
  id: string;
  name: string;
  kind: string;
  employer: { name: string } | null;
  locations: Site[];
}
interface Walk {
  organisation: {
    name: string;
    managingDirector: string;
    jobcenterModel: string;
    source: { kind: string };
    units: { totalCount: number; nodes: (Omit<Unit, 'locations'> & { locations: Nodes<Site> })[] };
  } | null;
  programme: {
    participantsPerYear: number;
    daysPerWeekMax: number;
    source: { kind: string };
    venues: { city: string }[];
    operator: { name: string; managingDirector: string };
  } | null;
}

let hub: TestHub;

/** The units of a walk with their sites as plain arrays, for readable assertions. */
const unitsOf = (walk: Walk): Unit[] =>
  walk.organisation!.units.nodes.map((unit) => ({
    ...unit,
    locations: unit.locations.nodes,
  }));
const partnersOf = (site: Site) => site.district.partners.nodes;
const programmesOf = (site: Site) => site.programmes.nodes;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

describe('the hub through the gateway (four subgraph processes, real HTTP, real PostgreSQL)', () => {
  it('walks Kreis Recklinghausen from the Jobcenter to its sites, their programmes and back to the operator', async () => {
    const { status, body } = await post<Walk>(hub.gatewayUrl, HUB_WALK);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const jc = body.data!.organisation!;
    expect(jc).toMatchObject({ name: 'Jobcenter Kreis Recklinghausen', managingDirector: 'Dominik Schad', jobcenterModel: 'MUNICIPAL' });
    expect(jc.source.kind).toBe('ARTICLE');
    // 15 units (headquarters, ten district offices, Rehapro house, three academies), each at its own site.
    expect(jc.units.totalCount).toBe(15);
    const units = unitsOf(body.data!);
    const offices = units.filter((unit) => unit.kind === 'DISTRICT_OFFICE');
    expect(offices.map((office) => office.locations[0]!.city).sort()).toEqual([
      'Castrop-Rauxel',
      'Datteln',
      'Dorsten',
      'Gladbeck',
      'Haltern am See',
      'Herten',
      'Marl',
      'Oer-Erkenschwick',
      'Recklinghausen',
      'Waltrop',
    ]);
    for (const office of offices) {
      expect(office.employer?.name).toBe(`Stadt ${office.locations[0]!.city}`);
      expect(office.locations[0]!.district.officialKey).toMatch(/^05562\d{3}$/);
      // Invented addresses say so.
      expect(office.locations[0]!.source.kind).toBe('ILLUSTRATIVE');
    }
    const academies = units.filter((unit) => unit.kind === 'JOB_ACADEMY');
    expect(academies).toHaveLength(3);
    for (const academy of academies) {
      expect(programmesOf(academy.locations[0]!).map((programme) => programme.kind)).toEqual(
        expect.arrayContaining(['JOB_ACADEMY', 'INDIVIDUAL_COACHING']),
      );
    }
    const rehapro = units.find((unit) => unit.kind === 'REHAPRO_HOUSE')!;
    expect(programmesOf(rehapro.locations[0]!).map((programme) => programme.kind)).toEqual(['REHAPRO']);

    const programme = body.data!.programme!;
    expect(programme).toMatchObject({ participantsPerYear: 3500, daysPerWeekMax: 3 });
    expect(programme.source.kind).toBe('ARTICLE');
    expect(programme.venues).toHaveLength(3);
    expect(programme.operator).toEqual({
      id: 'jobcenter-kreis-recklinghausen',
      name: 'Jobcenter Kreis Recklinghausen',
      managingDirector: 'Dominik Schad',
    });
  });

  it("walks Münster's seven branch offices to the partners of their city districts", async () => {
    const { body } = await post<Walk>(hub.gatewayUrl, HUB_WALK, { organisationId: 'jobcenter-muenster' });
    expect(body.errors).toBeUndefined();
    const jc = body.data!.organisation!;
    expect(jc.managingDirector).toBe('Ralf Bierstedt');
    const units = unitsOf(body.data!);
    const branches = units.filter((unit) => unit.kind === 'BRANCH_OFFICE');
    expect(branches).toHaveLength(7);
    // Each branch office has its own site (own entrance) and placement, benefits and reception teams.
    expect(new Set(branches.map((branch) => branch.locations[0]!.name)).size).toBe(7);
    expect(units.filter((unit) => unit.kind === 'TEAM')).toHaveLength(21);
    const districts = new Map(branches.map((branch) => [branch.locations[0]!.district.name, branch.locations[0]!]));
    expect(districts.size).toBe(6);
    const categories = new Set([...districts.values()].flatMap((site) => partnersOf(site).map((partner) => partner.category)));
    // The kinds of partner the article names, all present around the branch offices.
    for (const required of ['KITA', 'NEIGHBOURHOOD_INITIATIVE', 'VOLUNTEER_INITIATIVE', 'COUNSELLING_CAFE', 'STREET_WORK']) {
      expect(categories).toContain(required);
    }
    expect(partnersOf(districts.get('Münster-Nord')!).some((partner) => partner.category === 'KITA')).toBe(true);
  });

  it('answers unknown ids with null and no error, and never a 500', async () => {
    const { status, body } = await post<Walk>(hub.gatewayUrl, HUB_WALK, {
      organisationId: 'no-such-jobcenter',
      programmeId: 'no-such-programme',
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ organisation: null, programme: null });
  });

  it('rejects malformed requests with a 4xx and a coded error', async () => {
    const malformed = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    const invalid = await post(hub.gatewayUrl, '{ organisation(id: 1, colour: "red") { id } }');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves the Apollo Sandbox landing page to a browser', async () => {
    const response = await fetch(hub.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toMatch(/sandbox/i);
  });

  it('reports health and readiness on the gateway and every subgraph', async () => {
    for (const service of [hub.gateway, ...hub.subgraphs]) {
      const health = await fetch(new URL('/health', service.url));
      expect({ service: service.name, status: health.status }).toEqual({ service: service.name, status: 200 });
      const ready = await fetch(new URL('/ready', service.url));
      expect({ service: service.name, status: ready.status }).toEqual({ service: service.name, status: 200 });
    }
  });

  it('keeps a request id from the caller and answers with it', async () => {
    const { headers } = await post(hub.gatewayUrl, '{ organisations { totalCount } }', {}, { 'x-request-id': 'dashboard-42' });
    expect(headers.get('x-request-id')).toBe('dashboard-42');
  });

  it('resolves _entities over HTTP with as many SQL statements for one reference as for all of them', async () => {
    const locations = hub.subgraphs.find((service) => service.name === 'locations')!;
    // Direct calls, as the gateway makes them: with its secret.
    const all = await post<{ locations: { nodes: { id: string }[] } }>(
      locations.url,
      '{ locations(first: 100) { nodes { id } } }',
      {},
      hub.subgraphHeaders,
    );
    const ids = all.body.data!.locations.nodes.map((site) => site.id);
    expect(ids.length).toBeGreaterThanOrEqual(22);
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Location { id district { id } } } }`;
    const one = await post<{ _entities: unknown[] }>(
      locations.url,
      query,
      { representations: [{ __typename: 'Location', id: ids[0] }] },
      hub.subgraphHeaders,
    );
    const many = await post<{ _entities: unknown[] }>(
      locations.url,
      query,
      { representations: ids.map((id) => ({ __typename: 'Location', id })) },
      hub.subgraphHeaders,
    );
    expect(many.body.data!._entities).toHaveLength(ids.length);
    expect(Number(one.headers.get('x-sql-statements'))).toBeGreaterThan(0);
    expect(many.headers.get('x-sql-statements')).toBe(one.headers.get('x-sql-statements'));
  });
});
