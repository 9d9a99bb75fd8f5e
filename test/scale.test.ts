import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signDevToken } from '@jobcenter-hub/service';
import { benchOperations, DEV_ISSUER, withRoutingUrls } from '../scripts/src/lib/bench/operations';
import { createSqlCounter } from '../scripts/src/lib/bench/sql-count';
import { readShippedGermany } from '../scripts/src/lib/germany/read';
import { generateScaleDataset, type ScaleDataset } from '../scripts/src/lib/scale/generate';
import { checkCrossSubgraphIds, loadScaleDataset } from '../scripts/src/lib/scale/load';
import { post, ROOT, startTestHub, type TestHub } from './support/hub';

let hub: TestHub;
let counter: Awaited<ReturnType<typeof createSqlCounter>>;

beforeAll(async () => {
  hub = await startTestHub();
  const urls = Object.fromEntries(hub.subgraphs.map((service) => [service.name, service.url]));
  counter = await createSqlCounter(
    withRoutingUrls(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'), urls),
    urls,
    hub.subgraphHeaders,
  );
});

afterAll(async () => {
  await counter?.stop();
  await hub?.stop();
});

/** Every named operation of the benchmark on `dataset`: SQL statements (all subgraphs) and answer size. */
async function measure(dataset: ScaleDataset) {
  await loadScaleDataset(dataset, hub.databaseUrls);
  // A viewer sees every field of the saved operations (some, e.g. liaisons, are internal).
  const authorization = `Bearer ${await signDevToken({ subject: 'bench@jobcenter-hub', organisationId: dataset.samples.jobcenterId, roles: ['viewer'] }, DEV_ISSUER)}`;
  const figures: Record<string, { statements: number; bytes: number }> = {};
  for (const operation of benchOperations(ROOT, dataset.samples)) {
    const { status, body } = await post(hub.gatewayUrl, operation.query, operation.variables, { authorization });
    expect({ operation: operation.name, status, errors: body.errors }).toEqual({
      operation: operation.name,
      status: 200,
      errors: undefined,
    });
    figures[operation.name] = {
      statements: (await counter.count(operation.query, operation.variables, authorization)).total,
      bytes: JSON.stringify(body.data).length,
    };
  }
  return figures;
}

describe('scale dataset (npm run seed:scale)', () => {
  it('is deterministic: the same factor and seed give the same rows, another seed others', () => {
    const a = generateScaleDataset({ factor: 0.005 });
    expect(JSON.stringify(generateScaleDataset({ factor: 0.005 }))).toBe(JSON.stringify(a));
    expect(JSON.stringify(generateScaleDataset({ factor: 0.005, seed: 7 }).databases)).not.toBe(JSON.stringify(a.databases));
  });

  it('is built on the real Kreise and Gemeinden of the register: names, keys, postcodes; none of the demo Kreise', () => {
    const germany = readShippedGermany(ROOT);
    const register = new Map(germany.register.map((area) => [area.key, area]));
    const postcodes = new Set(germany.postcodes.map((row) => `${row.ags} ${row.postcode}`));
    const dataset = generateScaleDataset({ factor: 0.005 });
    const rows = (database: string, table: string) => dataset.databases[database]!.find((entry) => entry.table === table)!.rows;
    const keyOf = (districtId: string) => /^(?:ags|syn-d)-(\d{8})/.exec(districtId)![1]!;
    // The Gemeinden are the reference layer's (written by the import); only invented city districts are the dataset's.
    expect(rows('locations', 'district').every((row) => row.kind === 'CITY_DISTRICT' && register.has(keyOf(row.id as string)))).toBe(true);
    const sites = rows('locations', 'location');
    expect(sites.length).toBeGreaterThan(0);
    for (const site of sites) {
      const gemeinde = register.get(keyOf(site.district_id as string))!;
      expect(gemeinde.level).toBe('MUNICIPALITY');
      expect(String(site.city).startsWith(gemeinde.name.split(',')[0]!)).toBe(true);
      expect(['05562', '05515']).not.toContain(gemeinde.key.slice(0, 5));
    }
    for (const area of rows('locations', 'service_area')) {
      for (const postcode of area.postcodes as string[])
        expect(postcodes.has(`${keyOf(area.district_id as string)} ${postcode}`)).toBe(true);
    }
    for (const organisation of rows('organisations', 'organisation')) {
      expect((organisation.municipality_keys as string[]).every((key) => register.get(key)?.level === 'MUNICIPALITY')).toBe(true);
    }
    expect(register.get(dataset.samples.municipalityKey)?.level).toBe('MUNICIPALITY');
  });

  it('keeps ids consistent across the four databases and marks every row as synthetic', async () => {
    const dataset = generateScaleDataset({ factor: 0.005 });
    await loadScaleDataset(dataset, hub.databaseUrls);
    expect(await checkCrossSubgraphIds(hub.databaseUrls)).toEqual([]);
    for (const tables of Object.values(dataset.databases)) {
      for (const { rows } of tables) {
        expect(rows.every((row) => row.source_kind === 'ILLUSTRATIVE' && String(row.source_citation).startsWith('Synthetic'))).toBe(true);
      }
    }
    // Through the gateway: postcode → site (locations) → its unit and organisation (organisations).
    const { body } = await post<{
      responsibleLocations: { nodes: { location: { unit: { name: string; organisation: { name: string } } } }[] };
    }>(
      hub.gatewayUrl,
      'query ($postcode: String!) { responsibleLocations(postcode: $postcode) { nodes { location { unit { name organisation { name } } } } } }',
      { postcode: dataset.samples.postcode },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.responsibleLocations.nodes).toHaveLength(1);
    expect(body.data!.responsibleLocations.nodes[0]!.location.unit.organisation.name).toMatch(/^Jobcenter /);
  });

  it('sends as many SQL statements for small answers as for large ones, for every named operation', async () => {
    const small = await measure(generateScaleDataset({ factor: 0.005, density: 0.4 }));
    const large = await measure(generateScaleDataset({ factor: 0.005, density: 2.5 }));
    const statements = (figures: typeof small) =>
      Object.fromEntries(Object.entries(figures).map(([name, { statements }]) => [name, statements]));
    expect(statements(large)).toEqual(statements(small));
    // The answers did grow (lists of units, sites, programmes, partners), so the equality above means something.
    for (const name of ['JobcenterDashboard', 'HubWalk', 'DistrictDashboard', 'PartnersInDistrict']) {
      expect({ name, grew: large[name]!.bytes > small[name]!.bytes }).toEqual({ name, grew: true });
    }
    expect(large.JobcenterDashboard!.bytes).toBeGreaterThan(2 * small.JobcenterDashboard!.bytes);
  });
});
