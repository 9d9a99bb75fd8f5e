import type { EntityManager } from '@mikro-orm/postgresql';
import { createRequestContextFactory, type RequestContext } from '@jobcenter-hub/subgraph';
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

/** The request context of this subgraph's resolvers (see `RequestContext`). */
export type __Name__Context = RequestContext<ReturnType<typeof createLoaders>>;

/** Forks the EntityManager, reads the clock and creates the loaders, once per request; tests may pass a fixed clock. */
export const createContextFactory = createRequestContextFactory(createLoaders);
