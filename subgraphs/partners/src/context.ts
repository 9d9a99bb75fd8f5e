import type { Caller } from '@jobcenter-hub/service';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { type Clock, forkRequestEm, systemClock } from '@jobcenter-hub/subgraph';
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
  /** The instant the request started: every "now" of the request (archiving, `openNow`) reads this. */
  now: Date;
}

/**
 * The one place that forks the EntityManager, creates the loaders and reads the clock, once per
 * request. Tests may pass a fixed `clock`.
 */
export const createContextFactory =
  (orm: MikroORM, clock: Clock = systemClock) =>
  async ({ requestId, caller }: { requestId: string; caller: Caller }): Promise<PartnersContext> => {
    const em = forkRequestEm(orm); // archived records leave every list (the `live` filter)
    return { em, loaders: createLoaders(em), requestId, caller, now: clock() };
  };
