import type { EntityManager } from '@mikro-orm/postgresql';
import { createByIdLoader, createGroupLoader } from '@jobcenter-hub/subgraph';
import { District } from './district.entity';

export const createDistrictLoader = (em: EntityManager) => createByIdLoader(em, District);

export const createDistrictsByParentLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    District,
    (district) => district.parent?.id ?? '',
    (ids) => ({ parent: { $in: ids } }),
  );
