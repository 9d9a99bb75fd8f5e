import type { EntityManager } from '@mikro-orm/postgresql';
import { createPlainGroupLoader } from '@jobcenter-hub/subgraph';
import { DistrictIndicator } from './district-indicator.entity';

/** Each district's live figures, newest year first, as plain objects (`createRowMapper`). */
export const createIndicatorsByDistrictLoader = (em: EntityManager) =>
  createPlainGroupLoader(em, DistrictIndicator, { keyColumn: 'district_id', orderBy: 'year desc, id' });
