import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createByIdLoader, createRowMapper, perFilter, type Grants, type Row, textArray } from '@jobcenter-hub/subgraph';
import { Programme } from './programme.entity';
import { namesVisiblySql, operatorVisibleSql, visibleIds } from './programme.queries';

export const createProgrammeLoader = (em: EntityManager) => createByIdLoader(em, Programme);

// The lists below leave archived programmes out, and programmes whose venue, operator or partner belongs
// to another publisher that does not grant the programme's owner references through `Grants` (one
// loader per request: the filter is the request's grants). They are only read, so they are one
// hand-written statement each, mapped to plain programmes (`createRowMapper`), not entities.

/**
 * Live programmes matching `where` (SQL on alias `p`, with its `params`), by name and id, grouped under
 * the keys `keysOf` gives each: one statement for all parents of a request.
 */
function createProgrammeGroupLoader(
  em: EntityManager,
  keysOf: (programme: Programme) => readonly string[],
  where: string,
  params: (keys: string[]) => unknown[],
) {
  const map = createRowMapper(em, Programme);
  return new DataLoader<string, Programme[]>(async (keys) => {
    // Raw SQL: the `live` filter does not reach it, so archived programmes are left out here.
    const rows = await em.execute<Row[]>(
      `select p.* from programme p where p.archived_at is null and ${where} order by p.name asc, p.id asc`,
      params([...keys]),
    );
    const groups = new Map<string, Programme[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      const programme = map(row);
      for (const key of keysOf(programme)) groups.get(key)?.push(programme);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** The programmes offered at each location: one `venue_ids && …` statement (the GIN index) for all locations of a request. */
export const createProgrammesByVenueLoaders = (em: EntityManager) =>
  perFilter((grants: Grants) =>
    createProgrammeGroupLoader(
      em,
      (programme) => visibleIds(programme.venueIds, programme.venueOwnerIds, programme.ownerId, grants),
      `p.venue_ids && ?::text[] and ${namesVisiblySql('p', 'venue_ids')}`,
      (ids) => [textArray(ids), textArray(ids), grants.param],
    ),
  );

/** The programmes each organisation operates. */
export const createProgrammesByOperatorLoaders = (em: EntityManager) =>
  perFilter((grants: Grants) =>
    createProgrammeGroupLoader(
      em,
      (programme) => [programme.operatorId],
      `p.operator_id = any(?::text[]) and ${operatorVisibleSql('p')}`,
      (ids) => [textArray(ids), grants.param],
    ),
  );

/** The programmes each partner takes part in. */
export const createProgrammesByPartnerLoaders = (em: EntityManager) =>
  perFilter((grants: Grants) =>
    createProgrammeGroupLoader(
      em,
      (programme) => visibleIds(programme.partnerIds, programme.partnerOwnerIds, programme.ownerId, grants),
      `p.partner_ids && ?::text[] and ${namesVisiblySql('p', 'partner_ids')}`,
      (ids) => [textArray(ids), textArray(ids), grants.param],
    ),
  );
