import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createByIdLoader, createGroupLoader, grantedSql, textArray } from '@jobcenter-hub/subgraph';
import { Location } from './location.entity';

export const createLocationLoader = (em: EntityManager) => createByIdLoader(em, Location);

export const createLocationsByUnitLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    Location,
    (location) => location.unitId ?? '',
    (ids) => ({ unitId: { $in: ids } }),
  );

export const createLocationsByOrganisationLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    Location,
    (location) => location.organisationId,
    (ids) => ({ organisationId: { $in: ids } }),
  );

export const createLocationsByDistrictLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    Location,
    (location) => location.district.id,
    (ids) => ({ district: { $in: ids } }),
  );

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
