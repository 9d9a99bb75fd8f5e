import type { EntityManager } from '@mikro-orm/postgresql';
import { createByIdLoader, createGroupLoader } from '@jobcenter-hub/kit';
import { Partner } from './partner.entity';

export const createPartnerLoader = (em: EntityManager) => createByIdLoader(em, Partner);

/**
 * The partners serving each district, ordered by name, id: one `district_ids && ARRAY[…]` statement (the
 * GIN index) for all districts of the request; a partner serving two asked districts lands in both groups.
 */
export const createPartnersByDistrictLoader = (em: EntityManager) =>
  createGroupLoader(em, Partner, (partner) => partner.districtIds, (ids) => ({ districtIds: { $overlap: ids }, archivedAt: null }));
