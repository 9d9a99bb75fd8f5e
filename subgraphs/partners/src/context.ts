import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createLiaisonsByPartnerLoader, createLiaisonsByUnitLoader } from './modules/liaison/liaison.loader';
import { createPartnerLoader, createPartnersByDistrictLoader } from './modules/partner/partner.loader';

function createLoaders(em: EntityManager) {
  return {
    partner: createPartnerLoader(em),
    partnersByDistrict: createPartnersByDistrictLoader(em),
    liaisonsByUnit: createLiaisonsByUnitLoader(em),
    liaisonsByPartner: createLiaisonsByPartnerLoader(em),
  };
}

export interface PartnersContext {
  em: EntityManager;
  loaders: ReturnType<typeof createLoaders>;
  requestId: string;
}

/** The one place that forks the EntityManager and creates the loaders, once per request. */
export const createContextFactory =
  (orm: MikroORM) =>
  async ({ requestId }: { requestId: string }): Promise<PartnersContext> => {
    const em = orm.em.fork();
    return { em, loaders: createLoaders(em), requestId };
  };
