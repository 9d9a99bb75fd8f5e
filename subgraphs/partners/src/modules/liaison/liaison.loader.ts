import type { EntityManager } from '@mikro-orm/postgresql';
import { createGroupLoader, perFilter, type Grants } from '@jobcenter-hub/subgraph';
import { liaisonVisible } from '../partner/partner.queries';
import { Liaison } from './liaison.entity';

// Liaisons have no name; their ids (unit, then partner) give a stable order. Archived liaisons are left
// out by the `live` filter; liaisons whose unit's or partner's owner does not let them show (no grant,
// or revoked), or whose partner is archived, by `liaisonVisible`. One loader per request (the filter
// is the request's `Grants`).

/** The liaisons of each organisation unit. */
export const createLiaisonsByUnitLoaders = (em: EntityManager) =>
  perFilter((grants: Grants) =>
    createGroupLoader(
      em,
      Liaison,
      (liaison) => liaison.unitId,
      (ids) => ({ $and: [{ unitId: { $in: ids } }, liaisonVisible(grants)] }),
      { id: 'asc' },
    ),
  );

/** The liaisons of each partner. */
export const createLiaisonsByPartnerLoaders = (em: EntityManager) =>
  perFilter((grants: Grants) =>
    createGroupLoader(
      em,
      Liaison,
      (liaison) => liaison.partner.id,
      (ids) => ({ $and: [{ partner: { $in: ids } }, liaisonVisible(grants)] }),
      { id: 'asc' },
    ),
  );
