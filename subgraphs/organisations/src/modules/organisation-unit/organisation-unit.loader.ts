import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { createByIdLoader, createGroupLoader, matchesText, perFilter } from '@jobcenter-hub/subgraph';
import { OrganisationUnit, type UnitKind } from './organisation-unit.entity';

export interface UnitFilter {
  kind?: UnitKind;
  search?: string;
}

/**
 * The `where` of a unit filter (archived units are left out by the `live` filter). Call once per
 * statement: a `matchesText` fragment is used up by one query.
 */
export function unitWhere(filter: UnitFilter): FilterQuery<OrganisationUnit> {
  return {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.search ? matchesText(filter.search) : {}),
  } as FilterQuery<OrganisationUnit>;
}

export const createOrganisationUnitLoader = (em: EntityManager) => createByIdLoader(em, OrganisationUnit);

/** The units of each organisation that match a filter, in a stable order (name, id): one statement per filter. */
export const createUnitsByOrganisationLoaders = (em: EntityManager) =>
  perFilter((filter: UnitFilter) =>
    createGroupLoader(
      em,
      OrganisationUnit,
      (unit) => unit.organisation.id,
      (ids) => ({ $and: [{ organisation: { $in: ids } }, unitWhere(filter)] }),
    ),
  );

/** The direct children of each unit that match a filter: one statement per filter. */
export const createUnitsByParentLoaders = (em: EntityManager) =>
  perFilter((filter: UnitFilter) =>
    createGroupLoader(
      em,
      OrganisationUnit,
      (unit) => unit.parent?.id ?? '',
      (ids) => ({ $and: [{ parent: { $in: ids } }, unitWhere(filter)] }),
    ),
  );
