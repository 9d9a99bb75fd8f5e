import { Client } from 'pg';
import type { GermanyData, GermanyLevel, RegisterArea } from './read';

/**
 * The import of the reference layer into the locations subgraph's (migrated) database: one
 * transaction, a few batched statements, idempotent. Records the import writes belong to
 * `REFERENCE_OWNER`; a district a publisher owns (the demo's cities, matched by official key) keeps
 * everything its publisher wrote: the import only fills what is empty (parent, centre) and the
 * register's own columns (area, population figures), which no mutation writes.
 */

/**
 * The owner id of the records the import creates (the Statistisches Bundesamt, whose register they are).
 * The same value as `REFERENCE_LAYER_OWNER` of @jobcenter-hub/subgraph (grants.ts), which the subgraphs use;
 * scripts do not load that package (it brings the ORM), so the two must change together.
 */
export const REFERENCE_OWNER = 'destatis';

/** Id of a district the import creates: `ags-` and its official key (publishers' districts keep theirs). */
export const referenceDistrictId = (key: string) => `ags-${key}`;

export interface GermanySources {
  /** The register's territorial date (Gebietsstand), YYYY-MM-DD; its population is that of the year before. */
  registerDate: string;
}

export const SHIPPED_SOURCES: GermanySources = { registerDate: '2020-12-31' };

const DL_DE = 'Datenlizenz Deutschland – Namensnennung 2.0 (dl-de/by-2-0)';
const german = (date: string) => date.split('-').reverse().join('.');

/** The citations of the three sources; every record and figure the import writes carries one. */
export function citations(sources: GermanySources = SHIPPED_SOURCES) {
  const year = Number(sources.registerDate.slice(0, 4));
  const populationDate = `${year - 1}-12-31`;
  return {
    register: `Gemeindeverzeichnis (GV-ISys), Gebietsstand ${german(sources.registerDate)}: © Statistisches Bundesamt (Destatis), ${year + 1}; ${DL_DE}`,
    registerPopulation: {
      date: populationDate,
      citation: `Bevölkerung am ${german(populationDate)}, Gemeindeverzeichnis (GV-ISys): © Statistisches Bundesamt (Destatis), ${year + 1}; ${DL_DE}`,
    },
    census: {
      date: '2022-05-15',
      citation: `Zensus 2022, Bevölkerung am 15.05.2022 (Tabelle 1000A-0000): © Statistisches Bundesamt (Destatis), Zensus 2022; ${DL_DE}`,
    },
    postcodes:
      'Postleitzahl ↔ Gemeinde aus OpenStreetMap (suche-postleitzahl.org, 2021): © OpenStreetMap contributors, Open Database License 1.0 (ODbL)',
  };
}

/** One population figure as `district.populations_data` keeps it. */
export interface PopulationData {
  count: number;
  /** The reference date, YYYY-MM-DD. */
  date: string;
  citation: string;
}

export interface ImportReport {
  districts: { added: number; changed: number; unchanged: number; publishersKept: number };
  postcodes: { added: number; changed: number; removed: number; unchanged: number };
  /** What could not be matched, reported and left alone (no guessing). */
  unmatched: {
    /** Zensus 2022 Gemeinden the register does not have (merged or new since its date). */
    censusNotInRegister: { ags: string; name: string }[];
    /** Inhabited Gemeinden of the register without a Zensus 2022 figure. */
    registerWithoutCensus: { ags: string; name: string }[];
    /** Postcode lines whose AGS is not a Gemeinde of the register: not linked. */
    postcodesNotInRegister: { postcode: string; ags: string; place: string }[];
    /** Districts written by an earlier import whose key the register no longer has: kept as they are. */
    districtsNoLongerInRegister: { id: string; officialKey: string; name: string }[];
  };
  seconds: number;
}

interface DistrictRow {
  id: string;
  owner_id: string;
  name: string;
  kind: GermanyLevel;
  official_key: string;
  parent_id: string | null;
  latitude: number | null;
  longitude: number | null;
  area_km2: number | null;
  populations_data: PopulationData[];
  source_citation: string;
}

type Existing = Omit<DistrictRow, 'populations_data'> & { populations_data: PopulationData[]; source_kind: string; version: number };

