import type { EntityManager } from '@mikro-orm/postgresql';
import { createPlainByIdLoader, createPlainGroupLoader, createRowMapper, type Row } from '@jobcenter-hub/subgraph';
import { District } from './district.entity';

/** Called with every district a loader reads (e.g. to prime the holiday regions of the request). */
export type DistrictSeen = (district: District) => void;

/** Districts as plain objects (`createRowMapper`), each handed to `seen`. */
const seeing = (em: EntityManager, seen: DistrictSeen) => {
  const map = createRowMapper(em, District);
  return (row: Row) => {
    const district = map(row);
    seen(district);
    return district;
  };
};

export const createDistrictLoader = (em: EntityManager, seen: DistrictSeen) =>
  createPlainByIdLoader(em, District, { map: seeing(em, seen) });

export const createDistrictsByParentLoader = (em: EntityManager, seen: DistrictSeen) =>
  createPlainGroupLoader(em, District, { keyColumn: 'parent_id', orderBy: 'name, id', map: seeing(em, seen) });
