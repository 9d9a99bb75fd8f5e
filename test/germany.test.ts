import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { importGermany, readShippedGermany } from '../scripts/src/lib/germany';
import { coverage } from '../subgraphs/organisations/src/modules/district/district.loader';
import { post, ROOT, startTestHub, type TestHub } from './support/hub';

/**
 * The reference layer for all of Germany (issue 14) through the gateway: the whole hub with its demo
 * data, and the shipped files imported into the locations database once (as `npm start` does).
 */

const operation = (name: string) => readFileSync(join(ROOT, 'operations', `${name}.graphql`), 'utf8');

interface Place {
  matchedBy: string;
  approximate: boolean;
  distanceKm: number | null;
  postcode: string | null;
  postcodeSpansSeveral: boolean;
  municipalitiesOfPostcode: number;
  placeName: string | null;
  municipality: {
    id: string;
    name: string;
    kind: string;
    officialKey: string;
    population: { count: number; year: number; source: { kind: string; citation: string } } | null;
    jobcenter: { id: string; name: string; jobcenterModel: string | null } | null;
  };
  kreis: { id: string; name: string; kind: string; officialKey: string } | null;
  state: { id: string; name: string } | null;
  hasSitesInHub: boolean;
  sites: { id: string; name: string }[];
  explanation: string;
  source: { kind: string; citation: string };
}

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
  await importGermany(hub.databaseUrls.locations!, readShippedGermany(ROOT));
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { status, body } = await post<T>(hub.gatewayUrl, query, variables);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data!;
}

const places = async (variables: Record<string, unknown>) =>
  (await gql<{ responsibleLocations: { places: Place[] } }>(operation('ResponsiblePlace'), variables)).responsibleLocations.places;

/** Both licences named in an answer's source. */
const expectAttribution = (citation: string, postcode: boolean) => {
  expect(citation).toContain('© Statistisches Bundesamt (Destatis)');
  expect(citation).toContain('dl-de/by-2-0');
  if (postcode) {
    expect(citation).toContain('© OpenStreetMap contributors');
    expect(citation).toContain('ODbL');
  }
};

