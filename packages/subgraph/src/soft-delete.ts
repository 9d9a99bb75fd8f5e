import type { Options } from '@mikro-orm/postgresql';
import { PublishedEntity } from './published';

/**
 * The name of the MikroORM filter that leaves archived records (`archivedAt` set) out of every
 * `find`, `findOne`, `count` and `findAndCount` on a published entity. Enabled by default where a
 * subgraph turns soft deletion on (`createOrmConfig({ softDelete: true })`).
 */
export const LIVE_FILTER = 'live';

/**
 * Find options for the few reads that must see archived records too: reading one record by id (the
 * `<entity>(id)` query and `_entities`), the write helpers (update and archive find the record they
 * change), reference checks (to say "is archived" rather than "does not exist") and ancestor walks.
 * Spread into the options: `em.find(Entity, where, { ...WITH_ARCHIVED, orderBy })`.
 */
export const WITH_ARCHIVED = { filters: { [LIVE_FILTER]: false } } as const;

/**
 * The `filters` option of the ORM: `live` (`archivedAt: null`) on every entity that extends
 * `PublishedEntity`, on by default when `enabled`. Registered by name in the configuration rather than
 * with `@Filter` on the abstract base, so the entity list says exactly which tables it applies to.
 */
export function createLiveFilter(entities: Options['entities'], enabled: boolean): NonNullable<Options['filters']> {
  const names = ((entities ?? []) as unknown[])
    .filter(
      (entity): entity is abstract new () => PublishedEntity => typeof entity === 'function' && entity.prototype instanceof PublishedEntity,
    )
    .map((entity) => entity.name);
  return { [LIVE_FILTER]: { name: LIVE_FILTER, cond: { archivedAt: null }, entity: names, default: enabled } };
}
