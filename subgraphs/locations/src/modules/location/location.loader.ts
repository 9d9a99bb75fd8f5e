import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  createPlainByIdLoader,
  createPlainGroupLoader,
  grantedSql,
  type HolidayRegion,
  holidayRegionOfKey,
  textArray,
} from '@jobcenter-hub/subgraph';
import DataLoader from 'dataloader';
import { Location } from './location.entity';

// Read paths map rows to plain objects of the entity's shape (`createRowMapper`), not managed entities:
// hydrating those was most of this subgraph's CPU per request (issue 17's profile). Writes use the ORM.

export const createLocationLoader = (em: EntityManager) => createPlainByIdLoader(em, Location);

/** The live sites sharing `keyColumn`, ordered by name (the order of every list of sites). */
const sitesBy = (em: EntityManager, keyColumn: string) => createPlainGroupLoader(em, Location, { keyColumn, orderBy: 'name, id' });

export const createLocationsByUnitLoader = (em: EntityManager) => sitesBy(em, 'unit_id');

export const createLocationsByOrganisationLoader = (em: EntityManager) => sitesBy(em, 'organisation_id');

export const createLocationsByDistrictLoader = (em: EntityManager) => sitesBy(em, 'district_id');

/**
 * `where` for the sites that show through the reference stored with them in `column` (the owner of their
 * organisation or unit, see `shownThrough`): own, not recorded (seeded), or granted by a pair of
 * `grants` (`ctx.references.grants()`). A raw fragment serves one statement: build it per statement.
 */
export const shownThroughColumn = (column: 'organisation_owner_id' | 'unit_owner_id', grants: ReadonlySet<string>) => ({
  [raw(
    (alias: string) => `(${alias}.${column} is null or ${grantedSql(`${alias}.owner_id`, `${alias}.${column}`)})`,
    [textArray([...grants])],
  )]: [],
});

/** Enough for any chain of districts (city district → municipality → Kreis → Regierungsbezirk → Land). */
const MAX_LEVELS = 8;

/**
 * SQL: the official keys of district `districtId` (an SQL expression of the outer statement, e.g.
 * `l.district_id`; the inner aliases are `own`, `above` and `up`) and of the
 * districts above it, nearest first, as a text[] (null for a district without a key). The walk stops at
 * the first key `holidayRegionOfKey` accepts (2 to 12 digits, beginning with a Land's 01 … 16), or after
 * MAX_LEVELS districts.
 */
export const districtKeysUpwardSql = (districtId: string) => `array(
  with recursive up(parent_id, official_key, depth) as (
    select own.parent_id, own.official_key, 0 from district own where own.id = ${districtId}
    union all
    select above.parent_id, above.official_key, up.depth + 1 from up join district above on above.id = up.parent_id
     where up.depth < ${MAX_LEVELS - 1} and (up.official_key is null or up.official_key !~ '^(0[1-9]|1[0-6])[0-9]{0,10}$')
  ) select official_key from up order by depth)`;

/** The holiday region of the first of `keys` (`districtKeysUpwardSql`, nearest first) that names one; `null` when none does. */
export function holidayRegionOfKeysUpward(keys: readonly (string | null)[]): HolidayRegion | null {
  for (const key of keys) {
    const region = holidayRegionOfKey(key);
    if (region) return region;
  }
  return null;
}

/**
 * A per-request loader of the holiday region of each district (`holidayRegionOfLocation`): one statement
 * per tick however deep the districts lie. Lists that read the keys with their rows prime it.
 */
export const createHolidayRegionLoader = (em: EntityManager) =>
  new DataLoader<string, HolidayRegion | null>(async (districtIds) => {
    const rows = await em
      .getConnection()
      .execute<{ id: string; keys: (string | null)[] }[]>(
        `select asked.id, ${districtKeysUpwardSql('asked.id')} as keys from district asked where asked.id = any(?::text[])`,
        [textArray(districtIds)],
      );
    const byId = new Map(rows.map((row) => [row.id, holidayRegionOfKeysUpward(row.keys)]));
    return districtIds.map((id) => byId.get(id) ?? null);
  });