describe('responsibility for any place in Germany', () => {
  it('10115 (Berlin): the Gemeinde, the kreisfreie Stadt, and an explicit "no sites in the hub", with both attributions', async () => {
    const [berlin, ...rest] = await places({ postcode: '10115' });
    expect(rest).toEqual([]);
    expect(berlin).toMatchObject({
      matchedBy: 'POSTCODE',
      approximate: false,
      postcode: '10115',
      postcodeSpansSeveral: false,
      municipality: { id: 'ags-11000000', officialKey: '11000000', kind: 'MUNICIPALITY', jobcenter: null },
      kreis: { officialKey: '11000', kind: 'INDEPENDENT_CITY' },
      state: { name: 'Berlin' },
      hasSitesInHub: false,
      sites: [],
      source: { kind: 'PUBLIC_RECORD' },
    });
    expect(berlin!.explanation).toMatch(/Jobcenter for kreisfreie Stadt Berlin, Stadt is responsible/);
    expect(berlin!.explanation).toMatch(/no sites for this place in the hub/);
    expectAttribution(berlin!.source.citation, true);
    expect(berlin!.municipality.population).toMatchObject({ year: 2022, source: { kind: 'PUBLIC_RECORD' } });
    expect(berlin!.municipality.population!.source.citation).toContain('Zensus 2022');
  });

  it('80331 (München)', async () => {
    const [muenchen, ...rest] = await places({ postcode: '80331' });
    expect(rest).toEqual([]);
    expect(muenchen).toMatchObject({
      municipality: { officialKey: '09162000' },
      kreis: { officialKey: '09162', kind: 'INDEPENDENT_CITY', name: 'München, Landeshauptstadt' },
      state: { name: 'Bayern' },
      hasSitesInHub: false,
    });
    expectAttribution(muenchen!.source.citation, true);
  });

  it("AGS 05562032 (Recklinghausen): the demo's city, its Kreis, the Jobcenter with its sites", async () => {
    const [recklinghausen, ...rest] = await places({ municipalityKey: '05562032' });
    expect(rest).toEqual([]);
    expect(recklinghausen).toMatchObject({
      matchedBy: 'MUNICIPALITY',
      municipality: { id: 'recklinghausen', name: 'Recklinghausen', jobcenter: { id: 'jobcenter-kreis-recklinghausen' } },
      kreis: { id: 'ags-05562', officialKey: '05562', kind: 'DISTRICT_COUNTY', name: 'Recklinghausen' },
      hasSitesInHub: true,
    });
    expect(recklinghausen!.sites.map((site) => site.id)).toContain('loc-jcre-bezirksstelle-recklinghausen');
    expect(recklinghausen!.municipality.jobcenter!.jobcenterModel).toBe('MUNICIPAL');
    // All the Jobcenter's sites, through the organisations subgraph and back.
    const all = await gql<{ responsibleLocations: { places: { municipality: { jobcenter: { locations: { totalCount: number } } } }[] } }>(
      `{ responsibleLocations(municipalityKey: "05562032") { places { municipality { jobcenter { locations { totalCount } } } } } }`,
    );
    expect(all.responsibleLocations.places[0]!.municipality.jobcenter.locations.totalCount).toBeGreaterThan(10);
    expect(recklinghausen!.explanation).toMatch(
      /^Recklinghausen \(Gemeinde 05562032\) lies in Kreis Recklinghausen \(05562\): the Jobcenter for Kreis Recklinghausen is responsible/,
    );
    expect(recklinghausen!.explanation).toMatch(/Sites in the hub that serve it: .*Bezirksstelle Recklinghausen/);
    expectAttribution(recklinghausen!.source.citation, false);
  });

  it('a postcode that spans two Gemeinden (01454: Radeberg and Wachau) gives each, marked', async () => {
    const both = await places({ postcode: '01454' });
    expect(both.map((place) => place.municipality.officialKey).sort()).toEqual(['14625480', '14625600']);
    for (const place of both) {
      expect(place).toMatchObject({ postcodeSpansSeveral: true, municipalitiesOfPostcode: 2, kreis: { officialKey: '14625' } });
      expect(place.explanation).toMatch(/Postcode 01454 lies in 2 Gemeinden; this is one of them/);
      expectAttribution(place.source.citation, true);
    }
  });

  it('a point takes the Gemeinde with the nearest centre, and says it is approximate', async () => {
    // Near Haltern am See's centre (register: 51.742, 7.184).
    const [haltern, ...rest] = await places({ latitude: 51.75, longitude: 7.19 });
    expect(rest).toEqual([]);
    expect(haltern).toMatchObject({ matchedBy: 'NEAREST_DISTRICT_CENTRE', approximate: true, municipality: { officialKey: '05562016' } });
    expect(haltern!.distanceKm).toBeLessThan(5);
    expect(haltern!.explanation).toMatch(/boundaries are not modelled/);
    // In the sea far from any Gemeinde centre: no answer rather than a wrong one.
    expect(await places({ latitude: 54.9, longitude: 4.0 })).toEqual([]);
  });

  it('keeps the existing answer (the service areas) as it was', async () => {
    const data = await gql<{ responsibleLocations: { totalCount: number; nodes: { location: { id: string } }[] } }>(
      `{ responsibleLocations(postcode: "48159") { totalCount nodes { location { id } } } }`,
    );
    expect(data.responsibleLocations.nodes.map((node) => node.location.id)).toEqual(['loc-jcms-nebenstelle-kinderhaus']);
    // Both in one answer: the service areas (looked up only when asked) and the places.
    const both = await gql<{
      responsibleLocations: { totalCount: number; places: { municipality: { id: string }; sites: { id: string }[] }[] };
    }>(`{ responsibleLocations(postcode: "48159") { totalCount places { municipality { id } sites { id } } } }`);
    expect(both.responsibleLocations).toEqual({
      totalCount: 1,
      places: [{ municipality: { id: 'muenster' }, sites: [{ id: 'loc-jcms-nebenstelle-kinderhaus' }] }],
    });
  });
});

