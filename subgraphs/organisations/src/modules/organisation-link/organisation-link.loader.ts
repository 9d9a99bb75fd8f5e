import DataLoader from 'dataloader';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { perFilter } from '@jobcenter-hub/subgraph';
import type { OrganisationKind } from '../organisation/organisation.entity';
import { OrganisationLink, type OrganisationRelation } from './organisation-link.entity';

export interface LinkFilter {
  kind?: OrganisationKind;
  relation?: OrganisationRelation;
}

/**
 * The links of each organisation that match a filter, with the linked organisation joined in: one
 * statement per filter for all organisations of the request. Links to archived organisations are left out.
 */
export const createLinksByOrganisationLoaders = (em: EntityManager) =>
  perFilter(
    (filter: LinkFilter) =>
      new DataLoader<string, OrganisationLink[]>(async (ids) => {
        const rows = await em.find(
          OrganisationLink,
          {
            organisation: { $in: [...ids] },
            ...(filter.relation ? { relation: filter.relation } : {}),
            // The `live` filter covers the links, not a condition on the joined organisation: said here.
            linked: { archivedAt: null, ...(filter.kind ? { kind: filter.kind } : {}) },
          } as FilterQuery<OrganisationLink>,
          { populate: ['linked'] },
        );
        const groups = new Map<string, OrganisationLink[]>(ids.map((id) => [id, []]));
        for (const row of rows) groups.get(row.organisation.id)?.push(row);
        return ids.map((id) => groups.get(id)!);
      }),
  );
