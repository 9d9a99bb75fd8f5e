import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { grantedSql, textArray } from '@jobcenter-hub/subgraph';
import { createRowByIdLoader, createRowGroupLoader, locationFromRow } from '../../rows';
import type { Location } from './location.entity';

export const createLocationLoader = (em: EntityManager) => createRowByIdLoader(em, 'location', locationFromRow);

/** The live sites sharing `keyColumn`, ordered by name (the order of every list of sites). */
const sitesBy = (em: EntityManager, keyColumn: string, keyOf: (location: Location) => string) =>
  createRowGroupLoader(em, { table: 'location', keyColumn, orderBy: 'name, id', fromRow: locationFromRow, keyOf });

export const createLocationsByUnitLoader = (em: EntityManager) => sitesBy(em, 'unit_id', (location) => location.unitId ?? '');

export const createLocationsByOrganisationLoader = (em: EntityManager) =>
  sitesBy(em, 'organisation_id', (location) => location.organisationId);

export const createLocationsByDistrictLoader = (em: EntityManager) => sitesBy(em, 'district_id', (location) => location.district.id);

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