describe('search by place name and lists', () => {
  const search = async (text: string, kind?: string) =>
    (
      await gql<{ districts: { nodes: { id: string; name: string; kind: string; officialKey: string | null }[] } }>(
        operation('PlaceSearch'),
        { search: text, kind, first: 100 },
      )
    ).districts.nodes;

  it('Münster finds the kreisfreie Stadt; Recklinghausen the Kreis and the city; Haltern "Haltern am See"', async () => {
    expect(await search('Münster')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'INDEPENDENT_CITY', officialKey: '05515' }),
        expect.objectContaining({ id: 'muenster', officialKey: '05515000' }),
      ]),
    );
    // Neumünster (01004) is one too: part of the name.
    expect((await search('munster', 'INDEPENDENT_CITY')).map((district) => district.officialKey).sort()).toEqual(['01004', '05515']);
    const recklinghausen = await search('RECKLINGHAUSEN');
    expect(recklinghausen).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'DISTRICT_COUNTY', officialKey: '05562' }),
        expect.objectContaining({ id: 'recklinghausen', kind: 'MUNICIPALITY', officialKey: '05562032' }),
      ]),
    );
    expect((await search('Haltern')).map((district) => district.name)).toContain('Haltern am See');
  });

  it('municipalities(kreisKey:) and districts(parentId:) list a Kreis’s Gemeinden; a wrong key is BAD_USER_INPUT', async () => {
    const data = await gql<{
      municipalities: { totalCount: number; nodes: { id: string; officialKey: string; postcodes: string[] }[] };
      districts: { totalCount: number };
    }>(`{ municipalities(kreisKey: "05562", first: 20) { totalCount nodes { id officialKey postcodes } }
          districts(parentId: "ags-05562", first: 1) { totalCount } }`);
    expect(data.municipalities.totalCount).toBe(10);
    expect(data.districts.totalCount).toBe(10);
    expect(data.municipalities.nodes.map((node) => node.id)).toContain('haltern-am-see');
    expect(data.municipalities.nodes.find((node) => node.id === 'haltern-am-see')!.postcodes).toEqual(['45721']);
    const wrong = await post(hub.gatewayUrl, `{ municipalities(kreisKey: "5562") { totalCount } }`);
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'kreisKey' });
  });
});

describe('the lookups are indexed at full size', () => {
  const plan = async (sql: string) => {
    const client = new Client({ connectionString: hub.databaseUrls.locations });
    await client.connect();
    try {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain ${sql}`);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await client.end();
    }
  };

  it.each([
    ['postcode', `select d.* from postcode p join district d on d.id = p.district_id where p.postcode = '10115'`],
    ['municipality key', `select d.* from district d where d.official_key = '05562032'`],
    [
      'nearest Gemeinde centre',
      `select d.id from district d where d.latitude is not null and d.longitude is not null and d.archived_at is null
        order by ll_to_earth(d.latitude, d.longitude) <-> ll_to_earth(51.75, 7.19) limit 1`,
    ],
    [
      'nearest district centre with a service area (responsibleLocations by point)',
      `select d.id from district d where d.archived_at is null and d.latitude is not null and d.longitude is not null
          and earth_box(ll_to_earth(51.75, 7.19), 25000) @> ll_to_earth(d.latitude, d.longitude)
          and exists (select 1 from service_area sa where sa.district_id = d.id and sa.archived_at is null)
        order by earth_distance(ll_to_earth(d.latitude, d.longitude), ll_to_earth(51.75, 7.19)), d.id limit 1`,
    ],
    [
      'the service areas of Gemeinden and their city districts',
      `select sa.id from service_area sa where sa.archived_at is null
          and sa.district_id in (select c.id from district c where c.id in ('ags-11000000', 'muenster') or c.parent_id in ('ags-11000000', 'muenster'))`,
    ],
    ['place-name search', `select d.id from district d where hub_fold(d.name) like '%' || hub_fold('Recklinghausen') || '%'`],
    [
      'Gemeinden of a Kreis',
      `select d.id from district d where d.parent_id in (select k.id from district k where k.official_key = '05562')`,
    ],
  ])('%s', async (_, sql) => {
    expect(await plan(sql)).not.toMatch(/Seq Scan on (district|postcode)/);
  });
});

describe("District.jobcenter: how a Jobcenter's area (municipalityKeys) covers an official key", () => {
  it('prefers the key itself, then the Kreis it lies in, then another Gemeinde of its Kreis; other Kreise not at all', () => {
    expect(coverage('05562032', ['05562004', '05562032'])).toBe(0);
    expect(coverage('05562032', ['05562'])).toBe(1);
    expect(coverage('05562032', ['05562004'])).toBe(2);
    expect(coverage('05562', ['05562004'])).toBe(2);
    expect(coverage('05562032', ['05515000', '055'])).toBe(1);
    expect(coverage('05562032', ['05515000'])).toBeNull();
    expect(coverage('05562032', [])).toBeNull();
  });
});
