import type { EntityManager } from '@mikro-orm/postgresql';
import { createGroupLoader } from '@jobcenter-hub/subgraph';
import { DistrictIndicator } from './district-indicator.entity';

/** Each district's figures, newest year first. */
export const createIndicatorsByDistrictLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    DistrictIndicator,
    (row) => row.district.id,
    (ids) => ({ district: { $in: ids } }),
    { year: 'desc', id: 'asc' },
  );
