import DataLoader from 'dataloader';
import { ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createByIdLoader, createRowMapper, perFilter, type Grants, type Row, textArray } from '@jobcenter-hub/subgraph';
import { Programme } from './programme.entity';
import { namesVisiblySql, operatorVisibleSql, visibleIds } from './programme.queries';

export const createProgrammeLoader = (em: EntityManager) => createByIdLoader(em, Programme);

// The lists below leave archived programmes out, and programmes whose venue, operator or partner belongs
// to another publisher that does not grant the programme's owner references through `Grants` (one
// loader per request: the filter is the request's grants). They are only read, so they are one
// hand-written statement each, mapped to plain programmes (`createRowMapper`), not entities.

/** The select list of `programme p` (per ORM metadata): see `programmeColumns`. */
const columnLists = new WeakMap<object, string>();

/**
 * `p.*` written out, the text[] columns (venues, partners and their owners) as JSON: pg parses a text[]
 * in JavaScript, character by character (~2 µs for a few ids), JSON natively (~0.4 µs), and every
 * programme of a list carries four. The values are the same arrays of strings.
 */
function programmeColumns(em: EntityManager): string {
  const meta = em.getMetadata().get(Programme.name);
  let list = columnLists.get(meta);
  if (list === undefined) {
    const columns = new Map<string, boolean>();
    for (const prop of meta.props) {
      // Columns are scalars (an embeddable's parts among them) and many-to-ones; the rest have none of their own.
      if (prop.persist === false || (prop.kind !== ReferenceKind.SCALAR && prop.kind !== ReferenceKind.MANY_TO_ONE)) continue;
      for (const name of prop.fieldNames ?? []) columns.set(name, prop.columnTypes?.[0]?.endsWith('[]') === true);
    }
    list = [...columns].map(([name, array]) => (array ? `to_json(p."${name}") as "${name}"` : `p."${name}"`)).join(', ');
    columnLists.set(meta, list);
  }
  return list;
}

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
  const columns = programmeColumns(em);
  return new DataLoader<string, Programme[]>(async (keys) => {
    // Raw SQL: the `live` filter does not reach it, so archived programmes are left out here.
    const rows = await em.execute<Row[]>(
      `select ${columns} from programme p where p.archived_at is null and ${where} order by p.name asc, p.id asc`,
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
