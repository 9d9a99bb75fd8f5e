import DataLoader from 'dataloader';
import type { EntityClass, EntityManager } from '@mikro-orm/postgresql';
import { WITH_ARCHIVED } from './soft-delete';

/**
 * A per-request loader of entities by primary key: one `SELECT … WHERE id IN (…)` per tick, however
 * many references arrive. Missing ids resolve to `null`, in the order asked.
 */
export function createByIdLoader<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    // Archived records stay readable by id (the `<entity>(id)` query, `_entities`).
    const rows = (await em.find(entity, { id: { $in: [...ids] } } as never, WITH_ARCHIVED as never)) as T[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * A per-request loader of the rows that share a foreign key (e.g. the locations of each unit): one
 * `SELECT … WHERE key IN (…)` per tick, ordered by `orderBy`, grouped in memory.
 */
export function createGroupLoader<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  keyOf: (row: T) => string | readonly string[],
  where: (keys: string[]) => object,
  orderBy: Record<string, 'asc' | 'desc'> = { name: 'asc', id: 'asc' },
) {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = (await em.find(entity, where([...keys]) as never, { orderBy } as never)) as T[];
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      const rowKeys = keyOf(row);
      for (const key of typeof rowKeys === 'string' ? [rowKeys] : rowKeys) groups.get(key)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/**
 * Loaders that take list arguments (`units(kind:, search:)`): one loader per distinct filter of the
 * request, created on first use, so the statements a request sends grow with the different argument
 * sets written in the operation, never with the number of parents. Filters are told apart by their
 * JSON, so pass plain objects of the checked arguments (`{ kind, search }`).
 *
 * @example
 * export const createUnitsByOrganisationLoaders = (em: EntityManager) =>
 *   perFilter((filter: UnitFilter) => createGroupLoader(em, OrganisationUnit, …));
 * ctx.loaders.unitsByOrganisation({ kind, search }).load(organisation.id)
 */
export function perFilter<F, L>(create: (filter: F) => L): (filter: F) => L {
  const loaders = new Map<string, L>();
  return (filter) => {
    const key = JSON.stringify(filter);
    let loader = loaders.get(key);
    if (!loader) {
      loader = create(filter);
      loaders.set(key, loader);
    }
    return loader;
  };
}
