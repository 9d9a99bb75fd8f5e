import type { EntityManager } from '@mikro-orm/postgresql';
import { createRowByIdLoader, createRowGroupLoader, districtFromRow, type Row } from '../../rows';
import type { District } from './district.entity';

/** Called with every district a loader reads (e.g. to prime the holiday regions of the request). */
export type DistrictSeen = (district: District) => void;

const seeing = (seen: DistrictSeen) => (row: Row) => {
  const district = districtFromRow(row);
  seen(district);
  return district;
};

export const createDistrictLoader = (em: EntityManager, seen: DistrictSeen) => createRowByIdLoader(em, 'district', seeing(seen));

export const createDistrictsByParentLoader = (em: EntityManager, seen: DistrictSeen) =>
  createRowGroupLoader(em, {
    table: 'district',
    keyColumn: 'parent_id',
    orderBy: 'name, id',
    fromRow: seeing(seen),
    keyOf: (district) => district.parent?.id ?? '',
  });