const GEMEINDE_LEVELS: ReadonlySet<GermanyLevel> = new Set(['MUNICIPALITY', 'UNINCORPORATED_AREA']);
/** JSON with sorted keys: jsonb gives its keys back in its own order. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
          .join(',')}}`
      : JSON.stringify(value ?? null);
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** Population figures per key: Gemeinden from the files, the levels above as sums of their Gemeinden. */
function populations(data: GermanyData, sources: GermanySources): Map<string, PopulationData[]> {
  const cite = citations(sources);
  const census = new Map(data.census.map((row) => [row.ags, row.population]));
  const registerSum = new Map<string, number>();
  const censusSum = new Map<string, number>();
  const censusIncomplete = new Set<string>();
  const ancestors = (key: string) => [key.slice(0, 2), key.slice(0, 3), key.slice(0, 5)];
  for (const area of data.register) {
    if (!GEMEINDE_LEVELS.has(area.level)) continue;
    for (const prefix of ancestors(area.key)) {
      registerSum.set(prefix, (registerSum.get(prefix) ?? 0) + (area.population ?? 0));
      const counted = census.get(area.key);
      if (counted === undefined && (area.population ?? 0) > 0) censusIncomplete.add(prefix);
      censusSum.set(prefix, (censusSum.get(prefix) ?? 0) + (counted ?? 0));
    }
  }
  const result = new Map<string, PopulationData[]>();
  for (const area of data.register) {
    const gemeinde = GEMEINDE_LEVELS.has(area.level);
    const figures: PopulationData[] = [];
    const counted = gemeinde ? census.get(area.key) : censusIncomplete.has(area.key) ? undefined : censusSum.get(area.key);
    if (counted !== undefined) figures.push({ count: counted, ...cite.census });
    const registered = gemeinde ? area.population : (registerSum.get(area.key) ?? null);
    if (registered !== null) figures.push({ count: registered, ...cite.registerPopulation });
    result.set(area.key, figures);
  }
  return result;
}

/**
 * Writes the layer in one transaction: districts (insert new, update changed), then the postcode links
 * (insert, update, remove). Throws (and changes nothing) when any statement fails.
 */
