import { Client } from 'pg';
import { hasGermany, importGermany } from '../germany/import';
import { type ScaleDataset, shippedGermany, SYNTHETIC_PREFIX } from './generate';

/** Rows per INSERT: one JSON parameter each, well under PostgreSQL's message limits. */
const BATCH = 5_000;

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Writes a scale dataset into the four (migrated) subgraph databases, replacing any synthetic rows
 * written before (ids starting with `syn-`); the demo data stays. The dataset's sites, service areas and
 * figures are in the reference layer's Gemeinden: when the locations database does not hold the layer
 * yet, the shipped files of data/germany/ are imported first (as `npm start` does). Per database one transaction; each
 * batch is one multi-row `INSERT … SELECT … FROM json_populate_recordset(…)`, so the columns are the
 * tables' own (as the migrations made them) and omitted columns get their defaults. Ends with ANALYZE
 * so the planner knows the new sizes at once. Returns the seconds each database took.
 */
export async function loadScaleDataset(dataset: ScaleDataset, databaseUrls: Record<string, string>): Promise<Record<string, number>> {
  const missing = Object.keys(dataset.databases).filter((name) => !databaseUrls[name]);
  if (missing.length > 0) throw new Error(`no database URL for: ${missing.join(', ')}`);
  if (databaseUrls.locations && !(await hasGermany(databaseUrls.locations))) await importGermany(databaseUrls.locations, shippedGermany());
  const seconds: Record<string, number> = {};
  // The four databases are independent: load them side by side.
  await Promise.all(
    Object.entries(dataset.databases).map(([name, tables]) =>
      withClient(databaseUrls[name]!, async (client) => {
        const started = performance.now();
        await client.query('begin');
        try {
          // Children first when deleting, parents first when inserting.
          for (const { table } of [...tables].reverse()) {
            await client.query(`delete from "${table}" where id like '${SYNTHETIC_PREFIX}%'`);
          }
          for (const { table, rows } of tables) {
            if (rows.length === 0) continue;
            const columns = Object.keys(rows[0]!)
              .map((column) => `"${column}"`)
              .join(', ');
            for (let start = 0; start < rows.length; start += BATCH) {
              await client.query(
                `insert into "${table}" (${columns}) select ${columns} from json_populate_recordset(null::"${table}", $1::json)`,
                [JSON.stringify(rows.slice(start, start + BATCH))],
              );
            }
          }
          await client.query('commit');
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        for (const { table } of tables) await client.query(`analyze "${table}"`);
        seconds[name] = Math.round(performance.now() - started) / 1000;
      }),
    ),
  );
  return seconds;
}

/**
 * Checks that the ids one subgraph stores for another's records exist there: sites ↔ units and
 * organisations, programmes' venues and operators, partners' districts, liaisons' units, intakes'
 * venues. Returns one line per kind of broken reference (empty: consistent). Reads every database.
 */
export async function checkCrossSubgraphIds(databaseUrls: Record<string, string>): Promise<string[]> {
  const ids = async (name: string, sql: string) =>
    withClient(databaseUrls[name]!, async (client) => (await client.query<{ id: string }>(sql)).rows.map((row) => row.id));
  const [organisations, units, locations, districts, partners] = await Promise.all([
    ids('organisations', 'select id from organisation'),
    ids('organisations', 'select id from organisation_unit'),
    ids('locations', 'select id from location'),
    ids('locations', 'select id from district'),
    ids('partners', 'select id from partner'),
  ]);
  const exists = {
    organisation: new Set(organisations),
    unit: new Set(units),
    location: new Set(locations),
    district: new Set(districts),
    partner: new Set(partners),
  };
  const references: [string, string, string, keyof typeof exists][] = [
    ['locations', 'location.unit_id', 'select unit_id as id from location where unit_id is not null', 'unit'],
    ['locations', 'location.organisation_id', 'select organisation_id as id from location', 'organisation'],
    ['partners', 'partner.district_ids', 'select unnest(district_ids) as id from partner', 'district'],
    ['partners', 'liaison.unit_id', 'select unit_id as id from liaison', 'unit'],
    ['programmes', 'programme.operator_id', 'select operator_id as id from programme', 'organisation'],
    ['programmes', 'programme.venue_ids', 'select unnest(venue_ids) as id from programme', 'location'],
    ['programmes', 'programme.partner_ids', 'select unnest(partner_ids) as id from programme', 'partner'],
    ['programmes', 'intake.venue_id', 'select venue_id as id from intake', 'location'],
  ];
  const problems: string[] = [];
  for (const [database, column, sql, target] of references) {
    const broken = (await ids(database, sql)).filter((id) => !exists[target].has(id));
    if (broken.length > 0) problems.push(`${column}: ${broken.length} ids with no ${target} (e.g. ${broken.slice(0, 3).join(', ')})`);
  }
  // A site's unit belongs to the organisation that runs the site; an intake's venue is one of its programme's venues.
  const unitOrganisation = new Map(
    await withClient(databaseUrls.organisations!, async (client) =>
      (await client.query<{ id: string; organisation_id: string }>('select id, organisation_id from organisation_unit')).rows.map(
        (row) => [row.id, row.organisation_id] as const,
      ),
    ),
  );
  const mismatched = await withClient(databaseUrls.locations!, async (client) =>
    (
      await client.query<{ id: string; unit_id: string; organisation_id: string }>(
        'select id, unit_id, organisation_id from location where unit_id is not null',
      )
    ).rows.filter((row) => unitOrganisation.has(row.unit_id) && unitOrganisation.get(row.unit_id) !== row.organisation_id),
  );
  if (mismatched.length > 0)
    problems.push(
      `location.organisation_id: ${mismatched.length} sites run by another organisation than their unit's (e.g. ${mismatched[0]!.id})`,
    );
  const strayIntakes = await withClient(
    databaseUrls.programmes!,
    async (client) =>
      (
        await client.query<{ id: string }>(
          'select i.id from intake i join programme p on p.id = i.programme_id where not (i.venue_id = any(p.venue_ids))',
        )
      ).rows,
  );
  if (strayIntakes.length > 0)
    problems.push(`intake.venue_id: ${strayIntakes.length} intakes at a site that is not a venue of their programme`);
  return problems;
}
