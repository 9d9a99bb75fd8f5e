import type { Caller } from '@jobcenter-hub/service';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
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

export interface PartnersContext {
  em: EntityManager;
  loaders: ReturnType<typeof createLoaders>;
  requestId: string;
  /** Who is calling (from the verified bearer token; anonymous without one). */
  caller: Caller;
  /** The current instant, for `openNow`; tests pass a fixed one. */
  now: () => Date;
}

/** The one place that forks the EntityManager and creates the loaders, once per request. */
export const createContextFactory =
  (orm: MikroORM, now: () => Date = () => new Date()) =>
  async ({ requestId, caller }: { requestId: string; caller: Caller }): Promise<PartnersContext> => {
    const em = orm.em.fork();
    return { em, loaders: createLoaders(em), requestId, caller, now };
  };
