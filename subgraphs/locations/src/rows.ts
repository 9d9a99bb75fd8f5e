import type { EntityManager } from '@mikro-orm/postgresql';
import { Provenance, type SourceKind, textArray } from '@jobcenter-hub/subgraph';
import DataLoader from 'dataloader';
import { District, type DistrictKind } from './modules/district/district.entity';
import { DistrictIndicator } from './modules/district-indicator/district-indicator.entity';
import { Location, type LocationKind } from './modules/location/location.entity';

// Read paths without the ORM. Hydrating managed entities (identity map, change-tracking accessors,
// reference propagation) was most of this subgraph's CPU per request (issue 17's profile), for rows a read
// never changes. The read loaders and lists run one SQL statement through the connection and map each row
// to a plain object of the entity's shape: the fields the GraphQL types read, and the references the field
// resolvers follow (`location.district.id`, `district.parent?.id`). Writes keep using the ORM (`findReferenced`).
// The objects get the entity's prototype (for `instanceof`, which type-graphql asks of every `@Root()`
// before it would copy the object into a new instance, and for getters such as `benefitRate`), but their
// fields are their own: set before the prototype is, so MikroORM's tracking accessors never run. They are
// not managed: never persist them.

/** A row as the connection returns it (timestamps arrive as text: MikroORM's type parsers). */
export type Row = Record<string, unknown>;

/** `fields` as an object of `entity`'s class without running its constructor or its accessors. */
const asEntity = <T extends object>(entity: abstract new (...args: never[]) => T, fields: object): T =>
  Object.setPrototypeOf(fields, entity.prototype) as T;

const date = (value: unknown): Date => new Date(value as string | Date);
const optionalDate = (value: unknown): Date | undefined => (value == null ? undefined : date(value));
const provenance = (kind: unknown, citation: unknown) => new Provenance(kind as SourceKind, citation as string);

/** The columns every published record has (`PublishedEntity`). */
const published = (row: Row) => ({
  ownerId: row.owner_id as string,
  source: provenance(row.source_kind, row.source_citation),
  version: row.version as number,
  createdAt: date(row.created_at),
  updatedAt: date(row.updated_at),
  archivedAt: optionalDate(row.archived_at),
});

/** A `location` row (all columns) as a `Location`. */
export const locationFromRow = (row: Row): Location =>
  asEntity(Location, {
    id: row.id as string,
    ...published(row),
    name: row.name as string,
    kind: row.kind as LocationKind,
    street: row.street as string,
    houseNumber: row.house_number as string,
    postcode: row.postcode as string,
    city: row.city as string,
    latitude: row.latitude as number,
    longitude: row.longitude as number,
    district: { id: row.district_id as string },
    unitId: row.unit_id,
    unitOwnerId: row.unit_owner_id,
    organisationId: row.organisation_id as string,
    organisationOwnerId: row.organisation_owner_id,
    openingHoursData: row.opening_hours_data,
    entrancesData: row.entrances_data,
    transportStopsData: row.transport_stops_data,
    stepFree: row.step_free,
    lift: row.lift,
    accessibleToilet: row.accessible_toilet,
    hearingLoop: row.hearing_loop,
  });

/** A `district` row (all columns) as a `District`. */
export const districtFromRow = (row: Row): District =>
  asEntity(District, {
    id: row.id as string,
    ...published(row),
    name: row.name as string,
    kind: row.kind as DistrictKind,
    officialKey: row.official_key,
    parent: row.parent_id == null ? null : { id: row.parent_id as string },
    latitude: row.latitude,
    longitude: row.longitude,
    areaKm2: row.area_km2,
    populationsData: row.populations_data,
  });

/** A `district_indicator` row (all columns) as a `DistrictIndicator`. */
export const indicatorFromRow = (row: Row): DistrictIndicator =>
  asEntity(DistrictIndicator, {
    id: row.id as string,
    ...published(row),
    district: { id: row.district_id as string },
    year: row.year as number,
    population: row.population as number,
    benefitRecipients: row.benefit_recipients as number,
    populationSource:
      row.population_source_kind == null && row.population_source_citation == null
        ? null
        : provenance(row.population_source_kind, row.population_source_citation),
  });

/** The rows of one statement, mapped (`?` placeholders). */
export async function readRows<T>(em: EntityManager, sql: string, params: readonly unknown[], fromRow: (row: Row) => T): Promise<T[]> {
  return (await em.getConnection().execute<Row[]>(sql, [...params])).map(fromRow);
}

/**
 * A per-request loader of rows of `table` by id: one statement per tick. Archived rows included (reading
 * one record by id: the `<entity>(id)` query and `_entities`); missing ids resolve to `null`.
 */
export function createRowByIdLoader<T extends { id: string }>(em: EntityManager, table: string, fromRow: (row: Row) => T) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await readRows(em, `select * from ${table} where id = any(?::text[])`, [textArray(ids)], fromRow);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * A per-request loader of the live rows of `table` that share `keyColumn` (e.g. the sites of each
 * district): one statement per tick, ordered by `orderBy` (SQL), grouped in memory by `keyOf`.
 */
export function createRowGroupLoader<T>(
  em: EntityManager,
  options: { table: string; keyColumn: string; orderBy: string; fromRow: (row: Row) => T; keyOf: (row: T) => string },
) {
  const { table, keyColumn, orderBy, fromRow, keyOf } = options;
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await readRows(
      em,
      `select * from ${table} where ${keyColumn} = any(?::text[]) and archived_at is null order by ${orderBy}`,
      [textArray(keys)],
      fromRow,
    );
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}
