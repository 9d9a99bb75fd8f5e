import { type EntityClass, type EntityMetadata, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { textArray } from './grants';
import DataLoader from 'dataloader';

/** A row of a `select <table>.* …` statement, as `em.execute` gives it. */
export type Row = Record<string, unknown>;

/** One mapper per entity of an ORM (its metadata and driver): the loaders of every request share it. */
const mappers = new WeakMap<EntityMetadata, { driver: unknown; map: (row: Row) => unknown }>();

/**
 * Maps rows of hand-written read-only statements to plain objects shaped like `entity`: property names
 * and JS values as MikroORM gives them (its compiled `mapResult`: dates, arrays, enums, json), embeddables
 * nested as objects of their class (`source: Provenance { kind, citation }`; a nullable one whose columns
 * are all null is null, as MikroORM hydrates it), a many-to-one as `{ id }` (null without one). Columns
 * the entity does not have (`distance_m`) stay as they are. No entity is built and nothing enters the
 * identity map: the dashboards' profiles showed MikroORM's entity creation (factory, hydration, unit of
 * work) as much of the subgraphs' CPU time, for lists that are only read and written out as JSON. The
 * GraphQL types are the entity classes, whose fields read plain properties, so such objects serve them
 * as entities do.
 */
export function createRowMapper<T extends object>(em: EntityManager, entity: EntityClass<T>): (row: Row) => T {
  const meta = em.getMetadata().get<T>(entity.name);
  const driver = em.getDriver();
  let mapper = mappers.get(meta as EntityMetadata);
  if (mapper?.driver !== driver) {
    mapper = { driver, map: buildRowMapper(em, meta) };
    mappers.set(meta as EntityMetadata, mapper);
  }
  return mapper.map as (row: Row) => T;
}

function buildRowMapper<T extends object>(em: EntityManager, meta: EntityMetadata<T>): (row: Row) => T {
  const driver = em.getDriver();
  const embeddables = meta.props
    .filter((prop) => prop.kind === ReferenceKind.EMBEDDED)
    .map((prop) => ({
      name: prop.name,
      nullable: prop.nullable === true,
      prototype: (prop.embeddable as { prototype: object }).prototype,
      parts: meta.props.filter((part) => part.embedded?.[0] === prop.name).map((part) => [part.name, part.embedded![1]] as const),
    }));
  const references = meta.props.filter((prop) => prop.kind === ReferenceKind.MANY_TO_ONE).map((prop) => prop.name);
  return (row) => {
    const mapped = driver.mapResult(row as never, meta) as Record<string, unknown>;
    for (const { name, nullable, prototype, parts } of embeddables) {
      // The flat parts (`source_kind`) stay too: deleting them would put the object in V8's slow mode.
      const value: Record<string, unknown> = Object.create(prototype);
      let empty = true;
      for (const [flat, part] of parts) {
        value[part] = mapped[flat];
        if (mapped[flat] != null) empty = false;
      }
      mapped[name] = nullable && empty ? null : value;
    }
    for (const name of references) if (mapped[name] != null) mapped[name] = { id: mapped[name] };
    // The entity's prototype, under properties of its own: type-graphql hands a field resolver its root
    // as an instance of the type, and would otherwise build one (`new Intake()`, whose first write of
    // each property builds MikroORM's per-entity state) for every field of every row. `wrap()` of such an
    // object says it is initialized (its data is all there) but it is no managed entity: never persist it.
    return Object.setPrototypeOf(mapped, meta.prototype) as T;
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
