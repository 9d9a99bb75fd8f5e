import type { Caller } from '@jobcenter-hub/service';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { type Clock, forkRequestEm, systemClock } from '@jobcenter-hub/subgraph';
import {
  create__Entities__ByDistrictLoader,
  create__Entities__ByPartnerLoader,
  create__Entity__Loader,
} from './modules/__entityFile__/__entityFile__.loader';

function createLoaders(em: EntityManager) {
  return {
    __entity__: create__Entity__Loader(em),
    __entities__ByDistrict: create__Entities__ByDistrictLoader(em),
    __entities__ByPartner: create__Entities__ByPartnerLoader(em),
  };
}

export interface __Name__Context {
  em: EntityManager;
  loaders: ReturnType<typeof createLoaders>;
  requestId: string;
  /** Who is calling (from the verified bearer token; anonymous without one). */
  caller: Caller;
  /** The instant the request started: every "now" of the request (archiving, "upcoming", …) reads this. */
  now: Date;
}

/**
 * The one place that forks the EntityManager, creates the loaders and reads the clock, once per
 * request. Tests may pass a fixed `clock`.
 */
export const createContextFactory =
  (orm: MikroORM, clock: Clock = systemClock) =>
  async ({ requestId, caller }: { requestId: string; caller: Caller }): Promise<__Name__Context> => {
    const em = forkRequestEm(orm); // archived records leave every list (the `live` filter)
    return { em, loaders: createLoaders(em), requestId, caller, now: clock() };
  };
