import type { EntityManager } from '@mikro-orm/postgresql';
import { createRequestContextFactory, type RequestContext } from '@jobcenter-hub/subgraph';
import { createLiaisonsByPartnerLoaders, createLiaisonsByUnitLoaders } from './modules/liaison/liaison.loader';
import {
  createPartnerCountsByDistrictLoaders,
  createPartnerLoader,
  createPartnersByDistrictLoaders,
  createPartnersMatchingLoaders,
} from './modules/partner/partner.loader';

function createLoaders(em: EntityManager) {
  return {
    partner: createPartnerLoader(em),
    /**
     * `partnersByDistrict({ filter, grants }).load(districtId)`: one loader, and one statement, per distinct
     * filter. The lists that show records through references to other publishers' records take the
     * request's `Grants` (`await Grants.of(ctx)`) as their filter.
     */
    partnersByDistrict: createPartnersByDistrictLoaders(em),
    partnersMatching: createPartnersMatchingLoaders(em),
    partnerCountsByDistrict: createPartnerCountsByDistrictLoaders(em),
    liaisonsByUnit: createLiaisonsByUnitLoaders(em),
    liaisonsByPartner: createLiaisonsByPartnerLoaders(em),
  };
}

/** The request context of this subgraph's resolvers (see `RequestContext`). */
export type PartnersContext = RequestContext<ReturnType<typeof createLoaders>>;

/** Forks the EntityManager, reads the clock and creates the loaders, once per request; tests may pass a fixed clock. */
export const createContextFactory = createRequestContextFactory(createLoaders);
