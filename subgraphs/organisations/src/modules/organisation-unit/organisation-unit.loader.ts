import DataLoader from 'dataloader';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { createPlainByIdLoader, createRowMapper, matchesText, perFilter, type Row } from '@jobcenter-hub/subgraph';
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

/** Units by id (archived ones too), only read: plain objects, not entities. */
export const createOrganisationUnitLoader = (em: EntityManager) => createPlainByIdLoader(em, OrganisationUnit);

/**
 * Live units that match a filter and `where`, by name and id, grouped under `keyOf`: one statement for all
 * parents of a request. Only read, so the rows are mapped to plain units (`createRowMapper`), not entities.
 */
function createUnitGroupLoader(
  em: EntityManager,
  filter: UnitFilter,
  keyOf: (unit: OrganisationUnit) => string,
  where: (keys: string[]) => FilterQuery<OrganisationUnit>,
) {
  const map = createRowMapper(em, OrganisationUnit);
  return new DataLoader<string, OrganisationUnit[]>(async (keys) => {
    // A query builder does not apply the `live` filter: archived units are left out here.
    const rows = await em
      .createQueryBuilder(OrganisationUnit, 'u')
      .select('*')
      .where({ $and: [where([...keys]), { archivedAt: null }, unitWhere(filter)] })
      .orderBy({ name: 'asc', id: 'asc' })
      .execute<Row[]>('all', false);
    const groups = new Map<string, OrganisationUnit[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      const unit = map(row);
      groups.get(keyOf(unit))?.push(unit);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** The units of each organisation that match a filter, in a stable order (name, id): one statement per filter. */
export const createUnitsByOrganisationLoaders = (em: EntityManager) =>
  perFilter((filter: UnitFilter) =>
    createUnitGroupLoader(
      em,
      filter,
      (unit) => unit.organisation.id,
      (ids) => ({ organisation: { $in: ids } }),
    ),
  );

/** The direct children of each unit that match a filter: one statement per filter. */
export const createUnitsByParentLoaders = (em: EntityManager) =>
  perFilter((filter: UnitFilter) =>
    createUnitGroupLoader(
      em,
      filter,
      (unit) => unit.parent?.id ?? '',
      (ids) => ({ parent: { $in: ids } }),
    ),
  );
