import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createTestOrm } from '../../test/support/subgraph-db';
import { createLocationsOrmConfig } from '../../subgraphs/locations/src/mikro-orm.config';
import { seedIfEmpty } from '../../subgraphs/locations/src/seeders/demo.seeder';
import {
  type GermanyData,
  GermanyFileError,
  importGermany,
  parseRegister,
  readShippedGermany,
  readText,
  REFERENCE_OWNER,
  SHIPPED_FILES,
} from '../src/lib/germany';

const ROOT = join(__dirname, '..', '..');

/** `npm run data:import -- …` as a process (from the build) on `url`; resolves with its exit code and output. */
async function dataImport(url: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, LOCATIONS_DATABASE_URL: url };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'dist', 'data-import.js'), ...args], {
      cwd: ROOT,
      env,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The import of the reference layer (data/germany) into a migrated locations database with the demo data. */
describe('data:import (reference layer for all of Germany)', () => {
  let url: string;
  let drop: () => Promise<void>;
  let data: GermanyData;

  const query = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  /** Every row of the two tables the import writes, as one text: equal texts, nothing changed. */
  const snapshot = async () =>
    JSON.stringify([
      await query('select id, version, name, kind, parent_id, latitude, area_km2, populations_data from district order by id'),
      await query('select postcode, district_id, place from postcode order by postcode, district_id'),
    ]);

  beforeAll(async () => {
    const test = await createTestOrm('import', createLocationsOrmConfig);
    await seedIfEmpty(test.orm.em.fork());
    url = test.orm.config.get('clientUrl')!;
    drop = test.drop;
    data = readShippedGermany(ROOT);
  });
  afterAll(() => drop?.());

  it('refuses a broken register before writing anything, naming the file, the line and the problem', async () => {
    const before = await snapshot();
    const lines = readText(join(ROOT, SHIPPED_FILES.register)).split('\n');
    // Line 5 of the file (index 4) is Flensburg's Gemeinde row: break its population.
    lines[4] = lines[4]!.replace(' 90 164', ' 90 1x4');
    expect(() => parseRegister(lines.join('\n'), 'register.csv')).toThrow(
      new GermanyFileError('register.csv', 5, 'bevoelkerung "90 1x4" is not a whole number'),
    );
    const short = [...lines];
    short[7] = '60,61,01,0,02';
    expect(() => parseRegister(short.join('\n'), 'register.csv')).toThrow('register.csv, line 8: 5 fields where the header has 20');
    expect(await snapshot()).toBe(before);
  });

  it('npm run data:import with a broken postcode table exits 1, names the line and the problem, and imports nothing', async () => {
    const before = await snapshot();
    const broken = join(mkdtempSync(join(tmpdir(), 'data-import-')), 'plz.csv');
    writeFileSync(
      broken,
      'osm_id,ags,ort,plz,landkreis,bundesland\n1,05562032,Recklinghausen,45657,Kreis Recklinghausen,NRW\n2,0556203,Recklinghausen,45659,x,y\n',
    );
    const result = await dataImport(url, '--postcodes', broken);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('data:import: plz.csv, line 3: ags "0556203" must be 8 digits; nothing was imported');
    expect(await snapshot()).toBe(before);
  });

  it('is one transaction: a failure in its last statement leaves the database as it was', async () => {
    const before = await snapshot();
    // The postcode links are written last; a link without a place breaks the NOT NULL constraint there.
    const broken: GermanyData = {
      ...data,
      postcodes: data.postcodes.map((row, index) => (index === 100 ? { ...row, place: null as never } : row)),
    };
    await expect(importGermany(url, broken)).rejects.toThrow(/place/);
    expect(await snapshot()).toBe(before);
  });

  it('loads every level, links postcodes, keeps the demo districts (ids, owners, what they wrote) and reports what did not match', async () => {
    const report = await importGermany(url, data);
    expect(report.districts.publishersKept).toBe(11); // ten Recklinghausen cities and Münster
    expect(report.districts.added).toBe(data.register.length - 11);
    expect(report.districts.changed).toBe(11); // their parent, area and population filled in
    expect(report.postcodes.added).toBeGreaterThan(12_000);
    // Municipalities merged between the register (2020) and the Zensus (2022) are reported, not guessed.
    expect(report.unmatched.censusNotInRegister.length).toBeGreaterThan(0);
    expect(report.unmatched.registerWithoutCensus.length).toBeGreaterThan(0);

    const counts = await query<{ kind: string; count: string }>('select kind, count(*)::text as count from district group by kind');
    const byKind = Object.fromEntries(counts.map((row) => [row.kind, Number(row.count)]));
    expect(byKind.STATE).toBe(16);
    expect(byKind.DISTRICT_COUNTY! + byKind.INDEPENDENT_CITY!).toBe(401);
    expect(byKind.MUNICIPALITY! + byKind.UNINCORPORATED_AREA!).toBeGreaterThan(10_900);
    expect(byKind.CITY_DISTRICT).toBe(6); // Münster's, as its publisher wrote them

    // No duplicates: one district per key; the demo's records keep their ids, owners and names.
    const [recklinghausen] = await query<Record<string, unknown>>(
      `select d.id, d.owner_id, d.name, d.source_kind, p.official_key as parent_key, d.populations_data
         from district d left join district p on p.id = d.parent_id where d.official_key = '05562032'`,
    );
    expect(recklinghausen).toMatchObject({
      id: 'recklinghausen',
      owner_id: 'stadt-recklinghausen',
      name: 'Recklinghausen',
      parent_key: '05562',
    });
    const figures = recklinghausen!.populations_data as { count: number; date: string; citation: string }[];
    expect(figures.map((figure) => figure.date)).toEqual(['2022-05-15', '2019-12-31']);
    expect(figures[0]!.citation).toContain('Zensus 2022');
    expect(figures[1]).toMatchObject({ count: 111_397 });
    expect(figures[1]!.citation).toContain('© Statistisches Bundesamt (Destatis), 2021');
    const [muenster] = await query<Record<string, unknown>>(
      `select d.id, d.owner_id, d.kind, p.kind as parent_kind, p.owner_id as parent_owner from district d join district p on p.id = d.parent_id where d.official_key = '05515000'`,
    );
    expect(muenster).toEqual({
      id: 'muenster',
      owner_id: 'stadt-muenster',
      kind: 'MUNICIPALITY',
      parent_kind: 'INDEPENDENT_CITY',
      parent_owner: REFERENCE_OWNER,
    });
    const [berlin] = await query<Record<string, unknown>>(
      `select d.id, d.owner_id, d.source_kind, d.source_citation from district d where d.official_key = '11000000'`,
    );
    expect(berlin).toMatchObject({ id: 'ags-11000000', owner_id: REFERENCE_OWNER, source_kind: 'PUBLIC_RECORD' });
    expect(String(berlin!.source_citation)).toContain('dl-de/by-2-0');
    // The audit trail names the import; a publisher's record shows what was filled in, nothing of theirs.
    const [update] = await query<{
      action: string;
      version: number;
      actor_subject: string;
      actor_organisation_id: string;
      changes: Record<string, unknown>;
    }>(`select action, version, actor_subject, actor_organisation_id, changes from audit_event where entity_id = 'recklinghausen'`);
    expect(update).toMatchObject({ action: 'UPDATE', version: 2, actor_subject: 'data:import', actor_organisation_id: REFERENCE_OWNER });
    expect(update!.changes.parent).toEqual([null, 'ags-05562']);
    expect(Object.keys(update!.changes).sort()).toEqual(['areaKm2', 'parent', 'populationsData']);
    const [created] = await query<{ count: string }>(
      `select count(*)::text as count from audit_event where action = 'CREATE' and actor_subject = 'data:import'`,
    );
    expect(Number(created!.count)).toBe(report.districts.added);
    const spanning = await query<{ district_id: string }>(`select district_id from postcode where postcode = '01454' order by district_id`);
    expect(spanning.map((row) => row.district_id)).toEqual(['ags-14625480', 'ags-14625600']);
  });

  it('changes nothing when run again, and keeps what a publisher changed since', async () => {
    await query(`update district set latitude = 51.6, version = version + 1 where id = 'recklinghausen'`);
    const before = await snapshot();
    const events = await query('select count(*)::text as count from audit_event');
    const again = await importGermany(url, data);
    expect(await query('select count(*)::text as count from audit_event')).toEqual(events);
    expect(again.districts).toMatchObject({ added: 0, changed: 0 });
    expect(again.postcodes).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect(await snapshot()).toBe(before);
    // The command says so too.
    const command = await dataImport(url);
    expect(command.code).toBe(0);
    expect(command.stdout).toContain('districts: 0 added, 0 changed');
    expect(command.stdout).toContain('postcode links: 0 added, 0 changed, 0 removed');
  });
});
