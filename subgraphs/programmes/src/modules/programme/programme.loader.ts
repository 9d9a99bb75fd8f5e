import type { EntityManager } from '@mikro-orm/postgresql';
import { createByIdLoader, createGroupLoader, perFilter, type Grants } from '@jobcenter-hub/subgraph';
import { Programme } from './programme.entity';
import { namesVisibly, operatorVisible, visibleIds } from './programme.queries';

export const createProgrammeLoader = (em: EntityManager) => createByIdLoader(em, Programme);

// The lists below leave archived programmes out through the `live` filter, and programmes whose venue,
// operator or partner belongs to another publisher that does not grant the programme's owner references
// through `Grants` (one loader per request: the filter is the request's grants).

/** The programmes offered at each location: one `venue_ids && …` query for all locations of a request. */
export const createProgrammesByVenueLoaders = (em: EntityManager) =>
  perFilter((grants: Grants) =>
    createGroupLoader(
      em,
      Programme,
      (programme) => visibleIds(programme.venueIds, programme.venueOwnerIds, programme.ownerId, grants),
      (ids) => ({ $and: [{ venueIds: { $overlap: ids } }, namesVisibly('venue_ids', ids, grants)] }),
    ),
  );

/** The programmes each organisation operates. */
export const createProgrammesByOperatorLoaders = (em: EntityManager) =>
  perFilter((grants: Grants) =>
    createGroupLoader(
      em,
      Programme,
      (programme) => programme.operatorId,
      (ids) => ({ $and: [{ operatorId: { $in: ids } }, operatorVisible(grants)] }),
    ),
  );

/** The programmes each partner takes part in. */
export const createProgrammesByPartnerLoaders = (em: EntityManager) =>
  perFilter((grants: Grants) =>
    createGroupLoader(
      em,
      Programme,
      (programme) => visibleIds(programme.partnerIds, programme.partnerOwnerIds, programme.ownerId, grants),
      (ids) => ({ $and: [{ partnerIds: { $overlap: ids } }, namesVisibly('partner_ids', ids, grants)] }),
    ),
  );
