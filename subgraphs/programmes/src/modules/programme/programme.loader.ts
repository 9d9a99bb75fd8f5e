import type { EntityManager } from '@mikro-orm/postgresql';
import { createByIdLoader, createGroupLoader } from '@jobcenter-hub/subgraph';
import { Programme } from './programme.entity';

export const createProgrammeLoader = (em: EntityManager) => createByIdLoader(em, Programme);

// The lists below leave archived programmes out through the `live` filter.

/** The programmes offered at each location: one `venue_ids && …` query for all locations of a request. */
export const createProgrammesByVenueLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    Programme,
    (programme) => programme.venueIds,
    (ids) => ({ venueIds: { $overlap: ids } }),
  );

/** The programmes each organisation operates. */
export const createProgrammesByOperatorLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    Programme,
    (programme) => programme.operatorId,
    (ids) => ({ operatorId: { $in: ids } }),
  );

/** The programmes each partner takes part in. */
export const createProgrammesByPartnerLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    Programme,
    (programme) => programme.partnerIds,
    (ids) => ({ partnerIds: { $overlap: ids } }),
  );
