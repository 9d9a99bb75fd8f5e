import type { EntityManager } from '@mikro-orm/postgresql';
import { createRowByIdLoader, createRowGroupLoader, districtFromRow } from '../../rows';

export const createDistrictLoader = (em: EntityManager) => createRowByIdLoader(em, 'district', districtFromRow);

export const createDistrictsByParentLoader = (em: EntityManager) =>
  createRowGroupLoader(em, {
    table: 'district',
    keyColumn: 'parent_id',
    orderBy: 'name, id',
    fromRow: districtFromRow,
    keyOf: (district) => district.parent?.id ?? '',
  });
