import type { EntityManager } from '@mikro-orm/postgresql';
import { createRequestContextFactory, type RequestContext } from '@jobcenter-hub/subgraph';
import { createLiaisonsByPartnerLoader, createLiaisonsByUnitLoader } from './modules/liaison/liaison.loader';
import {
  createPartnerCountsByDistrictLoader,
  createPartnerLoader,
  createPartnersByDistrictLoaders,
  createPartnersMatchingLoaders,
} from './modules/partner/partner.loader';

function createLoaders(em: EntityManager) {
  return {
    partner: createPartnerLoader(em),
    /** `partnersByDistrict(filter).load(districtId)`: one loader, and one statement, per distinct filter. */
    partnersByDistrict: createPartnersByDistrictLoaders(em),
    partnersMatching: createPartnersMatchingLoaders(em),
    partnerCountsByDistrict: createPartnerCountsByDistrictLoader(em),
    liaisonsByUnit: createLiaisonsByUnitLoader(em),
    liaisonsByPartner: createLiaisonsByPartnerLoader(em),
  };
}

/** The request context of this subgraph's resolvers (see `RequestContext`). */
export type PartnersContext = RequestContext<ReturnType<typeof createLoaders>>;

/** Forks the EntityManager, reads the clock and creates the loaders, once per request; tests may pass a fixed clock. */
export const createContextFactory = createRequestContextFactory(createLoaders);
