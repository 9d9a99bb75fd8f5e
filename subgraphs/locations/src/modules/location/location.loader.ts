import type { EntityManager } from '@mikro-orm/postgresql';
import { createByIdLoader, createGroupLoader } from '@jobcenter-hub/subgraph';
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
