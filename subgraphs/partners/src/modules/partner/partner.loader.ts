import DataLoader from 'dataloader';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { createByIdLoader, createGroupLoader, matchesText, perFilter, type Grants, textArray } from '@jobcenter-hub/subgraph';
import { Partner, type PartnerCategory } from './partner.entity';
import { servesDistrictsVisibly, servesSql, visibleDistrictIds } from './partner.queries';

/** What nested partner lists filter by, in SQL. */
export interface PartnerFilter {
  category?: PartnerCategory;
  search?: string;
}

/**
 * The `where` of a partner filter (archived partners are left out by the `live` filter). Call once per
 * statement: a `matchesText` fragment is used up by one query.
 */
export function partnerWhere(filter: PartnerFilter): FilterQuery<Partner> {
  return {
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.search ? matchesText(filter.search) : {}),
  } as FilterQuery<Partner>;
}

/** Partners by id, archived ones included (references must resolve); shared by `_entities` and `Liaison.partner`. */
export const createPartnerLoader = (em: EntityManager) => createByIdLoader(em, Partner);

/** Partners by id that match a filter (null otherwise): `OrganisationUnit.partners(category, search)`. */
export const createPartnersMatchingLoaders = (em: EntityManager) =>
  perFilter(
    (filter: PartnerFilter) =>
      new DataLoader<string, Partner | null>(async (ids) => {
        const rows = await em.find(Partner, { $and: [{ id: { $in: [...ids] } }, partnerWhere(filter)] } as FilterQuery<Partner>);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );

/**
 * The partners serving each district that match a filter: one `district_ids && ARRAY[…]` statement (the
 * GIN index) for all districts of the request; a partner serving two asked districts lands in both groups.
 * A partner shows in a district's group only while the district's owner lets it (own or granted,
 * `servesDistrictsVisibly` in SQL, `visibleDistrictIds` for the groups).
 */
export const createPartnersByDistrictLoaders = (em: EntityManager) =>
  perFilter(({ filter, grants }: { filter: PartnerFilter; grants: Grants }) =>
    createGroupLoader(
      em,
      Partner,
      (partner) => visibleDistrictIds(partner, grants),
      (ids) => ({ $and: [{ districtIds: { $overlap: ids } }, servesDistrictsVisibly(ids, grants), partnerWhere(filter)] }),
    ),
  );

/**
 * How many partners of each category serve each district: one `GROUP BY` statement for all districts
 * of the request. Categories without partners are absent from the map (the resolver adds the zeros).
 * Counts only partners the district's owner lets show there, as `District.partners`.
 */
export const createPartnerCountsByDistrictLoaders = (em: EntityManager) =>
  perFilter(
    (grants: Grants) =>
      new DataLoader<string, Map<PartnerCategory, number>>(async (ids) => {
        // Raw SQL: the `live` filter does not reach it, so archived partners are left out here.
        const rows = await em.getConnection().execute<{ district_id: string; category: PartnerCategory; count: number }[]>(
          `select d.district_id, p.category, count(*)::int as count
             from partner p cross join lateral unnest(p.district_ids, p.district_owner_ids) as d(district_id, owner)
            where p.district_ids && ?::text[] and p.archived_at is null and d.district_id = any(?::text[])
              and ${servesSql('p.owner_id', 'd.owner')}
            group by d.district_id, p.category`,
          [textArray(ids), textArray(ids), grants.param],
        );
        const counts = new Map<string, Map<PartnerCategory, number>>(ids.map((id) => [id, new Map()]));
        for (const row of rows) counts.get(row.district_id)?.set(row.category, row.count);
        return ids.map((id) => counts.get(id)!);
      }),
  );
