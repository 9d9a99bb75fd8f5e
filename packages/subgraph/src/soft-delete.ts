import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { PublishedEntity } from './published';

/**
 * The name of the MikroORM filter (`archivedAt: null`) that leaves archived records out of every
 * `find`, `findOne`, `count` and `findAndCount` on a published entity made through a request's
 * EntityManager (see `forkRequestEm`). QueryBuilder and raw SQL do not apply it: say it there yourself.
 */
export const LIVE_FILTER = 'live';

/**
 * Find options for the few reads that must see archived records too: reading one record by id (the
 * `<entity>(id)` query and `_entities`), the write helpers (update and archive find the record they
 * change), reference checks (to say "is archived" rather than "does not exist") and ancestor walks.
 * Spread into the options: `em.find(Entity, where, { ...WITH_ARCHIVED, orderBy })`.
 */
export const WITH_ARCHIVED = { filters: { [LIVE_FILTER]: false } } as const;

const publishedNames = new WeakMap<MikroORM, string[]>();

/** The entities of `orm` that extend `PublishedEntity` (and so have `archivedAt`), by class name. */
export function publishedEntityNames(orm: MikroORM): string[] {
  let names = publishedNames.get(orm);
  if (!names) {
    names = Object.values(orm.getMetadata().getAll())
      .filter((meta) => !meta.abstract && meta.class?.prototype instanceof PublishedEntity)
      .map((meta) => meta.className)
      .sort();
    publishedNames.set(orm, names);
  }
  return names;
}

/**
 * A request's EntityManager: a fork of `orm.em` on which the `live` filter is on, so archived records
 * leave every list without `archivedAt: null` in each query. The filter belongs to the request, not to
 * the table: seeders, migrations, scripts and tests that use `orm.em` still see every row. Forks of it
 * (`em.transactional`) keep the filter. Call it once per request, in `context.ts`.
 */
export function forkRequestEm(orm: MikroORM): EntityManager {
  const em = orm.em.fork() as EntityManager;
  em.addFilter(LIVE_FILTER, { archivedAt: null }, publishedEntityNames(orm), true);
  return em;
}
