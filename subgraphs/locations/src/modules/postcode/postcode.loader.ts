import type { EntityManager } from '@mikro-orm/postgresql';
import { createGroupLoader } from '@jobcenter-hub/subgraph';
import { Postcode } from './postcode.entity';

/** The postcodes of each district (Gemeinde), in order: one statement per request, whatever the number of districts. */
export const createPostcodesByDistrictLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    Postcode,
    (row) => row.district.id,
    (ids) => ({ district: { $in: ids } }),
    { postcode: 'asc' },
  );
