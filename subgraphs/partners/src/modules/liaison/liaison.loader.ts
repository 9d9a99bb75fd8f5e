import type { EntityManager } from '@mikro-orm/postgresql';
import { createGroupLoader } from '@jobcenter-hub/subgraph';
import { Liaison } from './liaison.entity';

// Liaisons have no name; their ids (unit, then partner) give a stable order. Archived liaisons are left
// out by the `live` filter.
const byId = { id: 'asc' } as const;

/** The liaisons of each organisation unit. */
export const createLiaisonsByUnitLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    Liaison,
    (liaison) => liaison.unitId,
    (ids) => ({ unitId: { $in: ids } }),
    byId,
  );

/** The liaisons of each partner. */
export const createLiaisonsByPartnerLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    Liaison,
    (liaison) => liaison.partner.id,
    (ids) => ({ partner: { $in: ids } }),
    byId,
  );
