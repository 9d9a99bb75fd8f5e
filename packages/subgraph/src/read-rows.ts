import { type EntityClass, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { textArray } from './grants';
import DataLoader from 'dataloader';

/** A row of a `select <table>.* …` statement, as `em.execute` gives it. */
export type Row = Record<string, unknown>;

/**
 * Maps rows of hand-written read-only statements to plain objects shaped like `entity`: property names
 * and JS values as MikroORM gives them (its compiled `mapResult`: dates, arrays, enums), embeddables
 * nested (`source: { kind, citation }`), a many-to-one as `{ id }`. No entity is built and nothing enters
 * the identity map: the dashboards' profiles showed MikroORM's entity creation (factory, hydration, unit
 * of work) as much of the subgraphs' CPU time, for lists that are only read and written out as JSON.
 * The GraphQL types are the entity classes, whose fields read plain properties, so such objects serve
 * them as entities do.
 */
export function createRowMapper<T extends object>(em: EntityManager, entity: EntityClass<T>): (row: Row) => T {
  const meta = em.getMetadata().get<T>(entity.name);
  const driver = em.getDriver();
  const embeddables = meta.props
    .filter((prop) => prop.kind === ReferenceKind.EMBEDDED)
    .map((prop) => ({
      name: prop.name,
      parts: meta.props.filter((part) => part.embedded?.[0] === prop.name).map((part) => [part.name, part.embedded![1]] as const),
    }));
  const references = meta.props.filter((prop) => prop.kind === ReferenceKind.MANY_TO_ONE).map((prop) => prop.name);
  return (row) => {
    const mapped = driver.mapResult(row as never, meta) as Record<string, unknown>;
    for (const { name, parts } of embeddables) {
      // The flat parts (`source_kind`) stay too: deleting them would put the object in V8's slow mode.
      const value: Record<string, unknown> = {};
      for (const [flat, part] of parts) value[part] = mapped[flat];
      mapped[name] = value;
    }
    for (const name of references) if (mapped[name] != null) mapped[name] = { id: mapped[name] };
    // The entity's prototype, under properties of its own: type-graphql hands a field resolver its root
    // as an instance of the type, and would otherwise build one (`new Intake()`, whose first write of
    // each property builds MikroORM's per-entity state) for every field of every row. `wrap()` of such an
    // object says it is initialized (its data is all there) but it is no managed entity: never persist it.
    return Object.setPrototypeOf(mapped, meta.prototype) as T;
  };
}

/**
 * Records by id as plain objects (`createRowMapper`), archived ones included (references and `<entity>(id)`
 * must resolve): one `select … where id = any(…)` per tick. Missing ids resolve to null, in the order asked.
 */
export function createPlainByIdLoader<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>) {
  const map = createRowMapper(em, entity);
  const table = em.getMetadata().get<T>(entity.name).tableName;
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await em.execute<Row[]>(`select * from "${table}" where id = any(?::text[])`, [textArray(ids)]);
    const byId = new Map(rows.map((row) => [row.id as string, map(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