export async function importGermany(
  databaseUrl: string,
  data: GermanyData,
  sources: GermanySources = SHIPPED_SOURCES,
): Promise<ImportReport> {
  const started = performance.now();
  const cite = citations(sources);
  const figures = populations(data, sources);
  const registerKeys = new Set(data.register.map((area) => area.key));
  const gemeindeKeys = new Set(data.register.filter((area) => GEMEINDE_LEVELS.has(area.level)).map((area) => area.key));
  const censusKeys = new Set(data.census.map((row) => row.ags));

  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    // Nobody else writes the layer meanwhile (a second import waits for this one).
    await client.query('select pg_advisory_xact_lock(1407)');
    const existing = (
      await client.query<Existing>(
        `select id, owner_id, version, name, kind, official_key, parent_id, latitude, longitude, area_km2, populations_data, source_kind, source_citation
           from district where official_key is not null`,
      )
    ).rows;
    const byKey = new Map(existing.map((row) => [row.official_key, row]));
    const idOf = (key: string) => byKey.get(key)?.id ?? referenceDistrictId(key);

    const added: DistrictRow[] = [];
    const changed: DistrictRow[] = [];
    const events: AuditRow[] = [];
    let unchanged = 0;
    let publishersKept = 0;
    for (const area of data.register) {
      const wanted = districtRow(area, idOf, figures.get(area.key) ?? [], cite.register);
      const current = byKey.get(area.key);
      if (!current) {
        added.push(wanted);
        continue;
      }
      // A publisher's record: fill what is empty, refresh the register's own columns, keep the rest.
      const merged: DistrictRow =
        current.owner_id === REFERENCE_OWNER
          ? { ...wanted, id: current.id, owner_id: current.owner_id }
          : {
              ...current,
              parent_id: current.parent_id ?? wanted.parent_id,
              latitude: current.latitude ?? wanted.latitude,
              longitude: current.longitude ?? wanted.longitude,
              area_km2: wanted.area_km2,
              populations_data: wanted.populations_data,
            };
      if (current.owner_id !== REFERENCE_OWNER) publishersKept++;
      const fields = ['name', 'kind', 'parent_id', 'latitude', 'longitude', 'area_km2', 'populations_data', 'source_citation'] as const;
      const sourceRight = current.owner_id !== REFERENCE_OWNER || current.source_kind === 'PUBLIC_RECORD';
      if (sourceRight && fields.every((field) => same(current[field], merged[field]))) unchanged++;
      else {
        changed.push(merged);
        events.push(auditRow('UPDATE', current.id, current.version + 1, changesOf(current, merged, current.owner_id === REFERENCE_OWNER)));
      }
    }

    if (added.length > 0) {
      await client.query(
        `insert into district (id, owner_id, source_kind, source_citation, name, kind, official_key, parent_id, latitude, longitude, area_km2, populations_data)
         select id, owner_id, 'PUBLIC_RECORD', source_citation, name, kind, official_key, parent_id, latitude, longitude, area_km2, populations_data
           from json_populate_recordset(null::district, $1::json)`,
        [JSON.stringify(added)],
      );
    }
    if (changed.length > 0) {
      await client.query(
        `update district d
            set name = x.name, kind = x.kind, parent_id = x.parent_id, latitude = x.latitude, longitude = x.longitude,
                area_km2 = x.area_km2, populations_data = x.populations_data, source_citation = x.source_citation,
                source_kind = case when d.owner_id = $2 then 'PUBLIC_RECORD' else d.source_kind end,
                version = d.version + 1, updated_at = now()
           from json_populate_recordset(null::district, $1::json) x
          where d.id = x.id`,
        [JSON.stringify(changed), REFERENCE_OWNER],
      );
    }

    // The audit trail (auditTrail(entityType: "District", …)): who changed what, as for a mutation.
    for (const row of added) {
      events.push(
        auditRow('CREATE', row.id, 1, {
          name: [null, row.name],
          kind: [null, row.kind],
          officialKey: [null, row.official_key],
          parent: [null, row.parent_id],
        }),
      );
    }
    if (events.length > 0) {
      await client.query(
        `insert into audit_event (entity_type, entity_id, action, version, actor_subject, actor_organisation_id, changes)
         select 'District', entity_id, action, version, $2, $3, changes
           from json_to_recordset($1::json) as x(entity_id text, action text, version int, changes jsonb)`,
        [JSON.stringify(events), IMPORT_ACTOR, REFERENCE_OWNER],
      );
    }

    // Postcodes: the links the files give, to Gemeinden of the register only.
    const wantedLinks = new Map<string, { postcode: string; district_id: string; place: string }>();
    const postcodesNotInRegister: ImportReport['unmatched']['postcodesNotInRegister'] = [];
    for (const row of data.postcodes) {
      if (!gemeindeKeys.has(row.ags)) {
        postcodesNotInRegister.push({ postcode: row.postcode, ags: row.ags, place: row.place });
        continue;
      }
      const link = { postcode: row.postcode, district_id: idOf(row.ags), place: row.place };
      wantedLinks.set(`${link.postcode} ${link.district_id}`, link);
    }
    const currentLinks = new Map(
      (
        await client.query<{ postcode: string; district_id: string; place: string }>('select postcode, district_id, place from postcode')
      ).rows.map((row) => [`${row.postcode} ${row.district_id}`, row]),
    );
    const newLinks = [...wantedLinks.entries()].filter(([key]) => !currentLinks.has(key)).map(([, link]) => link);
    const changedLinks = [...wantedLinks.entries()]
      .filter(([key, link]) => currentLinks.has(key) && currentLinks.get(key)!.place !== link.place)
      .map(([, link]) => link);
    const goneLinks = [...currentLinks.entries()].filter(([key]) => !wantedLinks.has(key)).map(([, link]) => link);
    if (goneLinks.length > 0) {
      await client.query(
        `delete from postcode p using json_populate_recordset(null::postcode, $1::json) x
          where p.postcode = x.postcode and p.district_id = x.district_id`,
        [JSON.stringify(goneLinks)],
      );
    }
    if (newLinks.length > 0) {
      await client.query(
        `insert into postcode (postcode, district_id, place) select postcode, district_id, place from json_populate_recordset(null::postcode, $1::json)`,
        [JSON.stringify(newLinks)],
      );
    }
    if (changedLinks.length > 0) {
      await client.query(
        `update postcode p set place = x.place from json_populate_recordset(null::postcode, $1::json) x
          where p.postcode = x.postcode and p.district_id = x.district_id`,
        [JSON.stringify(changedLinks)],
      );
    }
    await client.query('commit');
    await client.query('analyze district');
    await client.query('analyze postcode');

    return {
      districts: { added: added.length, changed: changed.length, unchanged, publishersKept },
      postcodes: {
        added: newLinks.length,
        changed: changedLinks.length,
        removed: goneLinks.length,
        unchanged: wantedLinks.size - newLinks.length - changedLinks.length,
      },
      unmatched: {
        censusNotInRegister: data.census.filter((row) => !gemeindeKeys.has(row.ags)).map(({ ags, name }) => ({ ags, name })),
        registerWithoutCensus: data.register
          .filter((area) => GEMEINDE_LEVELS.has(area.level) && (area.population ?? 0) > 0 && !censusKeys.has(area.key))
          .map((area) => ({ ags: area.key, name: area.name })),
        postcodesNotInRegister,
        districtsNoLongerInRegister: existing
          .filter((row) => row.owner_id === REFERENCE_OWNER && !registerKeys.has(row.official_key))
          .map((row) => ({ id: row.id, officialKey: row.official_key, name: row.name })),
      },
      seconds: Math.round(performance.now() - started) / 1000,
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The actor the audit trail names for the import's changes (organisation: REFERENCE_OWNER). */
export const IMPORT_ACTOR = 'data:import';

interface AuditRow {
  entity_id: string;
  action: 'CREATE' | 'UPDATE';
  version: number;
  changes: Record<string, [unknown, unknown]>;
}

const auditRow = (action: AuditRow['action'], id: string, version: number, changes: AuditRow['changes']): AuditRow => ({
  entity_id: id,
  action,
  version,
  changes,
});

/** What an update changes, as `[before, after]` under the entity's field names (as mutations record them). */
function changesOf(before: Existing, after: DistrictRow, ownRecord: boolean): AuditRow['changes'] {
  const fields: [keyof DistrictRow, string][] = [
    ['name', 'name'],
    ['kind', 'kind'],
    ['parent_id', 'parent'],
    ['latitude', 'latitude'],
    ['longitude', 'longitude'],
    ['area_km2', 'areaKm2'],
    ['populations_data', 'populationsData'],
  ];
  const changes: AuditRow['changes'] = {};
  for (const [column, field] of fields) {
    if (!same(before[column], after[column])) changes[field] = [before[column] ?? null, after[column] ?? null];
  }
  if (ownRecord && (before.source_citation !== after.source_citation || before.source_kind !== 'PUBLIC_RECORD')) {
    changes.source = [
      { kind: before.source_kind, citation: before.source_citation },
      { kind: 'PUBLIC_RECORD', citation: after.source_citation },
    ];
  }
  return changes;
}

function districtRow(area: RegisterArea, idOf: (key: string) => string, populations: PopulationData[], citation: string): DistrictRow {
  return {
    id: idOf(area.key),
    owner_id: REFERENCE_OWNER,
    name: area.name,
    kind: area.level,
    official_key: area.key,
    parent_id: area.parentKey === null ? null : idOf(area.parentKey),
    latitude: area.latitude,
    longitude: area.longitude,
    area_km2: area.areaKm2,
    populations_data: populations,
    source_citation: citation,
  };
}

/** Whether the layer is in the database (its Länder are): `npm start` imports the shipped files when not. */
export async function hasGermany(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(`select count(*) as count from district where kind = 'STATE'`);
    return Number(rows[0]!.count) >= 16;
  } finally {
    await client.end();
  }
}

/** A few lines for a person: the counts, and the first unmatched items of each kind. */
export function describeImport(report: ImportReport): string[] {
  const { districts, postcodes, unmatched } = report;
  const sample = <T>(items: T[], show: (item: T) => string) =>
    items.length === 0 ? '0' : `${items.length} (${items.slice(0, 5).map(show).join('; ')}${items.length > 5 ? '; …' : ''})`;
  return [
    `districts: ${districts.added} added, ${districts.changed} changed, ${districts.unchanged} unchanged (${districts.publishersKept} owned by publishers: their own fields kept)`,
    `postcode links: ${postcodes.added} added, ${postcodes.changed} changed, ${postcodes.removed} removed, ${postcodes.unchanged} unchanged`,
    `not matched, left alone: Zensus Gemeinden not in the register ${sample(unmatched.censusNotInRegister, (row) => `${row.ags} ${row.name}`)}`,
    `  inhabited register Gemeinden without a Zensus figure ${sample(unmatched.registerWithoutCensus, (row) => `${row.ags} ${row.name}`)}`,
    `  postcode lines with an AGS the register does not have ${sample(unmatched.postcodesNotInRegister, (row) => `${row.postcode} ${row.ags} ${row.place}`)}`,
    `  districts of an earlier import no longer in the register ${sample(unmatched.districtsNoLongerInRegister, (row) => `${row.officialKey} ${row.name}`)}`,
    `took ${report.seconds} s`,
  ];
}
