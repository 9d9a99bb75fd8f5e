import type { EntityManager } from '@mikro-orm/postgresql';
import { createByIdLoader, createGroupLoader } from '@jobcenter-hub/kit';
import { OrganisationUnit } from './organisation-unit.entity';

export const createOrganisationUnitLoader = (em: EntityManager) => createByIdLoader(em, OrganisationUnit);

/** All units of each organisation, in a stable order (name, id). */
export const createUnitsByOrganisationLoader = (em: EntityManager) =>
  createGroupLoader(em, OrganisationUnit, (unit) => unit.organisation.id, (ids) => ({ organisation: { $in: ids }, archivedAt: null }));

/** The direct children of each unit. */
export const createUnitsByParentLoader = (em: EntityManager) =>
  createGroupLoader(em, OrganisationUnit, (unit) => unit.parent?.id ?? '', (ids) => ({ parent: { $in: ids }, archivedAt: null }));
