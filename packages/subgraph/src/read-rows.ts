import { type EntityClass, type EntityMetadata, type EntityProperty, type Platform, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { textArray } from './grants';
import DataLoader from 'dataloader';

/** A row of a `select <table>.* …` statement, as `em.execute` gives it. */
export type Row = Record<string, unknown>;

/** One mapper per entity of an ORM (its metadata and driver): the loaders of every request share it. */
const mappers = new WeakMap<EntityMetadata, { driver: unknown; map: (row: Row) => unknown }>();

/**
 * Maps rows of hand-written read-only statements to plain objects shaped like `entity`: property names
 * and JS values as MikroORM hydrates them (dates parsed, booleans as booleans, json and enums as the
 * connection gives them), embeddables nested as objects of their class (`source: Provenance { kind,
 * citation }`; a nullable one whose columns are all null is null), a many-to-one as `{ id }` (null without
 * one). Columns the entity does not have (`distance_m`) are left out. No entity is built and nothing enters
 * the identity map: the dashboards' profiles showed MikroORM's entity creation (factory, hydration, unit of
 * work) as much of the subgraphs' CPU time, for lists that are only read and written out as JSON. The
 * GraphQL types are the entity classes, whose fields read plain properties, so such objects serve them
 * as entities do.
 *
 * The mapper is compiled from the metadata once per entity and ORM into one object literal (as a
 * hand-written mapper would be): MikroORM's own `mapResult` copies every column through a lookup object
 * and took ~5 times as long per row (10 µs for a site).
 */
export function createRowMapper<T extends object>(em: EntityManager, entity: EntityClass<T>): (row: Row) => T {
  const meta = em.getMetadata().get<T>(entity.name);
  const driver = em.getDriver();
  let mapper = mappers.get(meta as EntityMetadata);
  if (mapper?.driver !== driver) {
    mapper = { driver, map: compileRowMapper(driver.getPlatform(), meta) };
    mappers.set(meta as EntityMetadata, mapper);
  }
  return mapper.map as (row: Row) => T;
}

function compileRowMapper<T extends object>(platform: Platform, meta: EntityMetadata<T>): (row: Row) => T {
  const prototypes: object[] = [meta.prototype];
  const column = (name: string) => `row[${JSON.stringify(name)}]`;
  const key = (name: string) => JSON.stringify(name);
  const unsupported = (prop: EntityProperty<T>, what: string) =>
    new Error(`createRowMapper: ${meta.className}.${prop.name} (${what}) is not supported; map it by hand or add it here`);
  /** The JS value of a scalar column, converted as MikroORM's result mapper converts it. */
  const scalar = (prop: EntityProperty) => {
    const value = column(prop.fieldNames[0]);
    if (prop.runtimeType === 'boolean') return `(${value} == null ? ${value} : !!${value})`;
    if (prop.runtimeType === 'Date' && !platform.isNumericProperty(prop)) return `date(${value})`;
    return value;
  };
  const fields: string[] = [];
  for (const prop of meta.props) {
    if (prop.embedded || prop.persist === false) continue; // an embeddable's columns: under the embeddable
    if (prop.kind === ReferenceKind.SCALAR) {
      fields.push(`${key(prop.name)}: ${scalar(prop)}`);
    } else if (prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) {
      if (prop.fieldNames.length !== 1) throw unsupported(prop, 'composite key');
      const value = column(prop.fieldNames[0]);
      fields.push(`${key(prop.name)}: ${value} == null ? null : { id: ${value} }`);
    } else if (prop.kind === ReferenceKind.EMBEDDED) {
      if (prop.object || prop.array) throw unsupported(prop, 'embeddable stored as json');
      const parts = meta.props.filter((part) => part.embedded?.[0] === prop.name);
      if (parts.some((part) => part.kind !== ReferenceKind.SCALAR)) throw unsupported(prop, 'nested embeddable or reference');
      prototypes.push((prop.embeddable as { prototype: object }).prototype);
      const value = `{ __proto__: prototypes[${prototypes.length - 1}], ${parts.map((part) => `${key(part.embedded![1])}: ${scalar(part)}`).join(', ')} }`;
      // A nullable embeddable whose columns are all null is null, as MikroORM hydrates it.
      const empty = parts.map((part) => `${column(part.fieldNames[0])} == null`).join(' && ');
      fields.push(`${key(prop.name)}: ${prop.nullable ? `${empty} ? null : ${value}` : value}`);
    }
    // Collections (one-to-many, many-to-many) have no column.
  }
  // The entity's prototype, under properties of its own: type-graphql hands a field resolver its root
  // as an instance of the type, and would otherwise build one (`new Intake()`, whose first write of
  // each property builds MikroORM's per-entity state) for every field of every row. `wrap()` of such an
  // object says it is initialized (its data is all there) but it is no managed entity: never persist it.
  const code = `return function ${meta.className}FromRow(row) {\n  return { __proto__: prototypes[0],\n    ${fields.join(',\n    ')} };\n}`;
  return new Function('prototypes', 'date', code)(prototypes, dateParser(platform)) as (row: Row) => T;
}

/** A timestamp column's value as MikroORM's result mapper parses it (`EntityComparator.getResultMapper`). */
function dateParser(platform: Platform) {
  const tz = platform.getTimezone();
  return (value: unknown): unknown => {
    if (value == null || value instanceof Date) return value;
    if (typeof value === 'bigint') return platform.parseDate(Number(value));
    if (!tz || tz === 'local' || typeof value === 'number') return platform.parseDate(value as string);
    const text = value as string;
    return platform.parseDate(text.includes('+') || text.lastIndexOf('-') > 10 || text.endsWith('Z') ? text : text + tz);
  };
}

/** Options of the plain loaders: `map` replaces `createRowMapper(em, entity)`, e.g. to note each record read. */
export interface PlainLoaderOptions<T> {
  map?: (row: Row) => T;
}

/**
 * Records by id as plain objects (`createRowMapper`), archived ones included (references and `<entity>(id)`
 * must resolve): one `select … where id = any(…)` per tick. Missing ids resolve to null, in the order asked.
 */
export function createPlainByIdLoader<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  { map = createRowMapper(em, entity) }: PlainLoaderOptions<T> = {},
) {
  const table = em.getMetadata().get<T>(entity.name).tableName;
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await em.execute<Row[]>(`select * from "${table}" where id = any(?::text[])`, [textArray(ids)]);
    const byId = new Map(rows.map((row) => [row.id as string, map(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * Records grouped by the value of `keyColumn` (e.g. the sites of each district, `district_id`) as plain
 * objects (`createRowMapper`): one `select … where <keyColumn> = any(…) order by <orderBy>` per tick,
 * grouped in memory. `orderBy` is SQL (e.g. `name, id`); `live` (the default) leaves archived records out.
 * Every key resolves to a list, empty when nothing has it.
 */
export function createPlainGroupLoader<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  {
    keyColumn,
    orderBy,
    live = true,
    map = createRowMapper(em, entity),
  }: PlainLoaderOptions<T> & {
    keyColumn: string;
    orderBy: string;
    live?: boolean;
  },
) {
  const table = em.getMetadata().get<T>(entity.name).tableName;
  const sql = `select * from "${table}" where "${keyColumn}" = any(?::text[])${live ? ' and archived_at is null' : ''} order by ${orderBy}`;
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await em.execute<Row[]>(sql, [textArray(keys)]);
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(row[keyColumn] as string)?.push(map(row));
    return keys.map((key) => groups.get(key) ?? []);
  });
}
