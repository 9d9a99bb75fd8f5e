import { raw } from '@mikro-orm/core';
import { grantedSql, type Grants, REFERENCE_LAYER_OWNER, textArray } from '@jobcenter-hub/subgraph';

/** Whether a partner owned by `ownerId` may show that it serves a district owned by `districtOwnerId`. */
export const mayServe = (grants: Grants, ownerId: string, districtOwnerId: string | null | undefined) =>
  districtOwnerId === REFERENCE_LAYER_OWNER || grants.allows(ownerId, districtOwnerId);

/** SQL: `mayServe` for a partner's owner `owner` and a district's owner `districtOwner` (one `?::text[]`: the grants). */
export const servesSql = (owner: string, districtOwner: string) =>
  `(${districtOwner} = '${REFERENCE_LAYER_OWNER}' or ${grantedSql(owner, districtOwner)})`;

/** The district ids of a partner that it may show it serves (`mayServe`: own, granted, or of the reference layer). */
export function visibleDistrictIds(partner: { ownerId: string; districtIds: string[]; districtOwnerIds: string[] }, grants: Grants) {
  return partner.districtIds.filter((_, index) => mayServe(grants, partner.ownerId, partner.districtOwnerIds[index]));
}

/**
 * A partner condition for `em.find`: it serves one of `districtIds` and may show it there (`mayServe`).
 * A raw fragment, good for one statement (build it anew for each).
 */
export function servesDistrictsVisibly(districtIds: readonly string[], grants: Grants): Record<string, unknown> {
  return {
    [raw(
      (alias: string) =>
        `exists (select 1 from unnest(${alias}.district_ids, ${alias}.district_owner_ids) as served(id, owner) ` +
        `where served.id = any(?::text[]) and ${servesSql(`${alias}.owner_id`, 'served.owner')})`,
      [textArray(districtIds), grants.param],
    )]: [],
  };
}

/**
 * A liaison condition for `em.find`: the unit's owner lets it show (own or granted), and its partner is
 * live and lets it show too. A raw fragment, good for one statement.
 */
export function liaisonVisible(grants: Grants): Record<string, unknown> {
  return {
    [raw(
      (alias: string) =>
        `(${grantedSql(`${alias}.owner_id`, `${alias}.unit_owner_id`)} and exists (select 1 from partner as named ` +
        `where named.id = ${alias}.partner_id and named.archived_at is null and ${grantedSql(`${alias}.owner_id`, 'named.owner_id')}))`,
      [grants.param, grants.param],
    )]: [],
  };
}
