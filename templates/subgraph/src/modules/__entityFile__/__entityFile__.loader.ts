import type { EntityManager } from '@mikro-orm/postgresql';
import { createByIdLoader, createGroupLoader } from '@jobcenter-hub/subgraph';
import { __Entity__ } from './__entityFile__.entity';

export const create__Entity__Loader = (em: EntityManager) => createByIdLoader(em, __Entity__);

/** The records of each district: one statement for every district a request reaches (archived ones are left out by the `live` filter). */
export const create__Entities__ByDistrictLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    __Entity__,
    (record) => record.districtId,
    (ids) => ({ districtId: { $in: ids } }),
  );

/** The records of each partner: one statement for every partner a request reaches. */
export const create__Entities__ByPartnerLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    __Entity__,
    (record) => record.partnerId ?? '',
    (ids) => ({ partnerId: { $in: ids } }),
  );
