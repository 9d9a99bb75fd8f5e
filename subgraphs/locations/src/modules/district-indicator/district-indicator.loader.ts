import type { EntityManager } from '@mikro-orm/postgresql';
import { createRowGroupLoader, indicatorFromRow } from '../../rows';

/** Each district's figures, newest year first. */
export const createIndicatorsByDistrictLoader = (em: EntityManager) =>
  createRowGroupLoader(em, {
    table: 'district_indicator',
    keyColumn: 'district_id',
    orderBy: 'year desc, id',
    fromRow: indicatorFromRow,
    keyOf: (row) => row.district.id,
  });
